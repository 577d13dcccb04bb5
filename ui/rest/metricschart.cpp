#include "ui/rest/metricschart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Ui {

namespace {
// Up to 5 metrics of up to 30 snapshots: colours that tell each other apart, reused past the end.
const QList<QColor> &seriesColors()
{
    static const QList<QColor> colors{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                      QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                      QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                      QColor(0x17, 0xbe, 0xcf)};
    return colors;
}
constexpr int PointsShownBelow = 60; // fewer points than this are drawn as dots, too

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
}
} // namespace

MetricsChart::MetricsChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_timeAxis(nullptr)
    , m_valueAxis(nullptr)
    , m_message(new QLabel(this))
    , m_hover(new QLabel(this))
{
    setObjectName(u"metrics-chart"_s);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setShowToolTips(true);
    makeAxes();
    m_view->setObjectName(u"metrics-chart-view"_s);
    m_view->setMinimumHeight(240);
    m_view->setMouseTracking(true);
    m_message->setObjectName(u"metrics-chart-message"_s);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_hover->setObjectName(u"metrics-chart-hover"_s);
    m_hover->setTextFormat(Qt::PlainText);
    m_hover->setText(tr("Point at a line for its values."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_hover);
    showMessage(tr("No metrics shown yet."));
}

MetricsChart::~MetricsChart() = default;

QColor MetricsChart::colorFor(int i)
{
    return seriesColors().at(i % seriesColors().size());
}

void MetricsChart::makeAxes()
{
    // Axes made anew after the series: a date axis added to a chart before its series is laid out
    // without its labels.
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(u"HH:mm"_s);
    m_timeAxis->setTitleText(tr("Time"));
    m_valueAxis = new QValueAxis;
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : m_chart->series()) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
}

void MetricsChart::clearChart()
{
    const QList<QAbstractSeries *> old = m_chart->series();
    for (QAbstractSeries *series : old) {
        m_chart->removeSeries(series);
        delete series;
    }
}

void MetricsChart::setSeries(const QList<Browse::MetricSeries> &series, const QString &title)
{
    clearChart();
    m_series = series;
    m_error = false;
    m_chart->setTitle(title);
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    double low = 0; // the value axis starts at 0 unless a value is below it
    double high = std::numeric_limits<double>::lowest();
    int points = 0;
    for (int i = 0; i < int(series.size()); ++i) {
        const Browse::MetricSeries &one = series.at(i);
        auto *line = new QLineSeries;
        line->setName(one.label);
        QPen pen(colorFor(i));
        pen.setWidth(2);
        line->setPen(pen);
        line->setColor(colorFor(i));
        QList<QPointF> values;
        values.reserve(one.points.size());
        for (const Browse::MetricPoint &point : one.points) {
            values.append(QPointF(double(point.timeMs), point.value));
            first = std::min(first, point.timeMs);
            last = std::max(last, point.timeMs);
            low = std::min(low, point.value);
            high = std::max(high, point.value);
        }
        points += int(values.size());
        line->replace(values);
        line->setPointsVisible(values.size() < PointsShownBelow);
        m_chart->addSeries(line);
        connect(line, &QLineSeries::hovered, this,
                [this, i](const QPointF &point, bool state) { onHovered(i, point, state); });
    }
    makeAxes();
    if (points == 0) {
        showMessage(series.isEmpty() ? tr("No series: the backend has no such metrics in this window.")
                                     : tr("The series have no points in this window."));
        return;
    }
    if (first == last) {
        first -= 30000;
        last += 30000;
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(last, Qt::UTC));
    m_timeAxis->setFormat(last - first > 24 * 3600000LL ? u"MM-dd HH:mm"_s : u"HH:mm"_s);
    if (high <= low)
        high = low + 1;
    m_valueAxis->setRange(low, high + (high - low) * 0.05);
    m_valueAxis->applyNiceNumbers();
    m_message->hide();
    m_view->show();
    m_hover->setText(tr("Point at a line for its values."));
}

void MetricsChart::showMessage(const QString &text)
{
    m_error = false;
    m_message->setText(text);
    m_message->setStyleSheet(QString());
    m_view->hide();
    m_message->show();
}

void MetricsChart::showError(const QString &text)
{
    clearChart();
    m_series.clear();
    showMessage(text);
    m_error = true;
    m_message->setStyleSheet(u"color: #b00020;"_s);
}

bool MetricsChart::isChartShown() const
{
    return !m_view->isHidden();
}

QString MetricsChart::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString MetricsChart::hoverText() const
{
    return m_hover->text();
}

QString MetricsChart::pointText(int series, qint64 timeMs) const
{
    if (series < 0 || series >= m_series.size() || m_series.at(series).points.isEmpty())
        return {};
    const QList<Browse::MetricPoint> &points = m_series.at(series).points;
    // The points are in time order: the nearest is the first not earlier or the one before it.
    const auto after = std::lower_bound(points.cbegin(), points.cend(), timeMs,
                                        [](const Browse::MetricPoint &p, qint64 t) { return p.timeMs < t; });
    const bool before = after == points.cend()
        || (after != points.cbegin() && timeMs - (after - 1)->timeMs <= after->timeMs - timeMs);
    const auto at = before ? after - 1 : after;
    return tr("%1 · %2: %3")
        .arg(timeText(at->timeMs), m_series.at(series).label, QLocale().toString(at->value, 'g', 10));
}

void MetricsChart::onHovered(int series, const QPointF &point, bool state)
{
    if (!state)
        return;
    const QString text = pointText(series, qint64(std::llround(point.x())));
    if (text.isEmpty())
        return;
    m_hover->setText(text);
    m_view->setToolTip(text);
    Q_EMIT pointHovered(text);
}

} // namespace Workbench::Ui
