#include "core/browse/curlcommand.h"

#include "core/rest/restclient.h"

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', "'\\''"_L1);
    return u'\'' + quoted + u'\'';
}

QUrl requestUrl(const QUrl &baseUrl, const QString &path, const QUrlQuery &query)
{
    QUrl url = Rest::apiUrl(baseUrl, path, query);
    url.setUserInfo(QString());
    return url;
}

QString curlCommand(const QByteArray &method, const QUrl &baseUrl, const QString &path, const QUrlQuery &query,
                    const QByteArray &body)
{
    const QByteArray verb = method.toUpper();
    QString command = u"curl -sS"_s;
    if (verb != "GET" || !body.isEmpty())
        command += u" -X "_s + shellQuoted(QString::fromLatin1(verb));
    command += u' ' + shellQuoted(requestUrl(baseUrl, path, query).toString(QUrl::FullyEncoded));
    // Double quotes so that the shell puts the token in; nothing else is inside them.
    command += uR"( -H "authorization: apiToken $INSTANA_API_TOKEN")"_s;
    command += u" -H 'Accept: application/json'"_s;
    if (!body.isEmpty()) {
        command += u" -H 'Content-Type: application/json'"_s;
        command += u" --data-binary "_s + shellQuoted(QString::fromUtf8(body));
    }
    return command;
}

} // namespace Workbench::Browse
