// The trace waterfall driven with keys, clicks and the wheel: moving the current row,
// collapsing and expanding, zooming, the signals it sends, what it paints (bar colours, error
// outlines, placeholders) checked pixel by pixel, the minimap moving the view, and painting
// into an image.

#include "core/traces/spangenerator.h"
#include "core/traces/spanstore.h"
#include "core/viewer/timeaxis.h"
#include "core/viewer/tracedocument.h"
#include "tests/support/images.h"
#include "ui/viewer/spancolors.h"
#include "ui/viewer/traceminimap.h"
#include "ui/viewer/waterfallview.h"

#include <QApplication>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <climits>

using namespace Qt::StringLiterals;
using namespace Workbench;
using Workbench::Viewer::TraceDocument;
using Workbench::Viewer::TraceDocumentPtr;

namespace {

Traces::Span makeSpan(const QString &id, const QString &parent, qint64 timestamp, qint64 duration, const QString &name,
                      const QString &type, const QString &service, bool error = false)
{
    Traces::Span span;
    span.spanId = id;
    span.parentId = parent;
    span.traceId = u"00000000000000a1"_s;
    span.timestamp = timestamp;
    span.duration = duration;
    span.name = name;
    span.type = type;
    if (error)
        span.error = true;
    span.setData(u"service"_s, service);
    return span;
}

// A (ENTRY, shop) 0..1000 ms
//   B (EXIT, shop) 100..500
//     C (ENTRY, payment, error) 150..450
// missing parent ffff000000000001
//   D (ENTRY, inventory) 500..700
TraceDocumentPtr smallTrace()
{
    const QList<Traces::Span> spans{
        makeSpan(u"00000000000000a1"_s, QString(), 1000, 1000, u"GET /checkout"_s, u"ENTRY"_s, u"shop"_s),
        makeSpan(u"00000000000000b2"_s, u"00000000000000a1"_s, 1100, 400, u"call payment"_s, u"EXIT"_s, u"shop"_s),
        makeSpan(u"00000000000000c3"_s, u"00000000000000b2"_s, 1150, 300, u"POST /pay"_s, u"ENTRY"_s, u"payment"_s,
                 true),
        makeSpan(u"00000000000000d4"_s, u"ffff000000000001"_s, 1500, 200, u"reserve"_s, u"ENTRY"_s, u"inventory"_s),
    };
    return TraceDocument::build(Traces::SpanStore::fromSpans(spans), u"test"_s);
}

TraceDocumentPtr generated(qsizetype spans, double errorRate = 0.02)
{
    Traces::GeneratorOptions options;
    options.spans = spans;
    options.errorRate = errorRate;
    options.depth = 8;
    options.fanout = 6;
    options.services = 8;
    return TraceDocument::build(Traces::SpanGenerator::generate(options), u"generated"_s);
}

void sendWheel(QWidget *widget, QPoint pos, int deltaY, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent event(QPointF(pos), QPointF(widget->mapToGlobal(pos)), QPoint(), QPoint(0, deltaY), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestWaterfallView : public QObject
{
    Q_OBJECT

private:
    // The x of a time (ms from the trace's start) in the viewport, as the view maps it.
    static int xOf(const WaterfallView &view, double ms)
    {
        const double left = view.treeColumnWidth() + 1;
        const double width = view.viewport()->width() - left;
        return int(left + (ms - view.visibleFrom()) / (view.visibleTo() - view.visibleFrom()) * width);
    }
    static int yOfRow(const WaterfallView &view, qsizetype row)
    {
        return WaterfallView::AxisHeight + int(row - view.firstVisibleRow()) * WaterfallView::RowHeight
            + WaterfallView::RowHeight / 2;
    }

private Q_SLOTS:
    void rowsOfSmallTrace()
    {
        WaterfallView view;
        view.setDocument(smallTrace());
        const auto &rows = view.rows();
        QCOMPARE(rows.rowCount(), 5);
        QCOMPARE(rows.row(0).node, 0);
        QCOMPARE(rows.row(1).node, 1);
        QCOMPARE(rows.row(2).node, 2);
        QVERIFY(Viewer::WaterfallRows::isPlaceholder(rows.row(3).node));
        QCOMPARE(rows.row(4).node, 3);
        QCOMPARE(view.currentNode(), 0);
        QCOMPARE(view.visibleFrom(), 0.0);
        QCOMPARE(view.visibleTo(), 1000.0);

        WaterfallView empty;
        QCOMPARE(empty.currentNode(), INT_MIN);
        empty.setDocument(nullptr);
        QCOMPARE(empty.currentNode(), INT_MIN);
        QImage image(300, 200, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        empty.paintView(&painter, image.rect());
    }

    void keyboard()
    {
        WaterfallView view;
        view.resize(800, 400);
        view.setDocument(smallTrace());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy current(&view, &WaterfallView::currentNodeChanged);
        QSignalSpy layout(&view, &WaterfallView::rowsLayoutChanged);

        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.currentNode(), 1);
        QCOMPARE(current.size(), 1);
        QCOMPARE(current.last().at(0).toInt(), 1);
        QTest::keyClick(&view, 'j');
        QCOMPARE(view.currentNode(), 2);
        QTest::keyClick(&view, 'k');
        QCOMPARE(view.currentNode(), 1);

        // Left collapses B, then goes to its parent; Right goes to the first child, then expands.
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.rows().rowCount(), 4);
        QVERIFY(!view.rows().isExpanded(1));
        QCOMPARE(layout.size(), 1);
        QCOMPARE(view.currentNode(), 1);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.currentNode(), 0);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.currentNode(), 1);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.rows().rowCount(), 5);
        QCOMPARE(view.currentNode(), 1);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.currentNode(), 2);

        // [ and ] collapse and expand everything; the hidden current node gives way to its root.
        QTest::keyClick(&view, '[');
        QCOMPARE(view.rows().rowCount(), 2);
        QCOMPARE(view.currentNode(), 0);
        QTest::keyClick(&view, ']');
        QCOMPARE(view.rows().rowCount(), 5);

        // o and p: one level at a time (the deepest expanded level is B's).
        QTest::keyClick(&view, 'o');
        QCOMPARE(view.rows().rowCount(), 4);
        QVERIFY(!view.rows().isExpanded(1));
        QVERIFY(view.rows().isExpanded(0));
        QTest::keyClick(&view, 'o');
        QCOMPARE(view.rows().rowCount(), 2);
        QTest::keyClick(&view, 'p');
        QCOMPARE(view.rows().rowCount(), 4);
        QTest::keyClick(&view, 'p');
        QCOMPARE(view.rows().rowCount(), 5);

        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentNode(), 3);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.currentNode(), 0);
        QTest::keyClick(&view, Qt::Key_PageDown);
        QCOMPARE(view.currentNode(), 3);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.currentNode(), 0);

        // Signals for other views.
        QSignalSpy find(&view, &WaterfallView::findRequested);
        QSignalSpy help(&view, &WaterfallView::helpRequested);
        QSignalSpy reroot(&view, &WaterfallView::rerootRequested);
        QSignalSpy activated(&view, &WaterfallView::nodeActivated);
        QTest::keyClick(&view, '/');
        QCOMPARE(find.size(), 1);
        QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(find.size(), 2);
        QTest::keyClick(&view, '?');
        QCOMPARE(help.size(), 1);
        QTest::keyClick(&view, Qt::Key_Down);
        QTest::keyClick(&view, 'r');
        QCOMPARE(reroot.size(), 1);
        QCOMPARE(reroot.last().at(0).toInt(), 1);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.last().at(0).toInt(), 1);
    }

    void zoom()
    {
        WaterfallView view;
        view.resize(800, 400);
        view.setDocument(smallTrace());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy range(&view, &WaterfallView::visibleRangeChanged);

        const double whole = view.visibleTo() - view.visibleFrom();
        QTest::keyClick(&view, '+');
        QCOMPARE(view.visibleTo() - view.visibleFrom(), whole / 2);
        QCOMPARE(range.size(), 1);
        QTest::keyClick(&view, '+');
        QCOMPARE(view.visibleTo() - view.visibleFrom(), whole / 4);
        QTest::keyClick(&view, '-');
        QCOMPARE(view.visibleTo() - view.visibleFrom(), whole / 2);
        QTest::keyClick(&view, '0');
        QCOMPARE(view.visibleFrom(), 0.0);
        QCOMPARE(view.visibleTo(), whole);

        // Ctrl+wheel zooms around the cursor: the time under it stays put.
        const QPoint at(xOf(view, 250), yOfRow(view, 0));
        sendWheel(view.viewport(), at, 120, Qt::ControlModifier);
        const double width = view.visibleTo() - view.visibleFrom();
        QVERIFY(width < whole);
        QVERIFY(view.visibleFrom() > 0);
        QVERIFY(std::abs(xOf(view, 250) - at.x()) <= 1);
        sendWheel(view.viewport(), at, -120, Qt::ControlModifier);
        QVERIFY(view.visibleTo() - view.visibleFrom() > width);

        // Shift+wheel and dragging pan; the horizontal scroll bar follows.
        view.setVisibleRange(100, 200);
        const int barValue = view.horizontalScrollBar()->value();
        sendWheel(view.viewport(), at, -120, Qt::ShiftModifier);
        QVERIFY(view.visibleFrom() > 100);
        QCOMPARE(view.visibleTo() - view.visibleFrom(), 100.0);
        QVERIFY(view.horizontalScrollBar()->value() > barValue);
        const double before = view.visibleFrom();
        const QPoint start(xOf(view, 150), yOfRow(view, 1));
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(view.viewport(), start + QPoint(100, 0));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, start + QPoint(100, 0));
        QVERIFY(view.visibleFrom() < before);

        // The scroll bar moves the window.
        view.horizontalScrollBar()->setValue(0);
        QCOMPARE(view.visibleFrom(), 0.0);
        QCOMPARE(view.visibleTo(), 100.0);

        // A plain wheel scrolls rows, not time.
        view.resetZoom();
        sendWheel(view.viewport(), at, -120, Qt::NoModifier);
        QCOMPARE(view.visibleFrom(), 0.0);
        QCOMPARE(view.visibleTo(), whole);
    }

    void mouse()
    {
        WaterfallView view;
        view.resize(800, 400);
        view.setDocument(smallTrace());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy current(&view, &WaterfallView::currentNodeChanged);
        QSignalSpy activated(&view, &WaterfallView::nodeActivated);

        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(200, yOfRow(view, 2)));
        QCOMPARE(view.currentNode(), 2);
        QCOMPARE(current.size(), 1);
        QCOMPARE(current.last().at(0).toInt(), 2);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(xOf(view, 600), yOfRow(view, 4)));
        QCOMPARE(view.currentNode(), 3);

        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, QPoint(200, yOfRow(view, 1)));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.last().at(0).toInt(), 1);

        // The arrow of A (depth 0) toggles it.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(10, yOfRow(view, 0)));
        QCOMPARE(view.rows().rowCount(), 3);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(10, yOfRow(view, 0)));
        QCOMPARE(view.rows().rowCount(), 5);

        // Dragging the column border widens the tree column.
        const int tree = view.treeColumnWidth();
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(tree, 100));
        QTest::mouseMove(view.viewport(), QPoint(tree + 40, 100));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(tree + 40, 100));
        QCOMPARE(view.treeColumnWidth(), tree + 40);

        // The tooltip tells about the span under the mouse.
        const QPoint over(xOf(view, 300), yOfRow(view, 2));
        QHelpEvent help(QEvent::ToolTip, over, view.viewport()->mapToGlobal(over));
        QApplication::sendEvent(view.viewport(), &help);
        QVERIFY2(QToolTip::text().contains(u"POST /pay"_s), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(u"payment"_s));
        QVERIFY(QToolTip::text().contains(u"Error: yes"_s));
        QVERIFY(QToolTip::text().contains(u"Self time: 300 ms"_s));
        QToolTip::hideText();
    }

    void pixels()
    {
        WaterfallView view;
        view.resize(900, 300);
        view.setDocument(smallTrace());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QImage image = view.viewport()->grab().toImage();
        const QRgb shop = SpanColors::forService(u"shop").rgb();
        const QRgb payment = SpanColors::forService(u"payment").rgb();
        const QRgb inventory = SpanColors::forService(u"inventory").rgb();
        const QRgb error = SpanColors::error().rgb();
        const auto pixel = [&image](int x, int y) { return image.pixel(x, y) & 0xFFFFFF; };

        // A spans the whole window, in the shop's colour.
        QCOMPARE(pixel(xOf(view, 700), yOfRow(view, 0)), shop & 0xFFFFFF);
        // C: the payment colour inside, an error outline on its edge, nothing past its end.
        QCOMPARE(pixel(xOf(view, 300), yOfRow(view, 2)), payment & 0xFFFFFF);
        const int top = WaterfallView::AxisHeight + 2 * WaterfallView::RowHeight + 4;
        QCOMPARE(pixel(xOf(view, 300), top), error & 0xFFFFFF);
        QVERIFY(pixel(xOf(view, 800), yOfRow(view, 2)) != (payment & 0xFFFFFF));
        // D, below its placeholder, starts at 500 ms.
        QCOMPARE(pixel(xOf(view, 600), yOfRow(view, 4)), inventory & 0xFFFFFF);
        QVERIFY(pixel(xOf(view, 400), yOfRow(view, 4)) != (inventory & 0xFFFFFF));
        // The placeholder's bar is edged in the warning colour.
        const int placeholderTop = WaterfallView::AxisHeight + 3 * WaterfallView::RowHeight + 4;
        QCOMPARE(pixel(xOf(view, 600), placeholderTop), SpanColors::warning().rgb() & 0xFFFFFF);

        // Zoomed in to 100..200 ms, C (150..450) starts mid-window.
        view.setVisibleRange(100, 200);
        image = view.viewport()->grab().toImage();
        QCOMPARE(pixel(xOf(view, 175), yOfRow(view, 2)), payment & 0xFFFFFF);
        QVERIFY(pixel(xOf(view, 120), yOfRow(view, 2)) != (payment & 0xFFFFFF));

        // By type: A is an ENTRY.
        view.resetZoom();
        view.setColorBy(WaterfallView::ColorBy::Type);
        QCOMPARE(view.colorBy(), WaterfallView::ColorBy::Type);
        image = view.viewport()->grab().toImage();
        QCOMPARE(pixel(xOf(view, 700), yOfRow(view, 0)), SpanColors::forType(Traces::SpanType::Entry).rgb() & 0xFFFFFF);

        // The critical path dims the spans off it.
        view.setColorBy(WaterfallView::ColorBy::Service);
        view.setCriticalPath({0, 1});
        image = view.viewport()->grab().toImage();
        QCOMPARE(pixel(xOf(view, 700), yOfRow(view, 0)), shop & 0xFFFFFF);
        QVERIFY(pixel(xOf(view, 600), yOfRow(view, 4)) != (inventory & 0xFFFFFF));
        view.setCriticalPath({});
        std::vector<bool> matches(4, false);
        matches[3] = true;
        view.setHighlight(matches);
        image = view.viewport()->grab().toImage();
        QCOMPARE(pixel(xOf(view, 600), yOfRow(view, 4)), inventory & 0xFFFFFF);
        // The match band shows left of D's bar (row 2 has nothing there).
        QVERIFY(pixel(xOf(view, 90), yOfRow(view, 4)) != pixel(xOf(view, 90), yOfRow(view, 2)));
    }

    void paintIntoImage()
    {
        WaterfallView view;
        view.resize(1000, 500);
        view.setDocument(generated(5000));
        QImage image(1000, 500, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        {
            QPainter painter(&image);
            view.paintView(&painter, image.rect());
        }
        // The root's bar spans the timeline in its service's colour.
        const auto &store = view.document()->store();
        const QRgb root = SpanColors::forService(store.dataValue(0, "service")).rgb();
        const int left = view.treeColumnWidth() + 1;
        const int y = WaterfallView::AxisHeight + WaterfallView::RowHeight / 2;
        QCOMPARE(image.pixel(left + (1000 - left) / 2, y) & 0xFFFFFF, root & 0xFFFFFF);
        QVERIFY(image.pixel(5, 499) != qRgb(0, 0, 0)); // painted everywhere
        TestSupport::keepImage(image, u"waterfall-generated"_s);

        // Into a part of a bigger image.
        QImage big(1200, 700, QImage::Format_ARGB32_Premultiplied);
        big.fill(Qt::black);
        {
            QPainter painter(&big);
            view.paintView(&painter, QRect(100, 100, 1000, 500));
        }
        QCOMPARE(big.pixel(50, 50), qRgb(0, 0, 0));
        QCOMPARE(big.pixel(100 + left + (1000 - left) / 2, 100 + y) & 0xFFFFFF, root & 0xFFFFFF);
    }

    void largeTrace()
    {
        WaterfallView view;
        view.resize(900, 500);
        view.setDocument(generated(20000));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.rows().rowCount(), 20000);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentNode(), view.rows().row(19999).node);
        QVERIFY(view.firstVisibleRow() > 19000);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.firstVisibleRow(), 0);
        QTest::keyClick(&view, Qt::Key_PageDown);
        QCOMPARE(view.rows().rowOf(view.currentNode()), qsizetype(view.visibleRowCount()));

        // Rows changed outside, then rowsChanged().
        QSignalSpy layout(&view, &WaterfallView::rowsLayoutChanged);
        view.rows().setMinDuration(1000000);
        view.rowsChanged();
        QCOMPARE(layout.size(), 1);
        view.rows().setMinDuration(0);
        view.rows().setRoot(view.rows().row(1).node);
        view.rowsChanged();
        QVERIFY(view.rows().rowCount() < 20000);
        QCOMPARE(view.visibleFrom(), 0.0);
        QCOMPARE(view.visibleTo(), view.totalDuration());
        view.rows().clearRoot();
        view.rowsChanged();
        view.setCurrentNode(view.rows().row(15000).node);
        QCOMPARE(view.currentNode(), view.rows().row(15000).node);
        const qsizetype first = view.firstVisibleRow();
        QVERIFY(first <= 15000 && 15000 < first + view.visibleRowCount());
        view.viewport()->grab();
    }

    void minimap()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *view = new WaterfallView;
        auto *map = new TraceMinimap(view);
        layout->addWidget(map);
        layout->addWidget(view);
        window.resize(800, 500);
        view->setDocument(generated(4000, 0));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(map->height(), 60);
        view->setVisibleRange(0, view->totalDuration() / 10);
        QCOMPARE(view->firstVisibleRow(), 0);

        // Dragging the window rectangle moves the view down and later in time.
        const QRectF window0 = map->windowRect();
        QVERIFY(window0.width() < map->width() / 5.0);
        const QPoint grab = window0.center().toPoint();
        QTest::mousePress(map, Qt::LeftButton, {}, grab);
        QTest::mouseMove(map, QPoint(map->width() / 2, 40));
        QTest::mouseRelease(map, Qt::LeftButton, {}, QPoint(map->width() / 2, 40));
        QVERIFY(view->firstVisibleRow() > 1000);
        QVERIFY(view->visibleFrom() > view->totalDuration() * 0.3);
        QVERIFY(std::abs(map->windowRect().center().x() - map->width() / 2.0) < 3);

        // A click elsewhere centres the window there.
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(5, 0));
        QCOMPARE(view->firstVisibleRow(), 0);
        QCOMPARE(view->visibleFrom(), 0.0);

        // The minimap shows the root's colour at the top, across the trace.
        const QImage image = map->overview();
        const QRgb root = SpanColors::forService(view->document()->store().dataValue(0, "service")).rgb();
        QCOMPARE(image.pixel(map->width() - 20, 0) & 0xFFFFFF, root & 0xFFFFFF);

        // Collapsing everything rebuilds it.
        view->setFocus();
        QTest::keyClick(view, '[');
        QCOMPARE(view->rows().rowCount(), 1);
        map->grab();
    }
};

QTEST_MAIN(TestWaterfallView)
#include "tst_waterfallview.moc"
