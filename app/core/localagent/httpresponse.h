#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace Workbench {

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType = "application/json";

    // The bytes on the wire, with Content-Length and Connection set.
    QByteArray serialize(bool keepAlive) const;
    static QByteArray reasonPhrase(int status);
};

} // namespace Workbench
