#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"
#include "core/viewer/spanquery.h"
#include "core/viewer/timeaxis.h"
#include "core/viewer/traceanalysis.h"
#include "core/viewer/tracedocument.h"
#include "core/viewer/waterfallrows.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;
using namespace Workbench::Viewer;

namespace {

// A small shop trace:
//   0 root ENTRY checkout 0..100
//     1 INTERMEDIATE checkout 5..60
//       2 EXIT call payments 10..50
//         3 ENTRY payments 12..48 (error)
//           4 EXIT db 20..30
//     5 EXIT call catalog 65..95
//       6 ENTRY catalog 66..94
//   7 orphan (parent ff) 30..40
//   8 orphan (parent ff) 35..36
Span make(quint64 id, quint64 parent, const QString &type, qint64 start, qint64 end, const QString &name,
          const QString &service)
{
    Span s;
    s.spanId = SpanIds::format(id + 1);
    if (parent != 0)
        s.parentId = SpanIds::format(parent);
    s.traceId = SpanIds::format(1);
    s.type = type;
    s.timestamp = 1700000000000 + start;
    s.duration = end - start;
    s.name = name;
    s.setData(u"service"_s, service);
    return s;
}

struct Shop
{
    Shop()
    {
        QList<Span> spans{make(0, 0, u"ENTRY"_s, 0, 100, u"GET /checkout"_s, u"checkout"_s),
                          make(1, 1, u"INTERMEDIATE"_s, 5, 60, u"render cart"_s, u"checkout"_s),
                          make(2, 2, u"EXIT"_s, 10, 50, u"POST /pay"_s, u"checkout"_s),
                          make(3, 3, u"ENTRY"_s, 12, 48, u"POST /pay"_s, u"payments"_s),
                          make(4, 4, u"EXIT"_s, 20, 30, u"SELECT accounts"_s, u"payments"_s),
                          make(5, 1, u"EXIT"_s, 65, 95, u"GET /items"_s, u"checkout"_s),
                          make(6, 6, u"ENTRY"_s, 66, 94, u"GET /items"_s, u"catalog"_s),
                          make(7, 0xff, u"EXIT"_s, 30, 40, u"lost"_s, u"batch"_s),
                          make(8, 0xff, u"EXIT"_s, 35, 36, u"lost too"_s, u"batch"_s)};
        spans[3].error = true;
        spans[3].setData(u"http.status_code"_s, u"502"_s);
        store = SpanStore::fromSpans(spans);
        graph = TraceGraph(store);
    }
    SpanStore store;
    TraceGraph graph;
};

std::vector<qint32> nodes(const WaterfallRows &rows)
{
    std::vector<qint32> list;
    for (qsizetype i = 0; i < rows.rowCount(); ++i)
        list.push_back(rows.row(i).node);
    return list;
}

std::vector<qint32> matching(const Shop &shop, const QString &text)
{
    const auto query = SpanQuery::parse(text);
    if (!query)
        qFatal("bad query");
    const std::vector<bool> all = query->matchAll(shop.store);
    std::vector<qint32> list;
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i])
            list.push_back(qint32(i));
        // matches() agrees with matchAll().
        if (query->matches(shop.store, qsizetype(i)) != all[i])
            qFatal("matches() and matchAll() disagree");
    }
    return list;
}

using Nodes = std::vector<qint32>;

} // namespace

class TestViewerCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheTreeWithOrphansUnderAPlaceholder()
    {
        const Shop shop;
        WaterfallRows rows(shop.store, shop.graph);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 4, 5, 6, -1, 7, 8}));
        QCOMPARE(rows.row(4).depth, 4);
        QCOMPARE(rows.row(7).depth, 0);
        QCOMPARE(rows.placeholder(-1).parentId, SpanIds::format(0xff));
        QCOMPARE(rows.placeholder(-1).start, 1700000000030);
        QCOMPARE(rows.rowOf(6), 6);
        QCOMPARE(rows.startTime(), 1700000000000);
        QCOMPARE(rows.endTime(), 1700000000100);
        QCOMPARE(rows.parent(7), -1);
        QCOMPARE(rows.parent(4), 3);
    }

    void collapsingAndExpanding()
    {
        const Shop shop;
        WaterfallRows rows(shop.store, shop.graph);
        rows.toggle(2);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 5, 6, -1, 7, 8}));
        QCOMPARE(rows.rowOf(3), -1);
        rows.toggle(2);
        rows.collapseOneLevel(); // the deepest open level with children: 3
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 5, 6, -1, 7, 8}));
        rows.collapseOneLevel(); // then 2 (and 5's level: 5 is at depth 1; 2 at depth 2)
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 5, 6, -1, 7, 8}));
        rows.expandOneLevel();
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 5, 6, -1, 7, 8}));
        rows.setAllExpanded(false);
        QCOMPARE(nodes(rows), (Nodes{0, -1}));
        rows.setSubtreeExpanded(0, true);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 4, 5, 6, -1}));
        rows.setAllExpanded(true);
        QCOMPARE(rows.rowCount(), 10);
    }

    void filteringKeepsAncestors()
    {
        const Shop shop;
        WaterfallRows rows(shop.store, shop.graph);
        rows.setAllExpanded(false);
        std::vector<bool> matches(size_t(shop.store.size()), false);
        matches[4] = true;
        rows.setFilter(matches);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 4}));
        matches[8] = true;
        rows.setFilter(matches);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 4, -1, 8}));
        rows.setFilter({});
        rows.setAllExpanded(true);
        rows.setMinDuration(30);
        QCOMPARE(nodes(rows), (Nodes{0, 1, 2, 3, 5}));
        rows.setMinDuration(0);
        rows.setRoot(3);
        QCOMPARE(nodes(rows), (Nodes{3, 4}));
        QCOMPARE(rows.startTime(), 1700000000012);
        rows.clearRoot();
        QCOMPARE(rows.rowCount(), 10);
    }

    void searchTerms()
    {
        const Shop shop;
        QCOMPARE(matching(shop, u"pay"_s), (Nodes{2, 3, 4})); // name or service contains
        QCOMPARE(matching(shop, u"PAY post"_s), (Nodes{2, 3}));
        QCOMPARE(matching(shop, u"service=payments"_s), (Nodes{3, 4}));
        QCOMPARE(matching(shop, u"service~CAT"_s), (Nodes{6}));
        QCOMPARE(matching(shop, u"http.status_code=502"_s), (Nodes{3}));
        QCOMPARE(matching(shop, u"error"_s), (Nodes{3}));
        QCOMPARE(matching(shop, u"error=false duration>=36"_s), (Nodes{0, 1, 2}));
        QCOMPARE(matching(shop, u"duration<2"_s), (Nodes{8}));
        QCOMPARE(matching(shop, u"duration>0.05s"_s), (Nodes{0, 1}));
        QCOMPARE(matching(shop, u"type=exit name~items"_s), (Nodes{5}));
        QCOMPARE(matching(shop, u"\"render cart\""_s), (Nodes{1}));
        QCOMPARE(matching(shop, u"id=0000000000000004"_s), (Nodes{3}));
        QCOMPARE(matching(shop, u"parent=00000000000000ff"_s), (Nodes{7, 8}));
        QCOMPARE(matching(shop, u"nothing-like-this"_s), Nodes{});
        QCOMPARE(matching(shop, u""_s).size(), size_t(9));
        QString error;
        QVERIFY(!SpanQuery::parse(u"duration>soon"_s, &error));
        QVERIFY(error.contains(u"1.5s"_s));
        QVERIFY(!SpanQuery::parse(u"\"open"_s, &error));
    }

    void selfTimesAndGroups()
    {
        const Shop shop;
        const std::vector<qint64> self = TraceAnalysis::selfTimes(shop.store, shop.graph);
        QCOMPARE(self[0], 100 - 55 - 30); // children 5..60 and 65..95
        QCOMPARE(self[3], 36 - 10);
        QCOMPARE(self[4], 10);
        const auto services = TraceAnalysis::groups(shop.store, self, TraceAnalysis::GroupBy::Service);
        QCOMPARE(services.front().key, u"checkout"_s); // 15 + 15 + 4 + 2 ms of its own
        QCOMPARE(services.front().selfMs, 36);
        QCOMPARE(services[1].key, u"payments"_s); // 26 + 10: as much, so by name
        QCOMPARE(services[2].key, u"catalog"_s);
        QCOMPARE(services[2].selfMs, 28);
        const auto payments = std::find_if(services.begin(), services.end(),
                                           [](const TraceAnalysis::Group &g) { return g.key == u"payments"_s; });
        QCOMPARE(payments->spans, 2);
        QCOMPARE(payments->errors, 1);
        QCOMPARE(payments->totalMs, 46);
        const auto names = TraceAnalysis::groups(shop.store, self, TraceAnalysis::GroupBy::Name);
        const auto pay = std::find_if(names.begin(), names.end(),
                                      [](const TraceAnalysis::Group &g) { return g.key == u"POST /pay"_s; });
        QCOMPARE(pay->spans, 2);
    }

    void criticalPath()
    {
        const Shop shop;
        std::vector<qint32> path = TraceAnalysis::criticalPath(shop.store, shop.graph, 0);
        std::sort(path.begin(), path.end());
        QCOMPARE(path, (Nodes{0, 1, 2, 3, 4, 5, 6}));
        // Overlapping children: the one ending last is on the path, then the one running before
        // it began (for that part of its time), then the one before that.
        QList<Span> spans{make(0, 0, u"ENTRY"_s, 0, 100, u"a"_s, u"s"_s), make(1, 1, u"EXIT"_s, 10, 90, u"b"_s, u"s"_s),
                          make(2, 1, u"EXIT"_s, 20, 95, u"c"_s, u"s"_s), make(3, 1, u"EXIT"_s, 1, 5, u"d"_s, u"s"_s)};
        const SpanStore store = SpanStore::fromSpans(spans);
        const TraceGraph graph(store);
        path = TraceAnalysis::criticalPath(store, graph, 0);
        QCOMPARE(path, (Nodes{0, 2, 1, 3}));
    }

    void documentsKnowTheirFindings()
    {
        const Shop shop;
        const auto document = TraceDocument::build(SpanStore::fromSpans(shop.store.spans()), u"test"_s);
        QCOMPARE(document->spanCount(), 9);
        QCOMPARE(document->source(), u"test"_s);
        QCOMPARE(document->findingsFor(7).size(), 1); // a parent nobody has
        QCOMPARE(document->findingsFor(7)[0].rule, u"missing-parent"_s);
        QVERIFY(document->hasErrorFinding(8));
        QVERIFY(!document->hasErrorFinding(0));
        QCOMPARE(document->selfTimes()[4], 10);
        QVERIFY(document->memoryUsed() > 0);
    }

    void loaderReadsOffTheGuiThread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"t.json"_s);
        GeneratorOptions options;
        options.spans = 20000;
        QVERIFY(SpanJson::writeFile(path, SpanGenerator::generate(options), SpanJson::Format::Compact, nullptr));

        TraceLoader loader;
        QSignalSpy loaded(&loader, &TraceLoader::loaded);
        QSignalSpy progress(&loader, &TraceLoader::progress);
        loader.loadFile(path);
        QVERIFY(loaded.wait(30000));
        const auto document = loaded.takeFirst().at(0).value<TraceDocumentPtr>();
        QCOMPARE(document->spanCount(), 20000);
        QCOMPARE(document->report().errors, 0);
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last().at(1).toString(), u"Checking"_s);

        // A broken file fails with its position.
        const QString broken = dir.filePath(u"broken.json"_s);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[{\"spanId\": }]");
        file.close();
        QSignalSpy failed(&loader, &TraceLoader::failed);
        loader.loadFile(broken);
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().at(0).toString().contains(u"line 1, column 13"_s));
        QCOMPARE(failed.first().at(1).toBool(), false);

        // Cancelled at once: a cancelled failure, or (on a fast machine) already loaded; never
        // both, never neither.
        failed.clear();
        loaded.clear();
        loader.loadFile(path);
        loader.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size() + loaded.size(), 1, 30000);
        if (!failed.isEmpty())
            QCOMPARE(failed.first().at(1).toBool(), true);

        // A new load replaces one under way: only the newest reports.
        failed.clear();
        loaded.clear();
        loader.loadFile(broken);
        loader.loadFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
        QTest::qWait(50);
        QCOMPARE(failed.size(), 0);
    }

    void timeAxisTicks()
    {
        auto labels = [](const std::vector<TimeAxis::Tick> &ticks) {
            QStringList list;
            for (const auto &tick : ticks)
                list.append(tick.label);
            return list;
        };
        QCOMPARE(labels(TimeAxis::ticks(0, 1000, 1000, 150)),
                 (QStringList{u"0"_s, u"200 ms"_s, u"400 ms"_s, u"600 ms"_s, u"800 ms"_s}));
        QCOMPARE(labels(TimeAxis::ticks(0, 10, 1000, 80)).mid(0, 3), (QStringList{u"0"_s, u"1 ms"_s, u"2 ms"_s}));
        QCOMPARE(labels(TimeAxis::ticks(0, 0.5, 1000, 200)).mid(0, 2), (QStringList{u"0"_s, u"0.1 ms"_s}));
        QCOMPARE(labels(TimeAxis::ticks(0, 5000, 500, 100)),
                 (QStringList{u"0"_s, u"1 s"_s, u"2 s"_s, u"3 s"_s, u"4 s"_s}));
        QCOMPARE(labels(TimeAxis::ticks(0, 600000, 600, 100)).mid(0, 3), (QStringList{u"0"_s, u"2 min"_s, u"4 min"_s}));
        const auto ticks = TimeAxis::ticks(250, 1250, 1000, 150);
        QCOMPARE(ticks.front().ms, 400.0);
        QCOMPARE(ticks.front().x, 150.0);
        QVERIFY(TimeAxis::ticks(5, 5, 100).empty());
        QCOMPARE(TimeAxis::duration(134), u"134 ms"_s);
        QCOMPARE(TimeAxis::duration(1250), u"1.25 s"_s);
        QCOMPARE(TimeAxis::duration(3 * 60000 + 2000), u"3 min 2 s"_s);
    }
};

QTEST_GUILESS_MAIN(TestViewerCore)
#include "tst_viewercore.moc"
