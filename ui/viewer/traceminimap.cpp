#include "ui/viewer/traceminimap.h"

#include "ui/viewer/spancolors.h"
#include "ui/viewer/waterfallview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace Workbench {

TraceMinimap::TraceMinimap(WaterfallView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The whole trace: click or drag to move the view"));
    connect(view, &WaterfallView::rowsLayoutChanged, this, &TraceMinimap::rebuild);
    connect(view, &WaterfallView::visibleRangeChanged, this, qOverload<>(&QWidget::update));
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    connect(view->verticalScrollBar(), &QScrollBar::rangeChanged, this, qOverload<>(&QWidget::update));
    rebuild();
}

TraceMinimap::~TraceMinimap() = default;

QSize TraceMinimap::sizeHint() const
{
    return QSize(400, 60);
}

QSize TraceMinimap::minimumSizeHint() const
{
    return QSize(60, 60);
}

void TraceMinimap::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rebuild();
}

void TraceMinimap::rebuild()
{
    const int w = std::max(1, width());
    const int h = std::max(1, height());
    m_image = QImage(w, h, QImage::Format_RGB32);
    m_image.fill(palette().color(QPalette::Base));
    const auto document = m_view->document();
    const auto &rows = m_view->rows();
    const qsizetype n = rows.rowCount();
    if (!document || n == 0) {
        update();
        return;
    }
    SpanColors colors;
    colors.setStore(&document->store());
    const bool byType = m_view->colorBy() == WaterfallView::ColorBy::Type;
    const auto &store = document->store();
    const qint64 origin = rows.startTime();
    const double scale = w / m_view->totalDuration();
    const QRgb warning = SpanColors::warning().rgb();
    const QRgb error = SpanColors::error().rgb();

    const auto drawSpan = [&](int y0, int y1, qint64 start, qint64 end, QRgb rgb) {
        const int x0 = std::clamp(int(std::floor(double(start - origin) * scale)), 0, w - 1);
        const int x1 = std::clamp(int(std::floor(double(end - origin) * scale)), x0 + 1, w);
        for (int y = y0; y < y1; ++y) {
            auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(y));
            std::fill(line + x0, line + x1, rgb);
        }
    };

    // Per pixel row the rows [r0, r1) it covers; when there are fewer rows than pixels, a row
    // takes several pixel rows. O(rows + pixels) in all.
    for (int py = 0; py < h;) {
        const qsizetype r0 = qsizetype(double(py) * double(n) / h);
        qsizetype r1 = qsizetype(double(py + 1) * double(n) / h);
        r1 = std::clamp<qsizetype>(r1, r0 + 1, n);
        int py1 = py + 1;
        while (py1 < h && qsizetype(double(py1) * double(n) / h) == r0 && r1 == r0 + 1)
            ++py1;
        qint32 longest = INT_MIN;
        qint64 longestMs = -1;
        qint32 longestError = INT_MIN;
        qint64 longestErrorMs = -1;
        for (qsizetype r = r0; r < r1; ++r) {
            const qint32 node = rows.row(r).node;
            const qint64 ms = rows.end(node) - rows.start(node);
            if (ms > longestMs) {
                longestMs = ms;
                longest = node;
            }
            if (node >= 0 && (store.record(node).flags & Traces::SpanStore::ErrorValue) && ms > longestErrorMs) {
                longestErrorMs = ms;
                longestError = node;
            }
        }
        if (longest != INT_MIN)
            drawSpan(py, py1, rows.start(longest), rows.end(longest),
                     longest < 0 ? warning : colors.color(longest, byType));
        if (longestError != INT_MIN)
            drawSpan(py, py1, rows.start(longestError), rows.end(longestError), error);
        py = py1;
    }
    update();
}

QRectF TraceMinimap::windowRect() const
{
    const qsizetype n = m_view->rows().rowCount();
    const double total = m_view->totalDuration();
    const double x0 = m_view->visibleFrom() / total * width();
    const double x1 = m_view->visibleTo() / total * width();
    double y0 = 0;
    double y1 = height();
    if (n > 0) {
        y0 = double(m_view->firstVisibleRow()) / double(n) * height();
        y1 = double(std::min<qsizetype>(n, m_view->firstVisibleRow() + m_view->visibleRowCount())) / double(n)
            * height();
    }
    QRectF rect(QPointF(x0, y0), QPointF(x1, y1));
    if (rect.width() < 3)
        rect.adjust(-(3 - rect.width()) / 2, 0, (3 - rect.width()) / 2, 0);
    if (rect.height() < 3)
        rect.adjust(0, -(3 - rect.height()) / 2, 0, (3 - rect.height()) / 2);
    return rect;
}

void TraceMinimap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_image.size() != size())
        rebuild();
    painter.drawImage(0, 0, m_image);
    if (!m_view->document() || m_view->rows().rowCount() == 0)
        return;
    const QRectF window = windowRect();
    QPainterPath outside;
    outside.addRect(QRectF(rect()));
    QPainterPath inside;
    inside.addRect(window);
    painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 50));
    QColor edge = palette().color(QPalette::Highlight);
    painter.setPen(QPen(edge, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(window.adjusted(0.75, 0.75, -0.75, -0.75));
}

void TraceMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QRectF window = windowRect();
    const QPointF pos = event->position();
    // Taking hold of the window keeps the point under the mouse; elsewhere the window centres
    // on the click.
    m_grab = window.contains(pos) ? pos - window.center() : QPointF();
    m_dragging = true;
    moveViewTo(pos);
}

void TraceMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging)
        moveViewTo(event->position());
}

void TraceMinimap::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
}

void TraceMinimap::moveViewTo(QPointF pos)
{
    const qsizetype n = m_view->rows().rowCount();
    if (!m_view->document() || n == 0 || width() <= 0 || height() <= 0)
        return;
    const QPointF centre = pos - m_grab;
    const double windowMs = m_view->visibleTo() - m_view->visibleFrom();
    const double centreMs = centre.x() / width() * m_view->totalDuration();
    m_view->setVisibleRange(centreMs - windowMs / 2, centreMs + windowMs / 2);
    const double centreRow = centre.y() / height() * double(n);
    m_view->scrollToRow(qsizetype(std::lround(centreRow - m_view->visibleRowCount() / 2.0)));
}

} // namespace Workbench
