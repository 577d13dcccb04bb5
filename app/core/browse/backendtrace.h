#pragma once

#include "core/traces/span.h"
#include "core/traces/spanstore.h"
#include "core/validation/finding.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// A trace as the backend keeps it, made into the agent's span format: the calls of
// `GET /api/application-monitoring/v2/analyze/traces/{id}` (a flat list, each naming its parent
// call) and each call's spans from `GET .../traces/{traceId}/calls/{callId}/details` (an EXIT
// span of the caller and an ENTRY span of the callee, or one of them). Ids, parents, start,
// duration, kind, errors and names become the span's fields; the span's `data`, nested objects
// and all, becomes its `data` flattened into dotted keys ("http.status") with texts as values,
// as the agent's format has it. What is missing or of the wrong type gives a finding and a span
// made from what there is, never a failure.
namespace Workbench::Browse::BackendTrace {

// The API's paths, ids percent-encoded.
QString callsPath(const QString &traceId);
QString detailsPath(const QString &traceId, const QString &callId);

// One call of the trace's list.
struct Call
{
    QString id;
    QString parentId; // empty for the trace's root call
    std::optional<qint64> timestamp;
    std::optional<qint64> duration;
    QString name;
    int errorCount = 0;
    QString service; // destination.service.label
};

// The calls of a list's items; an item without a text id is skipped with a finding (rule
// "bad-call"), one repeated too.
QList<Call> readCalls(const QJsonArray &items, Findings &findings);

// The spans of one call from its details answer, ids and parents as written. Details that are
// no object, or have no usable span, give one span made from the call itself, with a finding
// ("call-without-spans"); a span with a field missing or wrong takes it from the call, with a
// finding ("span-field").
QList<Traces::Span> spansOfCall(const Call &call, const QJsonValue &details, Findings &findings);

// The span made from the call alone, when its details could not be had.
Traces::Span spanFromCall(const Call &call);

struct Conversion
{
    Traces::SpanStore store;
    Findings findings; // warnings, for people: what was missing, taken from elsewhere or left out
    QString traceId; // as the spans carry it
};

// The whole trace: every call's spans in the calls' order, each carrying the trace id (an id of
// 32 hex digits is cut to its lower 64 bits, as the agent's format keeps 64), a parent that names
// no span of the trace replaced by the last span of the parent call (or dropped for the root),
// repeated span ids left out, and data that would make a span larger than the agent takes
// shortened; each with a finding. `spansByCall` has the spans of the calls whose details came;
// any other call is made from the call alone.
Conversion assemble(const QString &traceId, const QList<Call> &calls,
                    const QHash<QString, QList<Traces::Span>> &spansByCall, Findings findings = {});

// The same from the answers themselves: the calls' items and the details by call id.
Conversion convert(const QString &traceId, const QJsonArray &callItems, const QHash<QString, QJsonValue> &details);

} // namespace Workbench::Browse::BackendTrace
