#include "core/traces/spanjson.h"
#include "core/traces/tracegraph.h"
#include "tests/localagent/agentexamples.h"
#include "tests/traces/jsonquotes.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

class TestSpanJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void officialExampleReadsAndWritesBack()
    {
        SpanStore store;
        const ReadResult result = SpanJson::read(AgentExamples::traceBody, store);
        QVERIFY2(result.ok(), qPrintable(result.error.toString()));
        QVERIFY(result.isArray);
        QCOMPARE(store.size(), 2);
        const Span entry = store.span(0);
        QCOMPARE(entry.spanId, u"8165b19a37094800"_s);
        QVERIFY(entry.parentId.isNull());
        QCOMPARE(entry.timestamp, 1591346182000);
        QCOMPARE(entry.duration, 134);
        QCOMPARE(entry.type, u"ENTRY"_s);
        QCOMPARE(entry.error, false);
        QCOMPARE(entry.data.size(), 5);
        QCOMPARE(entry.data[2], (DataItem{u"http.status_code"_s, u"200"_s, true}));
        QCOMPARE(store.span(1).parentId, u"8165b19a37094800"_s);

        // Written back, it says the same as the original, with data keys in their order and
        // the number left a number.
        const QByteArray written = SpanJson::write(store);
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(AgentExamples::traceBody));
        QVERIFY(written.contains(J("'data':{'http.url':'https://orders.happyshop.com/my/service/"
                                   "asdasd','http.method':'GET','http.status_code':200,")));
    }

    void prettyAndCompactSayTheSame()
    {
        SpanStore store;
        QVERIFY(SpanJson::read(AgentExamples::traceBody, store).ok());
        const QByteArray pretty = SpanJson::write(store, SpanJson::Format::Pretty);
        QVERIFY(pretty.contains("\n    {\n        \"spanId\": \"8165b19a37094800\",\n"));
        QCOMPARE(QJsonDocument::fromJson(pretty), QJsonDocument::fromJson(SpanJson::write(store)));
        SpanStore again;
        QVERIFY(SpanJson::read(pretty, again).ok());
        QCOMPARE(SpanJson::write(again), SpanJson::write(store));
    }

    void oneObjectStaysOneObject()
    {
        SpanStore store;
        const ReadResult result = SpanJson::read(J("{'spanId':'00000000000000aa','traceId':'00000000000000aa','"
                                                   "timestamp':1700000000000,'duration':5,'name':'x'}"),
                                                 store);
        QVERIFY(result.ok());
        QVERIFY(!result.isArray);
        QCOMPARE(SpanJson::write(store, SpanJson::Format::Compact, false),
                 J("{'spanId':'00000000000000aa','traceId':'00000000000000aa','timestamp':1700000000000,'duration':5,'"
                   "name':'x'}"));
    }

    void unknownFieldsAndOddValuesAreKept()
    {
        const QByteArray text
            = J("[{'spanId':'1F','traceId':'1F','timestamp':1.7e12,'duration':'5','name':'n','type':'entry',"
                "'error':0,'data':{'z':'1','a':[1, 2],'m':null},'custom':{'k': [true]},'x':1}]");
        SpanStore store;
        QVERIFY(SpanJson::read(text, store).ok());
        const Span span = store.span(0);
        QCOMPARE(span.spanId, u"1F"_s); // as typed
        QCOMPARE(store.record(0).spanId, 0x1fu);
        QVERIFY(!span.timestamp);
        QCOMPARE(span.type, u"entry"_s);
        QCOMPARE(span.spanType(), SpanType::Unknown);
        QCOMPARE(span.data.size(), 3);
        QCOMPARE(span.data[1], (DataItem{u"a"_s, u"[1,2]"_s, true}));
        QCOMPARE(span.data[2].key, u"m"_s);
        QCOMPARE(span.extras.size(), 5); // timestamp, duration, error kept raw; custom, x unknown
        const QByteArray written = SpanJson::write(store);
        QCOMPARE(
            written,
            J("[{'spanId':'1F','traceId':'1F','timestamp':1.7e12,'duration':'5','name':'n','type':'entry','error':0,"
              "'data':{'z':'1','a':[1,2],'m':null},'custom':{'k':[true]},'x':1}]"));
        // A value copy and back gives the same store.
        QCOMPARE(SpanJson::write(SpanStore::fromSpans(store.spans())), written);
    }

    void stringsAreDecodedAndEscapedBack()
    {
        const QByteArray text = J("{'spanId':'0000000000000001','traceId':'0000000000000001','timestamp':1700000000000,"
                                  "'duration':1,'name':'tab\\there \\'q\\' \\\\ \\u00e9 \\ud83d\\ude00 \\u0001 \\/'}");
        SpanStore store;
        QVERIFY(SpanJson::read(text, store).ok());
        QCOMPARE(store.name(0), u"tab\there \"q\" \\ é 😀 \u0001 /"_s);
        const QByteArray written = SpanJson::spanJson(store, 0);
        QVERIFY(written.contains(J("'name':'tab\\there \\'q\\' \\\\ é 😀 \\u0001 /'")));
        QCOMPARE(QJsonDocument::fromJson('[' + written + ']')[0][u"name"_s].toString(), store.name(0));
    }

    // What a round trip keeps that a JSON library would change: -0 as written, a lone surrogate
    // as its escape, every member of a key written twice.
    void oddTextIsKeptAsWritten()
    {
        const QByteArray text
            = J("{'spanId':'0000000000000001','traceId':'0000000000000001','timestamp':1700000000000,'duration':-0,"
                "'name':'a\\ud800b\\udc00\\ud83d\\ude00','data':{'k':'\\udbff\\u0041'}}");
        SpanStore store;
        QVERIFY(SpanJson::read(text, store).ok());
        QVERIFY(store.record(0).has(SpanStore::Flag::HasDuration));
        QCOMPARE(store.record(0).duration, 0);
        QCOMPARE(store.name(0), u"a\ufffdb\ufffd😀"_s);
        const QByteArray written = SpanJson::spanJson(store, 0);
        QCOMPARE(written,
                 J("{'spanId':'0000000000000001','traceId':'0000000000000001','timestamp':1700000000000,"
                   "'duration':-0,'name':'a\\ud800b\\udc00😀','data':{'k':'\\udbffA'}}"));
        QCOMPARE(SpanJson::compactSize(store, 0), written.size());
        SpanStore again;
        QVERIFY(SpanJson::read(written, again).ok());
        QCOMPARE(SpanJson::spanJson(again, 0), written);
    }

    void duplicateKeysAreKept()
    {
        const QByteArray text
            = J("{'spanId':'0000000000000001','spanId':'0000000000000002','traceId':'0000000000000001',"
                "'timestamp':1700000000000,'duration':1,'name':'n','data':{'k':'1','k':'2'},"
                "'x':1,'x':2}");
        SpanStore store;
        QVERIFY(SpanJson::read(text, store).ok());
        QCOMPARE(store.spanIdText(0), u"0000000000000001"_s); // the first
        QCOMPARE(SpanJson::spanJson(store, 0),
                 J("{'spanId':'0000000000000001','traceId':'0000000000000001','timestamp':1700000000000,'duration':1,"
                   "'name':'n','data':{'k':'1','k':'2'},'spanId':'0000000000000002','x':1,'x':2}"));
    }

    // A byte order mark is named, not called an unexpected character.
    void aByteOrderMarkIsNamed()
    {
        SpanStore store;
        const ReadResult result = SpanJson::read("\xef\xbb\xbf[]", store);
        QVERIFY(!result.ok());
        QCOMPARE(result.error.line, 1);
        QCOMPARE(result.error.column, 1);
        QVERIFY2(result.error.message.contains(u"UTF-8 byte order mark"_s), qPrintable(result.error.message));
    }

    void syntaxErrorsNameTheirPlace_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << QByteArray("  \n ") << 2 << 2 << u"empty"_s;
        QTest::newRow("truncated") << QByteArray("[{\"spanId\": \"ab") << 1 << 13 << u"not closed"_s;
        QTest::newRow("missing comma") << QByteArray("[{\"a\":1}\n {\"b\":2}]") << 2 << 2 << u"expected ','"_s;
        QTest::newRow("trailing") << QByteArray("[] x") << 1 << 4 << u"after the end"_s;
        QTest::newRow("bad number") << QByteArray("{\"duration\": 01}") << 1 << 15 << u"expected ',' or '}'"_s;
        QTest::newRow("bad literal") << QByteArray("{\"error\": tru}") << 1 << 11 << u"expected a JSON value"_s;
        QTest::newRow("control char") << QByteArray("{\"name\": \"a\nb\"}") << 1 << 12 << u"control character"_s;
        QTest::newRow("bad escape") << QByteArray("{\"name\": \"\\x\"}") << 1 << 12 << u"escape"_s;
        QTest::newRow("short unicode") << QByteArray("{\"name\": \"\\u12\"}") << 1 << 12 << u"four hex digits"_s;
        QTest::newRow("key not string") << QByteArray("{name: 1}") << 1 << 2 << u"expected a string"_s;
        QTest::newRow("ends in array") << QByteArray("[{}") << 1 << 4 << u"ends inside the array"_s;
        QTest::newRow("deep") << QByteArray("{\"x\":" + QByteArray(600, '[') + QByteArray(600, ']') + "}") << 1 << 518
                              << u"nested deeper than 512"_s;
    }

    void syntaxErrorsNameTheirPlace()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, words);
        SpanStore store;
        const ReadResult result = SpanJson::read(text, store);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message.contains(words), qPrintable(result.error.message));
        QCOMPARE(result.error.line, line);
        QCOMPARE(result.error.column, column);
        QVERIFY(result.error.toString().startsWith(u"line %1, column %2: "_s.arg(line).arg(column)));
    }

    void spansBeforeAnErrorStay()
    {
        SpanStore store;
        const ReadResult result = SpanJson::read(J("[{'name':'a'},{'name':'b'},{'name': "), store);
        QVERIFY(!result.ok());
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.name(1), u"b"_s);
    }

    void elementsThatAreNoSpansAreReported()
    {
        SpanStore store;
        const ReadResult result = SpanJson::read(J("[{'name':'a'}, 7, 'x', [1], {'name':'b'}]"), store);
        QVERIFY(result.ok());
        QCOMPARE(store.size(), 2);
        QCOMPARE(result.skipped.size(), 3);
        QCOMPARE(result.skipped[0].index, 1);
        QVERIFY(result.skipped[0].message.contains(u"a number"_s));
        QCOMPARE(result.skipped[2].rule, u"not-a-span"_s);
    }

    void filesAreReadMappedAndWrittenWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"t.json"_s);
        SpanStore store;
        QVERIFY(SpanJson::read(AgentExamples::traceBody, store).ok());
        QString error;
        QVERIFY(SpanJson::writeFile(path, store, SpanJson::Format::Pretty, &error));
        SpanStore again;
        QVERIFY(SpanJson::readFile(path, again).ok());
        QCOMPARE(SpanJson::write(again), SpanJson::write(store));

        const ReadResult missing = SpanJson::readFile(dir.filePath(u"none.json"_s), again);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error.offset, -1);
        QVERIFY(missing.error.message.contains(u"none.json"_s));
        QVERIFY(!SpanJson::writeFile(dir.filePath(u"no/such/dir/t.json"_s), store, SpanJson::Format::Compact, &error));
        QVERIFY(error.contains(u"cannot write"_s));
    }

    void stringsAreInterned()
    {
        StringPool pool;
        QCOMPARE(pool.intern(QByteArrayView()), 0u);
        const auto a = pool.intern(QByteArrayView("checkout"));
        QCOMPARE(pool.intern(QByteArrayView("checkout")), a);
        QVERIFY(pool.intern(QByteArrayView("catalog")) != a);
        for (int i = 0; i < 10000; ++i)
            pool.intern(QByteArray::number(i));
        QCOMPARE(pool.view(a), QByteArrayView("checkout"));
        QCOMPARE(pool.find(QByteArrayView("9999")), qint64(pool.intern(QByteArrayView("9999"))));
        QCOMPARE(pool.find(QByteArrayView("nope")), -1);
    }

    void graphLinksChildrenInStartOrder()
    {
        QList<Span> spans;
        auto add = [&](quint64 id, quint64 parent, qint64 start) {
            Span s;
            s.spanId = SpanIds::format(id);
            s.traceId = SpanIds::format(1);
            if (parent)
                s.parentId = SpanIds::format(parent);
            s.timestamp = start;
            s.duration = 10;
            s.name = u"s"_s;
            spans.append(s);
        };
        add(1, 0, 100);
        add(3, 1, 105);
        add(2, 1, 101);
        add(4, 9, 100); // orphan
        add(5, 3, 106);
        const SpanStore store = SpanStore::fromSpans(spans);
        const TraceGraph graph(store);
        QCOMPARE(graph.topLevel(), (std::vector<qint32>{0, 3}));
        const auto children = graph.children(0);
        QCOMPARE(std::vector<qint32>(children.begin(), children.end()), (std::vector<qint32>{2, 1}));
        QCOMPARE(graph.depth(4), 2);
        QCOMPARE(graph.link(3), TraceGraph::Link::MissingParent);
        QCOMPARE(graph.indexOf(5), 4);
        QCOMPARE(graph.indexOf(42), -1);
        QCOMPARE(graph.traces().size(), size_t(1));
        QCOMPARE(graph.traces()[0].roots, (std::vector<qint32>{0}));
    }
};

QTEST_GUILESS_MAIN(TestSpanJson)
#include "tst_spanjson.moc"
