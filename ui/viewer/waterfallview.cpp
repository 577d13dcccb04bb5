#include "ui/viewer/waterfallview.h"

#include "core/viewer/timeaxis.h"
#include "core/viewer/traceanalysis.h"
#include "ui/viewer/spancolors.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

constexpr int Indent = 14; // pixels per depth level in the tree column
constexpr int ArrowSize = 12;
constexpr int BadgeSize = 14;
constexpr int BarInset = 4; // bar: RowHeight - 2 * BarInset pixels high
constexpr int HScrollUnits = 1'000'000; // the horizontal scroll bar's range for the whole trace
constexpr double MinWindowMs = 0.01; // deepest zoom
constexpr double ZoomStep = 2.0;
constexpr int SplitterGrip = 3;

QColor blend(QColor a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

struct WaterfallView::Private
{
    enum class Drag { None, Pan, Splitter };

    Viewer::TraceDocumentPtr document;
    Viewer::WaterfallRows rows;
    SpanColors colors;
    qint32 current = INT_MIN;
    std::vector<bool> highlight;
    std::vector<bool> onPath;
    bool pathActive = false;
    ColorBy colorBy = ColorBy::Service;
    double from = 0;
    double to = 1;
    qint64 boundsStart = 0;
    qint64 boundsEnd = 0;
    int treeWidth = 360;
    bool syncingScrollBar = false;

    Drag drag = Drag::None;
    QPoint dragStart;
    double dragFrom = 0;
    double dragTo = 0;
    int dragFirstRow = 0;
    int dragTreeWidth = 0;

    double total() const { return std::max(1.0, double(rows.endTime() - rows.startTime())); }
    int tree(int width) const { return std::clamp(treeWidth, 60, std::max(60, width - 60)); }
    double timelineLeft(int width) const { return tree(width) + 1; }
    double timelineWidth(int width) const { return std::max(1.0, width - timelineLeft(width)); }

    // Whether the node shows an arrow, and whether it points down.
    bool hasChildren(qsizetype row) const
    {
        const auto &r = rows.row(row);
        if (rows.isExpanded(r.node))
            return row + 1 < rows.rowCount() && rows.row(row + 1).depth > r.depth;
        return rows.hasVisibleChildren(r.node);
    }
    bool isError(qint32 node) const
    {
        return node >= 0 && (document->store().record(node).flags & Traces::SpanStore::ErrorValue);
    }
    QString tooltip(qint32 node) const;
};

QString WaterfallView::Private::tooltip(qint32 node) const
{
    const qint64 origin = rows.startTime();
    if (Viewer::WaterfallRows::isPlaceholder(node)) {
        const auto &holder = rows.placeholder(node);
        const QString what = holder.kind == Viewer::WaterfallRows::Placeholder::Kind::Cycle
            ? u"Cycle: spans whose parents lead back to themselves"_s
            : u"Missing parent %1: no span has this id"_s.arg(holder.parentId);
        return what % u"\nSpans below: "_s % QString::number(holder.children.size()) % u"\nStart: +"_s
            % Viewer::TimeAxis::duration(holder.start - origin) % u"\nDuration: "_s
            % Viewer::TimeAxis::duration(holder.end - holder.start);
    }
    const auto &store = document->store();
    const auto &record = store.record(node);
    QString service = Viewer::TraceAnalysis::serviceOf(store, node);
    if (service.isEmpty())
        service = u"(no service)"_s;
    QString text = store.name(node) % u"\nService: "_s % service % u"\nType: "_s % Traces::spanTypeName(record.type)
        % u"\nDuration: "_s % Viewer::TimeAxis::duration(record.duration) % u"\nSelf time: "_s
        % Viewer::TimeAxis::duration(document->selfTimes()[size_t(node)]) % u"\nStart: +"_s
        % Viewer::TimeAxis::duration(record.timestamp - origin);
    if (record.flags & Traces::SpanStore::ErrorValue)
        text += u"\nError: yes"_s;
    const Findings findings = document->findingsFor(node);
    for (qsizetype i = 0; i < std::min<qsizetype>(findings.size(), 3); ++i)
        text += (findings[i].isError() ? u"\nFinding (error): "_s : u"\nFinding (warning): "_s) + findings[i].message;
    if (findings.size() > 3)
        text += u"\n… and %1 more findings"_s.arg(findings.size() - 3);
    return text;
}

WaterfallView::WaterfallView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , d(std::make_unique<Private>())
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, 0);
    horizontalScrollBar()->setPageStep(HScrollUnits);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (d->syncingScrollBar)
            return;
        const double width = d->to - d->from;
        const double from = double(value) / HScrollUnits * d->total();
        setVisibleRange(from, from + width);
    });
}

