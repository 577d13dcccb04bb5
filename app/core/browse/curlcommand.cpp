#include "core/browse/curlcommand.h"

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
    QUrl url = baseUrl;
    QString relative = path;
    QString queryText;
    const qsizetype mark = relative.indexOf(u'?');
    if (mark >= 0) {
        queryText = QUrlQuery(relative.mid(mark + 1)).query(QUrl::FullyEncoded);
        relative.truncate(mark);
    }
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!queryText.isEmpty())
            queryText += u'&';
        queryText += QString::fromLatin1(QUrl::toPercentEncoding(key)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    if (!relative.startsWith(u'/'))
        relative.prepend(u'/');
    url.setPath(basePath + relative, QUrl::TolerantMode);
    if (queryText.isEmpty())
        url.setQuery(QString());
    else
        url.setQuery(queryText, QUrl::StrictMode);
    url.setFragment(QString());
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
