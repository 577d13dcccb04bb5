#pragma once

#include <QAbstractItemModel>
#include <QJsonDocument>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace Workbench::Json {

// Roles the JSON models answer besides Qt's own, for every column of an item.
enum JsonRole {
    ValueRole = Qt::UserRole + 1, // the QJsonValue there
    KeyPathRole, // its key path (core/json/jsontable.h)
};

// A JSON document as a tree: Key | Value | Type, the document's members (or elements) at the top.
// Lazy: the nodes of a value's children are made when a view first asks for them (expanding it),
// and a value with many children hands them out in chunks of ChunkSize through
// canFetchMore()/fetchMore(), so a document of 100 MB opens at once and the model adds little
// memory to the document's own. The document is shared, never copied.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    static constexpr qsizetype ChunkSize = 1000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Shows `document` (nothing for null or an empty document).
    void setDocument(std::shared_ptr<const QJsonDocument> document);
    std::shared_ptr<const QJsonDocument> document() const { return m_document; }
    void clear() { setDocument(nullptr); }

    // The key path of an item ("items[3].data.host"); empty for the root.
    QString keyPath(const QModelIndex &index) const;
    // The value of an item (the whole document's for the root).
    QJsonValue value(const QModelIndex &index) const;
    // The item at a key path (column KeyColumn), making the nodes on the way (fetching the chunks
    // up to it); invalid when there is none. A member whose name holds '.' or '[' (or is empty)
    // is found too, when the path leads nowhere with a shorter name.
    QModelIndex indexForPath(QStringView keyPath);

    // When on, fetchMore() makes only a value's first chunk, and fetchNextChunk() the next ones:
    // QTreeView calls fetchMore() at every layout of an expanded item, which would make every
    // chunk in turn; a view that turns this on calls fetchNextChunk() when the last child made is
    // in sight. Off unless set.
    void setChunksOnRequest(bool on) { m_chunksOnRequest = on; }
    void fetchNextChunk(const QModelIndex &parent);

    // How many nodes have been made so far (the laziness, for tests and benchmarks).
    qsizetype nodeCount() const { return m_nodeCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = KeyColumn) const;
    static qsizetype nextChunkEnd(const Node *node);
    void fetchChunk(Node *node, const QModelIndex &parentIndex);
    void makeChildren(Node *node); // the next chunk, without signals
    Node *childAt(Node *node, qsizetype row); // fetching the chunks up to it
    Node *find(Node *node, QStringView keyPath, bool top);

    std::shared_ptr<const QJsonDocument> m_document;
    std::unique_ptr<Node> m_root;
    qsizetype m_nodeCount = 0;
    // Nothing is fetched while a change is announced: one who asks then (a view, a tester) gets
    // the rows there are, and more when it asks again.
    bool m_announcing = false;
    bool m_chunksOnRequest = false;
};

// The text of a JSON type as the tree's Type column shows it: "object", "array", "string",
// "number", "boolean", "null".
QString typeName(const QJsonValue &value);

} // namespace Workbench::Json