WaterfallView::~WaterfallView() = default;

void WaterfallView::setDocument(Viewer::TraceDocumentPtr document)
{
    d->document = std::move(document);
    if (d->document) {
        d->rows = Viewer::WaterfallRows(d->document->store(), d->document->graph());
        d->colors.setStore(&d->document->store());
    } else {
        d->rows = Viewer::WaterfallRows();
        d->colors.setStore(nullptr);
    }
    d->highlight.clear();
    d->onPath.clear();
    d->pathActive = false;
    d->current = INT_MIN; // rowsChanged() makes the first row current
    d->boundsStart = d->rows.startTime();
    d->boundsEnd = d->rows.endTime();
    d->from = d->to = -1;
    verticalScrollBar()->setValue(0);
    rowsChanged();
    resetZoom();
    if (d->current == INT_MIN)
        Q_EMIT currentNodeChanged(d->current);
}

Viewer::TraceDocumentPtr WaterfallView::document() const
{
    return d->document;
}

Viewer::WaterfallRows &WaterfallView::rows()
{
    return d->rows;
}

const Viewer::WaterfallRows &WaterfallView::rows() const
{
    return d->rows;
}

void WaterfallView::rowsChanged()
{
    const auto &rows = d->rows;
    // The current node may have been hidden: its nearest shown ancestor takes its place.
    qint32 current = d->document ? d->current : INT_MIN;
    while (current != INT_MIN && rows.rowOf(current) < 0)
        current = rows.parent(current);
    if (current == INT_MIN && rows.rowCount() > 0)
        current = rows.row(0).node;
    const bool currentChanged = current != d->current;
    d->current = current;

    if (rows.startTime() != d->boundsStart || rows.endTime() != d->boundsEnd) {
        d->boundsStart = rows.startTime();
        d->boundsEnd = rows.endTime();
        d->from = d->to = -1;
        resetZoom();
    }
    resizeEvent(nullptr);
    if (d->current != INT_MIN) {
        const qsizetype row = rows.rowOf(d->current);
        const int first = firstVisibleRow();
        if (row < first || row >= first + visibleRowCount())
            scrollToRow(std::max<qsizetype>(0, row - visibleRowCount() / 2));
    }
    if (currentChanged)
        Q_EMIT currentNodeChanged(d->current);
    Q_EMIT rowsLayoutChanged();
    viewport()->update();
}

qint32 WaterfallView::currentNode() const
{
    return d->current;
}

void WaterfallView::setCurrentNode(qint32 node)
{
    const qsizetype row = d->rows.rowOf(node);
    if (row < 0)
        return;
    const int first = firstVisibleRow();
    const int visible = visibleRowCount();
    if (row < first)
        scrollToRow(row);
    else if (row >= first + visible)
        scrollToRow(row - visible + 1);
    if (node == d->current)
        return;
    d->current = node;
    viewport()->update();
    Q_EMIT currentNodeChanged(node);
}

void WaterfallView::setHighlight(std::vector<bool> matches)
{
    d->highlight = std::move(matches);
    viewport()->update();
}

