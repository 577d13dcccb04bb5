// Malformed span files, generated: truncated at every byte, mutated bytes, values of the
// wrong type, huge strings, deep nesting, cycles. Reading gives spans or a parse error with a
// position inside the text; validating and writing back never fail; what was read is written
// back so that it reads again to the same. Runs under ASan with the rest of the suite.

#include "core/traces/spanjson.h"
#include "core/traces/tracevalidator.h"
#include "tests/localagent/agentexamples.h"
#include "tests/traces/jsonquotes.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace {

QByteArray baseTrace()
{
    QList<Span> spans;
    for (quint64 i = 1; i <= 6; ++i) {
        Span s;
        s.spanId = SpanIds::format(i * 0x1111);
        s.traceId = SpanIds::format(0x1111);
        if (i > 1)
            s.parentId = SpanIds::format((i - 1) * 0x1111);
        s.timestamp = 1700000000000 + qint64(i);
        s.duration = 100 - qint64(i);
        s.name = u"GET /api/é/%1"_s.arg(i);
        s.type = i % 2 ? u"ENTRY"_s : u"EXIT"_s;
        s.error = i == 3;
        s.setData(u"service"_s, u"svc\t\"%1\""_s.arg(i % 3));
        s.setData(u"http.status_code"_s, u"200"_s);
        spans.append(s);
    }
    // The official example's shape (a number among the data values) joins the generated spans.
    return "[" + AgentExamples::traceBody.trimmed().sliced(1).chopped(1) + ","
        + SpanJson::write(SpanStore::fromSpans(spans), SpanJson::Format::Pretty).sliced(1);
}

// Reads, checks the result's promises, validates, writes back and reads again.
void exercise(const QByteArray &text)
{
    SpanStore store;
    const ReadResult result = SpanJson::read(text, store);
    if (!result.ok()) {
        QVERIFY2(result.error.offset >= 0 && result.error.offset <= text.size(), qPrintable(result.error.toString()));
        QVERIFY(result.error.line >= 1);
        QVERIFY(result.error.column >= 1);
    }
    // What QJsonDocument takes, the reader takes too, but where it is stricter, as JSON's
    // grammar is: raw control characters and unknown escapes in strings, and nesting beyond
    // MaxDepth.
    QJsonParseError qtError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &qtError);
    if (qtError.error == QJsonParseError::NoError && !document.isNull()
        && !result.error.message.contains(u"control character"_s) && !result.error.message.contains(u"nested"_s)
        && !result.error.message.contains(u"escape"_s))
        QVERIFY2(result.ok(), qPrintable(u"Qt accepts it, the reader says "_s + result.error.toString()));

    const ValidationReport report = TraceValidator::validate(store);
    QVERIFY(report.errors + report.warnings >= report.findings.size());
    const QByteArray written = SpanJson::write(store);
    SpanStore again;
    const ReadResult reread = SpanJson::read(written, again);
    QVERIFY2(reread.ok(), qPrintable(reread.error.toString() + u" in "_s + QString::fromUtf8(written.left(300))));
    QCOMPARE(again.size(), store.size());
    QCOMPARE(SpanJson::write(again), written);
    const QByteArray pretty = SpanJson::write(store, SpanJson::Format::Pretty);
    SpanStore fromPretty;
    QVERIFY(SpanJson::read(pretty, fromPretty).ok());
    QCOMPARE(SpanJson::write(fromPretty), written);
}

} // namespace

class TestSpanFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncatedAtEveryByte()
    {
        const QByteArray base = baseTrace();
        for (qsizetype cut = 0; cut < base.size(); ++cut) {
            exercise(base.left(cut));
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(u"cut at %1"_s.arg(cut)));
        }
    }

    void mutatedBytes()
    {
        const QByteArray base = baseTrace();
        QRandomGenerator random(20261123);
        static constexpr char alphabet[] = "{}[]\",:\\0123456789-+.eEtrufalsn \n\t\x01\xff\xc3\xa9uU";
        for (int round = 0; round < 4000; ++round) {
            QByteArray text = base;
            const int edits = 1 + int(random.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const auto at = qsizetype(random.bounded(int(text.size())));
                const char c = alphabet[random.bounded(int(sizeof(alphabet) - 1))];
                switch (random.bounded(3)) {
                case 0:
                    text[at] = c;
                    break;
                case 1:
                    text.insert(at, c);
                    break;
                default:
                    text.remove(at, 1 + random.bounded(8));
                    break;
                }
            }
            exercise(text);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(u"round %1: %2"_s.arg(round).arg(QString::fromLatin1(text.toBase64()))));
        }
    }

    void randomBytes()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 2000; ++round) {
            QByteArray text(1 + random.bounded(200), Qt::Uninitialized);
            for (char &c : text)
                c = char(random.bounded(256));
            if (round % 2)
                text.prepend('[');
            exercise(text);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void wrongTypesEverywhere()
    {
        const QList<QByteArray> values{"null",
                                       "true",
                                       "1",
                                       "-1.5e3",
                                       "\"x\"",
                                       "[]",
                                       "{}",
                                       "[{\"a\":[null]}]",
                                       "\"0000000000000001\"",
                                       "99999999999999999999999"};
        const QList<QByteArray> fields{"spanId", "parentId", "traceId", "timestamp",    "duration", "name",
                                       "type",   "error",    "data",    "backendTrace", "unknown"};
        for (const QByteArray &field : fields) {
            for (const QByteArray &value : values) {
                const QByteArray text = J("[{'spanId':'0000000000000001','traceId':'0000000000000001','name':'n',"
                                          "'timestamp':1700000000000,'duration':1,'")
                    + field + "\":" + value + J(",'data':{'k':") + value + "}}]";
                exercise(text);
                if (QTest::currentTestFailed())
                    QFAIL(text.constData());
            }
        }
    }

    void hugeStrings()
    {
        const QByteArray name(8 * 1024 * 1024, 'n');
        const QByteArray text = J("{'spanId':'0000000000000001','traceId':'0000000000000001','timestamp':1700000000000,"
                                  "'duration':1,'name':'")
            + name + "\"}";
        SpanStore store;
        QVERIFY(SpanJson::read(text, store).ok());
        QCOMPARE(store.name(0).size(), name.size());
        const ValidationReport report = TraceValidator::validate(store);
        QCOMPARE(report.errors, 1);
        QCOMPARE(report.findings[0].rule, u"span-too-large"_s);
        QCOMPARE(report.findings[1].rule, u"request-too-large"_s);
        // Unclosed, it is an error at the opening quote.
        SpanStore broken;
        const ReadResult result = SpanJson::read(text.left(text.size() - 2), broken);
        QVERIFY(!result.ok());
        QCOMPARE(result.error.offset, text.indexOf("\"nnn"));
    }

    void deepNesting()
    {
        for (const int depth : {100, 511, 513, 100000}) {
            const QByteArray text = J("[{'name':'n','x':") + QByteArray(depth, '[') + QByteArray(depth, ']') + "}]";
            SpanStore store;
            const ReadResult result = SpanJson::read(text, store);
            QCOMPARE(result.ok(), depth <= SpanJson::MaxDepth);
            if (!result.ok())
                QVERIFY(result.error.message.contains(u"nested deeper"_s));
            // Unbalanced too.
            exercise(QByteArray(depth, '['));
            exercise(QByteArray(depth, '{'));
        }
    }

    void cyclesAndOrphansOfEveryShape()
    {
        QRandomGenerator random(99);
        for (int round = 0; round < 300; ++round) {
            const int n = 1 + int(random.bounded(40));
            QList<Span> spans;
            for (int i = 0; i < n; ++i) {
                Span s;
                s.spanId = SpanIds::format(quint64(i) + 1);
                s.traceId = SpanIds::format(1 + random.bounded(2));
                const int parent = int(random.bounded(n + 3)) - 1; // -1: root; >= n: missing
                if (parent >= 0)
                    s.parentId = SpanIds::format(quint64(parent) + 1);
                s.timestamp = 1700000000000 + random.bounded(100);
                s.duration = random.bounded(100);
                s.name = u"s"_s;
                spans.append(s);
            }
            const SpanStore store = SpanStore::fromSpans(spans);
            const TraceGraph graph(store);
            // Every span is reachable from the top exactly once.
            std::vector<int> seen(size_t(n), 0);
            std::vector<qint32> stack(graph.topLevel().begin(), graph.topLevel().end());
            while (!stack.empty()) {
                const qint32 s = stack.back();
                stack.pop_back();
                ++seen[size_t(s)];
                for (const qint32 c : graph.children(s))
                    stack.push_back(c);
            }
            QVERIFY(std::all_of(seen.begin(), seen.end(), [](int count) { return count == 1; }));
            exercise(SpanJson::write(store));
        }
    }
};

QTEST_GUILESS_MAIN(TestSpanFuzz)
#include "tst_spanfuzz.moc"
