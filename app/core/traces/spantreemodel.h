#pragma once

#include "core/traces/span.h"

#include <QAbstractItemModel>

#include <functional>
#include <memory>
#include <vector>

namespace Workbench {

// One span of the document in its place in the tree. A node below another node names it as
// parent (span.parentId is the parent's spanId); a node at the top is a root, or a span
// whose parent is missing or sits in a cycle, with its parentId kept as it was read.
struct SpanNode
{
    Traces::Span span;
    SpanNode *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<SpanNode>> children;

    qsizetype subtreeSize() const;
};
using SpanNodes = std::vector<std::unique_ptr<SpanNode>>;

// The span document as a tree: columns name, type, service, start (the offset from the
// parent; a top-level span's time of day), duration and error. The nodes are stable, so
// undo commands can keep pointers to them; a node taken out of the tree is owned by the
// command that took it. Every operation is O(1) or O(siblings), so a file of 50,000 spans
// opens and scrolls as quickly as a small one.
class SpanTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TypeColumn,
        ServiceColumn,
        StartColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount,
    };
    enum Role {
        SpanIdRole = Qt::UserRole,
        TraceIdRole,
        ToneRole, // a Tone, which the view turns into a colour
    };
    enum class Tone {
        Plain,
        Error, // the name and error columns of a span with error set
        Absent, // a value not written in the file (type, start, duration): a default is shown
    };
    static constexpr auto MimeType = "application/x-workbench-span-node";

    explicit SpanTreeModel(QObject *parent = nullptr);
    ~SpanTreeModel() override;

    // The whole document: replaced (a reset), and read back parents before children.
    void setSpans(const QList<Traces::Span> &spans);
    QList<Traces::Span> spans() const;
    // The nodes in the order spans() gives them; a validation finding's index points here.
    std::vector<SpanNode *> flatten() const;
    qsizetype spanCount() const { return m_count; }

    // Nodes built from spans as the document would hold them (roots and orphans at the top).
    static SpanNodes buildForest(const QList<Traces::Span> &spans);
    static void collect(const SpanNode &node, QList<Traces::Span> &out);

    SpanNode *rootNode() const { return m_root.get(); }
    SpanNode *nodeFromIndex(const QModelIndex &index) const;
    QModelIndex indexOf(const SpanNode *node, int column = 0) const;
    // Whether the node is in the tree (not held by an undo command).
    bool contains(const SpanNode *node) const;
    // The first node in the tree with this spanId.
    SpanNode *findSpan(const QString &spanId) const;

    // The edits the undo commands are made of.
    void attach(SpanNode *parent, int row, std::unique_ptr<SpanNode> node);
    std::unique_ptr<SpanNode> detach(SpanNode *node);
    // Moves node to be child `row` of newParent (counted after it left its old place).
    bool move(SpanNode *node, SpanNode *newParent, int row);
    // Replaces the node's span; its children follow a changed spanId.
    void setSpan(SpanNode *node, const Traces::Span &span);
    // Changes fields not shown in the tree (ids), without any signal: call
    // notifyContentChanged() once the batch is done.
    static void setHiddenFields(SpanNode *node, const QString &parentId, const QString &traceId);
    void notifyContentChanged() { Q_EMIT contentChanged(); }
    // Asks views to show the node (after an edit or its undo).
    void requestFocus(SpanNode *node) { Q_EMIT focusRequested(node); }

    // Called for a drag and drop inside the tree: move node to (newParent, row); the
    // workspace makes it an undoable command.
    void setMoveHandler(std::function<void(SpanNode *, SpanNode *, int)> handler)
    {
        m_moveHandler = std::move(handler);
    }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    // After every change of the document, structural or not.
    void contentChanged();
    void focusRequested(Workbench::SpanNode *node);

private:
    SpanNode *decode(const QMimeData *data) const;
    static void renumber(SpanNode *parent, int from);

    std::unique_ptr<SpanNode> m_root;
    qsizetype m_count = 0;
    std::function<void(SpanNode *, SpanNode *, int)> m_moveHandler;
};

} // namespace Workbench