void WaterfallView::setCriticalPath(const std::vector<qint32> &spans)
{
    d->onPath.clear();
    d->pathActive = !spans.empty() && d->document;
    if (d->pathActive) {
        d->onPath.assign(size_t(d->document->spanCount()), false);
        for (const qint32 span : spans) {
            if (span >= 0 && size_t(span) < d->onPath.size())
                d->onPath[size_t(span)] = true;
        }
    }
    viewport()->update();
}

void WaterfallView::setColorBy(ColorBy by)
{
    if (d->colorBy == by)
        return;
    d->colorBy = by;
    viewport()->update();
}

WaterfallView::ColorBy WaterfallView::colorBy() const
{
    return d->colorBy;
}

double WaterfallView::visibleFrom() const
{
    return d->from;
}

double WaterfallView::visibleTo() const
{
    return d->to;
}

double WaterfallView::totalDuration() const
{
    return d->total();
}

void WaterfallView::setVisibleRange(double fromMs, double toMs)
{
    const double total = d->total();
    double width = std::clamp(toMs - fromMs, std::min(MinWindowMs, total), total);
    if (!std::isfinite(width))
        width = total;
    const double from = std::clamp(std::isfinite(fromMs) ? fromMs : 0.0, 0.0, total - width);
    const double to = from + width;
    if (from == d->from && to == d->to)
        return;
    d->from = from;
    d->to = to;
    QScrollBar *bar = horizontalScrollBar();
    d->syncingScrollBar = true;
    const int page = std::max(1, int(std::lround(width / total * HScrollUnits)));
    bar->setRange(0, HScrollUnits - page);
    bar->setPageStep(page);
    bar->setSingleStep(std::max(1, page / 10));
    bar->setValue(int(std::lround(from / total * HScrollUnits)));
    d->syncingScrollBar = false;
    viewport()->update();
    Q_EMIT visibleRangeChanged(d->from, d->to);
}

void WaterfallView::zoomIn()
{
    const double centre = (d->from + d->to) / 2;
    const double width = (d->to - d->from) / ZoomStep;
    setVisibleRange(centre - width / 2, centre + width / 2);
}

void WaterfallView::zoomOut()
{
    const double centre = (d->from + d->to) / 2;
    const double width = (d->to - d->from) * ZoomStep;
    setVisibleRange(centre - width / 2, centre + width / 2);
}

void WaterfallView::resetZoom()
{
    setVisibleRange(0, d->total());
}

int WaterfallView::treeColumnWidth() const
{
    return d->treeWidth;
}

void WaterfallView::setTreeColumnWidth(int px)
{
    px = std::max(60, px);
    if (px == d->treeWidth)
        return;
    d->treeWidth = px;
    viewport()->update();
}

qsizetype WaterfallView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int WaterfallView::visibleRowCount() const
{
    return std::max(1, (viewport()->height() - AxisHeight) / RowHeight);
}

void WaterfallView::scrollToRow(qsizetype row)
{
    verticalScrollBar()->setValue(int(std::clamp<qsizetype>(row, 0, std::max<qsizetype>(0, d->rows.rowCount() - 1))));
}

void WaterfallView::resizeEvent(QResizeEvent *event)
{
    if (event)
        QAbstractScrollArea::resizeEvent(event);
    QScrollBar *bar = verticalScrollBar();
    const int visible = visibleRowCount();
    bar->setRange(0, int(std::max<qsizetype>(0, d->rows.rowCount() - visible)));
    bar->setPageStep(visible);
}

void WaterfallView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void WaterfallView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    paintView(&painter, viewport()->rect());
}

