// SpanGenerator: the same options give the same bytes, other seeds other spans; every shape
// asked for is valid by TraceValidator (no errors, no warnings but the request limits), has
// exactly the spans and traces asked for, and keeps depth and fanout as limits.

#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracegraph.h"
#include "core/traces/tracevalidator.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

Q_DECLARE_METATYPE(Workbench::Traces::GeneratorOptions)

namespace {

GeneratorOptions shape(qsizetype spans, int depth, int fanout, int traces = 1, double errorRate = 0.02,
                       int services = 5, quint64 seed = 1)
{
    GeneratorOptions options;
    options.spans = spans;
    options.depth = depth;
    options.fanout = fanout;
    options.traces = traces;
    options.errorRate = errorRate;
    options.services = services;
    options.seed = seed;
    return options;
}

QString describe(const ValidationReport &report)
{
    QStringList lines;
    for (const Finding &finding : report.findings.mid(0, 5))
        lines << finding.rule + u": "_s + finding.message;
    return lines.join(u'\n');
}

} // namespace

class TestSpanGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameBytes()
    {
        const GeneratorOptions options = shape(5000, 6, 4, 3, 0.1);
        const QByteArray first = SpanJson::write(SpanGenerator::generate(options));
        const QByteArray second = SpanJson::write(SpanGenerator::generate(options));
        QVERIFY(!first.isEmpty());
        QCOMPARE(second, first);
        // Pretty too, and the file the CLI writes.
        QCOMPARE(SpanJson::write(SpanGenerator::generate(options), SpanJson::Format::Pretty),
                 SpanJson::write(SpanGenerator::generate(options), SpanJson::Format::Pretty));
    }

    void otherSeedOtherSpans()
    {
        GeneratorOptions options = shape(1000, 6, 4);
        const SpanStore a = SpanGenerator::generate(options);
        options.seed = 2;
        const SpanStore b = SpanGenerator::generate(options);
        QCOMPARE(a.size(), b.size());
        QVERIFY(SpanJson::write(a) != SpanJson::write(b));
        QSet<quint64> ids;
        for (qsizetype i = 0; i < a.size(); ++i)
            ids.insert(a.record(i).spanId);
        for (qsizetype i = 0; i < b.size(); ++i)
            QVERIFY(!ids.contains(b.record(i).spanId));
    }

    void shapes_data()
    {
        QTest::addColumn<GeneratorOptions>("options");
        QTest::newRow("1 span") << shape(1, 6, 4);
        QTest::newRow("2 spans") << shape(2, 6, 4);
        QTest::newRow("1000 spans") << shape(1000, 6, 4);
        QTest::newRow("50000 spans") << shape(50000, 6, 4, 1, 0.02, 12);
        QTest::newRow("depth 1, one span per trace") << shape(20, 1, 4, 20);
        QTest::newRow("depth 2") << shape(300, 2, 4);
        QTest::newRow("fanout 1 (chains)") << shape(40, 50, 1, 4);
        QTest::newRow("fanout 1, widened") << shape(100, 5, 1);
        QTest::newRow("depth 3, fanout 2, widened") << shape(1000, 3, 2);
        QTest::newRow("many traces") << shape(10000, 6, 4, 333);
        QTest::newRow("as many traces as spans") << shape(50, 6, 4, 50);
        QTest::newRow("error rate 0") << shape(2000, 6, 4, 2, 0.0);
        QTest::newRow("error rate 1") << shape(2000, 6, 4, 2, 1.0);
        QTest::newRow("one service") << shape(2000, 8, 3, 1, 0.02, 1);
        QTest::newRow("many services") << shape(5000, 8, 3, 10, 0.02, 250);
        QTest::newRow("deep and wide") << shape(20000, 20, 10, 1, 0.02, 7, 99);
    }

    void shapes()
    {
        QFETCH(GeneratorOptions, options);
        QVERIFY2(SpanGenerator::problem(options).isEmpty(), qPrintable(SpanGenerator::problem(options)));
        const SpanStore store = SpanGenerator::generate(options);
        QCOMPARE(store.size(), options.spans);

        ValidationOptions validation;
        validation.requestLimits = false;
        const ValidationReport report = TraceValidator::validate(store, validation);
        QVERIFY2(report.errors == 0 && report.warnings == 0, qPrintable(describe(report)));
        // With the request limits: only those warnings.
        const ValidationReport limits = TraceValidator::validate(store);
        QCOMPARE(limits.errors, 0);
        for (const Finding &finding : limits.findings)
            QVERIFY2(finding.rule == "too-many-spans"_L1 || finding.rule == "request-too-large"_L1,
                     qPrintable(finding.rule));

        // Traces, roots, depth and fanout.
        QHash<quint64, qsizetype> indexOf;
        QHash<quint64, int> roots;
        QHash<quint64, int> depthOf;
        QHash<quint64, int> children;
        QHash<quint64, qsizetype> spansPerTrace;
        qsizetype errors = 0;
        for (qsizetype i = 0; i < store.size(); ++i) {
            const SpanStore::Record &r = store.record(i);
            QVERIFY(!indexOf.contains(r.spanId));
            indexOf.insert(r.spanId, i);
            QVERIFY(r.duration >= 0);
            ++spansPerTrace[r.traceId];
            if (r.has(SpanStore::ErrorValue))
                ++errors;
            if (!r.has(SpanStore::HasParentId)) {
                ++roots[r.traceId];
                QCOMPARE(r.traceId, r.spanId);
                QCOMPARE(r.type, SpanType::Entry);
                depthOf.insert(r.spanId, 1);
            } else {
                // Parents come first (depth-first order).
                QVERIFY(depthOf.contains(r.parentId));
                depthOf.insert(r.spanId, depthOf.value(r.parentId) + 1);
                ++children[r.parentId];
            }
            QCOMPARE(store.spanIdText(i).size(), 16);
            for (const SpanStore::DataEntry &entry : store.data(i))
                QVERIFY(!entry.raw);
            QVERIFY(!store.dataValue(i, "service").isEmpty());
        }
        QCOMPARE(qsizetype(spansPerTrace.size()), qsizetype(options.traces));
        QCOMPARE(qsizetype(roots.size()), qsizetype(options.traces));
        for (const int count : std::as_const(roots))
            QCOMPARE(count, 1);
        const qsizetype per = options.spans / options.traces;
        for (const qsizetype count : std::as_const(spansPerTrace))
            QVERIFY(count == per || count == per + 1);
        for (const int depth : std::as_const(depthOf))
            QVERIFY(depth <= options.depth);
        int widest = 0;
        for (const int count : std::as_const(children))
            widest = std::max(widest, count);
        // The fanout is a limit unless the trace cannot be held: then it is widened only as
        // far as needed.
        qsizetype capacity = 0;
        qsizetype level = 1;
        for (int d = 0; d < options.depth && capacity < per + 1; ++d, level *= options.fanout)
            capacity += level;
        if (capacity >= per + 1)
            QVERIFY2(widest <= options.fanout, qPrintable(u"widest %1"_s.arg(widest)));
        if (options.errorRate == 0.0)
            QCOMPARE(errors, 0);
        if (options.errorRate == 1.0)
            QCOMPARE(errors, store.size());
    }

    void realisticData()
    {
        const SpanStore store = SpanGenerator::generate(shape(5000, 6, 4, 1, 0.2, 8));
        QSet<QString> services;
        bool http = false, db = false, mq = false, intermediate = false, remote = false, serverError = false;
        for (qsizetype i = 0; i < store.size(); ++i) {
            const SpanStore::Record &r = store.record(i);
            services.insert(store.dataValue(i, "service"));
            if (!store.dataValue(i, "http.method").isEmpty()) {
                http = true;
                QVERIFY(!store.dataValue(i, "http.url").isEmpty());
                QVERIFY(!store.dataValue(i, "http.path").isEmpty());
                QVERIFY(!store.dataValue(i, "http.host").isEmpty());
                const QString status = store.dataValue(i, "http.status_code");
                QVERIFY(!status.isEmpty());
                if (r.has(SpanStore::ErrorValue)) {
                    QVERIFY2(status.startsWith(u'5'), qPrintable(status));
                    serverError = true;
                }
            }
            if (!store.dataValue(i, "db.statement").isEmpty()) {
                db = true;
                QVERIFY(!store.dataValue(i, "db.type").isEmpty());
                QCOMPARE(r.type, SpanType::Exit);
            }
            mq = mq || !store.dataValue(i, "mq.topic").isEmpty();
            intermediate = intermediate || r.type == SpanType::Intermediate;
            if (r.type == SpanType::Entry && r.has(SpanStore::HasParentId))
                remote = true;
            QVERIFY(!store.name(i).isEmpty());
        }
        QVERIFY(http && db && mq && intermediate && remote && serverError);
        QVERIFY(services.contains(u"checkout"_s) || services.contains(u"catalog"_s));
        QVERIFY(services.size() > 3);
        // A bounded set of texts, however many spans.
        QVERIFY2(store.strings().count() < 2000, qPrintable(QString::number(store.strings().count())));
    }

    void generatedServiceNames()
    {
        const SpanStore store = SpanGenerator::generate(shape(20000, 8, 4, 50, 0.02, 45));
        QSet<QString> services;
        for (qsizetype i = 0; i < store.size(); ++i)
            services.insert(store.dataValue(i, "service"));
        QVERIFY(services.size() > 20);
        QVERIFY(services.contains(u"checkout-2"_s) || services.contains(u"catalog-2"_s)
                || services.contains(u"payments-3"_s));
    }

    void problems_data()
    {
        QTest::addColumn<GeneratorOptions>("options");
        QTest::addColumn<QString>("words");
        QTest::newRow("no spans") << shape(0, 6, 4) << u"spans"_s;
        QTest::newRow("depth 0") << shape(10, 0, 4) << u"depth"_s;
        QTest::newRow("fanout 0") << shape(10, 6, 0) << u"fanout"_s;
        QTest::newRow("services 0") << shape(10, 6, 4, 1, 0.1, 0) << u"services"_s;
        QTest::newRow("error rate -0.1") << shape(10, 6, 4, 1, -0.1) << u"error rate"_s;
        QTest::newRow("error rate 1.5") << shape(10, 6, 4, 1, 1.5) << u"error rate"_s;
        QTest::newRow("error rate NaN") << shape(10, 6, 4, 1, std::nan("")) << u"error rate"_s;
        QTest::newRow("traces 0") << shape(10, 6, 4, 0) << u"traces"_s;
        QTest::newRow("more traces than spans") << shape(10, 6, 4, 11) << u"more traces"_s;
        QTest::newRow("depth 1, spans > traces") << shape(10, 1, 4, 2) << u"depth of 1"_s;
    }

    void problems()
    {
        QFETCH(GeneratorOptions, options);
        QFETCH(QString, words);
        const QString problem = SpanGenerator::problem(options);
        QVERIFY2(problem.contains(words, Qt::CaseInsensitive), qPrintable(problem));
        QVERIFY(SpanGenerator::generate(options).isEmpty());
    }

    void aMillionSpans()
    {
        // Size only; the time is printed, never judged (see tests/bench for figures).
        const GeneratorOptions options = shape(1000000, 8, 6, 100);
        QElapsedTimer clock;
        clock.start();
        const SpanStore store = SpanGenerator::generate(options);
        qInfo("1,000,000 spans generated in %lld ms; %lld strings in the pool, %lld bytes in all",
              qlonglong(clock.elapsed()), qlonglong(store.strings().count()), qlonglong(store.memoryUsed()));
        QCOMPARE(store.size(), qsizetype(1000000));
        QVERIFY(store.strings().count() < 2000);
    }
};

QTEST_GUILESS_MAIN(TestSpanGenerator)
#include "tst_spangenerator.moc"
