#pragma once

#include "core/viewer/tracedocument.h"
#include "core/viewer/waterfallrows.h"

#include <QAbstractScrollArea>

#include <climits>
#include <memory>
#include <vector>

class QPainter;

namespace Workbench {

class SpanColors;

// The trace waterfall: a tree column (name, service, type; expand/collapse arrows) beside a
// timeline where each span is a bar placed by its timestamp and duration, with a time axis on
// top. Rows are virtual: only the rows on screen are laid out and painted, so a frame costs
// the same at a thousand spans as at a million.
class WaterfallView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    enum class ColorBy { Service, Type };

    explicit WaterfallView(QWidget *parent = nullptr);
    ~WaterfallView() override;

    // New rows (all expanded), zoom reset, current = first row.
    void setDocument(Viewer::TraceDocumentPtr document);
    Viewer::TraceDocumentPtr document() const;
    // Change filter/root/min duration/expansion, then call rowsChanged().
    Viewer::WaterfallRows &rows();
    const Viewer::WaterfallRows &rows() const;
    // Re-layout after rows() changed outside.
    void rowsChanged();
    // A node of WaterfallRows, or INT_MIN when none.
    qint32 currentNode() const;
    // Selects and scrolls into view.
    void setCurrentNode(qint32 node);
    // Per span; empty: none. Matches drawn emphasised.
    void setHighlight(std::vector<bool> matches);
    // Empty: off. Path spans drawn emphasised, others dimmed.
    void setCriticalPath(const std::vector<qint32> &spans);
    void setColorBy(ColorBy by);
    ColorBy colorBy() const;
    // The time window shown, in ms relative to rows().startTime().
    double visibleFrom() const;
    double visibleTo() const;
    void setVisibleRange(double fromMs, double toMs);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    int treeColumnWidth() const;
    void setTreeColumnWidth(int px);
    // Paints the visible view (tree column, timeline, axis) into any paint device (image, SVG,
    // printer).
    void paintView(QPainter *painter, const QRect &target);

    // The first row shown at the top of the viewport and how many rows fit.
    qsizetype firstVisibleRow() const;
    int visibleRowCount() const;
    // Scrolls so that `row` is the first row shown.
    void scrollToRow(qsizetype row);
    // Total time span of rows() in ms.
    double totalDuration() const;
    static constexpr int RowHeight = 20;
    static constexpr int AxisHeight = 24;

Q_SIGNALS:
    void currentNodeChanged(qint32 node);
    void nodeActivated(qint32 node); // double click or Enter
    void visibleRangeChanged(double fromMs, double toMs);
    void rowsLayoutChanged(); // rows shown changed (expand/collapse)
    void findRequested(); // '/' or Ctrl+F
    void helpRequested(); // '?'
    void rerootRequested(qint32 node); // 'r'

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Workbench
