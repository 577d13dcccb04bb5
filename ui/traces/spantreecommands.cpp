#include "ui/traces/spantreecommands.h"

#include "core/traces/spantreeedits.h"

#include <algorithm>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::SpanTreeCommands)
};
} // namespace

InsertSpansCommand::InsertSpansCommand(SpanTreeModel *model, SpanNode *parent, int row, SpanNodes nodes,
                                       const QString &text)
    : QUndoCommand(text)
    , m_model(model)
    , m_parent(parent ? parent : model->rootNode())
    , m_row(row)
    , m_nodes(std::move(nodes))
{
    for (auto &node : m_nodes)
        m_inserted.push_back(node.get());
    m_first = m_inserted.empty() ? nullptr : m_inserted.front();
}

void InsertSpansCommand::redo()
{
    int row = m_row;
    for (auto &node : m_nodes)
        m_model->attach(m_parent, row++, std::move(node));
    m_nodes.clear();
    m_model->requestFocus(m_first);
}

void InsertSpansCommand::undo()
{
    // Detached last first (rows stay valid), kept in their order for the next redo.
    SpanNodes detached;
    detached.reserve(m_inserted.size());
    for (auto it = m_inserted.rbegin(); it != m_inserted.rend(); ++it)
        detached.push_back(m_model->detach(*it));
    std::reverse(detached.begin(), detached.end());
    m_nodes = std::move(detached);
    m_model->requestFocus(m_parent == m_model->rootNode() ? nullptr : m_parent);
}

RemoveSpanCommand::RemoveSpanCommand(SpanTreeModel *model, SpanNode *node)
    : QUndoCommand(Messages::tr("Delete \"%1\"").arg(node->span.name))
    , m_model(model)
    , m_node(node)
    , m_parent(node->parent)
    , m_row(node->row)
{
    const qsizetype n = node->subtreeSize();
    if (n > 1)
        setText(Messages::tr("Delete \"%1\" and %2 spans below it").arg(node->span.name).arg(qlonglong(n - 1)));
}

void RemoveSpanCommand::redo()
{
    m_parent = m_node->parent;
    m_row = m_node->row;
    m_taken = m_model->detach(m_node);
    // What takes its place: the next sibling, else the one before, else the parent.
    SpanNode *next = nullptr;
    if (m_row < int(m_parent->children.size()))
        next = m_parent->children[size_t(m_row)].get();
    else if (m_row > 0)
        next = m_parent->children[size_t(m_row - 1)].get();
    else if (m_parent != m_model->rootNode())
        next = m_parent;
    m_model->requestFocus(next);
}

void RemoveSpanCommand::undo()
{
    m_model->attach(m_parent, m_row, std::move(m_taken));
    m_model->requestFocus(m_node);
}

MoveSpanCommand::MoveSpanCommand(SpanTreeModel *model, SpanNode *node, SpanNode *newParent, int row,
                                 const QString &text)
    : QUndoCommand(text)
    , m_model(model)
    , m_node(node)
    , m_oldParent(node->parent)
    , m_oldRow(node->row)
    , m_newParent(newParent ? newParent : model->rootNode())
    , m_newRow(row)
{
}

void MoveSpanCommand::redo()
{
    m_model->move(m_node, m_newParent, m_newRow);
    const std::vector<SpanTreeEdits::Ids> after = SpanTreeEdits::idsUnder(*m_node, *m_newParent);
    m_before.clear();
    for (const SpanTreeEdits::Ids &ids : after)
        m_before.push_back({ids.node, ids.node->span.parentId, ids.node->span.traceId});
    for (const SpanTreeEdits::Ids &ids : after)
        m_model->setHiddenFields(ids.node, ids.parentId, ids.traceId);
    m_model->notifyContentChanged();
    m_model->requestFocus(m_node);
}

void MoveSpanCommand::undo()
{
    m_model->move(m_node, m_oldParent, m_oldRow);
    for (const Ids &ids : m_before)
        m_model->setHiddenFields(ids.node, ids.parentId, ids.traceId);
    m_model->notifyContentChanged();
    m_model->requestFocus(m_node);
}

SetSpanCommand::SetSpanCommand(SpanTreeModel *model, SpanNode *node, const Traces::Span &after, Field field)
    : QUndoCommand(Messages::tr("Edit %1 of \"%2\"").arg(fieldName(field), node->span.name))
    , m_model(model)
    , m_node(node)
    , m_before(node->span)
    , m_after(after)
    , m_field(field)
{
}

QString SetSpanCommand::fieldName(Field field)
{
    switch (field) {
    case Name:
        return Messages::tr("name");
    case Type:
        return Messages::tr("type");
    case Timestamp:
        return Messages::tr("start");
    case Duration:
        return Messages::tr("duration");
    case Error:
        return Messages::tr("error");
    case Data:
        return Messages::tr("data");
    case BackendTrace:
        return Messages::tr("backendTrace");
    case SpanId:
        return Messages::tr("spanId");
    case TraceId:
        return Messages::tr("traceId");
    }
    return {};
}

void SetSpanCommand::apply(const Traces::Span &span, const QString &fromTrace, const QString &toTrace)
{
    // The descendants are found before the node itself changes trace.
    std::vector<SpanNode *> followers;
    if (fromTrace != toTrace) {
        for (SpanNode *n : SpanTreeEdits::inTrace(*m_node, fromTrace)) {
            if (n != m_node)
                followers.push_back(n);
        }
    }
    m_model->setSpan(m_node, span);
    for (SpanNode *n : followers)
        m_model->setHiddenFields(n, n->span.parentId, toTrace);
    if (!followers.empty())
        m_model->notifyContentChanged();
    m_model->requestFocus(m_node);
}

void SetSpanCommand::redo()
{
    apply(m_after, m_before.traceId, m_after.traceId);
}

void SetSpanCommand::undo()
{
    apply(m_before, m_after.traceId, m_before.traceId);
}

bool SetSpanCommand::mergeWith(const QUndoCommand *other)
{
    const auto *edit = static_cast<const SetSpanCommand *>(other);
    if (edit->m_node != m_node || edit->m_field != m_field)
        return false;
    m_after = edit->m_after;
    // Typing a field back to what it was leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace Workbench
