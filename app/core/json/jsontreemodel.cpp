#include "core/json/jsontreemodel.h"

#include "core/json/jsontable.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Json {

namespace {

qsizetype childCountOf(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject().size();
    if (value.isArray())
        return value.toArray().size();
    return 0;
}

} // namespace

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString key; // an object's member name; empty for an array's element
    bool inArray = false;
    QJsonValue value;
    qsizetype total = 0; // children the value has
    std::vector<std::unique_ptr<Node>> children; // those made so far: the first children.size()
};

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(std::shared_ptr<const QJsonDocument> document)
{
    m_announcing = true;
    beginResetModel();
    m_document = std::move(document);
    m_root.reset();
    m_nodeCount = 0;
    if (m_document && !m_document->isNull()) {
        m_root = std::make_unique<Node>();
        if (m_document->isArray())
            m_root->value = m_document->array();
        else
            m_root->value = m_document->object();
        m_root->total = childCountOf(m_root->value);
        m_nodeCount = 1;
        // The first chunk of the top level with the reset: every view shows it.
        makeChildren(m_root.get());
    }
    endResetModel();
    m_announcing = false;
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex JsonTreeModel::indexOf(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    if (!node || row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = nodeOf(child);
    return indexOf(node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return node && node->total > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return !m_announcing && node && qsizetype(node->children.size()) < node->total;
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.column() > 0)
        return;
    Node *node = nodeOf(parent);
    if (node && !m_announcing && (!m_chunksOnRequest || node->children.empty()))
        fetchChunk(node, parent);
}

void JsonTreeModel::fetchNextChunk(const QModelIndex &parent)
{
    if (parent.column() > 0)
        return;
    Node *node = nodeOf(parent);
    if (node && !m_announcing)
        fetchChunk(node, parent);
}

qsizetype JsonTreeModel::nextChunkEnd(const Node *node)
{
    // Rows are ints: a value with more children than that shows the first INT_MAX.
    return std::min(
        {node->total, qsizetype(node->children.size()) + ChunkSize, qsizetype(std::numeric_limits<int>::max())});
}

void JsonTreeModel::fetchChunk(Node *node, const QModelIndex &parentIndex)
{
    const auto first = qsizetype(node->children.size());
    const qsizetype end = nextChunkEnd(node);
    if (end <= first)
        return;
    m_announcing = true;
    beginInsertRows(parentIndex, int(first), int(end - 1));
    makeChildren(node);
    endInsertRows();
    m_announcing = false;
}

void JsonTreeModel::makeChildren(Node *node)
{
    const auto first = qsizetype(node->children.size());
    const qsizetype end = nextChunkEnd(node);
    if (end <= first)
        return;
    node->children.reserve(size_t(end));
    if (node->value.isArray()) {
        const QJsonArray array = node->value.toArray();
        for (qsizetype i = first; i < end; ++i) {
            auto child = std::make_unique<Node>();
            child->parent = node;
            child->row = int(i);
            child->inArray = true;
            child->value = array.at(i);
            child->total = childCountOf(child->value);
            node->children.push_back(std::move(child));
        }
    } else {
        const QJsonObject object = node->value.toObject();
        auto it = object.constBegin() + first;
        for (qsizetype i = first; i < end && it != object.constEnd(); ++i, ++it) {
            auto child = std::make_unique<Node>();
            child->parent = node;
            child->row = int(i);
            child->key = it.key();
            child->value = it.value();
            child->total = childCountOf(child->value);
            node->children.push_back(std::move(child));
        }
    }
    m_nodeCount += qsizetype(node->children.size()) - first;
}

QString JsonTreeModel::keyPath(const QModelIndex &index) const
{
    std::vector<const Node *> chain;
    for (const Node *node = index.isValid() ? nodeOf(index) : nullptr; node && node != m_root.get();
         node = node->parent)
        chain.push_back(node);
    // Elements as [n]; members after a '.', but for the document's own (as Json::valueAt reads them).
    QString path;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const Node *node = *it;
        if (node->inArray)
            path += u'[' + QString::number(node->row) + u']';
        else if (node->parent == m_root.get())
            path += node->key;
        else
            path += u'.' + node->key;
    }
    return path;
}

QJsonValue JsonTreeModel::value(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->value : QJsonValue(QJsonValue::Undefined);
}

QModelIndex JsonTreeModel::indexForPath(QStringView keyPath)
{
    if (!m_root)
        return {};
    return indexOf(find(m_root.get(), keyPath, true));
}

JsonTreeModel::Node *JsonTreeModel::childAt(Node *node, qsizetype row)
{
    if (row < 0 || row >= node->total || row >= std::numeric_limits<int>::max())
        return nullptr;
    const QModelIndex parentIndex = indexOf(node);
    while (qsizetype(node->children.size()) <= row)
        fetchChunk(node, parentIndex);
    return node->children[size_t(row)].get();
}

JsonTreeModel::Node *JsonTreeModel::find(Node *node, QStringView rest, bool top)
{
    if (!node || rest.isEmpty())
        return node;
    if (node->value.isArray()) {
        if (!rest.startsWith(u'['))
            return nullptr;
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return nullptr;
        bool ok = false;
        const qsizetype row = rest.mid(1, close - 1).toLongLong(&ok);
        return ok ? find(childAt(node, row), rest.mid(close + 1), false) : nullptr;
    }
    if (!node->value.isObject())
        return nullptr;
    // A member below the top follows a '.'. Its name ends at a '.', a '[' or the end; when a
    // name with those in it fits too, the shorter is tried first and the longer when the rest
    // of the path leads nowhere.
    if (!top) {
        if (!rest.startsWith(u'.'))
            return nullptr;
        rest = rest.mid(1);
    }
    const QJsonObject object = node->value.toObject();
    const qsizetype n = rest.size();
    qsizetype end = 0;
    for (;;) {
        while (end < n && rest.at(end) != u'.' && rest.at(end) != u'[')
            ++end;
        const auto found = object.constFind(rest.left(end));
        if (found != object.constEnd()) {
            if (Node *result = find(childAt(node, found - object.constBegin()), rest.mid(end), false))
                return result;
        }
        if (end >= n)
            return nullptr;
        ++end;
    }
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = index.isValid() ? nodeOf(index) : nullptr;
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            return node->inArray ? u'[' + QString::number(node->row) + u']' : node->key;
        case ValueColumn:
            if (node->value.isObject())
                return tr("{%n member(s)}", nullptr, int(node->total));
            if (node->value.isArray())
                return tr("[%n element(s)]", nullptr, int(node->total));
            return cellText(node->value, role == Qt::ToolTipRole ? 2000 : 500);
        case TypeColumn:
            return typeName(node->value);
        default:
            return {};
        }
    case ValueRole:
        return QVariant::fromValue(node->value);
    case KeyPathRole:
        return keyPath(index);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!hasChildren(index))
        result |= Qt::ItemNeverHasChildren;
    return result;
}

} // namespace Workbench::Json
