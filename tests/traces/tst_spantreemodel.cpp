// The Span Trees document as an item model, with a model tester attached before any spans
// are loaded: the tree as text, tones and tooltips, attach, detach and move with the rows
// they signal, ids following a changed spanId, and a drag and drop handed to the move handler.

#include "core/traces/span.h"
#include "core/traces/spantreemodel.h"

#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {
constexpr qint64 BaseTime = 1767225600000; // 2026-01-01T00:00:00Z

Span make(const QString &id, const QString &parent, const QString &type, qint64 offset, qint64 duration,
          const QString &name, const QString &service)
{
    Span s;
    s.spanId = id;
    if (!parent.isEmpty())
        s.parentId = parent;
    s.traceId = u"a1"_s;
    if (!type.isEmpty())
        s.type = type;
    s.timestamp = BaseTime + offset;
    s.duration = duration;
    s.name = name;
    if (!service.isEmpty())
        s.setData(u"service"_s, service);
    return s;
}

// A root with an EXIT and its ENTRY, a second EXIT, and an orphan; listed children first.
QList<Span> document()
{
    QList<Span> spans{make(u"b2"_s, u"a1"_s, u"EXIT"_s, 10, 50, u"GET /items"_s, u"shop"_s),
                      make(u"c3"_s, u"b2"_s, u"ENTRY"_s, 12, 46, u"GET /items"_s, u"inventory"_s),
                      make(u"a1"_s, {}, u"ENTRY"_s, 0, 100, u"GET /cart"_s, u"shop"_s),
                      make(u"d4"_s, u"a1"_s, {}, 70, 20, u"SELECT"_s, {}),
                      make(u"e5"_s, u"ff"_s, u"EXIT"_s, 30, 5, {}, u"batch"_s)};
    spans[1].error = true;
    spans[3].duration.reset();
    return spans;
}

struct Fixture
{
    Fixture()
        : tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        model.setSpans(document());
    }
    SpanNode *top(int row) const { return model.rootNode()->children.at(size_t(row)).get(); }

    SpanTreeModel model;
    QAbstractItemModelTester tester;
};
} // namespace

class TestSpanTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheTree()
    {
        SpanTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(TestSupport::modelText(model), u"Name | Type | Service | Start | Duration | Error\n"_s);
        QSignalSpy changed(&model, &SpanTreeModel::contentChanged);
        model.setSpans(document());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.spanCount(), 5);
        QCOMPARE(TestSupport::modelText(model),
                 u"Name | Type | Service | Start | Duration | Error\n"
                 "GET /cart | ENTRY | shop | 00:00:00.000 | 100 ms | \n"
                 "  GET /items | EXIT | shop | +10 ms | 50 ms | \n"
                 "    GET /items | ENTRY | inventory | +2 ms | 46 ms | error\n"
                 "  SELECT | ENTRY |  | +70 ms | (none) | \n"
                 "(no name) | EXIT | batch | 00:00:00.030 | 5 ms | \n"_s);
        // Read back parents before children, in the tree's order.
        QStringList ids;
        for (const Span &span : model.spans())
            ids << span.spanId;
        QCOMPARE(ids, (QStringList{u"a1"_s, u"b2"_s, u"c3"_s, u"d4"_s, u"e5"_s}));
        QCOMPARE(model.flatten().size(), size_t(5));
        QCOMPARE(model.findSpan(u"c3"_s)->span.name, u"GET /items"_s);
        QVERIFY(!model.findSpan(u"zz"_s));
    }

    void tonesAndTooltips()
    {
        Fixture f;
        const auto tone = [&f](const QString &id, int column) {
            return SpanTreeModel::Tone(
                f.model.indexOf(f.model.findSpan(id), column).data(SpanTreeModel::ToneRole).toInt());
        };
        QCOMPARE(tone(u"c3"_s, SpanTreeModel::NameColumn), SpanTreeModel::Tone::Error);
        QCOMPARE(tone(u"c3"_s, SpanTreeModel::ErrorColumn), SpanTreeModel::Tone::Error);
        QCOMPARE(tone(u"c3"_s, SpanTreeModel::TypeColumn), SpanTreeModel::Tone::Plain);
        QCOMPARE(tone(u"d4"_s, SpanTreeModel::TypeColumn), SpanTreeModel::Tone::Absent); // no type written
        QCOMPARE(tone(u"d4"_s, SpanTreeModel::DurationColumn), SpanTreeModel::Tone::Absent);
        QCOMPARE(tone(u"d4"_s, SpanTreeModel::StartColumn), SpanTreeModel::Tone::Plain);
        QCOMPARE(tone(u"a1"_s, SpanTreeModel::NameColumn), SpanTreeModel::Tone::Plain);

        const QModelIndex orphan = f.model.indexOf(f.model.findSpan(u"e5"_s), SpanTreeModel::StartColumn);
        QCOMPARE(orphan.data(Qt::ToolTipRole).toString(),
                 u"spanId e5\nparentId ff names no span in this document\n2026-01-01 00:00:00.030 UTC"_s);
        QCOMPARE(orphan.data(SpanTreeModel::SpanIdRole).toString(), u"e5"_s);
        QCOMPARE(orphan.data(SpanTreeModel::TraceIdRole).toString(), u"a1"_s);
        QCOMPARE(f.model.indexOf(f.model.findSpan(u"b2"_s)).data(Qt::ToolTipRole).toString(), u"spanId b2"_s);
    }

    void attachDetachMove()
    {
        Fixture f;
        SpanNode *root = f.top(0);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);

        auto node = std::make_unique<SpanNode>();
        node->span = make(u"f6"_s, u"a1"_s, u"EXIT"_s, 95, 1, u"log"_s, u"shop"_s);
        SpanNode *added = node.get();
        f.model.attach(root, 1, std::move(node));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(f.model.spanCount(), 6);
        QCOMPARE(added->row, 1);
        QCOMPARE(root->children.at(2)->row, 2); // renumbered
        QVERIFY(f.model.contains(added));

        SpanNode *exit = f.model.findSpan(u"b2"_s);
        std::unique_ptr<SpanNode> taken = f.model.detach(exit);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(f.model.spanCount(), 4); // with its child
        QVERIFY(!f.model.contains(exit));
        QCOMPARE(added->row, 0);
        f.model.attach(root, 0, std::move(taken));
        QCOMPARE(f.model.spanCount(), 6);

        // Moves: not under itself, not to where it is; the start offset follows the parent.
        SpanNode *entry = f.model.findSpan(u"c3"_s);
        QVERIFY(!f.model.move(exit, entry, 0));
        QVERIFY(!f.model.move(exit, root, 0));
        QVERIFY(f.model.move(entry, root, 3));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(entry->parent, root);
        QCOMPARE(entry->row, 3);
        QCOMPARE(f.model.indexOf(entry, SpanTreeModel::StartColumn).data().toString(), u"+12 ms"_s);
        QVERIFY(f.model.move(entry, f.model.rootNode(), 99)); // clamped: the last row
        QCOMPARE(entry->row, 2);
        QCOMPARE(f.model.rowCount(), 3);
        QCOMPARE(f.model.indexOf(entry, SpanTreeModel::StartColumn).data().toString(), u"00:00:00.012"_s);
    }

    void changedSpanIdIsFollowedByChildren()
    {
        Fixture f;
        SpanNode *exit = f.model.findSpan(u"b2"_s);
        Span span = exit->span;
        span.spanId = u"b9"_s;
        QSignalSpy data(&f.model, &QAbstractItemModel::dataChanged);
        f.model.setSpan(exit, span);
        QVERIFY(data.size() >= 1);
        QCOMPARE(exit->children.front()->span.parentId, u"b9"_s);
    }

    void dropIsHandedToTheMoveHandler()
    {
        Fixture f;
        SpanNode *root = f.top(0);
        SpanNode *exit = f.model.findSpan(u"b2"_s);
        SpanNode *entry = f.model.findSpan(u"c3"_s);
        std::vector<std::tuple<SpanNode *, SpanNode *, int>> asked;
        f.model.setMoveHandler(
            [&asked](SpanNode *node, SpanNode *parent, int row) { asked.emplace_back(node, parent, row); });

        std::unique_ptr<QMimeData> data(f.model.mimeData({f.model.indexOf(exit)}));
        QVERIFY(data);
        QVERIFY(f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, f.model.indexOf(root)));
        QVERIFY(!f.model.canDropMimeData(data.get(), Qt::CopyAction, -1, -1, f.model.indexOf(root)));
        QVERIFY(!f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, f.model.indexOf(entry))); // own subtree
        // Dropped below the last child of its own parent: counted without itself.
        QVERIFY(f.model.dropMimeData(data.get(), Qt::MoveAction, 2, 0, f.model.indexOf(root)));
        QCOMPARE(asked.size(), size_t(1));
        QCOMPARE(asked.back(), std::make_tuple(exit, root, 1));
        // On the top level, at the end.
        QVERIFY(f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, {}));
        QCOMPARE(asked.back(), std::make_tuple(exit, f.model.rootNode(), 2));

        // Data from another model is refused.
        SpanTreeModel other;
        other.setSpans(document());
        std::unique_ptr<QMimeData> foreign(other.mimeData({other.indexOf(other.findSpan(u"b2"_s))}));
        QVERIFY(!f.model.canDropMimeData(foreign.get(), Qt::MoveAction, -1, -1, f.model.indexOf(root)));
        QCOMPARE(asked.size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestSpanTreeModel)
#include "tst_spantreemodel.moc"
