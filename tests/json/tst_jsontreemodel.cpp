#include "core/json/jsonsearch.h"
#include "core/json/jsontable.h"
#include "core/json/jsontreemodel.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::Json::JsonTreeModel;

namespace {

std::shared_ptr<const QJsonDocument> parse(const QByteArray &json)
{
    QJsonParseError error{};
    auto document = std::make_shared<QJsonDocument>(QJsonDocument::fromJson(json, &error));
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document;
}

std::shared_ptr<const QJsonDocument> bigArray(int elements)
{
    QJsonArray array;
    for (int i = 0; i < elements; ++i)
        array.append(QJsonObject{{u"id"_s, i}, {u"label"_s, u"item %1"_s.arg(i)}});
    return std::make_shared<QJsonDocument>(array);
}

const QByteArray Snapshots = R"({
  "items": [
    {"snapshotId": "s-1", "label": "host one", "data": {"host": "alpha", "cpu.count": 4}},
    {"snapshotId": "s-2", "label": "host two", "data": {"host": "beta", "tags": ["x", "y"]}}
  ],
  "totalHits": 2,
  "empty": {},
  "none": null
})";

// Every item made so far, each row's key path and value through the model's own lookups.
void checkPaths(JsonTreeModel &model, const QModelIndex &parent)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const QString path = model.keyPath(index);
        QCOMPARE(model.data(index, Workbench::Json::KeyPathRole).toString(), path);
        QCOMPARE(model.indexForPath(path), index);
        if (!path.contains(u"cpu.count"_s))
            QCOMPARE(Workbench::Json::valueAt(QJsonValue(model.document()->object()), path), model.value(index));
        checkPaths(model, index);
    }
}

} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheTopLevelAndMakesChildrenWhenAsked();
    void makesNoNodesBeforeTheyAreAskedFor();
    void fetchesLargeArraysInChunks();
    void makesTheNextChunksOnlyOnRequestWhenAsked();
    void keyPathsAndValuesRoundTrip();
    void findsAnItemByKeyPathDeepInALargeArray();
    void refusesKeyPathsThatNameNothing();
    void showsNothingForNoDocument();
    void searchFindsKeysAndValuesInDocumentOrder();
    void searchStopsAtItsLimit();
    void searchRunsOffTheGuiThreadAndOnlyTheLatestFinishes();
};

void TestJsonTreeModel::showsTheTopLevelAndMakesChildrenWhenAsked()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parse(Snapshots));
    QCOMPARE(TestSupport::modelText(model),
             u"Key | Value | Type\n"
             "empty | {0 members} | object\n"
             "items | [2 elements] | array\n"
             "none |  | null\n"
             "totalHits | 2 | number\n"_s);
    const QModelIndex items = model.index(1, 0);
    QVERIFY(model.hasChildren(items));
    QVERIFY(!model.hasChildren(model.index(0, 0)));
    QCOMPARE(model.rowCount(items), 0);
    QVERIFY(model.canFetchMore(items));
    model.fetchMore(items);
    QCOMPARE(model.rowCount(items), 2);
    QVERIFY(!model.canFetchMore(items));
    const QModelIndex first = model.index(0, 0, items);
    model.fetchMore(first);
    model.fetchMore(model.index(0, 0, first));
    QCOMPARE(TestSupport::modelText(model),
             u"Key | Value | Type\n"
             "empty | {0 members} | object\n"
             "items | [2 elements] | array\n"
             "  [0] | {3 members} | object\n"
             "    data | {2 members} | object\n"
             "      cpu.count | 4 | number\n"
             "      host | alpha | string\n"
             "    label | host one | string\n"
             "    snapshotId | s-1 | string\n"
             "  [1] | {3 members} | object\n"
             "none |  | null\n"
             "totalHits | 2 | number\n"_s);
}

void TestJsonTreeModel::makesNoNodesBeforeTheyAreAskedFor()
{
    // No tester here: it asks for everything, ten levels deep, at every change.
    JsonTreeModel model;
    model.setDocument(bigArray(100000));
    // The root and the first chunk of its children; none of theirs.
    QCOMPARE(model.nodeCount(), 1 + JsonTreeModel::ChunkSize);
    QCOMPARE(model.rowCount(), int(JsonTreeModel::ChunkSize));
    const QModelIndex element = model.index(10, 0);
    QVERIFY(model.hasChildren(element));
    QCOMPARE(model.rowCount(element), 0);
    model.fetchMore(element);
    QCOMPARE(model.rowCount(element), 2);
    QCOMPARE(model.nodeCount(), 1 + JsonTreeModel::ChunkSize + 2);
}

void TestJsonTreeModel::fetchesLargeArraysInChunks()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(bigArray(2500));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2000);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2500);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2500);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2000);
    QCOMPARE(inserted.at(1).at(2).toInt(), 2499);
    QCOMPARE(model.index(2499, 1).data().toString(), u"{2 members}"_s);
    QCOMPARE(model.index(2499, 0).data().toString(), u"[2499]"_s);
}

void TestJsonTreeModel::makesTheNextChunksOnlyOnRequestWhenAsked()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChunksOnRequest(true);
    QJsonArray inner;
    for (int i = 0; i < 2500; ++i)
        inner.append(i);
    model.setDocument(std::make_shared<QJsonDocument>(QJsonArray{inner}));
    const QModelIndex element = model.index(0, 0);
    // A view's repeated fetchMore() makes the first chunk only.
    for (int i = 0; i < 3; ++i)
        model.fetchMore(element);
    QCOMPARE(model.rowCount(element), 1000);
    QVERIFY(model.canFetchMore(element));
    model.fetchNextChunk(element);
    QCOMPARE(model.rowCount(element), 2000);
    model.fetchNextChunk(element);
    model.fetchNextChunk(element);
    QCOMPARE(model.rowCount(element), 2500);
    QVERIFY(!model.canFetchMore(element));
}

