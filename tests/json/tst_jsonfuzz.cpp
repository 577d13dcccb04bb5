// Odd and malformed answers through the JSON result views' models, the table filter and the
// search: generated from a fixed seed (printed, and settable with WORKBENCH_FUZZ_SEED), so that a
// failure can be run again. Nothing may crash, hang or break a model's contract
// (QAbstractItemModelTester), and every item's key path must lead back to an item of that path.

#include "core/json/backgroundparse.h"
#include "core/json/jsonsearch.h"
#include "core/json/jsontable.h"
#include "core/json/jsontablemodel.h"
#include "core/json/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench::Json;

namespace {

// Names and texts chosen to hurt: empty, with the key path's own '.', '[' and ']', control
// characters, a lone surrogate escape, long ones.
const QList<QByteArray> OddKeys = {
    R"("")",       R"(".")",          R"("a.b")", R"("[0]")", R"("]")", R"("x[")",  R"("\u0000")", R"("\t\n")",
    R"("\ud800")", R"("snapshotId")", R"("a")",   R"("..")",  R"("[")", R"("é€😀")", R"("items")",
};

const QList<QByteArray> OddScalars = {
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1e308",
    "-1e-320",
    "123456789012345678901234567890",
    "0.1",
    R"("")",
    R"("\u0000\u001f\u007f")",
    R"("a.b[0]")",
    R"("\ud83d\ude00")",
    R"("\ud800")",
    R"("line\nbreak\ttab")",
    R"("s-1")",
};

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {
    }

    int below(int n) { return int(m_random.bounded(quint32(std::max(1, n)))); }

    QByteArray value(int depth)
    {
        const int kind = depth <= 0 ? 0 : below(6);
        switch (kind) {
        case 0:
        case 1:
            return OddScalars.at(below(int(OddScalars.size())));
        case 2:
        case 3: {
            QByteArray text = "{";
            const int members = below(6);
            for (int i = 0; i < members; ++i) {
                if (i > 0)
                    text += ',';
                // Duplicate names now and then, as a careless server sends them.
                text += OddKeys.at(below(int(OddKeys.size()))) + ':' + value(depth - 1);
            }
            return text + '}';
        }
        default: {
            QByteArray text = "[";
            const int elements = below(8);
            for (int i = 0; i < elements; ++i) {
                if (i > 0)
                    text += ',';
                text += value(depth - 1);
            }
            return text + ']';
        }
        }
    }

    // A text damaged as a cut-off or garbled answer is: cut, bytes changed, bytes dropped.
    QByteArray damaged(QByteArray text)
    {
        switch (below(4)) {
        case 0:
            text.truncate(below(int(text.size())));
            break;
        case 1:
            for (int i = 0; i < 3 && !text.isEmpty(); ++i)
                text[below(int(text.size()))] = char(below(256));
            break;
        case 2:
            if (!text.isEmpty())
                text.remove(below(int(text.size())), 1 + below(4));
            break;
        default:
            text.insert(below(int(text.size()) + 1), "\",[{:}]\\");
            break;
        }
        return text;
    }

private:
    QRandomGenerator m_random;
};

quint32 seed()
{
    bool ok = false;
    const quint32 fromEnvironment = qEnvironmentVariable("WORKBENCH_FUZZ_SEED").toUInt(&ok);
    return ok ? fromEnvironment : 20261201u;
}

// Expands up to `budget` nodes breadth-first, checking each one's key path and value.
void walkTree(JsonTreeModel &model, const QJsonValue &root, int budget)
{
    QList<QPersistentModelIndex> pending{QPersistentModelIndex()};
    int seen = 0;
    while (!pending.isEmpty() && seen < budget) {
        const QModelIndex parent = pending.takeFirst();
        if (model.canFetchMore(parent))
            model.fetchMore(parent);
        for (int row = 0; row < model.rowCount(parent) && seen < budget; ++row, ++seen) {
            const QModelIndex index = model.index(row, 0, parent);
            QVERIFY(index.isValid());
            for (int column = 0; column < JsonTreeModel::ColumnCount; ++column) {
                (void)model.index(row, column, parent).data();
                (void)model.index(row, column, parent).data(Qt::ToolTipRole);
            }
            const QString path = model.keyPath(index);
            if (!path.isEmpty()) {
                const QModelIndex found = model.indexForPath(path);
                QVERIFY2(found.isValid(), qPrintable(path));
                QCOMPARE(model.keyPath(found), path);
            }
            // valueAt() cannot name members with '.' or '['; where it names one, it is this one.
            const QJsonValue at = valueAt(root, path);
            if (!at.isUndefined() && !path.contains(u'.') && !path.contains(u"]["_s) && !path.isEmpty()
                && model.value(index).type() == at.type() && !at.isObject() && !at.isArray()) {
                QCOMPARE(model.value(index), at);
            }
            if (model.hasChildren(index))
                pending.append(index);
        }
    }
}

void exercise(const QByteArray &text, int nodeBudget = 3000)
{
    const ParsedJson parsed = parseNow(text);
    QVERIFY(parsed.document);
    const QJsonValue root
        = parsed.document->isArray() ? QJsonValue(parsed.document->array()) : QJsonValue(parsed.document->object());

    JsonTreeModel tree;
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setDocument(parsed.document);
    walkTree(tree, root, nodeBudget);
    if (QTest::currentTestFailed())
        return;
    for (const QString &path :
         {u""_s, u"."_s, u"["_s, u"[0]"_s, u"]"_s, u"a..b"_s, u"[99999999999999999999]"_s, u"[-1]"_s, u"a.b[0].c"_s})
        (void)tree.indexForPath(path);

    for (const QString &needle : {u"a"_s, u"."_s, u"["_s, u"0"_s, u"null"_s, u"\u0000"_s, u"😀"_s, u"E"_s}) {
        const SearchResult found = findKeyPaths(root, needle, 200);
        QVERIFY(found.keyPaths.size() <= 200);
        for (const QString &path : found.keyPaths) {
            // A member of the document with an empty name has the document's own path: "".
            if (!path.isEmpty())
                QVERIFY2(tree.indexForPath(path).isValid(), qPrintable(path));
        }
        (void)matches(root, needle);
    }

    JsonTableModel table;
    QAbstractItemModelTester tableTester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    JsonRowFilter filter;
    filter.setSourceModel(&table);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QJsonArray rows = root.isArray() ? root.toArray() : root.toObject().value(u"items"_s).toArray();
    (void)isTableOfObjects(rows);
    table.setRows(rows, {u"snapshotId"_s, u"a.b"_s, u"[0]"_s, QString()});
    for (int column = -1; column <= table.columnCount(); ++column) {
        table.sort(column, Qt::AscendingOrder);
        filter.sort(column, Qt::DescendingOrder);
    }
    table.appendRows(rows);
    for (const QString &needle : {u"a"_s, u"1"_s, u"\t"_s, u"true"_s})
        filter.setText(needle);
    for (int row = 0; row < std::min(filter.rowCount(), 50); ++row) {
        for (int column = 0; column < filter.columnCount(); ++column)
            (void)filter.index(row, column).data();
    }
}

} // namespace

