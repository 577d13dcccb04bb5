#include "core/traces/tracegraph.h"

#include <QHash>

#include <algorithm>
#include <bit>

namespace Workbench::Traces {

namespace {
constexpr quint64 golden = 0x9e3779b97f4a7c15ull;
}

TraceGraph::TraceGraph(const SpanStore &store)
    : m_store(&store)
{
    buildIndex(store);
    linkParents(store);
    breakCycles();
    buildChildren(store);
    buildDepths();
    buildTraces(store);
}

void TraceGraph::buildIndex(const SpanStore &store)
{
    const auto n = size_t(store.size());
    size_t capacity = 16;
    while (capacity < n * 2)
        capacity *= 2;
    m_table.assign(capacity, 0);
    m_shift = 64 - quint32(std::countr_zero(capacity));
    const size_t mask = capacity - 1;
    for (size_t i = 0; i < n; ++i) {
        const SpanStore::Record &r = store.record(qsizetype(i));
        if (!r.has(SpanStore::HasSpanId))
            continue;
        size_t slot = size_t((r.spanId * golden) >> m_shift);
        for (;; slot = (slot + 1) & mask) {
            const qint32 entry = m_table[slot];
            if (entry == 0) {
                m_table[slot] = qint32(i) + 1;
                break;
            }
            if (store.record(entry - 1).spanId == r.spanId) {
                m_duplicates.push_back(qint32(i));
                break;
            }
        }
    }
}

qint32 TraceGraph::indexOf(quint64 spanId) const
{
    if (m_table.empty() || !m_store)
        return -1;
    const size_t mask = m_table.size() - 1;
    for (size_t slot = size_t((spanId * golden) >> m_shift);; slot = (slot + 1) & mask) {
        const qint32 entry = m_table[slot];
        if (entry == 0)
            return -1;
        if (m_store->record(entry - 1).spanId == spanId)
            return entry - 1;
    }
}

void TraceGraph::linkParents(const SpanStore &store)
{
    const auto n = size_t(store.size());
    m_parent.assign(n, -1);
    m_link.assign(n, Link::Root);
    for (size_t i = 0; i < n; ++i) {
        const SpanStore::Record &r = store.record(qsizetype(i));
        if (!r.has(SpanStore::ParentMember))
            continue;
        const qint32 p = r.has(SpanStore::HasParentId) ? indexOf(r.parentId) : -1;
        if (p < 0 || size_t(p) == i) {
            m_link[i] = p < 0 ? Link::MissingParent : Link::Cycle;
            if (p >= 0)
                m_cycleSpans.push_back(qint32(i));
            continue;
        }
        m_parent[i] = p;
        const SpanStore::Record &parent = store.record(p);
        const bool sameTrace
            = r.has(SpanStore::HasTraceId) == parent.has(SpanStore::HasTraceId) && r.traceId == parent.traceId;
        m_link[i] = sameTrace ? Link::Child : Link::OtherTrace;
    }
}

void TraceGraph::breakCycles()
{
    // Every span has at most one parent, so a cycle is a loop of parent links. Walk up from
    // each span not yet known to reach a top; a walk that meets itself has found a cycle,
    // which is broken at the span where it was entered.
    const size_t n = m_parent.size();
    enum : quint8 { Unknown, OnPath, Done };
    std::vector<quint8> state(n, Unknown);
    std::vector<qint32> path;
    for (size_t start = 0; start < n; ++start) {
        if (state[start] != Unknown)
            continue;
        path.clear();
        qint32 at = qint32(start);
        while (at >= 0 && state[size_t(at)] == Unknown) {
            state[size_t(at)] = OnPath;
            path.push_back(at);
            at = m_parent[size_t(at)];
        }
        if (at >= 0 && state[size_t(at)] == OnPath) {
            // `at` is on the current path: the spans from it to the path's end form the cycle.
            const auto first = std::find(path.begin(), path.end(), at);
            for (auto it = first; it != path.end(); ++it)
                m_cycleSpans.push_back(*it);
            m_parent[size_t(at)] = -1;
            m_link[size_t(at)] = Link::Cycle;
        }
        for (const qint32 span : path)
            state[size_t(span)] = Done;
    }
    std::sort(m_cycleSpans.begin(), m_cycleSpans.end());
}

void TraceGraph::buildChildren(const SpanStore &store)
{
    const size_t n = m_parent.size();
    m_childBegin.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        if (m_parent[i] >= 0)
            ++m_childBegin[size_t(m_parent[i]) + 1];
    }
    for (size_t i = 0; i < n; ++i)
        m_childBegin[i + 1] += m_childBegin[i];
    m_children.assign(m_childBegin[n], -1);
    std::vector<quint32> fill(m_childBegin.begin(), m_childBegin.end() - 1);
    for (size_t i = 0; i < n; ++i) {
        if (m_parent[i] >= 0)
            m_children[fill[size_t(m_parent[i])]++] = qint32(i);
        else
            m_topLevel.push_back(qint32(i));
    }
    auto byStart = [&store](qint32 a, qint32 b) {
        const qint64 ta = store.record(a).timestamp;
        const qint64 tb = store.record(b).timestamp;
        return ta != tb ? ta < tb : a < b;
    };
    for (size_t i = 0; i < n; ++i) {
        auto begin = m_children.begin() + m_childBegin[i];
        auto end = m_children.begin() + m_childBegin[i + 1];
        if (end - begin > 1 && !std::is_sorted(begin, end, byStart))
            std::sort(begin, end, byStart);
    }
    if (!std::is_sorted(m_topLevel.begin(), m_topLevel.end(), byStart))
        std::sort(m_topLevel.begin(), m_topLevel.end(), byStart);
}