void TestJsonTreeModel::keyPathsAndValuesRoundTrip()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parse(Snapshots));
    // Everything made, then every item's path leads back to it.
    QVERIFY(model.indexForPath(u"items[1].data.tags[1]").isValid());
    QVERIFY(model.indexForPath(u"items[0].data.host").isValid());
    checkPaths(model, {});
    const QModelIndex tag = model.indexForPath(u"items[1].data.tags[1]");
    QCOMPARE(model.keyPath(tag), u"items[1].data.tags[1]"_s);
    QCOMPARE(model.value(tag), QJsonValue(u"y"_s));
    QCOMPARE(model.data(tag, Workbench::Json::ValueRole).value<QJsonValue>(), QJsonValue(u"y"_s));
    // A member whose name holds '.' is found by the path that names it.
    const QModelIndex dotted = model.indexForPath(u"items[0].data.cpu.count");
    QVERIFY(dotted.isValid());
    QCOMPARE(model.value(dotted), QJsonValue(4));
    QCOMPARE(model.keyPath(dotted), u"items[0].data.cpu.count"_s);
    QCOMPARE(model.keyPath({}), QString());
    QCOMPARE(model.value({}).toObject().value(u"totalHits"_s), QJsonValue(2));
}

void TestJsonTreeModel::findsAnItemByKeyPathDeepInALargeArray()
{
    JsonTreeModel model; // no tester: it would make every node, see above
    model.setDocument(bigArray(100000));
    const QModelIndex label = model.indexForPath(u"[54321].label");
    QVERIFY(label.isValid());
    QCOMPARE(label.data().toString(), u"label"_s);
    QCOMPARE(model.index(label.row(), 1, label.parent()).data().toString(), u"item 54321"_s);
    QCOMPARE(model.keyPath(label), u"[54321].label"_s);
    // The chunks up to it, not the whole array.
    QCOMPARE(model.rowCount(), 55000);
    QVERIFY(model.nodeCount() < 55000 + 10);
}

void TestJsonTreeModel::refusesKeyPathsThatNameNothing()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parse(Snapshots));
    for (const QString &path : {u"nothing"_s, u"items[2]"_s, u"items[-1]"_s, u"items[x]"_s, u"items[0"_s,
                                u"totalHits.more"_s, u"totalHits[0]"_s, u"items[0].data.host.x"_s, u"[0]"_s})
        QVERIFY2(!model.indexForPath(path).isValid(), qPrintable(path));
}

void TestJsonTreeModel::showsNothingForNoDocument()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parse(Snapshots));
    QCOMPARE(model.rowCount(), 4);
    model.setDocument(std::make_shared<QJsonDocument>());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.indexForPath(u"items").isValid());
    model.setDocument(parse(Snapshots));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.nodeCount(), 0);
}

void TestJsonTreeModel::searchFindsKeysAndValuesInDocumentOrder()
{
    const auto document = parse(Snapshots);
    const QJsonValue root = document->object();
    const auto result = Workbench::Json::findKeyPaths(root, u"HOST", 100);
    QCOMPARE(result.keyPaths,
             (QStringList{u"items[0].data.host"_s, u"items[0].label"_s, u"items[1].data.host"_s, u"items[1].label"_s}));
    QVERIFY(!result.truncated);
    QCOMPARE(Workbench::Json::findKeyPaths(root, u"s-2", 100).keyPaths, QStringList{u"items[1].snapshotId"_s});
    QCOMPARE(Workbench::Json::findKeyPaths(root, u"null", 100).keyPaths, QStringList{u"none"_s});
    QCOMPARE(Workbench::Json::findKeyPaths(root, u"4", 100).keyPaths, QStringList{u"items[0].data.cpu.count"_s});
    QCOMPARE(Workbench::Json::findKeyPaths(root, u"nowhere", 100).keyPaths, QStringList());
    // Each one leads to its item in the tree.
    JsonTreeModel model;
    model.setDocument(document);
    for (const QString &path : result.keyPaths)
        QVERIFY2(model.indexForPath(path).isValid(), qPrintable(path));
}

void TestJsonTreeModel::searchStopsAtItsLimit()
{
    const auto document = bigArray(30000);
    const auto result = Workbench::Json::findKeyPaths(document->array(), u"item", 10000);
    QCOMPARE(result.keyPaths.size(), 10000);
    QVERIFY(result.truncated);
    QCOMPARE(result.keyPaths.first(), u"[0].label"_s);
    QCOMPARE(result.keyPaths.last(), u"[9999].label"_s);
    std::atomic_bool cancelled = true;
    QVERIFY(Workbench::Json::findKeyPaths(document->array(), u"item", 10000, &cancelled).cancelled);
}

void TestJsonTreeModel::searchRunsOffTheGuiThreadAndOnlyTheLatestFinishes()
{
    Workbench::Json::JsonTreeSearch search;
    QSignalSpy finished(&search, &Workbench::Json::JsonTreeSearch::finished);
    const auto document = bigArray(50000);
    search.start(document, u"item 4"_s);
    QVERIFY(search.isRunning());
    search.start(document, u"item 49999"_s);
    QVERIFY(finished.wait(20000));
    QVERIFY(!search.isRunning());
    // The first search was forgotten: only the second one's answer arrives.
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<Workbench::Json::SearchResult>();
    QCOMPARE(result.text, u"item 49999"_s);
    QCOMPARE(result.keyPaths, QStringList{u"[49999].label"_s});
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