class TestJsonFuzz : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qInfo("seed %u (WORKBENCH_FUZZ_SEED sets it)", seed()); }
    void generatedDocuments();
    void damagedDocuments();
    void deepNesting_data();
    void deepNesting();
    void hugeArraysOfMixedTypes();
    void emptyAndNotJson_data();
    void emptyAndNotJson();
};

void TestJsonFuzz::generatedDocuments()
{
    Generator generate(seed());
    for (int i = 0; i < 300; ++i) {
        const QByteArray text = generate.value(1 + generate.below(6));
        exercise(text);
        if (QTest::currentTestFailed())
            qWarning("failed on document %d: %s", i, text.left(2000).constData());
        QVERIFY(!QTest::currentTestFailed());
    }
}

void TestJsonFuzz::damagedDocuments()
{
    Generator generate(seed() + 1);
    for (int i = 0; i < 300; ++i) {
        const QByteArray text = generate.damaged("{\"items\":" + generate.value(4) + '}');
        exercise(text);
        if (QTest::currentTestFailed())
            qWarning("failed on document %d: %s", i, text.left(2000).constData());
        QVERIFY(!QTest::currentTestFailed());
    }
}

void TestJsonFuzz::deepNesting_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("objects");
    for (const int depth : {64, 512, 1023, 1024, 1025, 5000, 200000}) {
        QTest::addRow("arrays %d", depth) << depth << false;
        QTest::addRow("objects %d", depth) << depth << true;
    }
}

