#include "core/viewer/waterfallrows.h"

#include <QHash>

#include <algorithm>
#include <limits>

using namespace Workbench::Traces;

namespace Workbench::Viewer {

WaterfallRows::WaterfallRows(const SpanStore &store, const TraceGraph &graph)
    : m_store(&store)
    , m_graph(&graph)
{
    const auto n = size_t(store.size());
    m_placeholderOf.assign(n, 0);
    QHash<quint64, qint32> missing; // parentId → placeholder index
    qint32 cycle = -1;
    for (const qint32 span : graph.topLevel()) {
        switch (graph.link(span)) {
        case TraceGraph::Link::Root:
        case TraceGraph::Link::Child:
        case TraceGraph::Link::OtherTrace:
            m_top.push_back(span);
            break;
        case TraceGraph::Link::MissingParent: {
            const SpanStore::Record &r = store.record(span);
            const quint64 key = r.has(SpanStore::HasParentId) ? r.parentId : std::numeric_limits<quint64>::max();
            auto it = missing.constFind(key);
            qint32 index = 0;
            if (it == missing.cend()) {
                index = qint32(m_placeholders.size());
                Placeholder placeholder;
                placeholder.kind = Placeholder::Kind::MissingParent;
                placeholder.parentId = store.span(span).parentId;
                m_placeholders.push_back(std::move(placeholder));
                missing.insert(key, index);
                m_top.push_back(-1 - index);
            } else {
                index = *it;
            }
            m_placeholders[size_t(index)].children.push_back(span);
            m_placeholderOf[size_t(span)] = -1 - index;
            break;
        }
        case TraceGraph::Link::Cycle:
            if (cycle < 0) {
                cycle = qint32(m_placeholders.size());
                m_placeholders.push_back(Placeholder{Placeholder::Kind::Cycle, {}, {}, 0, 0});
                m_top.push_back(-1 - cycle);
            }
            m_placeholders[size_t(cycle)].children.push_back(span);
            m_placeholderOf[size_t(span)] = -1 - cycle;
            break;
        }
    }
    for (Placeholder &placeholder : m_placeholders) {
        placeholder.start = std::numeric_limits<qint64>::max();
        placeholder.end = std::numeric_limits<qint64>::min();
        for (const qint32 span : placeholder.children) {
            placeholder.start = std::min(placeholder.start, store.record(span).timestamp);
            placeholder.end = std::max(placeholder.end, store.record(span).end());
        }
    }
    // m_top follows the graph's start order; placeholders take their first child's place.
    m_collapsed.assign(n + m_placeholders.size(), false);
    rebuild();
}

size_t WaterfallRows::slotOf(Node node) const
{
    return isPlaceholder(node) ? size_t(m_store->size()) + size_t(-1 - node) : size_t(node);
}

std::vector<WaterfallRows::Node> WaterfallRows::children(Node node) const
{
    if (isPlaceholder(node)) {
        const auto &list = placeholder(node).children;
        return std::vector<Node>(list.begin(), list.end());
    }
    const auto list = m_graph->children(node);
    return std::vector<Node>(list.begin(), list.end());
}

WaterfallRows::Node WaterfallRows::parent(Node node) const
{
    if (isPlaceholder(node))
        return std::numeric_limits<Node>::min();
    const qint32 p = m_graph->parent(node);
    if (p >= 0)
        return p;
    const qint32 holder = m_placeholderOf[size_t(node)];
    return holder != 0 ? holder : std::numeric_limits<Node>::min();
}

qint64 WaterfallRows::start(Node node) const
{
    return isPlaceholder(node) ? placeholder(node).start : m_store->record(node).timestamp;
}

qint64 WaterfallRows::end(Node node) const
{
    return isPlaceholder(node) ? placeholder(node).end : m_store->record(node).end();
}

qsizetype WaterfallRows::rowOf(Node node) const
{
    const size_t at = slotOf(node);
    return at < m_rowOf.size() ? qsizetype(m_rowOf[at]) - 1 : -1;
}

bool WaterfallRows::isExpanded(Node node) const
{
    const size_t at = slotOf(node);
    return !m_collapsed[at];
}

bool WaterfallRows::visible(Node node) const
{
    if (isPlaceholder(node)) {
        const auto &list = placeholder(node).children;
        return std::any_of(list.begin(), list.end(), [this](qint32 span) { return visible(span); });
    }
    if (!m_filter.empty() && !m_filter[size_t(node)])
        return false;
    return m_minDuration <= 0 || m_store->record(node).duration >= m_minDuration;
}

bool WaterfallRows::hasVisibleChildren(Node node) const
{
    for (const Node child : children(node)) {
        if (visible(child))
            return true;
    }
    return false;
}

void WaterfallRows::setExpanded(Node node, bool expanded)
{
    const size_t at = slotOf(node);
    if (m_collapsed[at] == !expanded)
        return;
    m_collapsed[at] = !expanded;
    rebuild();
}

void WaterfallRows::setSubtreeExpanded(Node node, bool expanded)
{
    std::vector<Node> stack{node};
    while (!stack.empty()) {
        const Node at = stack.back();
        stack.pop_back();
        const size_t slot = slotOf(at);
        m_collapsed[slot] = !expanded;
        for (const Node child : children(at))
            stack.push_back(child);
    }
    rebuild();
}

void WaterfallRows::setAllExpanded(bool expanded)
{
    std::fill(m_collapsed.begin(), m_collapsed.end(), !expanded);
    rebuild();
}

void WaterfallRows::collapseOneLevel()
{
    qint32 deepest = -1;
    for (const Row &row : m_rows) {
        if (row.depth > deepest && isExpanded(row.node) && hasVisibleChildren(row.node))
            deepest = row.depth;
    }
    if (deepest < 0)
        return;
    for (const Row &row : m_rows) {
        if (row.depth == deepest && hasVisibleChildren(row.node)) {
            const size_t at = slotOf(row.node);
            m_collapsed[at] = true;
        }
    }
    rebuild();
}

void WaterfallRows::expandOneLevel()
{
    qint32 shallowest = std::numeric_limits<qint32>::max();
    for (const Row &row : m_rows) {
        if (row.depth < shallowest && !isExpanded(row.node) && hasVisibleChildren(row.node))
            shallowest = row.depth;
    }
    if (shallowest == std::numeric_limits<qint32>::max())
        return;
    for (const Row &row : m_rows) {
        if (row.depth == shallowest && !isExpanded(row.node)) {
            const size_t at = slotOf(row.node);
            m_collapsed[at] = false;
        }
    }
    rebuild();
}

void WaterfallRows::setFilter(std::vector<bool> matches)
{
    m_filter.clear();
    if (!matches.empty()) {
        // Matches and their ancestors, which open so that the matches show.
        m_filter.assign(matches.size(), false);
        for (size_t i = 0; i < matches.size(); ++i) {
            if (!matches[i])
                continue;
            for (Node at = Node(i); at != std::numeric_limits<Node>::min(); at = parent(at)) {
                const size_t slot = slotOf(at);
                if (at != Node(i))
                    m_collapsed[slot] = false;
                if (!isPlaceholder(at)) {
                    if (m_filter[size_t(at)] && at != Node(i))
                        break;
                    m_filter[size_t(at)] = true;
                }
            }
        }
    }
    rebuild();
}

void WaterfallRows::setMinDuration(qint64 ms)
{
    m_minDuration = std::max<qint64>(0, ms);
    rebuild();
}

void WaterfallRows::setRoot(Node node)
{
    m_root = node;
    m_rooted = true;
    rebuild();
}

void WaterfallRows::clearRoot()
{
    m_rooted = false;
    rebuild();
}

void WaterfallRows::rebuild()
{
    m_rows.clear();
    m_rowOf.assign(size_t(m_store->size()) + m_placeholders.size(), 0);
    m_start = std::numeric_limits<qint64>::max();
    m_end = std::numeric_limits<qint64>::min();
    std::vector<Row> stack;
    const std::vector<Node> top = m_rooted ? std::vector<Node>{m_root} : m_top;
    for (auto it = top.rbegin(); it != top.rend(); ++it) {
        if (visible(*it))
            stack.push_back(Row{*it, 0});
    }
    while (!stack.empty()) {
        const Row row = stack.back();
        stack.pop_back();
        const size_t slot = slotOf(row.node);
        m_rowOf[slot] = qint32(m_rows.size()) + 1;
        m_rows.push_back(row);
        m_start = std::min(m_start, start(row.node));
        m_end = std::max(m_end, end(row.node));
        if (m_collapsed[slot])
            continue;
        if (isPlaceholder(row.node)) {
            const auto &list = placeholder(row.node).children;
            for (auto child = list.rbegin(); child != list.rend(); ++child) {
                if (visible(*child))
                    stack.push_back(Row{*child, row.depth + 1});
            }
        } else {
            const auto list = m_graph->children(row.node);
            for (auto child = list.rbegin(); child != list.rend(); ++child) {
                if (visible(*child))
                    stack.push_back(Row{*child, row.depth + 1});
            }
        }
    }
    if (m_rows.empty())
        m_start = m_end = 0;
}

} // namespace Workbench::Viewer
