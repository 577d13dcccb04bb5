#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QAction;
class QObject;

namespace Workbench {

// Copy as curl: the request's curl command (Browse::curlCommand, the token written as
// $INSTANA_API_TOKEN) on the clipboard; returns the command. `url` is the tenant's base URL, or a
// whole URL whose path and query are then the request's (a path given adds to it).
QString copyAsCurl(const QByteArray &method, const QUrl &url, const QUrlQuery &query = {}, const QByteArray &body = {},
                   const QString &path = {});

// An action "Copy as curl" that asks `request` for the request each time it is triggered.
struct CurlRequest
{
    QByteArray method;
    QUrl url;
    QString path;
    QUrlQuery query;
    QByteArray body;
};
QAction *makeCopyAsCurlAction(QObject *parent, std::function<CurlRequest()> request);

} // namespace Workbench
