#pragma once

#include "core/traces/spanrules.h"
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
// Per span: every rule of SpanRules, the same the local agent applies. Across spans
// (SpanRules::crossSpanRules()): errors for a repeated spanId, a trace without a root or with
// several, a parentId naming no span or a span of another trace, a cycle; warnings for an
// ENTRY followed by an ENTRY (or an EXIT not by an ENTRY) and a child starting before or
// ending after its parent. With requestLimits, warnings for more than 1000 spans or 4 MiB for
// one request.
namespace TraceValidator {

ValidationReport validate(const SpanStore &store, const TraceGraph &graph, const ValidationOptions &options = {});
ValidationReport validate(const SpanStore &store, const ValidationOptions &options = {});

// Plausible epoch milliseconds (see SpanRules).
constexpr qint64 EarliestTimestamp = SpanRules::EarliestTimestamp;
constexpr qint64 LatestTimestamp = SpanRules::LatestTimestamp;

} // namespace TraceValidator

} // namespace Workbench::Traces
