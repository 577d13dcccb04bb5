#include "ui/rest/copyascurl.h"

#include "core/browse/curlcommand.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::CopyAsCurl)
};

} // namespace

QString copyAsCurl(const QByteArray &method, const QUrl &url, const QUrlQuery &query, const QByteArray &body,
                   const QString &path)
{
    // A whole URL: its path and query are the request's; the origin is the base.
    QUrl base = url;
    QString requestPath = url.path(QUrl::FullyEncoded);
    if (!path.isEmpty()) {
        while (requestPath.endsWith(u'/'))
            requestPath.chop(1);
        requestPath += path.startsWith(u'/') ? path : u'/' + path;
    }
    QUrlQuery allQuery(url.query(QUrl::FullyEncoded));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        allQuery.addQueryItem(key, value);
    base.setPath(QString());
    base.setQuery(QString());
    QString command = Browse::curlCommand(method, base, requestPath, allQuery, body);
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(command);
    return command;
}

QAction *makeCopyAsCurlAction(QObject *parent, std::function<CurlRequest()> request)
{
    auto *action = new QAction(Messages::tr("Copy as curl"), parent);
    action->setToolTip(Messages::tr("Copy the request as a curl command; the token is written as $INSTANA_API_TOKEN"));
    QObject::connect(action, &QAction::triggered, action, [request = std::move(request)] {
        const CurlRequest r = request();
        if (!r.url.isEmpty())
            copyAsCurl(r.method, r.url, r.query, r.body, r.path);
    });
    return action;
}

} // namespace Workbench
