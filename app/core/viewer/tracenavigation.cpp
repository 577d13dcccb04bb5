#include "core/viewer/tracenavigation.h"

#include <algorithm>

namespace Workbench::Viewer {

TraceNavigation::TraceNavigation(const Traces::TraceGraph &graph)
{
    const qsizetype n = graph.size();
    m_treeOrder.reserve(size_t(n));
    m_treePosition.assign(size_t(n), -1);
    std::vector<qint32> stack;
    const auto &top = graph.topLevel();
    for (auto it = top.rbegin(); it != top.rend(); ++it)
        stack.push_back(*it);
    while (!stack.empty()) {
        const qint32 span = stack.back();
        stack.pop_back();
        if (m_treePosition[size_t(span)] >= 0)
            continue;
        m_treePosition[size_t(span)] = qint32(m_treeOrder.size());
        m_treeOrder.push_back(span);
        const auto children = graph.children(span);
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back(*it);
    }
    // Anything the walk missed (it should miss nothing) still gets a place.
    for (qint32 span = 0; span < n; ++span) {
        if (m_treePosition[size_t(span)] < 0) {
            m_treePosition[size_t(span)] = qint32(m_treeOrder.size());
            m_treeOrder.push_back(span);
        }
    }
}

qint32 TraceNavigation::treePosition(qint32 span) const
{
    return span >= 0 && size_t(span) < m_treePosition.size() ? m_treePosition[size_t(span)] : -1;
}

void TraceNavigation::setMatches(const std::vector<bool> &matches)
{
    m_matchOrder.clear();
    if (matches.empty())
        return;
    for (const qint32 span : m_treeOrder) {
        if (size_t(span) < matches.size() && matches[size_t(span)])
            m_matchOrder.push_back(span);
    }
}

qsizetype TraceNavigation::matchIndex(qint32 span) const
{
    const qint32 position = treePosition(span);
    if (position < 0)
        return -1;
    const auto it = std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), position,
                                     [this](qint32 match, qint32 at) { return m_treePosition[size_t(match)] < at; });
    return it != m_matchOrder.end() && *it == span ? qsizetype(it - m_matchOrder.begin()) : -1;
}

std::optional<qsizetype> TraceNavigation::step(qsizetype from, int direction, const Reachable &reachable) const
{
    const qsizetype total = matchCount();
    for (qsizetype tried = 0; tried < total; ++tried) {
        const qsizetype at = ((from + direction * tried) % total + total) % total;
        if (!reachable || reachable(m_matchOrder[size_t(at)]))
            return at;
    }
    return std::nullopt;
}

std::optional<qsizetype> TraceNavigation::nextMatch(qint32 current, const Reachable &reachable) const
{
    if (m_matchOrder.empty())
        return std::nullopt;
    if (const qsizetype at = matchIndex(current); at >= 0)
        return step(at + 1, +1, reachable);
    // The first match after the current span in tree order.
    const qint32 position = treePosition(current);
    const auto it = std::upper_bound(m_matchOrder.begin(), m_matchOrder.end(), position,
                                     [this](qint32 at, qint32 match) { return at < m_treePosition[size_t(match)]; });
    return step(it == m_matchOrder.end() ? 0 : qsizetype(it - m_matchOrder.begin()), +1, reachable);
}

std::optional<qsizetype> TraceNavigation::previousMatch(qint32 current, const Reachable &reachable) const
{
    if (m_matchOrder.empty())
        return std::nullopt;
    if (const qsizetype at = matchIndex(current); at >= 0)
        return step(at - 1, -1, reachable);
    // The last match before the current span in tree order (the last of all for no span).
    const qint32 position = current >= 0 ? treePosition(current) : qint32(m_treeOrder.size());
    const auto it = std::lower_bound(m_matchOrder.begin(), m_matchOrder.end(), position,
                                     [this](qint32 match, qint32 at) { return m_treePosition[size_t(match)] < at; });
    const qsizetype before = qsizetype(it - m_matchOrder.begin()) - 1;
    return step(before < 0 ? matchCount() - 1 : before, -1, reachable);
}

qint32 TraceNavigation::rootOf(const Traces::TraceGraph &graph, qint32 span)
{
    if (span < 0 || span >= graph.size())
        return -1;
    for (qsizetype guard = 0; graph.parent(span) >= 0 && guard < graph.size(); ++guard)
        span = graph.parent(span);
    return span;
}

std::vector<qint32> TraceNavigation::subtree(const Traces::TraceGraph &graph, const std::vector<qint32> &tops)
{
    std::vector<qint32> spans;
    std::vector<qint32> stack;
    for (const qint32 top : tops) {
        if (top >= 0 && top < graph.size())
            stack.push_back(top);
    }
    std::vector<bool> seen(size_t(graph.size()), false);
    while (!stack.empty()) {
        const qint32 span = stack.back();
        stack.pop_back();
        if (seen[size_t(span)])
            continue;
        seen[size_t(span)] = true;
        spans.push_back(span);
        for (const qint32 child : graph.children(span))
            stack.push_back(child);
    }
    std::sort(spans.begin(), spans.end());
    return spans;
}

} // namespace Workbench::Viewer
