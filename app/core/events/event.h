#pragma once

#include "core/validation/finding.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Workbench {

// The three kinds of event the agent's event endpoint knows, as the numbers it takes.
namespace EventSeverity {
constexpr int Change = -1;
constexpr int Warning = 5;
constexpr int Critical = 10;

// "change", "warning", "critical"; the number itself for anything else.
QString name(int severity);
// Takes a name ("change", "Warning", ...) or a number ("-1", "5", "10"); nothing for the rest.
std::optional<int> parse(const QString &text);
bool isKnown(int severity);
} // namespace EventSeverity

// One manual event for the agent's generic event endpoint (NOTES.md, section 1).
struct Event
{
    QString title;
    QString text; // empty: not sent
    int severity = EventSeverity::Change;
    std::optional<qint64> timestamp; // ms since epoch, UTC; absent until the event is fired
    std::optional<qint64> duration; // ms; absent: an instant event
    // Advanced: tie the event to one entity, as Instana's Go sensor does. Empty: not sent.
    QString plugin;
    QString id;
    QString host;

    bool operator==(const Event &other) const = default;

    // The event as fired at `nowMs`: an event without a timestamp gets that time, so that it
    // keeps its real time however long it then waits in the outbox.
    Event firedAt(qint64 nowMs) const;
};

namespace EventCodec {

// One compact JSON object, members in the documented order (title, text, severity, timestamp,
// duration, then plugin, id, host), absent optional fields left out.
QByteArray encode(const Event &event);

// The request body for a batch: one object when `asArray` is false and there is one event,
// otherwise a JSON array of the events in their order.
QByteArray encode(const QList<Event> &events, bool asArray);

struct Decoded
{
    QList<Event> events;
    bool isArray = false; // the text was an array (a batch), even of one event
    Findings findings; // errors mean `events` is not usable; warnings are for the user
    bool ok() const;
};

// Reads what a person or a script wrote: one event object or an array of them. Syntax errors
// are named with line and column; every element is checked as the agent would check it.
Decoded decode(QByteArrayView json);

} // namespace EventCodec

namespace EventRules {

// What is wrong with an event about to be fired at `nowMs`: the agent's own checks (severity,
// types, negative numbers, presence events) and the ones a person needs before an event
// goes out (an empty title, a timestamp far in the future or the past). `index` names the
// event in a batch; -1 for a single event.
Findings check(const Event &event, qint64 nowMs, int index = -1);

// The same for a batch, each event named by its position, plus the size of the whole body.
Findings check(const QList<Event> &events, qint64 nowMs);

// How far from now a timestamp may lie before it is refused.
constexpr qint64 MaxFutureMs = 60LL * 60 * 1000; // one hour
constexpr qint64 MaxPastMs = 30LL * 24 * 60 * 60 * 1000; // thirty days

bool hasErrors(const Findings &findings);

} // namespace EventRules

} // namespace Workbench
