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
    QByteArray json; // as sent, on one line, keys in their order, numbers as written
    Findings findings;

    // What lists and summaries show, read once when the item is captured.
    struct Summary
    {
        QString spanId; // ids as written
        QString traceId;
        QString parentId;
        QString name;
        QString type; // as written; null when absent or no string (an ENTRY)
        bool error = false;
        QString title; // events
        std::optional<qint64> severity; // events
        std::optional<qint64> timestamp;
        std::optional<qint64> duration;

        bool operator==(const Summary &other) const = default;
    };
    Summary summary;

    QString spanId() const { return summary.spanId; }
    QString traceId() const { return summary.traceId; }
    QString parentId() const { return summary.parentId; }
    QString name() const { return summary.name; }
    QString title() const { return summary.title; }

    // The JSON parsed, for a detailed look; lists use the summary.
    QJsonObject fields() const;
    // Sets the JSON and reads the summary from it.
    void setJson(QByteArray text);
    static Summary summaryOf(const QJsonObject &fields);
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