void TraceGraph::buildDepths()
{
    m_depth.assign(m_parent.size(), 0);
    std::vector<qint32> stack(m_topLevel.rbegin(), m_topLevel.rend());
    while (!stack.empty()) {
        const qint32 span = stack.back();
        stack.pop_back();
        const qint32 depth = m_parent[size_t(span)] >= 0 ? m_depth[size_t(m_parent[size_t(span)])] + 1 : 0;
        m_depth[size_t(span)] = depth;
        m_maxDepth = std::max(m_maxDepth, depth);
        for (const qint32 child : children(span))
            stack.push_back(child);
    }
}

void TraceGraph::buildTraces(const SpanStore &store)
{
    QHash<quint64, qsizetype> byId;
    qsizetype withoutId = -1;
    for (qsizetype i = 0; i < store.size(); ++i) {
        const SpanStore::Record &r = store.record(i);
        const bool has = r.has(SpanStore::HasTraceId);
        qsizetype at = -1;
        if (has) {
            const auto it = byId.constFind(r.traceId);
            if (it != byId.cend()) {
                at = *it;
            } else {
                at = qsizetype(m_traces.size());
                m_traces.push_back(Trace{r.traceId, true, {}, 0});
                byId.insert(r.traceId, at);
            }
        } else {
            if (withoutId < 0) {
                withoutId = qsizetype(m_traces.size());
                m_traces.push_back(Trace{0, false, {}, 0});
            }
            at = withoutId;
        }
        Trace &trace = m_traces[size_t(at)];
        ++trace.spans;
        if (!r.has(SpanStore::ParentMember))
            trace.roots.push_back(qint32(i));
    }
}

qsizetype TraceGraph::memoryUsed() const
{
    const size_t bytes = m_table.capacity() * sizeof(qint32) + m_parent.capacity() * sizeof(qint32)
        + m_link.capacity() * sizeof(Link) + m_childBegin.capacity() * sizeof(quint32)
        + m_children.capacity() * sizeof(qint32) + m_depth.capacity() * sizeof(qint32)
        + m_topLevel.capacity() * sizeof(qint32);
    return qsizetype(bytes);
}

} // namespace Workbench::Traces
