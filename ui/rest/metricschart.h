#pragma once

#include "core/browse/metrics.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace Workbench::Ui {

// Time series of metrics as a line chart (Qt Charts): a time axis, a value axis, one line per
// series in a colour of its own, a legend, and under the chart the time and value of the point
// nearest the mouse. With no series, or after an error, the chart gives way to a sentence.
class MetricsChart : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsChart(QWidget *parent = nullptr);
    ~MetricsChart() override;

    // Draws `series` (an empty list shows "no data"); `title` above the chart.
    void setSeries(const QList<Browse::MetricSeries> &series, const QString &title);
    // Shows a sentence instead of the chart: while loading, or why there is no chart.
    void showMessage(const QString &text);
    void showError(const QString &text);

    const QList<Browse::MetricSeries> &series() const { return m_series; }
    bool isChartShown() const;
    QString message() const;
    bool isError() const { return m_error; }
    // The colour of series i, as it is drawn.
    static QColor colorFor(int i);

    // The text for the point of series `series` nearest to time `timeMs`: "2026-12-01 21:00:00 UTC ·
    // label: value"; empty when there is none.
    QString pointText(int series, qint64 timeMs) const;
    // What the hover line says now.
    QString hoverText() const;

    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }

Q_SIGNALS:
    void pointHovered(const QString &text);

private:
    void makeAxes();
    void clearChart();
    void onHovered(int series, const QPointF &point, bool state);

    QList<Browse::MetricSeries> m_series;
    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLabel *m_message;
    QLabel *m_hover;
    bool m_error = false;
};

} // namespace Workbench::Ui
