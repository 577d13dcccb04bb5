#pragma once

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"

#include <QString>

#include <vector>

namespace Workbench::Viewer {

// The rows a waterfall shows: the spans of a trace in tree order, depth first, children by
// start time, with their collapsed state, an optional filter (only matching spans and their
// ancestors), a minimum duration, and an optional root (one span's subtree alone). Spans whose
// parent is missing are gathered under a placeholder node per missing parentId; spans in a
// cycle under a "cycle" placeholder. Rebuilding costs O(rows shown), so the widget can stay
// virtual at a million spans.
class WaterfallRows
{
public:
    // A node is a span (>= 0) or a placeholder (-1 - its index).
    using Node = qint32;

    struct Row
    {
        Node node = 0;
        qint32 depth = 0;
    };

    struct Placeholder
    {
        enum class Kind : quint8 {
            MissingParent,
            Cycle,
        };
        Kind kind = Kind::MissingParent;
        QString parentId; // the id no span has (MissingParent)
        std::vector<qint32> children;
        qint64 start = 0;
        qint64 end = 0;
    };

    WaterfallRows() = default;
    // Both must outlive this object. Every node starts expanded.
    WaterfallRows(const Traces::SpanStore &store, const Traces::TraceGraph &graph);

    qsizetype rowCount() const { return qsizetype(m_rows.size()); }
    const Row &row(qsizetype i) const { return m_rows[size_t(i)]; }
    // The row showing a node, or -1.
    qsizetype rowOf(Node node) const;

    static bool isPlaceholder(Node node) { return node < 0; }
    const Placeholder &placeholder(Node node) const { return m_placeholders[size_t(-1 - node)]; }
    const std::vector<Placeholder> &placeholders() const { return m_placeholders; }
    // The node's children as the tree has them (filters not applied).
    std::vector<Node> children(Node node) const;
    Node parent(Node node) const;
    // Children shown, filters applied (whether or not the node is expanded).
    bool hasVisibleChildren(Node node) const;
    bool isExpanded(Node node) const;
    qint64 start(Node node) const;
    qint64 end(Node node) const;

    void setExpanded(Node node, bool expanded);
    void toggle(Node node) { setExpanded(node, !isExpanded(node)); }
    void setSubtreeExpanded(Node node, bool expanded);
    void setAllExpanded(bool expanded);
    // Collapses the deepest expanded level shown / expands the shallowest collapsed one.
    void collapseOneLevel();
    void expandOneLevel();

    // Only spans for which matches[span] holds, with their ancestors (which are expanded);
    // an empty vector shows every span.
    void setFilter(std::vector<bool> matches);
    bool isFiltered() const { return !m_filter.empty(); }
    // Hides spans shorter than this (with what is below them); 0 hides nothing.
    void setMinDuration(qint64 ms);
    qint64 minDuration() const { return m_minDuration; }
    // Shows one node's subtree alone, until clearRoot().
    void setRoot(Node node);
    void clearRoot();
    bool isRerooted() const { return m_rooted; }
    Node root() const { return m_root; }

    // The time the rows shown cover.
    qint64 startTime() const { return m_start; }
    qint64 endTime() const { return m_end; }

private:
    // Where a node's state lives in m_collapsed and m_rowOf: spans first, then placeholders.
    size_t slotOf(Node node) const;
    bool visible(Node node) const;
    std::vector<Node> topNodes() const;
    void rebuild();

    const Traces::SpanStore *m_store = nullptr;
    const Traces::TraceGraph *m_graph = nullptr;
    std::vector<Placeholder> m_placeholders;
    std::vector<Node> m_top; // roots and placeholders, by start
    std::vector<qint32> m_placeholderOf; // for orphans: the placeholder node holding them, else 0
    std::vector<bool> m_collapsed; // spans, then placeholders
    std::vector<bool> m_filter; // empty: no filter; else matches plus ancestors
    qint64 m_minDuration = 0;
    Node m_root = 0;
    bool m_rooted = false;
    std::vector<Row> m_rows;
    std::vector<qint32> m_rowOf; // per span and placeholder: row + 1, or 0
    qint64 m_start = 0;
    qint64 m_end = 0;
};

} // namespace Workbench::Viewer
