// The editing rules of the Span Trees editor, on the document's tree without a window: what
// an added child or sibling looks like (ids, trace, a start inside the parent), what a
// duplicate copies, where up, down, indent, outdent and a drop take a span and which moves
// are refused, and the ids a span and its subtree take in a new place.

#include "core/traces/span.h"
#include "core/traces/spantreeedits.h"
#include "core/traces/spantreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <algorithm>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {
constexpr qint64 BaseTime = 1767225600000; // 2026-01-01T00:00:00Z

Span make(const QString &id, const QString &parent, const QString &trace, const QString &type, qint64 offset,
          qint64 duration, const QString &service = {})
{
    Span s;
    s.spanId = id;
    if (!parent.isEmpty())
        s.parentId = parent;
    s.traceId = trace;
    s.type = type;
    s.timestamp = BaseTime + offset;
    s.duration = duration;
    s.name = u"span "_s + id;
    if (!service.isEmpty())
        s.setData(u"service"_s, service);
    return s;
}

//   a1 ENTRY shop 0..100
//     b2 EXIT 10..60
//       c3 ENTRY inventory 12..58 (trace a1)
//       x9 ENTRY (trace 77: another trace linked below)
//     d4 EXIT 60..90
//   e5 ENTRY (trace e5) 200..300
struct Fixture
{
    Fixture()
        : tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        model.setSpans({make(u"a1"_s, {}, u"a1"_s, u"ENTRY"_s, 0, 100, u"shop"_s),
                        make(u"b2"_s, u"a1"_s, u"a1"_s, u"EXIT"_s, 10, 50, u"shop"_s),
                        make(u"c3"_s, u"b2"_s, u"a1"_s, u"ENTRY"_s, 12, 46, u"inventory"_s),
                        make(u"x9"_s, u"b2"_s, u"77"_s, u"ENTRY"_s, 20, 5),
                        make(u"d4"_s, u"a1"_s, u"a1"_s, u"EXIT"_s, 60, 30, u"shop"_s),
                        make(u"e5"_s, {}, u"e5"_s, u"ENTRY"_s, 200, 100, u"batch"_s)});
    }
    SpanNode *node(const QString &id) const { return model.findSpan(id); }
    SpanNode *root() const { return model.rootNode(); }

    SpanTreeModel model;
    QAbstractItemModelTester tester;
};

SpanTreeEdits::NewId counter()
{
    auto n = std::make_shared<int>(0);
    return [n] { return u"n%1"_s.arg(++*n); };
}
} // namespace

class TestSpanTreeEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void childOfAnEntryIsAnExitAfterItsSiblings()
    {
        Fixture f;
        const SpanTreeEdits::Insertion child = SpanTreeEdits::child(*f.node(u"a1"_s), u"n1"_s, 0);
        QCOMPARE(child.place, (SpanTreeEdits::Place{f.node(u"a1"_s), 2}));
        QCOMPARE(child.span.spanId, u"n1"_s);
        QCOMPARE(child.span.parentId, u"a1"_s);
        QCOMPARE(child.span.traceId, u"a1"_s);
        QCOMPARE(child.span.type, u"EXIT"_s);
        QCOMPARE(*child.span.timestamp, BaseTime + 90); // after the last child
        QCOMPARE(*child.span.duration, 10); // not past the parent's end
        QCOMPARE(child.span.dataValue(u"service"), u"shop"_s);
    }

    void childOfAnExitIsTheEntryThatAnswersIt()
    {
        Fixture f;
        // b2's children end at 58 of its 60: the child starts at 58 and lasts 2.
        const SpanTreeEdits::Insertion child = SpanTreeEdits::child(*f.node(u"b2"_s), u"n1"_s, 0);
        QCOMPARE(child.span.type, u"ENTRY"_s);
        QCOMPARE(child.span.name, f.node(u"b2"_s)->span.name);
        QCOMPARE(*child.span.timestamp, BaseTime + 58);
        QCOMPARE(*child.span.duration, 2);
        QCOMPARE(child.span.dataValue(u"service"), u"downstream"_s);
    }

    void childOfAFullParentStartsWithIt()
    {
        Fixture f;
        SpanNode *d4 = f.node(u"d4"_s);
        // A first child of d4 fills it; the next one starts at the parent's start again.
        auto filler = std::make_unique<SpanNode>();
        filler->span = make(u"f6"_s, u"d4"_s, u"a1"_s, u"ENTRY"_s, 60, 30);
        f.model.attach(d4, 0, std::move(filler));
        const SpanTreeEdits::Insertion child = SpanTreeEdits::child(*d4, u"n1"_s, 0);
        QCOMPARE(*child.span.timestamp, BaseTime + 60);
        QCOMPARE(*child.span.duration, 15); // half the parent
        QVERIFY(child.span.end() <= d4->span.end());

        // A parent without a start or duration: now, and 100 ms assumed.
        Span bare = d4->span;
        bare.timestamp.reset();
        bare.duration.reset();
        f.model.setSpan(d4, bare);
        const SpanTreeEdits::Insertion late = SpanTreeEdits::child(*d4, u"n2"_s, BaseTime + 5000);
        QCOMPARE(*late.span.timestamp, BaseTime + 5000);
        QCOMPARE(*late.span.duration, 50);
    }

    void siblingFollowsAndStaysInsideTheParent()
    {
        Fixture f;
        const SpanTreeEdits::Insertion sibling = SpanTreeEdits::sibling(f.node(u"b2"_s), *f.root(), u"n1"_s, 0);
        QCOMPARE(sibling.place, (SpanTreeEdits::Place{f.node(u"a1"_s), 1}));
        QCOMPARE(sibling.span.parentId, u"a1"_s);
        QCOMPARE(sibling.span.traceId, u"a1"_s);
        QCOMPARE(sibling.span.type, u"EXIT"_s);
        QCOMPARE(*sibling.span.timestamp, BaseTime + 60);
        QCOMPARE(*sibling.span.duration, 40); // 50 would pass the parent's end at 100
        QCOMPARE(sibling.span.dataValue(u"service"), u"shop"_s);

        // After the last child, which ends at 90: starts there, lasts what is left.
        const SpanTreeEdits::Insertion last = SpanTreeEdits::sibling(f.node(u"d4"_s), *f.root(), u"n2"_s, 0);
        QCOMPARE(*last.span.timestamp, BaseTime + 90);
        QCOMPARE(*last.span.duration, 10);

        // A sibling of a span that ends with its parent starts with the parent.
        SpanNode *c3 = f.node(u"c3"_s);
        Span longer = c3->span;
        longer.duration = 48; // ends at 60, b2's end
        f.model.setSpan(c3, longer);
        const SpanTreeEdits::Insertion wrapped = SpanTreeEdits::sibling(c3, *f.root(), u"n3"_s, 0);
        QCOMPARE(*wrapped.span.timestamp, BaseTime + 10);
        QCOMPARE(*wrapped.span.duration, 48);
    }

    void siblingAtTheTopIsANewTrace()
    {
        Fixture f;
        const SpanTreeEdits::Insertion trace = SpanTreeEdits::sibling(f.node(u"a1"_s), *f.root(), u"n1"_s, 0);
        QCOMPARE(trace.place, (SpanTreeEdits::Place{f.root(), 1}));
        QVERIFY(trace.span.parentId.isNull());
        QCOMPARE(trace.span.traceId, u"n1"_s);
        QCOMPARE(trace.span.type, u"ENTRY"_s);
        QCOMPARE(*trace.span.timestamp, BaseTime + 100);
        QCOMPARE(*trace.span.duration, 100);
        QCOMPARE(trace.span.dataValue(u"service"), u"shop"_s);

        const SpanTreeEdits::Insertion empty = SpanTreeEdits::sibling(nullptr, *f.root(), u"n2"_s, BaseTime + 7);
        QCOMPARE(empty.place, (SpanTreeEdits::Place{f.root(), 2}));
        QCOMPARE(*empty.span.timestamp, BaseTime + 7);
        QCOMPARE(empty.span.dataValue(u"service"), u"my-service"_s);
    }

    void copyHasNewIdsAndParentIdsFollow()
    {
        Fixture f;
        const std::unique_ptr<SpanNode> copy = SpanTreeEdits::copy(*f.node(u"b2"_s), false, counter());
        QVERIFY(!copy->parent);
        QCOMPARE(copy->span.spanId, u"n1"_s);
        QCOMPARE(copy->span.parentId, u"a1"_s); // still under a1
        QCOMPARE(copy->span.traceId, u"a1"_s);
        QCOMPARE(copy->children.size(), size_t(2));
        std::set<QString> ids{copy->span.spanId};
        for (const auto &child : copy->children) {
            QCOMPARE(child->span.parentId, copy->span.spanId);
            QCOMPARE(child->parent, copy.get());
            QVERIFY(ids.insert(child->span.spanId).second);
        }
        QCOMPARE(copy->children.at(0)->span.name, u"span c3"_s); // in order
        QCOMPARE(copy->children.at(1)->row, 1);
        QCOMPARE(copy->children.at(1)->span.traceId, u"77"_s); // another trace stays itself
        QCOMPARE(SpanTreeEdits::duplicatePlace(*f.node(u"b2"_s)), (SpanTreeEdits::Place{f.node(u"a1"_s), 1}));
    }

    void copyAtTheTopIsATraceOfItsOwn()
    {
        Fixture f;
        const std::unique_ptr<SpanNode> copy = SpanTreeEdits::copy(*f.node(u"a1"_s), true, counter());
        QCOMPARE(copy->span.traceId, copy->span.spanId);
        QVERIFY(copy->span.parentId.isNull());
        const SpanNode *exit = copy->children.at(0).get();
        QCOMPARE(exit->span.traceId, copy->span.spanId);
        QCOMPARE(exit->children.at(0)->span.traceId, copy->span.spanId);
        QCOMPARE(exit->children.at(1)->span.traceId, u"77"_s);
        QVERIFY(SpanTreeEdits::isTop(*f.node(u"a1"_s)));
        QVERIFY(!SpanTreeEdits::isTop(*f.node(u"b2"_s)));
    }

    void wherePlainMovesGo()
    {
        Fixture f;
        SpanNode *a1 = f.node(u"a1"_s);
        SpanNode *b2 = f.node(u"b2"_s);
        SpanNode *d4 = f.node(u"d4"_s);
        QVERIFY(!SpanTreeEdits::up(*b2));
        QCOMPARE(SpanTreeEdits::down(*b2), (SpanTreeEdits::Place{a1, 1}));
        QCOMPARE(SpanTreeEdits::up(*d4), (SpanTreeEdits::Place{a1, 0}));
        QVERIFY(!SpanTreeEdits::down(*d4));
        QVERIFY(!SpanTreeEdits::indent(*b2)); // no sibling before it
        QCOMPARE(SpanTreeEdits::indent(*d4), (SpanTreeEdits::Place{b2, 2})); // the last child of b2
        QCOMPARE(SpanTreeEdits::outdent(*b2), (SpanTreeEdits::Place{f.root(), 1})); // right after a1
        QCOMPARE(SpanTreeEdits::outdent(*f.node(u"c3"_s)), (SpanTreeEdits::Place{a1, 1}));
        QVERIFY(!SpanTreeEdits::outdent(*a1)); // at the top already
        QCOMPARE(SpanTreeEdits::down(*a1), (SpanTreeEdits::Place{f.root(), 1}));
    }

    void whichMovesAreAllowed()
    {
        Fixture f;
        SpanNode *a1 = f.node(u"a1"_s);
        SpanNode *b2 = f.node(u"b2"_s);
        SpanNode *c3 = f.node(u"c3"_s);
        QVERIFY(!SpanTreeEdits::canMoveUnder(*b2, *b2)); // itself
        QVERIFY(!SpanTreeEdits::canMoveUnder(*b2, *c3)); // its own subtree
        QVERIFY(!SpanTreeEdits::canMoveUnder(*a1, *c3));
        QVERIFY(SpanTreeEdits::canMoveUnder(*c3, *a1));
        QVERIFY(SpanTreeEdits::canMoveUnder(*c3, *f.root()));
        QVERIFY(!SpanTreeEdits::isMove(*b2, {a1, 0})); // where it is
        QVERIFY(SpanTreeEdits::isMove(*b2, {a1, 1}));
        QVERIFY(!SpanTreeEdits::isMove(*b2, {c3, 0}));
        QVERIFY(!SpanTreeEdits::isMove(*b2, {nullptr, 0}));
    }

    void dropRowsAreCountedWithoutTheSpan()
    {
        Fixture f;
        SpanNode *a1 = f.node(u"a1"_s);
        SpanNode *b2 = f.node(u"b2"_s);
        QCOMPARE(SpanTreeEdits::dropPlace(*b2, *a1, 2), (SpanTreeEdits::Place{a1, 1})); // down past itself
        QCOMPARE(SpanTreeEdits::dropPlace(*b2, *a1, 0), (SpanTreeEdits::Place{a1, 0}));
        QCOMPARE(SpanTreeEdits::dropPlace(*b2, *a1, -1), (SpanTreeEdits::Place{a1, 1})); // at the end
        QCOMPARE(SpanTreeEdits::dropPlace(*b2, *f.root(), -1), (SpanTreeEdits::Place{f.root(), 2}));
        QCOMPARE(SpanTreeEdits::dropPlace(*f.node(u"c3"_s), *a1, 1), (SpanTreeEdits::Place{a1, 1}));
    }

    void idsFollowTheNewPlace()
    {
        Fixture f;
        SpanNode *b2 = f.node(u"b2"_s);
        SpanNode *c3 = f.node(u"c3"_s);
        SpanNode *x9 = f.node(u"x9"_s);
        // Under a parent of the same trace: only the parentId changes.
        QCOMPARE(SpanTreeEdits::idsUnder(*c3, *f.node(u"d4"_s)),
                 (std::vector<SpanTreeEdits::Ids>{{c3, u"d4"_s, u"a1"_s}}));
        // To the top: a trace of its own, its trace's spans below follow, another trace stays.
        QCOMPARE(SpanTreeEdits::idsUnder(*b2, *f.root()),
                 (std::vector<SpanTreeEdits::Ids>{{b2, QString(), u"b2"_s}, {c3, u"b2"_s, u"b2"_s}}));
        // Under a span of another trace: that trace's id.
        const std::vector<SpanTreeEdits::Ids> under = SpanTreeEdits::idsUnder(*b2, *f.node(u"e5"_s));
        QCOMPARE(under, (std::vector<SpanTreeEdits::Ids>{{b2, u"e5"_s, u"e5"_s}, {c3, u"b2"_s, u"e5"_s}}));

        std::vector<SpanNode *> inA1 = SpanTreeEdits::inTrace(*f.node(u"a1"_s), u"a1"_s);
        QCOMPARE(inA1.size(), size_t(4));
        QVERIFY(std::find(inA1.begin(), inA1.end(), x9) == inA1.end());
        QCOMPARE(SpanTreeEdits::inTrace(*b2, u"77"_s), (std::vector<SpanNode *>{x9}));
    }
};

QTEST_GUILESS_MAIN(TestSpanTreeEdits)
#include "tst_spantreeedits.moc"
