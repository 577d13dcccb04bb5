#pragma once

#include "core/traces/spanstore.h"

#include <span>
#include <vector>

namespace Workbench::Traces {

// The hierarchy of the spans in a store: each span's parent, its children in start order,
// its depth, the spans shown at the top (roots, and spans whose parent is missing or that
// sit in a cycle), and the spans grouped by trace. Built in linear time; 25 bytes a span.
class TraceGraph
{
public:
    enum class Link : quint8 {
        Root, // no parentId
        Child, // the parent is in the same trace
        OtherTrace, // the parent exists but belongs to another trace (still linked)
        MissingParent, // no span has the parentId (or it is no readable id): an orphan
        Cycle, // following parents leads back here; the cycle is broken at this span
    };

    struct Trace
    {
        quint64 traceId = 0;
        bool hasTraceId = false;
        std::vector<qint32> roots; // spans without parentId
        qsizetype spans = 0;
    };

    TraceGraph() = default;
    explicit TraceGraph(const SpanStore &store);

    qsizetype size() const { return qsizetype(m_parent.size()); }
    // The linked parent, or -1 (roots, orphans, cycle breaks).
    qint32 parent(qsizetype span) const { return m_parent[size_t(span)]; }
    Link link(qsizetype span) const { return m_link[size_t(span)]; }
    std::span<const qint32> children(qsizetype span) const
    {
        return std::span<const qint32>(m_children.data() + m_childBegin[size_t(span)],
                                       m_childBegin[size_t(span) + 1] - m_childBegin[size_t(span)]);
    }
    qint32 depth(qsizetype span) const { return m_depth[size_t(span)]; }
    // Spans with no linked parent, in start order: what a tree view shows at its top.
    const std::vector<qint32> &topLevel() const { return m_topLevel; }
    const std::vector<Trace> &traces() const { return m_traces; }
    // The first span with this spanId, or -1.
    qint32 indexOf(quint64 spanId) const;
    // Spans that repeat an earlier span's spanId.
    const std::vector<qint32> &duplicates() const { return m_duplicates; }
    // Every span of a cycle (the cycle's spans, not their descendants).
    const std::vector<qint32> &cycleSpans() const { return m_cycleSpans; }
    qint32 maxDepth() const { return m_maxDepth; }

    qsizetype memoryUsed() const;

private:
    void buildIndex(const SpanStore &store);
    void linkParents(const SpanStore &store);
    void breakCycles();
    void buildChildren(const SpanStore &store);
    void buildDepths();
    void buildTraces(const SpanStore &store);

    std::vector<qint32> m_table; // open addressing over spanIds: index + 1, or 0
    quint32 m_shift = 64;
    std::vector<qint32> m_parent;
    std::vector<Link> m_link;
    std::vector<quint32> m_childBegin;
    std::vector<qint32> m_children;
    std::vector<qint32> m_depth;
    std::vector<qint32> m_topLevel;
    std::vector<qint32> m_duplicates;
    std::vector<qint32> m_cycleSpans;
    std::vector<Trace> m_traces;
    qint32 m_maxDepth = 0;
    const SpanStore *m_store = nullptr;
};

} // namespace Workbench::Traces
