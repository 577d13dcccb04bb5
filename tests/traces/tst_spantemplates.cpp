// The span templates: each is a valid trace on its own (no validator error, and no warning
// either), has the shape its name promises, and seeded ids are reproducible.

#include "core/traces/spanstore.h"
#include "core/traces/spantemplates.h"
#include "core/traces/tracegraph.h"
#include "core/traces/tracevalidator.h"

#include <QJsonDocument>
#include <QTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

Q_DECLARE_METATYPE(Workbench::Traces::SpanTemplates::Shape)

namespace {
constexpr qint64 BaseTime = 1767225600000; // 2026-01-01T00:00:00Z

QString typesOf(const QList<Span> &spans)
{
    QStringList types;
    for (const Span &span : spans)
        types << span.type;
    return types.join(u' ');
}

const Span *byId(const QList<Span> &spans, const QString &id)
{
    for (const Span &span : spans) {
        if (span.spanId == id)
            return &span;
    }
    return nullptr;
}
} // namespace

class TestSpanTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<SpanTemplates::Shape>("shape");
        for (const auto shape : SpanTemplates::shapes())
            QTest::newRow(qPrintable(SpanTemplates::name(shape))) << shape;
    }

    void valid()
    {
        QFETCH(SpanTemplates::Shape, shape);
        for (int round = 0; round < 2; ++round) {
            SpanIdSource ids = round == 0 ? SpanIdSource::strong() : SpanIdSource::seeded(7);
            const QList<Span> spans = SpanTemplates::build(shape, BaseTime, ids);
            QVERIFY(!spans.isEmpty());
            const SpanStore store = SpanStore::fromSpans(spans);
            const ValidationReport report = TraceValidator::validate(store);
            QVERIFY2(report.errors == 0, qPrintable(QString::fromUtf8(QJsonDocument(report.toJson()).toJson())));
            QVERIFY2(report.warnings == 0, qPrintable(QString::fromUtf8(QJsonDocument(report.toJson()).toJson())));
            std::set<QString> unique;
            for (const Span &span : spans) {
                QCOMPARE(span.spanId.size(), 16);
                QVERIFY(SpanIds::parse(span.spanId));
                QVERIFY(unique.insert(span.spanId).second);
                QVERIFY(*span.timestamp >= BaseTime);
                QVERIFY(!span.dataValue(u"service").isEmpty());
                // Parents come before their children.
                if (!span.parentId.isNull()) {
                    const Span *parent = byId(spans, span.parentId);
                    QVERIFY(parent);
                    QVERIFY(parent < &span);
                    QCOMPARE(parent->traceId, span.traceId);
                }
            }
            QCOMPARE(SpanTemplates::fromName(SpanTemplates::name(shape)), shape);
        }
    }

    void shapes()
    {
        SpanIdSource ids = SpanIdSource::seeded(1);
        const QList<Span> http = SpanTemplates::build(SpanTemplates::Shape::HttpEntryWithDownstream, BaseTime, ids);
        QCOMPARE(typesOf(http), u"ENTRY EXIT ENTRY"_s);
        QCOMPARE(http.at(1).parentId, http.at(0).spanId);
        QCOMPARE(http.at(2).parentId, http.at(1).spanId);
        QVERIFY(http.at(2).dataValue(u"service") != http.at(0).dataValue(u"service"));

        const QList<Span> db = SpanTemplates::build(SpanTemplates::Shape::DatabaseExit, BaseTime, ids);
        QCOMPARE(typesOf(db), u"ENTRY EXIT"_s);
        QVERIFY(!db.at(1).dataValue(u"db.type").isEmpty());

        const QList<Span> mq = SpanTemplates::build(SpanTemplates::Shape::MessageQueueHop, BaseTime, ids);
        QCOMPARE(typesOf(mq), u"ENTRY EXIT ENTRY"_s);
        QVERIFY(mq.at(2).dataValue(u"service") != mq.at(1).dataValue(u"service"));

        const QList<Span> eum = SpanTemplates::build(SpanTemplates::Shape::EumPageLoad, BaseTime, ids);
        QCOMPARE(typesOf(eum), u"EUM ENTRY"_s);
        QVERIFY(eum.at(0).isRoot());
        QVERIFY(eum.at(1).isRoot());
        QVERIFY(eum.at(0).traceId != eum.at(1).traceId);
        QCOMPARE(eum.at(0).backendTrace, eum.at(1).traceId);
        QVERIFY(eum.at(1).backendTrace.isNull());
        const SpanStore store = SpanStore::fromSpans(eum);
        QCOMPARE(TraceGraph(store).traces().size(), size_t(2));
    }

    void seededIdsAreReproducible()
    {
        SpanIdSource a = SpanIdSource::seeded(42);
        SpanIdSource b = SpanIdSource::seeded(42);
        SpanIdSource c = SpanIdSource::seeded(43);
        QVERIFY(a.isSeeded());
        QCOMPARE(a.seed(), quint64(42));
        QList<quint64> first;
        for (int i = 0; i < 100; ++i) {
            const quint64 id = a.next();
            QVERIFY(id != 0);
            QCOMPARE(b.next(), id);
            first << id;
        }
        QVERIFY(c.next() != first.front());
        SpanIdSource d = SpanIdSource::seeded(42);
        const QList<Span> one = SpanTemplates::build(SpanTemplates::Shape::DatabaseExit, BaseTime, d);
        SpanIdSource e = SpanIdSource::seeded(42);
        QCOMPARE(SpanTemplates::build(SpanTemplates::Shape::DatabaseExit, BaseTime, e), one);

        SpanIdSource strong = SpanIdSource::strong();
        QVERIFY(!strong.isSeeded());
        QVERIFY(strong.next() != strong.next());
    }
};

QTEST_GUILESS_MAIN(TestSpanTemplates)
#include "tst_spantemplates.moc"
