#pragma once

#include "core/traces/tracegraph.h"

#include <QtGlobal>

#include <functional>
#include <optional>
#include <vector>

namespace Workbench::Viewer {

// Moving about a trace as the viewer does: the spans in tree order (depth first, children in
// start order, as the waterfall lists them), the matches of a search in that order, stepping
// from one match to the next or the previous with wrap-around, the root of a span's trace and
// the spans of a subtree. Spans are indices into the graph's store; a negative index (none,
// or a waterfall placeholder) is no span.
class TraceNavigation
{
public:
    TraceNavigation() = default;
    explicit TraceNavigation(const Traces::TraceGraph &graph);

    // Every span once, depth first from the top-level spans.
    const std::vector<qint32> &treeOrder() const { return m_treeOrder; }
    // A span's place in treeOrder(), or -1 for no span.
    qint32 treePosition(qint32 span) const;

    // The matches of a search (one flag per span), kept in tree order. Empty: no search.
    void setMatches(const std::vector<bool> &matches);
    const std::vector<qint32> &matchOrder() const { return m_matchOrder; }
    qsizetype matchCount() const { return qsizetype(m_matchOrder.size()); }
    // The place of `span` among the matches, or -1 when it is no match.
    qsizetype matchIndex(qint32 span) const;

    // The next match after `current` with wrap-around: the one after it when it is a match,
    // else the first one after it in tree order (the first of all for no span). Matches that
    // `reachable` refuses (hidden in the view) are passed over, forwards; nothing when it
    // refuses them all or there are none. `reachable` is asked in order and may change the
    // view (expand a collapsed parent) to reach one.
    using Reachable = std::function<bool(qint32 span)>;
    std::optional<qsizetype> nextMatch(qint32 current, const Reachable &reachable) const;
    // The same backwards: the match before `current` (the last of all for no span), hidden
    // ones passed over backwards.
    std::optional<qsizetype> previousMatch(qint32 current, const Reachable &reachable) const;

    // The top of the trace `span` is in: following linked parents up (a cycle is broken in
    // the graph, so this ends). -1 for no span.
    static qint32 rootOf(const Traces::TraceGraph &graph, qint32 span);
    // The spans of the subtrees below `tops`, the tops included, each once, in index order.
    static std::vector<qint32> subtree(const Traces::TraceGraph &graph, const std::vector<qint32> &tops);

private:
    std::optional<qsizetype> step(qsizetype from, int direction, const Reachable &reachable) const;

    std::vector<qint32> m_treeOrder;
    std::vector<qint32> m_treePosition; // per span
    std::vector<qint32> m_matchOrder;
};

} // namespace Workbench::Viewer
