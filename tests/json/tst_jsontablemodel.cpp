#include "core/json/jsontablemodel.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::Json::JsonRowFilter;
using Workbench::Json::JsonTableModel;

namespace {

QJsonArray parseArray(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.array();
}

const QByteArray Rows = R"([
  {"snapshotId": "s-10", "label": "item 10", "cpu": 12.5, "data": {"host": "alpha"}},
  {"snapshotId": "s-9", "label": "Item 9", "cpu": 3, "data": {"host": "beta", "zone": "eu"}},
  {"snapshotId": "s-100", "label": "item 100", "cpu": 100, "data": {"host": "gamma"}, "extra": true},
  {"snapshotId": "s-2", "label": "item 2", "data": {"host": "delta"}},
  null
])";

QStringList column(const QAbstractItemModel &model, int column)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts << model.index(row, column).data().toString();
    return texts;
}

struct Tested
{
    JsonTableModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    JsonRowFilter filter;
    QAbstractItemModelTester filterTester{&filter, QAbstractItemModelTester::FailureReportingMode::QtTest};

    Tested() { filter.setSourceModel(&model); }
};

} // namespace

class TestJsonTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsOneRowAnElementAndColumnsFromTheKeys();
    void givesValueAndKeyPathOfACell();
    void sortsNumbersAsNumbersAndTextsNaturally();
    void sortingKeepsSelectedRows();
    void appendsRowsAndKeepsTheSort();
    void filtersRowsByAnyCellKeysAndValues();
    void comparesNaturally_data();
    void comparesNaturally();
    void clearsAndToleratesEmptyInput();
};

