#pragma once

#include "core/validation/finding.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Workbench {

// What the local agent received, as values the rest of the application can keep and show.

// One event or one span of an accepted request.
struct CapturedItem
{
    enum class Kind {
        Event,
        Span,
    };

    Kind kind = Kind::Event;
    quint64 requestId = 0;
    int index = 0; // position in the request's array (0 for a single object)
    qint64 receivedAtMs = 0; // ms since epoch, UTC
    QString source; // "127.0.0.1:53022"
    QByteArray json; // as sent, on one line, keys in their order
    QJsonObject fields; // the same, parsed
    Findings findings;

    QString spanId() const { return fields.value(QLatin1StringView("spanId")).toString(); }
    QString traceId() const { return fields.value(QLatin1StringView("traceId")).toString(); }
    QString parentId() const { return fields.value(QLatin1StringView("parentId")).toString(); }
    QString name() const { return fields.value(QLatin1StringView("name")).toString(); }
    QString title() const { return fields.value(QLatin1StringView("title")).toString(); }
};

// One request, accepted or not, as it arrived.
struct RequestRecord
{
    quint64 id = 0;
    qint64 receivedAtMs = 0;
    QString source;
    QByteArray method;
    QByteArray path;
    int status = 0; // what the agent answered
    QByteArray head; // request line and headers as received
    QByteArray body; // as received (decoded from chunks), possibly cut short for rejections
    Findings findings; // about the request as a whole; in lenient mode, what would have refused it
};

// A request the agent refused, and why.
struct Rejection
{
    int status = 0;
    QString rule; // e.g. "body-too-large"
    QString reason; // a sentence naming what broke the rule
};

// Everything one request produced.
struct CaptureBatch
{
    RequestRecord request;
    QList<CapturedItem> items;
    std::optional<Rejection> rejection;
};

} // namespace Workbench

Q_DECLARE_METATYPE(Workbench::CaptureBatch)
