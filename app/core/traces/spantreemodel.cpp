#include "core/traces/spantreemodel.h"

#include "core/traces/spanstore.h"
#include "core/traces/spantreeedits.h"
#include "core/traces/tracegraph.h"

#include <QDateTime>
#include <QIODevice>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace Workbench {

using Traces::Span;

qsizetype SpanNode::subtreeSize() const
{
    qsizetype n = 0;
    std::vector<const SpanNode *> todo{this};
    while (!todo.empty()) {
        const SpanNode *node = todo.back();
        todo.pop_back();
        ++n;
        for (const auto &child : node->children)
            todo.push_back(child.get());
    }
    return n;
}

namespace {
// Deep chains are taken apart without recursion, so a long chain of spans cannot exhaust
// the stack when its nodes go.
void dismantle(SpanNodes &nodes)
{
    SpanNodes todo = std::move(nodes);
    while (!todo.empty()) {
        std::unique_ptr<SpanNode> node = std::move(todo.back());
        todo.pop_back();
        for (auto &child : node->children)
            todo.push_back(std::move(child));
        node->children.clear();
    }
}

QString durationText(qint64 ms)
{
    return SpanTreeModel::tr("%1 ms").arg(qlonglong(ms));
}
} // namespace

SpanTreeModel::SpanTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<SpanNode>())
{
    setObjectName(u"span-tree-model"_s);
}

SpanTreeModel::~SpanTreeModel()
{
    dismantle(m_root->children);
}

SpanNodes SpanTreeModel::buildForest(const QList<Span> &spans)
{
    // The links come from the graph (which breaks cycles and finds orphans); the order of
    // children is the order of the file, so what is saved reads back the same.
    const Traces::SpanStore store = Traces::SpanStore::fromSpans(spans);
    const Traces::TraceGraph graph(store);
    std::vector<std::unique_ptr<SpanNode>> nodes;
    nodes.reserve(size_t(spans.size()));
    for (const Span &span : spans) {
        auto node = std::make_unique<SpanNode>();
        node->span = span;
        nodes.push_back(std::move(node));
    }
    SpanNodes top;
    // Children are attached before their parents are moved anywhere: raw pointers first.
    std::vector<SpanNode *> raw(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
        raw[i] = nodes[i].get();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const qint32 p = graph.parent(qsizetype(i));
        SpanNode *node = nodes[i].get();
        if (p < 0) {
            node->parent = nullptr;
            node->row = int(top.size());
            top.push_back(std::move(nodes[i]));
        } else {
            SpanNode *parentNode = raw[size_t(p)];
            node->parent = parentNode;
            node->row = int(parentNode->children.size());
            parentNode->children.push_back(std::move(nodes[i]));
        }
    }
    return top;
}

void SpanTreeModel::collect(const SpanNode &node, QList<Span> &out)
{
    std::vector<const SpanNode *> todo{&node};
    while (!todo.empty()) {
        const SpanNode *n = todo.back();
        todo.pop_back();
        out.append(n->span);
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            todo.push_back(it->get());
    }
}

void SpanTreeModel::setSpans(const QList<Span> &spans)
{
    SpanNodes forest = buildForest(spans);
    beginResetModel();
    dismantle(m_root->children);
    m_root->children = std::move(forest);
    for (auto &node : m_root->children)
        node->parent = m_root.get();
    m_count = spans.size();
    endResetModel();
    Q_EMIT contentChanged();
}

QList<Span> SpanTreeModel::spans() const
{
    QList<Span> out;
    out.reserve(m_count);
    for (const auto &node : m_root->children)
        collect(*node, out);
    return out;
}

std::vector<SpanNode *> SpanTreeModel::flatten() const
{
    std::vector<SpanNode *> out;
    out.reserve(size_t(m_count));
    std::vector<SpanNode *> todo;
    for (auto it = m_root->children.rbegin(); it != m_root->children.rend(); ++it)
        todo.push_back(it->get());
    while (!todo.empty()) {
        SpanNode *n = todo.back();
        todo.pop_back();
        out.push_back(n);
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            todo.push_back(it->get());
    }
    return out;
}

SpanNode *SpanTreeModel::nodeFromIndex(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<SpanNode *>(index.internalPointer());
}

QModelIndex SpanTreeModel::indexOf(const SpanNode *node, int column) const
{
    if (!node || node == m_root.get() || !node->parent)
        return {};
    return createIndex(node->row, column, const_cast<SpanNode *>(node));
}