void WaterfallView::paintView(QPainter *painter, const QRect &target)
{
    const QPalette &pal = palette();
    const int width = target.width();
    const int height = target.height();
    painter->save();
    painter->setClipRect(target, Qt::IntersectClip);
    painter->translate(target.topLeft());
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(QRect(0, 0, width, height), pal.base());

    const int tree = d->tree(width);
    const double left = d->timelineLeft(width);
    const double timelineWidth = d->timelineWidth(width);
    const int right = width;
    const double scale = timelineWidth / std::max(1e-9, d->to - d->from);
    const QFont baseFont = font();
    QFont smallFont = baseFont;
    smallFont.setPointSizeF(std::max(6.0, baseFont.pointSizeF() * 0.85));
    QFont italicFont = baseFont;
    italicFont.setItalic(true);
    const QFontMetrics metrics(baseFont);
    const QFontMetrics smallMetrics(smallFont);
    const QColor textColor = pal.color(QPalette::Text);
    const QColor dimText = blend(textColor, pal.color(QPalette::Base), 0.45);
    const QColor gridColor = blend(pal.color(QPalette::Base), textColor, 0.10);
    const QColor stripe = blend(pal.color(QPalette::Base), textColor, 0.035);
    QColor selection = pal.color(QPalette::Highlight);
    selection.setAlpha(70);
    QColor matchBand = SpanColors::highlight();
    matchBand.setAlpha(90);
    const QColor errorColor = SpanColors::error();
    const QColor warningColor = SpanColors::warning();
    const QColor baseColor = pal.color(QPalette::Base);
    const bool byType = d->colorBy == ColorBy::Type;

    // Stripes under the grid, then the axis and its grid.
    const qsizetype rowCount = d->rows.rowCount();
    const qsizetype first = std::clamp<qsizetype>(firstVisibleRow(), 0, std::max<qsizetype>(0, rowCount - 1));
    const qsizetype last = std::min<qsizetype>(rowCount, first + (height - AxisHeight + RowHeight - 1) / RowHeight);
    for (qsizetype r = first | 1; r < last; r += 2)
        painter->fillRect(QRect(0, AxisHeight + int(r - first) * RowHeight, width, RowHeight), stripe);
    const auto ticks = Viewer::TimeAxis::ticks(d->from, d->to, timelineWidth);
    painter->fillRect(QRect(0, 0, width, AxisHeight), pal.window());
    painter->setFont(smallFont);
    for (const auto &tick : ticks) {
        const int x = int(left + tick.x);
        painter->fillRect(QRect(x, AxisHeight, 1, height - AxisHeight), gridColor);
        painter->fillRect(QRect(x, AxisHeight - 6, 1, 6), dimText);
        painter->setPen(pal.color(QPalette::WindowText));
        painter->drawText(QRect(x + 3, 0, 200, AxisHeight - 4), Qt::AlignLeft | Qt::AlignBottom, tick.label);
    }
    painter->setPen(pal.color(QPalette::WindowText));
    painter->drawText(QRect(6, 0, tree - 12, AxisHeight - 4), Qt::AlignLeft | Qt::AlignBottom,
                      d->document ? u"Span  (%1 rows)"_s.arg(qlonglong(rowCount)) : u"No trace"_s);
    painter->fillRect(QRect(0, AxisHeight - 1, width, 1), gridColor);

    if (!d->document || rowCount == 0) {
        painter->fillRect(QRect(tree, 0, 1, height), gridColor);
        painter->restore();
        return;
    }

    const auto &rows = d->rows;
    const auto &store = d->document->store();
    const auto &graph = d->document->graph();
    const qint64 origin = rows.startTime();
    const int maxIndent = std::max(0, tree / 2);
    const double clipLeft = left - 2;
    const double clipRight = right + 2;

    painter->setClipRect(QRect(0, AxisHeight, width, height - AxisHeight));
    for (qsizetype r = first; r < last; ++r) {
        const auto &row = rows.row(r);
        const qint32 node = row.node;
        const int y = AxisHeight + int(r - first) * RowHeight;
        const bool placeholder = Viewer::WaterfallRows::isPlaceholder(node);
        const bool error = d->isError(node);

        // Row background: the search match band, the current row.
        const bool match = !placeholder && size_t(node) < d->highlight.size() && d->highlight[size_t(node)];
        if (match)
            painter->fillRect(QRect(0, y, width, RowHeight), matchBand);
        if (node == d->current)
            painter->fillRect(QRect(0, y, width, RowHeight), selection);

        // The tree column.
        const int indent = std::min(row.depth * Indent, maxIndent);
        if (d->hasChildren(r)) {
            const bool expanded = rows.isExpanded(node);
            const double ax = indent + 4;
            const double ay = y + (RowHeight - ArrowSize) / 2.0;
            QPolygonF arrow;
            if (expanded)
                arrow << QPointF(ax + 2, ay + 4) << QPointF(ax + ArrowSize - 2, ay + 4)
                      << QPointF(ax + ArrowSize / 2.0, ay + ArrowSize - 2);
            else
                arrow << QPointF(ax + 4, ay + 2) << QPointF(ax + 4, ay + ArrowSize - 2)
                      << QPointF(ax + ArrowSize - 2, ay + ArrowSize / 2.0);
            painter->setPen(Qt::NoPen);
            painter->setBrush(dimText);
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->drawPolygon(arrow);
            painter->setRenderHint(QPainter::Antialiasing, false);
        }
        const int badgeX = indent + 4 + ArrowSize + 2;
        const QRect badge(badgeX, y + (RowHeight - BadgeSize) / 2, BadgeSize, BadgeSize);
        const int textX = badgeX + BadgeSize + 5;
        const int textWidth = tree - textX - 4;
        if (placeholder) {
            const auto &holder = rows.placeholder(node);
            painter->fillRect(badge, warningColor);
            painter->setPen(Qt::white);
            painter->setFont(smallFont);
            painter->drawText(badge, Qt::AlignCenter, u"!"_s);
            painter->setFont(italicFont);
            painter->setPen(warningColor);
            const QString text = holder.kind == Viewer::WaterfallRows::Placeholder::Kind::Cycle
                ? u"cycle"_s
                : u"missing parent "_s + holder.parentId;
            if (textWidth > 8)
                painter->drawText(QRect(textX, y, textWidth, RowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                                  QFontMetrics(italicFont).elidedText(text, Qt::ElideRight, textWidth));
        } else {
            const auto &record = store.record(node);
            painter->fillRect(badge, SpanColors::forType(record.type));
            painter->setPen(Qt::white);
            painter->setFont(smallFont);
            painter->drawText(badge, Qt::AlignCenter, QString(SpanColors::typeLetter(record.type)));
            if (textWidth > 8) {
                const Traces::StringPool::Id serviceId = d->colors.serviceId(node);
                const QString service = serviceId ? store.strings().text(serviceId) : QString();
                const int serviceWidth
                    = service.isEmpty() ? 0 : std::min(smallMetrics.horizontalAdvance(service) + 8, textWidth / 3);
                const int nameWidth = textWidth - serviceWidth;
                painter->setFont(baseFont);
                painter->setPen(error ? errorColor : textColor);
                painter->drawText(QRect(textX, y, nameWidth, RowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                                  metrics.elidedText(store.name(node), Qt::ElideRight, nameWidth));
                if (serviceWidth > 8) {
                    painter->setFont(smallFont);
                    painter->setPen(dimText);
                    painter->drawText(QRect(textX + nameWidth, y, serviceWidth, RowHeight),
                                      Qt::AlignRight | Qt::AlignVCenter,
                                      smallMetrics.elidedText(service, Qt::ElideRight, serviceWidth));
                }
            }
        }

        // The timeline bar.
        const double start = double(rows.start(node) - origin);
        const double end = double(rows.end(node) - origin);
        const double x0 = left + (start - d->from) * scale;
        const double x1 = left + (end - d->from) * scale;
        if (x1 < clipLeft - 1 || x0 > clipRight)
            continue;
        const int bx = int(std::floor(std::max(x0, clipLeft)));
        const int bx2 = int(std::floor(std::min(x1, clipRight)));
        const QRect bar(bx, y + BarInset, std::max(1, bx2 - bx), RowHeight - 2 * BarInset);
        painter->setClipRect(QRect(int(left), AxisHeight, int(timelineWidth) + 1, height - AxisHeight));
        if (placeholder) {
            QColor fill = warningColor;
            fill.setAlpha(60);
            painter->fillRect(bar, fill);
            painter->fillRect(QRect(bar.left(), bar.top(), bar.width(), 1), warningColor);
            painter->fillRect(QRect(bar.left(), bar.bottom(), bar.width(), 1), warningColor);
        } else {
            const auto &record = store.record(node);
            QColor color(d->colors.color(node, byType));
            const bool onPath = d->pathActive && d->onPath[size_t(node)];
            if (d->pathActive && !onPath)
                color = blend(color, baseColor, 0.7);
            painter->fillRect(bar, color);
            if (record.type == Traces::SpanType::Exit && bar.width() >= 4)
                painter->fillRect(bar, QBrush(color.darker(160), Qt::BDiagPattern));
            if (onPath || match) {
                const QColor edge = match ? SpanColors::highlight().darker(130) : textColor;
                painter->fillRect(QRect(bar.left(), bar.top() - 1, bar.width(), 1), edge);
                painter->fillRect(QRect(bar.left(), bar.bottom() + 1, bar.width(), 1), edge);
            }
            if (error) {
                // A red outline two pixels wide (a narrow bar turns red altogether) and a red
                // mark in front of it.
                painter->fillRect(QRect(bar.left(), bar.top(), bar.width(), 2), errorColor);
                painter->fillRect(QRect(bar.left(), bar.bottom() - 1, bar.width(), 2), errorColor);
                painter->fillRect(QRect(bar.left(), bar.top(), 2, bar.height()), errorColor);
                painter->fillRect(QRect(bar.right() - 1, bar.top(), 2, bar.height()), errorColor);
                painter->fillRect(QRect(bar.left() - 5, bar.top() + 2, 3, bar.height() - 4), errorColor);
            }
            // A remote call: a connector from the EXIT down to the ENTRY it continues as.
            if (record.type == Traces::SpanType::Exit && r + 1 < rowCount) {
                const qint32 next = rows.row(r + 1).node;
                if (next >= 0 && graph.parent(next) == node && store.record(next).type == Traces::SpanType::Entry) {
                    const double cx = left + (double(store.record(next).timestamp - origin) - d->from) * scale;
                    if (cx >= clipLeft && cx <= clipRight)
                        painter->fillRect(QRect(int(cx), bar.bottom() + 1, 1, RowHeight - bar.height() + 1),
                                          color.darker(150));
                }
            }
            int labelX = bar.right() + 4;
            if (d->document->hasErrorFinding(node)) {
                // A validator error: a small warning diamond after the bar.
                const int mx = bar.right() + 7;
                const int my = y + RowHeight / 2;
                QPolygon diamond;
                diamond << QPoint(mx, my - 5) << QPoint(mx + 5, my) << QPoint(mx, my + 5) << QPoint(mx - 5, my);
                painter->setPen(Qt::NoPen);
                painter->setBrush(errorColor);
                painter->drawPolygon(diamond);
                labelX += 12;
            }
            const QString label = Viewer::TimeAxis::duration(record.duration);
            const int labelWidth = smallMetrics.horizontalAdvance(label);
            painter->setFont(smallFont);
            painter->setPen(dimText);
            if (labelX + labelWidth < right - 2)
                painter->drawText(QRect(labelX, y, labelWidth + 2, RowHeight), Qt::AlignLeft | Qt::AlignVCenter, label);
            else if (bar.left() - labelWidth - 8 > int(left))
                painter->drawText(QRect(bar.left() - labelWidth - 8, y, labelWidth + 2, RowHeight),
                                  Qt::AlignLeft | Qt::AlignVCenter, label);
        }
        painter->setClipRect(QRect(0, AxisHeight, width, height - AxisHeight));
    }
    painter->setClipRect(QRect(0, 0, width, height));
    painter->fillRect(QRect(tree, 0, 1, height), gridColor);
    painter->restore();
}

void WaterfallView::keyPressEvent(QKeyEvent *event)
{
    const auto &rows = d->rows;
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    if (event->matches(QKeySequence::Find) || (event->key() == Qt::Key_F && modifiers == Qt::ControlModifier)) {
        Q_EMIT findRequested();
        return;
    }
    if (modifiers != Qt::NoModifier) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const qsizetype count = rows.rowCount();
    const qsizetype row = d->current == INT_MIN ? -1 : rows.rowOf(d->current);
    const auto moveTo = [this, count](qsizetype to) {
        if (count > 0)
            setCurrentNode(d->rows.row(std::clamp<qsizetype>(to, 0, count - 1)).node);
    };
    const auto relayout = [this] { rowsChanged(); };

    switch (event->key()) {
    case Qt::Key_Up:
        moveTo(row - 1);
        return;
    case Qt::Key_Down:
        moveTo(row + 1);
        return;
    case Qt::Key_Home:
        moveTo(0);
        return;
    case Qt::Key_End:
        moveTo(count - 1);
        return;
    case Qt::Key_PageUp:
        moveTo(row - visibleRowCount());
        return;
    case Qt::Key_PageDown:
        moveTo(row + visibleRowCount());
        return;
    case Qt::Key_Left:
        if (row >= 0) {
            if (rows.isExpanded(d->current) && d->hasChildren(row)) {
                d->rows.setExpanded(d->current, false);
                relayout();
            } else {
                const qint32 parent = rows.parent(d->current);
                if (parent != INT_MIN && rows.rowOf(parent) >= 0)
                    setCurrentNode(parent);
            }
        }
        return;
    case Qt::Key_Right:
        if (row >= 0 && d->hasChildren(row)) {
            if (!rows.isExpanded(d->current)) {
                d->rows.setExpanded(d->current, true);
                relayout();
            } else {
                moveTo(row + 1);
            }
        }
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (d->current != INT_MIN)
            Q_EMIT nodeActivated(d->current);
        return;
    default:
        break;
    }

    const QString text = event->text();
    if (text.size() == 1) {
        switch (text.at(0).unicode()) {
        case u'j':
            moveTo(row + 1);
            return;
        case u'k':
            moveTo(row - 1);
            return;
        case u'[':
            d->rows.setAllExpanded(false);
            relayout();
            return;
        case u']':
            d->rows.setAllExpanded(true);
            relayout();
            return;
        case u'o':
            d->rows.collapseOneLevel();
            relayout();
            return;
        case u'p':
            d->rows.expandOneLevel();
            relayout();
            return;
        case u'+':
        case u'=':
            zoomIn();
            return;
        case u'-':
            zoomOut();
            return;
        case u'0':
            resetZoom();
            return;
        case u'/':
            Q_EMIT findRequested();
            return;
        case u'?':
            Q_EMIT helpRequested();
            return;
        case u'r':
            if (d->current != INT_MIN)
                Q_EMIT rerootRequested(d->current);
            return;
        default:
            break;
        }
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void WaterfallView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const int width = viewport()->width();
    const int tree = d->tree(width);
    if (std::abs(pos.x() - tree) <= SplitterGrip) {
        d->drag = Private::Drag::Splitter;
        d->dragStart = pos;
        d->dragTreeWidth = tree;
        return;
    }
    if (pos.y() >= AxisHeight) {
        const qsizetype row = firstVisibleRow() + (pos.y() - AxisHeight) / RowHeight;
        if (row < d->rows.rowCount()) {
            const auto &r = d->rows.row(row);
            const int indent = std::min(r.depth * Indent, std::max(0, tree / 2));
            const bool onArrow = pos.x() >= indent + 2 && pos.x() <= indent + 4 + ArrowSize + 2;
            setCurrentNode(r.node);
            if (onArrow && d->hasChildren(row)) {
                d->rows.toggle(r.node);
                rowsChanged();
                return;
            }
        }
    }
    if (pos.x() > tree) {
        d->drag = Private::Drag::Pan;
        d->dragStart = pos;
        d->dragFrom = d->from;
        d->dragTo = d->to;
        d->dragFirstRow = int(firstVisibleRow());
    }
}

void WaterfallView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const int width = viewport()->width();
    switch (d->drag) {
    case Private::Drag::Splitter:
        setTreeColumnWidth(d->dragTreeWidth + pos.x() - d->dragStart.x());
        return;
    case Private::Drag::Pan: {
        const double shift = -(pos.x() - d->dragStart.x()) / d->timelineWidth(width) * (d->dragTo - d->dragFrom);
        setVisibleRange(d->dragFrom + shift, d->dragTo + shift);
        scrollToRow(d->dragFirstRow - (pos.y() - d->dragStart.y()) / RowHeight);
        return;
    }
    case Private::Drag::None:
        break;
    }
    viewport()->setCursor(std::abs(pos.x() - d->tree(width)) <= SplitterGrip ? Qt::SplitHCursor : Qt::ArrowCursor);
}

void WaterfallView::mouseReleaseEvent(QMouseEvent *event)
{
    d->drag = Private::Drag::None;
    event->accept();
}

void WaterfallView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    if (pos.y() < AxisHeight)
        return;
    const qsizetype row = firstVisibleRow() + (pos.y() - AxisHeight) / RowHeight;
    if (row >= d->rows.rowCount())
        return;
    const auto &r = d->rows.row(row);
    const int tree = d->tree(viewport()->width());
    const int indent = std::min(r.depth * Indent, std::max(0, tree / 2));
    if (pos.x() >= indent + 2 && pos.x() <= indent + 4 + ArrowSize + 2 && d->hasChildren(row)) {
        d->rows.toggle(r.node);
        rowsChanged();
        return;
    }
    setCurrentNode(r.node);
    Q_EMIT nodeActivated(r.node);
}

void WaterfallView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int width = viewport()->width();
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = delta.y() / 120.0;
        const double fraction
            = std::clamp((event->position().x() - d->timelineLeft(width)) / d->timelineWidth(width), 0.0, 1.0);
        const double anchor = d->from + fraction * (d->to - d->from);
        const double newWidth = (d->to - d->from) * std::pow(0.8, steps);
        setVisibleRange(anchor - fraction * newWidth, anchor - fraction * newWidth + newWidth);
        event->accept();
        return;
    }
    const bool pan = (event->modifiers() & Qt::ShiftModifier) || (delta.x() != 0 && delta.y() == 0);
    if (pan) {
        const int amount = delta.x() != 0 ? delta.x() : delta.y();
        const double shift = -amount / 120.0 * 0.1 * (d->to - d->from);
        setVisibleRange(d->from + shift, d->to + shift);
        event->accept();
        return;
    }
    scrollToRow(firstVisibleRow() - qsizetype(std::lround(delta.y() / 120.0 * 3)));
    event->accept();
}

bool WaterfallView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QPoint pos = help->pos();
        if (d->document && pos.y() >= AxisHeight) {
            const qsizetype row = firstVisibleRow() + (pos.y() - AxisHeight) / RowHeight;
            if (row < d->rows.rowCount()) {
                QToolTip::showText(help->globalPos(), d->tooltip(d->rows.row(row).node), viewport());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Workbench
