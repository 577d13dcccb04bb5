// Moving about a trace as the viewer does, without a widget: the tree order, stepping through
// matches forwards and backwards with wrap-around, passing over matches the view hides, the
// root of a span's trace and the spans of a subtree.

#include "core/traces/spanstore.h"
#include "core/traces/tracegraph.h"
#include "core/viewer/tracenavigation.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <climits>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;
using namespace Workbench::Viewer;

namespace {

Span make(quint64 id, quint64 parent, qint64 start, qint64 end)
{
    Span s;
    s.spanId = SpanIds::format(id + 1);
    if (parent != 0)
        s.parentId = SpanIds::format(parent);
    s.traceId = SpanIds::format(1);
    s.type = u"ENTRY"_s;
    s.timestamp = 1700000000000 + start;
    s.duration = end - start;
    s.name = u"span %1"_s.arg(id);
    return s;
}

//   0 root 0..100
//     1 5..60
//       2 10..50
//         3 12..48
//           4 20..30
//     5 65..95
//       6 66..94
//   7 orphan 30..40
//   8 orphan 35..36
// Listed out of order, so that the tree order is not the index order.
struct Tree
{
    Tree()
    {
        const QList<Span> spans{make(0, 0, 0, 100), make(5, 1, 65, 95),    make(1, 1, 5, 60),
                                make(2, 2, 10, 50), make(8, 0xff, 35, 36), make(3, 3, 12, 48),
                                make(4, 4, 20, 30), make(6, 6, 66, 94),    make(7, 0xff, 30, 40)};
        store = SpanStore::fromSpans(spans);
        graph = TraceGraph(store);
        for (qint32 i = 0; i < spans.size(); ++i)
            index[size_t(spans[i].name.mid(5).toInt())] = i;
    }
    // The span numbered `n` in the picture above.
    qint32 at(int n) const { return index[size_t(n)]; }
    std::vector<qint32> at(std::initializer_list<int> ns) const
    {
        std::vector<qint32> spans;
        for (const int n : ns)
            spans.push_back(at(n));
        return spans;
    }
    std::vector<bool> flags(std::initializer_list<int> ns) const
    {
        std::vector<bool> result(size_t(store.size()), false);
        for (const int n : ns)
            result[size_t(at(n))] = true;
        return result;
    }

    SpanStore store;
    TraceGraph graph;
    std::array<qint32, 9> index{};
};

} // namespace

