#pragma once

#include <QImage>
#include <QWidget>

namespace Workbench {

class WaterfallView;

// The whole trace in a strip: every pixel row stands for the span rows it covers and shows
// the longest of them (and the longest error among them in red), computed once per layout
// into an image; over it, the window the WaterfallView shows (rows and time). Clicking or
// dragging moves the view there.
class TraceMinimap : public QWidget
{
    Q_OBJECT
public:
    explicit TraceMinimap(WaterfallView *view, QWidget *parent = nullptr);
    ~TraceMinimap() override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The rectangle of the view's window, in this widget's coordinates.
    QRectF windowRect() const;
    // The trace compressed, without the window drawn over it.
    QImage overview() const { return m_image; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void rebuild();
    void moveViewTo(QPointF pos);

    WaterfallView *m_view;
    QImage m_image;
    bool m_dragging = false;
    QPointF m_grab; // where in the window rectangle the drag took hold
};

} // namespace Workbench
