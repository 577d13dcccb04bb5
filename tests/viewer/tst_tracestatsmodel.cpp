// The statistics table of the trace viewer, without its chart: groups as rows, the key
// column's header following the grouping, numbers for sorting, compared as text.

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"
#include "core/viewer/traceanalysis.h"
#include "core/viewer/tracestatsmodel.h"

#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using Viewer::TraceAnalysis::Group;
using Viewer::TraceAnalysis::GroupBy;

class TestTraceStatsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void groupsAsRows()
    {
        TraceStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(TestSupport::modelText(model), u"Service | Spans | Errors | Self time | Share | Total | Longest\n"_s);

        model.setGroups(
            {Group{.key = u"checkout"_s, .spans = 1200, .errors = 3, .totalMs = 90000, .selfMs = 3000, .maxMs = 1500},
             Group{.key = u"payments"_s, .spans = 2, .errors = 1, .totalMs = 46, .selfMs = 1000, .maxMs = 36},
             Group{.key = u"(no service)"_s, .spans = 1, .errors = 0, .totalMs = 5, .selfMs = 0, .maxMs = 5}},
            GroupBy::Service);
        QCOMPARE(TestSupport::modelText(model),
                 u"Service | Spans | Errors | Self time | Share | Total | Longest\n"
                 "checkout | 1,200 | 3 | 3 s | 75.0 % | 1 min 30 s | 1.5 s\n"
                 "payments | 2 | 1 | 1 s | 25.0 % | 46 ms | 36 ms\n"
                 "(no service) | 1 | 0 | 0 ms | 0.0 % | 5 ms | 5 ms\n"_s);
        QCOMPARE(model.index(0, TraceStatsModel::SpansColumn).data(Qt::UserRole).toLongLong(), 1200);
        QCOMPARE(model.index(1, TraceStatsModel::SharePercentColumn).data(Qt::UserRole).toDouble(), 25.0);
        QCOMPARE(model.index(0, TraceStatsModel::KeyColumn).data(Qt::ToolTipRole).toString(), u"checkout"_s);
        QCOMPARE(model.index(0, TraceStatsModel::SelfColumn).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(model.groupBy(), GroupBy::Service);
    }

    void headerFollowsTheGrouping()
    {
        TraceStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
        model.setGroups(
            {Group{.key = u"GET /items"_s, .spans = 2, .errors = 0, .totalMs = 20, .selfMs = 10, .maxMs = 12}},
            GroupBy::Name);
        QCOMPARE(header.size(), 1);
        QCOMPARE(TestSupport::modelText(model),
                 u"Span name | Spans | Errors | Self time | Share | Total | Longest\n"
                 "GET /items | 2 | 0 | 10 ms | 100.0 % | 20 ms | 12 ms\n"_s);
        model.setGroups({}, GroupBy::Name);
        QCOMPARE(header.size(), 1); // the same grouping: the header stays
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsByNumbersThroughAProxy()
    {
        TraceStatsModel model;
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);

        // Groups of a real trace: a root with two children in other services.
        const auto span = [](quint64 id, quint64 parent, qint64 start, qint64 end, const QString &service) {
            Traces::Span s;
            s.spanId = Traces::SpanIds::format(id);
            if (parent)
                s.parentId = Traces::SpanIds::format(parent);
            s.traceId = Traces::SpanIds::format(1);
            s.type = u"ENTRY"_s;
            s.timestamp = 1700000000000 + start;
            s.duration = end - start;
            s.name = u"op"_s;
            s.setData(u"service"_s, service);
            return s;
        };
        const Traces::SpanStore store = Traces::SpanStore::fromSpans(
            {span(1, 0, 0, 1000, u"web"_s), span(2, 1, 0, 900, u"db"_s), span(3, 1, 900, 990, u"cache"_s)});
        const Traces::TraceGraph graph(store);
        const std::vector<qint64> self = Viewer::TraceAnalysis::selfTimes(store, graph);
        model.setGroups(Viewer::TraceAnalysis::groups(store, self, GroupBy::Service), GroupBy::Service);
        QCOMPARE(TestSupport::modelText(model),
                 u"Service | Spans | Errors | Self time | Share | Total | Longest\n"
                 "db | 1 | 0 | 900 ms | 90.0 % | 900 ms | 900 ms\n"
                 "cache | 1 | 0 | 90 ms | 9.0 % | 90 ms | 90 ms\n"
                 "web | 1 | 0 | 10 ms | 1.0 % | 1 s | 1 s\n"_s);
        // As text "90 ms" > "900 ms" > "10 ms"; as numbers the other way round.
        proxy.sort(TraceStatsModel::SelfColumn, Qt::AscendingOrder);
        QCOMPARE(TestSupport::modelText(proxy),
                 u"Service | Spans | Errors | Self time | Share | Total | Longest\n"
                 "web | 1 | 0 | 10 ms | 1.0 % | 1 s | 1 s\n"
                 "cache | 1 | 0 | 90 ms | 9.0 % | 90 ms | 90 ms\n"
                 "db | 1 | 0 | 900 ms | 90.0 % | 900 ms | 900 ms\n"_s);
        proxy.sort(TraceStatsModel::TotalColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, TraceStatsModel::KeyColumn).data().toString(), u"web"_s);
    }
};

QTEST_GUILESS_MAIN(TestTraceStatsModel)
#include "tst_tracestatsmodel.moc"