bool SpanTreeModel::contains(const SpanNode *node) const
{
    while (node && node != m_root.get())
        node = node->parent;
    return node == m_root.get();
}

SpanNode *SpanTreeModel::findSpan(const QString &spanId) const
{
    for (SpanNode *node : flatten()) {
        if (node->span.spanId == spanId)
            return node;
    }
    return nullptr;
}

void SpanTreeModel::renumber(SpanNode *parent, int from)
{
    for (size_t i = size_t(from); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
}

void SpanTreeModel::attach(SpanNode *parent, int row, std::unique_ptr<SpanNode> node)
{
    if (!parent)
        parent = m_root.get();
    row = qBound(0, row, int(parent->children.size()));
    beginInsertRows(indexOf(parent), row, row);
    node->parent = parent;
    m_count += node->subtreeSize();
    parent->children.insert(parent->children.begin() + row, std::move(node));
    renumber(parent, row);
    endInsertRows();
    Q_EMIT contentChanged();
}

std::unique_ptr<SpanNode> SpanTreeModel::detach(SpanNode *node)
{
    SpanNode *parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexOf(parent), row, row);
    std::unique_ptr<SpanNode> taken = std::move(parent->children[size_t(row)]);
    parent->children.erase(parent->children.begin() + row);
    renumber(parent, row);
    taken->parent = nullptr;
    m_count -= taken->subtreeSize();
    endRemoveRows();
    Q_EMIT contentChanged();
    return taken;
}

bool SpanTreeModel::move(SpanNode *node, SpanNode *newParent, int row)
{
    if (!newParent)
        newParent = m_root.get();
    if (!SpanTreeEdits::canMoveUnder(*node, *newParent))
        return false;
    SpanNode *oldParent = node->parent;
    const int oldRow = node->row;
    const int last = int(newParent->children.size()) - (oldParent == newParent ? 1 : 0);
    row = qBound(0, row, last);
    if (oldParent == newParent && oldRow == row)
        return false;
    // Qt counts the destination before the move.
    const int destination = oldParent == newParent && row > oldRow ? row + 1 : row;
    if (!beginMoveRows(indexOf(oldParent), oldRow, oldRow, indexOf(newParent), destination))
        return false;
    std::unique_ptr<SpanNode> taken = std::move(oldParent->children[size_t(oldRow)]);
    oldParent->children.erase(oldParent->children.begin() + oldRow);
    renumber(oldParent, oldRow);
    taken->parent = newParent;
    newParent->children.insert(newParent->children.begin() + row, std::move(taken));
    renumber(newParent, row);
    endMoveRows();
    // The start offset is counted from the parent, which may be another one now.
    Q_EMIT dataChanged(indexOf(node, StartColumn), indexOf(node, StartColumn));
    Q_EMIT contentChanged();
    return true;
}

void SpanTreeModel::setSpan(SpanNode *node, const Span &span)
{
    const bool idChanged = node->span.spanId != span.spanId;
    const bool timeChanged = node->span.timestamp != span.timestamp;
    node->span = span;
    if (idChanged) {
        for (auto &child : node->children)
            child->span.parentId = span.spanId;
    }
    Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
    if (timeChanged && !node->children.empty())
        Q_EMIT dataChanged(indexOf(node->children.front().get(), StartColumn),
                           indexOf(node->children.back().get(), StartColumn));
    Q_EMIT contentChanged();
}

void SpanTreeModel::setHiddenFields(SpanNode *node, const QString &parentId, const QString &traceId)
{
    node->span.parentId = parentId;
    node->span.traceId = traceId;
}

QModelIndex SpanTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const SpanNode *parentNode = parent.isValid() ? nodeFromIndex(parent) : m_root.get();
    if (!parentNode || parent.column() > 0 || row >= int(parentNode->children.size()))
        return {};
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex SpanTreeModel::parent(const QModelIndex &child) const
{
    const SpanNode *node = nodeFromIndex(child);
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int SpanTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_root->children.size());
    if (parent.column() > 0)
        return 0;
    const SpanNode *node = nodeFromIndex(parent);
    return node ? int(node->children.size()) : 0;
}

int SpanTreeModel::columnCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : ColumnCount;
}