class TestTraceNavigation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeOrderIsDepthFirstInStartOrder()
    {
        const Tree tree;
        const TraceNavigation navigation(tree.graph);
        QCOMPARE(navigation.treeOrder(), tree.at({0, 1, 2, 3, 4, 5, 6, 7, 8}));
        for (int n = 0; n < 9; ++n)
            QCOMPARE(navigation.treePosition(tree.at(n)), n);
        QCOMPARE(navigation.treePosition(-1), -1);
        QCOMPARE(navigation.treePosition(INT_MIN), -1);
        QCOMPARE(navigation.treePosition(99), -1);
        QCOMPARE(TraceNavigation().treeOrder().size(), size_t(0));
    }

    void matchesAreKeptInTreeOrder()
    {
        const Tree tree;
        TraceNavigation navigation(tree.graph);
        QCOMPARE(navigation.matchCount(), 0);
        navigation.setMatches(tree.flags({8, 6, 3, 2}));
        QCOMPARE(navigation.matchOrder(), tree.at({2, 3, 6, 8}));
        QCOMPARE(navigation.matchIndex(tree.at(6)), 2);
        QCOMPARE(navigation.matchIndex(tree.at(5)), -1);
        QCOMPARE(navigation.matchIndex(-1), -1);
        navigation.setMatches({});
        QCOMPARE(navigation.matchCount(), 0);
        QVERIFY(!navigation.nextMatch(-1, {}));
        QVERIFY(!navigation.previousMatch(-1, {}));
    }

    void stepsForwardsWithWrap_data()
    {
        QTest::addColumn<int>("current"); // -1: no span
        QTest::addColumn<qsizetype>("expected");
        QTest::newRow("no span: the first") << -1 << qsizetype(0);
        QTest::newRow("a match: the next") << 2 << qsizetype(1);
        QTest::newRow("the last match: wraps") << 8 << qsizetype(0);
        QTest::newRow("between matches: the one after") << 4 << qsizetype(2);
        QTest::newRow("before the first") << 0 << qsizetype(0);
        QTest::newRow("after a match, no match") << 7 << qsizetype(3);
    }

    void stepsForwardsWithWrap()
    {
        QFETCH(int, current);
        QFETCH(qsizetype, expected);
        const Tree tree;
        TraceNavigation navigation(tree.graph);
        navigation.setMatches(tree.flags({2, 3, 6, 8}));
        QCOMPARE(navigation.nextMatch(current < 0 ? -1 : tree.at(current), {}), expected);
    }

    void stepsBackwardsWithWrap_data()
    {
        QTest::addColumn<int>("current");
        QTest::addColumn<qsizetype>("expected");
        QTest::newRow("no span: the last") << -1 << qsizetype(3);
        QTest::newRow("the first match: wraps") << 2 << qsizetype(3);
        QTest::newRow("a match: the one before") << 6 << qsizetype(1);
        QTest::newRow("between matches: the one before") << 5 << qsizetype(1);
        QTest::newRow("before the first: wraps") << 0 << qsizetype(3);
    }

    void stepsBackwardsWithWrap()
    {
        QFETCH(int, current);
        QFETCH(qsizetype, expected);
        const Tree tree;
        TraceNavigation navigation(tree.graph);
        navigation.setMatches(tree.flags({2, 3, 6, 8}));
        QCOMPARE(navigation.previousMatch(current < 0 ? -1 : tree.at(current), {}), expected);
    }

    void hiddenMatchesArePassedOverInTheDirectionOfTheStep()
    {
        const Tree tree;
        TraceNavigation navigation(tree.graph);
        navigation.setMatches(tree.flags({2, 3, 6, 8}));
        std::vector<qint32> asked;
        const auto visible = [&](qint32 span) {
            asked.push_back(span);
            return span != tree.at(3) && span != tree.at(6);
        };
        QCOMPARE(navigation.nextMatch(tree.at(2), visible), qsizetype(3));
        QCOMPARE(asked, tree.at({3, 6, 8}));
        asked.clear();
        QCOMPARE(navigation.previousMatch(tree.at(8), visible), qsizetype(0));
        QCOMPARE(asked, tree.at({6, 3, 2}));
        asked.clear();
        QCOMPARE(navigation.previousMatch(tree.at(7), visible), qsizetype(0)); // from no match
        QCOMPARE(asked, tree.at({6, 3, 2}));
        asked.clear();
        QCOMPARE(navigation.nextMatch(tree.at(8), visible), qsizetype(0)); // wraps
        QCOMPARE(asked, tree.at({2}));

        const auto none = [](qint32) { return false; };
        QVERIFY(!navigation.nextMatch(tree.at(2), none));
        QVERIFY(!navigation.previousMatch(-1, none));
    }

    void rootOfASpan()
    {
        const Tree tree;
        QCOMPARE(TraceNavigation::rootOf(tree.graph, tree.at(4)), tree.at(0));
        QCOMPARE(TraceNavigation::rootOf(tree.graph, tree.at(6)), tree.at(0));
        QCOMPARE(TraceNavigation::rootOf(tree.graph, tree.at(0)), tree.at(0));
        QCOMPARE(TraceNavigation::rootOf(tree.graph, tree.at(8)), tree.at(8)); // an orphan is its own top
        QCOMPARE(TraceNavigation::rootOf(tree.graph, -1), -1);
        QCOMPARE(TraceNavigation::rootOf(tree.graph, INT_MIN), -1);
    }

    void subtreeOfSpans()
    {
        const Tree tree;
        const auto sorted = [](std::vector<qint32> spans) {
            std::sort(spans.begin(), spans.end());
            return spans;
        };
        QCOMPARE(TraceNavigation::subtree(tree.graph, {tree.at(1)}), sorted(tree.at({1, 2, 3, 4})));
        QCOMPARE(TraceNavigation::subtree(tree.graph, tree.at({5, 7})), sorted(tree.at({5, 6, 7})));
        QCOMPARE(TraceNavigation::subtree(tree.graph, tree.at({2, 3})), sorted(tree.at({2, 3, 4}))); // each once
        QCOMPARE(TraceNavigation::subtree(tree.graph, {tree.at(0)}).size(), size_t(7));
        QVERIFY(TraceNavigation::subtree(tree.graph, {-1}).empty());
    }

    void aCycleEndsEveryWalk()
    {
        // a -> b -> a, and c below b.
        QList<Span> spans{make(0, 2, 0, 10), make(1, 1, 1, 9), make(2, 2, 2, 3)};
        const SpanStore store = SpanStore::fromSpans(spans);
        const TraceGraph graph(store);
        const TraceNavigation navigation(graph);
        QCOMPARE(navigation.treeOrder().size(), size_t(3));
        for (qint32 span = 0; span < 3; ++span) {
            const qint32 root = TraceNavigation::rootOf(graph, span);
            QVERIFY(root >= 0);
            QCOMPARE(graph.parent(root), -1);
        }
        QCOMPARE(TraceNavigation::subtree(graph, {0, 1, 2}), (std::vector<qint32>{0, 1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestTraceNavigation)
#include "tst_tracenavigation.moc"
