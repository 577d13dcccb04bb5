#pragma once

#include "core/traces/spantreemodel.h"

#include <QUndoCommand>

namespace Workbench {

// The undoable edits of the span document. Each keeps pointers to nodes: a node in the tree
// belongs to the tree, a node taken out belongs to the command that took it.

// Inserts spans (each with its subtree) as children of `parent` from `row` on.
class InsertSpansCommand : public QUndoCommand
{
public:
    InsertSpansCommand(SpanTreeModel *model, SpanNode *parent, int row, SpanNodes nodes, const QString &text);
    void redo() override;
    void undo() override;

    // The first inserted node, to select it.
    SpanNode *first() const { return m_first; }

private:
    SpanTreeModel *m_model;
    SpanNode *m_parent;
    int m_row;
    SpanNodes m_nodes; // owned while not in the tree
    std::vector<SpanNode *> m_inserted;
    SpanNode *m_first = nullptr;
};

// Deletes a span with its subtree.
class RemoveSpanCommand : public QUndoCommand
{
public:
    RemoveSpanCommand(SpanTreeModel *model, SpanNode *node);
    void redo() override;
    void undo() override;

private:
    SpanTreeModel *m_model;
    SpanNode *m_node;
    SpanNode *m_parent;
    int m_row;
    std::unique_ptr<SpanNode> m_taken;
};

// Moves a span with its subtree: up or down among its siblings, in or out a level, or by
// drag and drop. Its parentId follows the new parent; under a parent of another trace the
// subtree takes that trace's id, and a span moved to the top starts a trace of its own
// (traceId = its spanId).
class MoveSpanCommand : public QUndoCommand
{
public:
    MoveSpanCommand(SpanTreeModel *model, SpanNode *node, SpanNode *newParent, int row, const QString &text);
    void redo() override;
    void undo() override;

private:
    struct Ids
    {
        SpanNode *node;
        QString parentId;
        QString traceId;
    };
    SpanTreeModel *m_model;
    SpanNode *m_node;
    SpanNode *m_oldParent;
    int m_oldRow;
    SpanNode *m_newParent;
    int m_newRow;
    std::vector<Ids> m_before;
};

// Replaces one span's fields, as the form edits them. Consecutive edits of the same field of
// the same span merge into one step. A changed traceId is carried to the span's descendants
// that had the old one, so a trace stays one trace.
class SetSpanCommand : public QUndoCommand
{
public:
    enum Field {
        Name,
        Type,
        Timestamp,
        Duration,
        Error,
        Data,
        BackendTrace,
        SpanId,
        TraceId,
    };
    static constexpr int IdBase = 0x5350; // "SP"

    SetSpanCommand(SpanTreeModel *model, SpanNode *node, const Traces::Span &after, Field field);
    void redo() override;
    void undo() override;
    int id() const override { return IdBase + int(m_field); }
    bool mergeWith(const QUndoCommand *other) override;

    static QString fieldName(Field field);

private:
    void apply(const Traces::Span &span, const QString &fromTrace, const QString &toTrace);

    SpanTreeModel *m_model;
    SpanNode *m_node;
    Traces::Span m_before;
    Traces::Span m_after;
    Field m_field;
};

} // namespace Workbench
