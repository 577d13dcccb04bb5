#pragma once

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"

#include <QString>

#include <vector>

// What the viewer computes about a trace, each in linear time (plus sorting children).
namespace Workbench::Viewer::TraceAnalysis {

// Each span's self time: its duration less the time covered by its children (clipped to the
// span; overlapping children counted once).
std::vector<qint64> selfTimes(const Traces::SpanStore &store, const Traces::TraceGraph &graph);

// The critical path below `root`: the spans that determine when it ends. Going back from the
// root's end, the child that ends last is on the path; from where it began, the child that
// was running or ended last before that point; and so on, within each child recursively. A
// child that overlaps the next one on the path counts for the part before that one began.
// Spans from the root, latest part first.
std::vector<qint32> criticalPath(const Traces::SpanStore &store, const Traces::TraceGraph &graph, qint32 root);

struct Group
{
    QString key; // the service or the span name
    qsizetype spans = 0;
    qsizetype errors = 0;
    qint64 totalMs = 0; // sum of durations
    qint64 selfMs = 0; // sum of self times
    qint64 maxMs = 0;
};

enum class GroupBy {
    Service, // data "service" (spans without one: "(no service)")
    Name,
};

// Per service or per span name, biggest self time first. `spans` limits it to some spans
// (e.g. a subtree); empty means all.
std::vector<Group> groups(const Traces::SpanStore &store, const std::vector<qint64> &selfTimes, GroupBy by,
                          const std::vector<qint32> &spans = {});

// The service of a span: data "service", or an empty string.
QString serviceOf(const Traces::SpanStore &store, qsizetype span);

} // namespace Workbench::Viewer::TraceAnalysis
