// The capture store and its models: bounded sections, oldest dropped and counted, spans
// grouped into traces; every model checked by QAbstractItemModelTester while it changes.

#include "core/localagent/capturemodels.h"
#include "core/localagent/capturestore.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

quint64 nextRequest = 1;

CapturedItem span(const QString &traceId, const QString &spanId, const QString &parentId = {}, bool error = false)
{
    QJsonObject fields{{u"spanId"_s, spanId},
                       {u"traceId"_s, traceId},
                       {u"name"_s, QString(u"op "_s + spanId)},
                       {u"timestamp"_s, qint64(1700000000000)},
                       {u"duration"_s, 5}};
    if (!parentId.isEmpty())
        fields.insert(u"parentId"_s, parentId);
    if (error)
        fields.insert(u"error"_s, true);
    CapturedItem item;
    item.kind = CapturedItem::Kind::Span;
    item.setJson(QJsonDocument(fields).toJson(QJsonDocument::Compact));
    return item;
}

CapturedItem makeEvent(const QString &title)
{
    CapturedItem item;
    item.kind = CapturedItem::Kind::Event;
    item.setJson(QJsonDocument(QJsonObject{{u"title"_s, title}, {u"severity"_s, 5}}).toJson(QJsonDocument::Compact));
    return item;
}

CaptureBatch batch(QList<CapturedItem> items, qint64 at = 1000)
{
    CaptureBatch batch;
    batch.request.id = nextRequest++;
    batch.request.receivedAtMs = at;
    batch.request.head = "POST /x HTTP/1.1\r\n\r\n";
    batch.request.body = "[]";
    for (CapturedItem &item : items) {
        item.requestId = batch.request.id;
        item.receivedAtMs = at;
    }
    batch.items = std::move(items);
    return batch;
}

CaptureBatch rejected(int status, const QString &rule)
{
    CaptureBatch b = batch({});
    b.rejection = Rejection{status, rule, u"because "_s + rule};
    return b;
}

// The model as text, one row a line, for comparisons.
QString dump(const QAbstractItemModel &model, int columns)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < columns; ++column)
            cells << model.index(row, column).data().toString();
        lines << cells.join(u" | "_s);
    }
    return lines.join(u'\n');
}

} // namespace

class TestCaptureStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupsSpansIntoTraces()
    {
        CaptureStore store;
        CapturedTracesModel traces(store);
        QAbstractItemModelTester tester(&traces, QAbstractItemModelTester::FailureReportingMode::QtTest);

        store.add(batch({span(u"t1"_s, u"a"_s), span(u"t1"_s, u"b"_s, u"a"_s, true), span(u"t2"_s, u"c"_s, u"x"_s)}));
        store.add(batch({span(u"t2"_s, u"x"_s)}));
        QCOMPARE(dump(traces, 5), u"t1 | op a | 2 | 1 | 0\nt2 | op x | 2 | 0 | 0"_s);
        QCOMPARE(store.spansOfTrace(u"t2"_s).size(), 2);
        QCOMPARE(store.counters().spans, 2u + 2u);
        QCOMPARE(traces.index(1, 0).data(CaptureSectionModel::TraceIdRole).toString(), u"t2"_s);

        TraceSpansModel spans(store);
        QAbstractItemModelTester spansTester(&spans, QAbstractItemModelTester::FailureReportingMode::QtTest);
        spans.setTrace(u"t1"_s);
        QCOMPARE(dump(spans, 4), u"op a | ENTRY | a | \nop b | ENTRY | b | a"_s);
    }

    void dropsTheOldestAndCountsThem()
    {
        CaptureStore::Limits limits;
        limits.maxSpans = 5;
        limits.maxEvents = 3;
        limits.maxRejections = 2;
        CaptureStore store(limits);
        CapturedEventsModel events(store);
        CapturedTracesModel traces(store);
        RejectedRequestsModel rejections(store);
        QAbstractItemModelTester t1(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&traces, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&rejections, QAbstractItemModelTester::FailureReportingMode::QtTest);

        for (int i = 0; i < 5; ++i)
            store.add(batch({makeEvent(u"e%1"_s.arg(i))}));
        QCOMPARE(events.rowCount(), 3);
        QCOMPARE(events.index(0, 1).data().toString(), u"e2"_s);
        QCOMPARE(events.index(0, 2).data().toString(), u"warning"_s);
        QCOMPARE(store.counters().events, 5u);
        QCOMPARE(store.counters().droppedEvents, 2u);

        // Trace a has 3 spans, b 2; 3 more of c push out a's, and a's row goes.
        store.add(batch({span(u"a"_s, u"1"_s), span(u"a"_s, u"2"_s), span(u"a"_s, u"3"_s)}));
        store.add(batch({span(u"b"_s, u"4"_s), span(u"b"_s, u"5"_s)}));
        QCOMPARE(traces.rowCount(), 2);
        store.add(batch({span(u"c"_s, u"6"_s), span(u"c"_s, u"7"_s), span(u"c"_s, u"8"_s)}));
        QCOMPARE(store.spans().size(), size_t(5));
        QCOMPARE(store.counters().droppedSpans, 3u);
        QCOMPARE(dump(traces, 3), u"b | op 4 | 2\nc | op 6 | 3"_s);

        // b empties and goes; its new span starts a new row for b at the end.
        store.add(batch({span(u"d"_s, u"9"_s), span(u"b"_s, u"10"_s)}));
        QCOMPARE(dump(traces, 3), u"c | op 6 | 3\nd | op 9 | 1\nb | op 10 | 1"_s);
        store.add(batch({span(u"e"_s, u"11"_s), span(u"e"_s, u"12"_s)}));
        QCOMPARE(dump(traces, 3), u"c | op 6 | 1\nd | op 9 | 1\nb | op 10 | 1\ne | op 11 | 2"_s);

        // One batch larger than the whole section: only its newest fit, everything else goes.
        QList<CapturedItem> many;
        for (int i = 0; i < 8; ++i)
            many << span(u"f"_s, u"f%1"_s.arg(i));
        store.add(batch(many));
        QCOMPARE(store.spans().size(), size_t(5));
        QCOMPARE(store.spans().front().spanId(), u"f3"_s);
        QCOMPARE(dump(traces, 3), u"f | op f3 | 5"_s);
        QCOMPARE(store.counters().droppedSpans, 3u + 2u + 2u + 3u + 5u);
        QCOMPARE(store.counters().spans, 20u); // received, dropped or not

        for (int i = 0; i < 3; ++i)
            store.add(rejected(413, u"too-many-spans"_s));
        QCOMPARE(rejections.rowCount(), 2);
        QCOMPARE(rejections.index(0, 1).data().toInt(), 413);
        QCOMPARE(rejections.index(0, 3).data().toString(), u"because too-many-spans"_s);
        QCOMPARE(store.counters().droppedRejections, 1u);
        QCOMPARE(store.counters().rejected, 3u);

        store.clear();
        QCOMPARE(events.rowCount(), 0);
        QCOMPARE(traces.rowCount(), 0);
        QCOMPARE(store.counters().spans, 0u);
    }

    void aTraceInTheMiddleEmpties()
    {
        CaptureStore::Limits limits;
        limits.maxSpans = 4;
        CaptureStore store(limits);
        CapturedTracesModel traces(store);
        QAbstractItemModelTester tester(&traces, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store.add(batch({span(u"x"_s, u"x1"_s), span(u"y"_s, u"y1"_s), span(u"x"_s, u"x2"_s), span(u"z"_s, u"z1"_s)}));
        QCOMPARE(dump(traces, 1), u"x\ny\nz"_s);
        // x1 and y1 go: y (row 1) empties while x (row 0) stays.
        store.add(batch({span(u"z"_s, u"z2"_s), span(u"x"_s, u"x3"_s)}));
        QCOMPARE(dump(traces, 3), u"x | op x1 | 2\nz | op z1 | 2"_s);
        // The rows still find their traces after the index was rebuilt.
        store.add(batch({span(u"z"_s, u"z3"_s)}));
        QCOMPARE(dump(traces, 3), u"x | op x1 | 1\nz | op z1 | 3"_s);
    }

    void rawRequestsWithinTheirBudget()
    {
        CaptureStore::Limits limits;
        limits.maxRequestBytes = 100;
        CaptureStore store(limits);
        CaptureBatch first = batch({makeEvent(u"a"_s)});
        first.request.body = QByteArray(40, 'x');
        CaptureBatch second = batch({makeEvent(u"b"_s)});
        second.request.body = QByteArray(40, 'y');
        store.add(first);
        store.add(second);
        QVERIFY(!store.request(first.request.id)); // 2 x (40 + head) > 100: the older went
        QCOMPARE(store.request(second.request.id)->body, QByteArray(40, 'y'));
        QVERIFY(!store.request(9999));
    }

    void callsPerSecond()
    {
        CaptureStore store;
        for (int i = 0; i < 5; ++i)
            store.add(batch({}, 10000 + i * 100));
        QCOMPARE(store.requestsInLastSecond(10450), 5);
        QCOMPARE(store.requestsInLastSecond(11250), 2);
        QCOMPARE(store.requestsInLastSecond(20000), 0);
    }
};

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