void TestJsonFuzz::deepNesting()
{
    QFETCH(int, depth);
    QFETCH(bool, objects);
    QByteArray text;
    text.reserve(qsizetype(depth) * 8 + 16);
    for (int i = 0; i < depth; ++i)
        text += objects ? "{\"a.b\":" : "[";
    text += "\"s-1\"";
    for (int i = 0; i < depth; ++i)
        text += objects ? '}' : ']';
    // The parser refuses what is too deep; whatever it accepts is walked to the bottom.
    exercise(text, depth + 10);
    JsonTreeModel tree;
    tree.setDocument(parseNow(text).document);
    QString path;
    for (int i = 0; i < depth; ++i)
        path += objects ? (i == 0 ? u"a.b"_s : u".a.b"_s) : u"[0]"_s;
    if (tree.rowCount() > 0) {
        const QModelIndex bottom = tree.indexForPath(path);
        QVERIFY(bottom.isValid());
        QCOMPARE(tree.value(bottom), QJsonValue(u"s-1"_s));
        QCOMPARE(findKeyPaths(tree.value({}), u"s-1", 10).keyPaths, QStringList{path});
    }
}

void TestJsonFuzz::hugeArraysOfMixedTypes()
{
    Generator generate(seed() + 2);
    QByteArray text = "[";
    for (int i = 0; i < 200000; ++i) {
        if (i > 0)
            text += ',';
        text += i % 3 == 0
            ? generate.value(2)
            : "{\"snapshotId\":\"s-" + QByteArray::number(i) + "\",\"n\":" + QByteArray::number(i % 17) + '}';
    }
    text += ']';
    const ParsedJson parsed = parseNow(text);
    QVERIFY(parsed.ok());
    JsonTreeModel tree; // no tester: at every chunk it would look at all 200,000 rows again
    tree.setDocument(parsed.document);
    QCOMPARE(tree.rowCount(), int(JsonTreeModel::ChunkSize));
    QVERIFY(tree.indexForPath(u"[199999]").isValid());
    const SearchResult found = findKeyPaths(parsed.document->array(), u"s-1", 10000);
    QVERIFY(found.truncated);
    QCOMPARE(found.keyPaths.size(), 10000);
    JsonTableModel table;
    table.setRows(parsed.document->array());
    QCOMPARE(table.rowCount(), 200000);
    table.sort(int(table.columns().indexOf(u"n"_s)));
    QVERIFY(table.cellValue(0, int(table.columns().indexOf(u"n"_s))).isDouble());
}

void TestJsonFuzz::emptyAndNotJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("spaces") << QByteArray("  \n ");
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("scalar") << QByteArray("42");
    QTest::newRow("string") << QByteArray("\"just text\"");
    QTest::newRow("nul bytes") << QByteArray("{\"a\":\0\0}", 8);
    QTest::newRow("two documents") << QByteArray("{}{}");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"a\":1}");
    QTest::newRow("duplicate keys") << QByteArray(R"({"a":1,"a":{"a":2},"a":[3]})");
    QTest::newRow("empty keys") << QByteArray(R"({"":{"":{"":[{"":""}]}}})");
    QTest::newRow("long string") << (QByteArray("[\"") + QByteArray(5 * 1024 * 1024, 'x') + "\"]");
    QTest::newRow("invalid utf-8") << QByteArray("[\"\xff\xfe\xc3\x28\"]");
}

void TestJsonFuzz::emptyAndNotJson()
{
    QFETCH(QByteArray, text);
    exercise(text);
}

QTEST_GUILESS_MAIN(TestJsonFuzz)
#include "tst_jsonfuzz.moc"