void TestJsonTableModel::showsOneRowAnElementAndColumnsFromTheKeys()
{
    Tested t;
    t.model.setRows(parseArray(Rows), {u"label"_s, u"data.host"_s, u"missing"_s});
    QCOMPARE(t.model.columns(),
             (QStringList{u"label"_s, u"data.host"_s, u"cpu"_s, u"data"_s, u"snapshotId"_s, u"extra"_s}));
    QCOMPARE(TestSupport::modelText(t.model),
             u"label | data.host | cpu | data | snapshotId | extra\n"
             "item 10 | alpha | 12.5 | {\"host\":\"alpha\"} | s-10 | \n"
             "Item 9 | beta | 3 | {\"host\":\"beta\",\"zone\":\"eu\"} | s-9 | \n"
             "item 100 | gamma | 100 | {\"host\":\"gamma\"} | s-100 | true\n"
             "item 2 | delta |  | {\"host\":\"delta\"} | s-2 | \n"
             " |  |  |  |  | \n"_s);
    QCOMPARE(t.model.headerData(0, Qt::Vertical).toInt(), 1);
    QCOMPARE(t.model.index(0, 2).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestJsonTableModel::givesValueAndKeyPathOfACell()
{
    Tested t;
    t.model.setRows(parseArray(Rows), {u"data.host"_s});
    const QModelIndex host = t.model.index(1, 0);
    QCOMPARE(host.data(Workbench::Json::ValueRole).value<QJsonValue>(), QJsonValue(u"beta"_s));
    QCOMPARE(host.data(Workbench::Json::KeyPathRole).toString(), u"data.host"_s);
    QCOMPARE(host.data(JsonTableModel::SourceRowRole).toLongLong(), 1);
    const int data = int(t.model.columns().indexOf(u"data"_s));
    QCOMPARE(t.model.index(1, data).data(Workbench::Json::ValueRole).value<QJsonValue>().toObject().value(u"zone"_s),
             QJsonValue(u"eu"_s));
    QCOMPARE(t.model.rowValue(2).toObject().value(u"extra"_s), QJsonValue(true));
    QVERIFY(t.model.rowValue(99).isUndefined());
    QVERIFY(t.model.cellValue(0, 99).isUndefined());
}

void TestJsonTableModel::sortsNumbersAsNumbersAndTextsNaturally()
{
    Tested t;
    t.model.setRows(parseArray(Rows), {u"label"_s, u"cpu"_s, u"snapshotId"_s});
    t.filter.sort(1, Qt::AscendingOrder); // through the filter, as a view sorts
    QCOMPARE(column(t.model, 1), (QStringList{u"3"_s, u"12.5"_s, u"100"_s, QString(), QString()}));
    QCOMPARE(column(t.filter, 1), column(t.model, 1));
    t.model.sort(1, Qt::DescendingOrder);
    QCOMPARE(column(t.model, 1), (QStringList{QString(), QString(), u"100"_s, u"12.5"_s, u"3"_s}));
    t.model.sort(0, Qt::AscendingOrder);
    QCOMPARE(column(t.model, 0), (QStringList{u"item 2"_s, u"Item 9"_s, u"item 10"_s, u"item 100"_s, QString()}));
    t.model.sort(2, Qt::AscendingOrder);
    QCOMPARE(column(t.model, 2), (QStringList{u"s-2"_s, u"s-9"_s, u"s-10"_s, u"s-100"_s, QString()}));
    // Back to the order the rows came in.
    t.model.sort(-1);
    QCOMPARE(column(t.model, 2), (QStringList{u"s-10"_s, u"s-9"_s, u"s-100"_s, u"s-2"_s, QString()}));
    QCOMPARE(t.model.sourceRow(3), 3);
}

void TestJsonTableModel::sortingKeepsSelectedRows()
{
    Tested t;
    t.model.setRows(parseArray(Rows), {u"snapshotId"_s});
    const QPersistentModelIndex selected = t.model.index(0, 0); // s-10
    const QPersistentModelIndex throughFilter = t.filter.index(1, 0); // s-9
    t.model.sort(0, Qt::AscendingOrder);
    QCOMPARE(selected.data().toString(), u"s-10"_s);
    QCOMPARE(selected.row(), 2);
    QCOMPARE(throughFilter.data().toString(), u"s-9"_s);
    QCOMPARE(throughFilter.row(), 1);
}

void TestJsonTableModel::appendsRowsAndKeepsTheSort()
{
    Tested t;
    t.model.setRows(parseArray(R"([{"id": "a-3"}, {"id": "a-1"}])"));
    QCOMPARE(t.model.rowCount(), 2);
    t.model.appendRows(parseArray(R"([{"id": "a-4", "new": 1}, {"id": "a-0"}])"));
    // Load More keeps the columns and adds the rows after.
    QCOMPARE(t.model.columns(), QStringList{u"id"_s});
    QCOMPARE(column(t.model, 0), (QStringList{u"a-3"_s, u"a-1"_s, u"a-4"_s, u"a-0"_s}));
    t.model.sort(0);
    t.model.appendRows(parseArray(R"([{"id": "a-2"}])"));
    QCOMPARE(column(t.model, 0), (QStringList{u"a-0"_s, u"a-1"_s, u"a-2"_s, u"a-3"_s, u"a-4"_s}));
    QCOMPARE(t.model.sourceRow(2), 4);
    t.model.appendRows({});
    QCOMPARE(t.model.rowCount(), 5);
    // Rows to an empty table choose its columns.
    JsonTableModel empty;
    QAbstractItemModelTester tester(&empty, QAbstractItemModelTester::FailureReportingMode::QtTest);
    empty.appendRows(parseArray(R"([{"x": 1}])"));
    QCOMPARE(empty.columns(), QStringList{u"x"_s});
    QCOMPARE(empty.rowCount(), 1);
}

void TestJsonTableModel::filtersRowsByAnyCellKeysAndValues()
{
    Tested t;
    t.model.setRows(parseArray(Rows), {u"snapshotId"_s});
    t.filter.setText(u"BETA"_s); // inside "data.host" and the "data" object
    QCOMPARE(column(t.filter, 0), QStringList{u"s-9"_s});
    t.filter.setText(u"zone"_s); // a member name inside an object cell
    QCOMPARE(column(t.filter, 0), QStringList{u"s-9"_s});
    t.filter.setText(u"12.5"_s); // a number as it is shown
    QCOMPARE(column(t.filter, 0), QStringList{u"s-10"_s});
    t.filter.setText(u"true"_s);
    QCOMPARE(column(t.filter, 0), QStringList{u"s-100"_s});
    t.filter.setText(u"item 1"_s);
    QCOMPARE(column(t.filter, 0), (QStringList{u"s-10"_s, u"s-100"_s}));
    t.filter.setText(u"nothing like it"_s);
    QCOMPARE(t.filter.rowCount(), 0);
    t.filter.setText({});
    QCOMPARE(t.filter.rowCount(), 5);
    // Rows that arrive later are filtered as well.
    t.filter.setText(u"late"_s);
    t.model.appendRows(parseArray(R"([{"snapshotId": "s-late"}, {"snapshotId": "s-other"}])"));
    QCOMPARE(column(t.filter, 0), QStringList{u"s-late"_s});
}

void TestJsonTableModel::comparesNaturally_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("sign");
    QTest::newRow("digits as numbers") << u"item 9"_s << u"item 10"_s << -1;
    QTest::newRow("case ignored") << u"Alpha"_s << u"beta"_s << -1;
    QTest::newRow("prefix first") << u"abc"_s << u"abcd"_s << -1;
    QTest::newRow("equal") << u"x1"_s << u"x1"_s << 0;
    QTest::newRow("long numbers") << u"n99999999999999999999"_s << u"n100000000000000000000"_s << -1;
    QTest::newRow("leading zeros") << u"v007"_s << u"v8"_s << -1;
    QTest::newRow("empty") << QString() << u"a"_s << -1;
}

void TestJsonTableModel::comparesNaturally()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, sign);
    const auto signOf = [](int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
    QCOMPARE(signOf(Workbench::Json::naturalCompare(a, b)), sign);
    QCOMPARE(signOf(Workbench::Json::naturalCompare(b, a)), -sign);
}

void TestJsonTableModel::clearsAndToleratesEmptyInput()
{
    Tested t;
    t.model.setRows(parseArray(Rows));
    t.model.sort(0);
    t.model.clear();
    QCOMPARE(t.model.rowCount(), 0);
    QCOMPARE(t.model.columnCount(), 0);
    t.model.setRows({});
    QCOMPARE(t.model.rowCount(), 0);
    t.model.setRows(parseArray(R"([1, "two", [3], null])"));
    QCOMPARE(t.model.columnCount(), 0);
    QCOMPARE(t.model.rowCount(), 4);
    t.model.sort(0);
    t.filter.setText(u"two"_s);
    QCOMPARE(t.filter.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestJsonTableModel)
#include "tst_jsontablemodel.moc"