bool SpanTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant SpanTreeModel::data(const QModelIndex &index, int role) const
{
    const SpanNode *node = nodeFromIndex(index);
    if (!node)
        return {};
    const Span &span = node->span;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return span.name.isEmpty() ? tr("(no name)") : span.name;
        case TypeColumn:
            return span.type.isNull() ? u"ENTRY"_s : span.type;
        case ServiceColumn:
            return span.dataValue(u"service");
        case StartColumn:
            if (!span.timestamp)
                return tr("(none)");
            if (node->parent != m_root.get() && node->parent->span.timestamp)
                return tr("+%1 ms").arg(qlonglong(*span.timestamp - *node->parent->span.timestamp));
            return QDateTime::fromMSecsSinceEpoch(*span.timestamp, Qt::UTC).toString(u"HH:mm:ss.zzz"_s);
        case DurationColumn:
            return span.duration ? durationText(*span.duration) : tr("(none)");
        case ErrorColumn:
            return span.error.value_or(false) ? tr("error") : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QString tip = tr("spanId %1").arg(span.spanId);
        if (node->parent == m_root.get() && !span.parentId.isNull())
            tip += u'\n' + tr("parentId %1 names no span in this document").arg(span.parentId);
        if (index.column() == StartColumn && span.timestamp)
            tip += u'\n'
                + QDateTime::fromMSecsSinceEpoch(*span.timestamp, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss.zzz 'UTC'"_s);
        return tip;
    }
    case ToneRole:
        if (span.error.value_or(false) && (index.column() == NameColumn || index.column() == ErrorColumn))
            return int(Tone::Error);
        if ((index.column() == TypeColumn && span.type.isNull())
            || ((index.column() == StartColumn || index.column() == DurationColumn)
                && !(index.column() == StartColumn ? span.timestamp : span.duration)))
            return int(Tone::Absent);
        return int(Tone::Plain);
    case Qt::TextAlignmentRole:
        if (index.column() == StartColumn || index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SpanIdRole:
        return span.spanId;
    case TraceIdRole:
        return span.traceId;
    default:
        return {};
    }
}

QVariant SpanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case ServiceColumn:
        return tr("Service");
    case StartColumn:
        return tr("Start");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

Qt::ItemFlags SpanTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
}

Qt::DropActions SpanTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions SpanTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList SpanTreeModel::mimeTypes() const
{
    return {QString::fromLatin1(MimeType)};
}

QMimeData *SpanTreeModel::mimeData(const QModelIndexList &indexes) const
{
    // One span (with its subtree) is dragged at a time: the first selected.
    for (const QModelIndex &index : indexes) {
        if (const SpanNode *node = nodeFromIndex(index)) {
            auto *data = new QMimeData;
            QByteArray bytes;
            bytes.append(QByteArray::number(quintptr(this)));
            bytes.append(' ');
            bytes.append(QByteArray::number(quintptr(node)));
            data->setData(QString::fromLatin1(MimeType), bytes);
            return data;
        }
    }
    return nullptr;
}

SpanNode *SpanTreeModel::decode(const QMimeData *data) const
{
    if (!data || !data->hasFormat(QString::fromLatin1(MimeType)))
        return nullptr;
    const QList<QByteArray> parts = data->data(QString::fromLatin1(MimeType)).split(' ');
    if (parts.size() != 2 || parts.at(0).toULongLong() != quintptr(this))
        return nullptr;
    // Only a node found in the tree is trusted.
    const quintptr wanted = quintptr(parts.at(1).toULongLong());
    for (SpanNode *node : flatten()) {
        if (quintptr(node) == wanted)
            return node;
    }
    return nullptr;
}

bool SpanTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                    const QModelIndex &parent) const
{
    if (action != Qt::MoveAction)
        return false;
    const SpanNode *node = decode(data);
    const SpanNode *newParent = parent.isValid() ? nodeFromIndex(parent) : m_root.get();
    return node && newParent && SpanTreeEdits::canMoveUnder(*node, *newParent);
}

bool SpanTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                 const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    SpanNode *node = decode(data);
    SpanNode *newParent = parent.isValid() ? nodeFromIndex(parent) : m_root.get();
    const SpanTreeEdits::Place place = SpanTreeEdits::dropPlace(*node, *newParent, row);
    if (m_moveHandler)
        m_moveHandler(node, place.parent, place.row);
    // The move is done; the view must not remove the dragged rows itself (removeRows is not
    // offered, so it cannot).
    return true;
}

} // namespace Workbench
