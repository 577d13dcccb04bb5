#pragma once

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"
#include "core/validation/finding.h"

#include <QJsonObject>

namespace Workbench::Traces {

struct ValidationOptions
{
    // Whether to report that the spans, sent as one request, would break the agent's request
    // limits (the sender splits them; a file to be sent with curl must not).
    bool requestLimits = true;
    // Findings kept in the report beyond this are only counted.
    qsizetype maxFindings = 100000;
};

struct ValidationReport
{
    qsizetype errors = 0;
    qsizetype warnings = 0;
    Findings findings; // in span order, request-wide findings last
    qsizetype omitted = 0; // counted but not kept (see ValidationOptions::maxFindings)

    bool hasErrors() const { return errors > 0; }
    // {"errors":N,"warnings":N,"findings":[{"severity","rule","spanId","message"}]}
    QJsonObject toJson() const;
    void add(Finding finding, qsizetype maxFindings);
};

// Checks spans against the agent's format, its hierarchy rules and its limits. A finding
// names the span (its spanId and its position), the rule and what is wrong, for people.
//
// Errors: a field missing or of the wrong type, an id that is no hex string or longer than 16
// digits, a repeated spanId, a trace without a root or with several, a parentId naming no span
// or a span of another trace, a cycle, an unknown type, a negative duration, a timestamp that is
// no plausible epoch time in milliseconds, a span over 4 KiB of JSON.
// Warnings: an id not written in 16 digits, an ENTRY followed by an ENTRY (or an EXIT not by an
// ENTRY), a backendTrace on a span other than EUM, a child starting before or ending after its
// parent, a `data` value that is not a string, an unknown field, and (with requestLimits) more
// than 1000 spans or 4 MiB for one request.
namespace TraceValidator {

ValidationReport validate(const SpanStore &store, const TraceGraph &graph, const ValidationOptions &options = {});
ValidationReport validate(const SpanStore &store, const ValidationOptions &options = {});

// Plausible epoch milliseconds: from 2000-01-01 up to 2100-01-01.
constexpr qint64 EarliestTimestamp = 946684800000;
constexpr qint64 LatestTimestamp = 4102444800000;

} // namespace TraceValidator

} // namespace Workbench::Traces
