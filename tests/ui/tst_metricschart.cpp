// The metrics chart and panel: the series the fake backend served drawn on a time axis (points,
// axis ranges, colours in the grabbed plot area, a legend entry each), the text for the point
// under the mouse, the empty and error states; the panel's chooser from the plugin's metric
// catalog or the application metrics, the rollup, Show and the API's limits.

#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/images.h"
#include "ui/rest/metricschart.h"
#include "ui/rest/metricspanel.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Ui;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "metrics-chart-T0KEN-3";
constexpr qint64 To = 1725600000000;

Browse::MetricSeries series(const QString &label, const QList<Browse::MetricPoint> &points)
{
    Browse::MetricSeries one;
    one.label = label;
    one.metric = label;
    one.entityId = label;
    one.points = points;
    return one;
}

QList<QPointF> pointsOf(const QChart *chart, int i)
{
    return static_cast<const QLineSeries *>(chart->series().at(i))->points();
}

QRect plotArea(const MetricsChart &chart)
{
    return chart.chartView()->mapFromScene(chart.chart()->mapToScene(chart.chart()->plotArea())).boundingRect();
}
} // namespace

class TestMetricsChart : public QObject
{
    Q_OBJECT

    std::unique_ptr<Rest::RestClient> clientFor(const FakeInstana &fake)
    {
        auto options = fake.clientOptions();
        auto client = std::make_unique<Rest::RestClient>(options, QString::fromLatin1(Token));
        client->setMaxAttempts(1);
        return client;
    }

private Q_SLOTS:
    void drawsSeries()
    {
        MetricsChart chart;
        chart.resize(800, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QVERIFY(!chart.isChartShown());

        const QList<Browse::MetricSeries> shown{
            series(u"a"_s, {{To, 10}, {To + 60000, 40}, {To + 120000, 20}}),
            series(u"b"_s, {{To, 5}, {To + 60000, 15}, {To + 180000, 90}}),
        };
        chart.setSeries(shown, u"Two lines"_s);
        QVERIFY(chart.isChartShown());
        QCOMPARE(chart.message(), QString());
        QCOMPARE(chart.chart()->title(), u"Two lines"_s);
        QCOMPARE(chart.chart()->series().size(), 2);
        QCOMPARE(pointsOf(chart.chart(), 0),
                 (QList<QPointF>{{double(To), 10}, {double(To + 60000), 40}, {double(To + 120000), 20}}));
        QCOMPARE(pointsOf(chart.chart(), 1).last(), QPointF(double(To + 180000), 90));
        // The time axis spans the first and the last point; the values from 0 to at least the highest.
        QCOMPARE(chart.timeAxis()->min().toMSecsSinceEpoch(), To);
        QCOMPARE(chart.timeAxis()->max().toMSecsSinceEpoch(), To + 180000);
        QCOMPARE(chart.valueAxis()->min(), 0.0);
        QVERIFY(chart.valueAxis()->max() >= 90.0);
        QVERIFY(chart.valueAxis()->max() < 200.0);
        // A legend entry each, named as the series.
        const QList<QLegendMarker *> markers = chart.chart()->legend()->markers();
        QCOMPARE(markers.size(), 2);
        QCOMPARE(markers.at(1)->label(), u"b"_s);

        // Both colours are drawn inside the plot area, the lines and not only the legend.
        QApplication::processEvents();
        const QImage image = chart.chartView()->grab().toImage();
        TestSupport::keepImage(image, u"metricschart"_s);
        const QRect area = plotArea(chart);
        QVERIFY(!area.isEmpty());
        QVERIFY2(TestSupport::pixelsOf(image, {MetricsChart::colorFor(0).rgb()}, area) > 50, "first line not drawn");
        QVERIFY2(TestSupport::pixelsOf(image, {MetricsChart::colorFor(1).rgb()}, area) > 50, "second line not drawn");
        QCOMPARE(TestSupport::pixelsOf(image, {MetricsChart::colorFor(2).rgb()}, area), 0);
        // The time axis has its labels under the plot area: something other than the background there.
        const QRect labels(area.left(), area.bottom() + 4, area.width(), 12);
        const int background = TestSupport::pixelsOf(image, {image.pixel(area.left() + 2, area.top() - 3)}, labels);
        // (Tick marks alone are a few dozen pixels; five labels several hundred.)
        QVERIFY2(labels.width() * labels.height() - background > 200, "the time axis has no labels");
    }

    void hoverTellsTimeAndValue()
    {
        MetricsChart chart;
        chart.resize(800, 500);
        chart.setSeries({series(u"cpu"_s, {{To, 1.5}, {To + 60000, 2.5}, {To + 120000, 4}})}, u"t"_s);
        const QString at = QDateTime::fromMSecsSinceEpoch(To + 60000, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        // The nearest point to a time between two, either side.
        QCOMPARE(chart.pointText(0, To + 50000), u"%1 UTC · cpu: 2.5"_s.arg(at));
        QCOMPARE(chart.pointText(0, To + 80000), u"%1 UTC · cpu: 2.5"_s.arg(at));
        QVERIFY(chart.pointText(0, To + 999999).contains(u"cpu: 4"_s));
        QVERIFY(chart.pointText(0, To - 999999).contains(u"cpu: 1.5"_s));
        QCOMPARE(chart.pointText(3, To), QString());

        // The line's hover signal, as the mouse over it gives it, sets the hover line.
        QSignalSpy hovered(&chart, &MetricsChart::pointHovered);
        auto *line = static_cast<QLineSeries *>(chart.chart()->series().first());
        Q_EMIT line->hovered(QPointF(double(To + 70000), 2.4), true);
        QCOMPARE(hovered.size(), 1);
        QCOMPARE(chart.hoverText(), u"%1 UTC · cpu: 2.5"_s.arg(at));
        QCOMPARE(chart.chartView()->toolTip(), chart.hoverText());
    }

    void emptyAndErrorStates()
    {
        MetricsChart chart;
        chart.setSeries({}, u"none"_s);
        QVERIFY(!chart.isChartShown());
        QVERIFY(chart.message().contains(u"No series"_s));
        QVERIFY(!chart.isError());
        chart.setSeries({series(u"x"_s, {})}, u"no points"_s);
        QVERIFY(!chart.isChartShown());
        QVERIFY(chart.message().contains(u"no points"_s));
        chart.setSeries({series(u"x"_s, {{To, 3}})}, u"one point"_s);
        QVERIFY(chart.isChartShown());
        QVERIFY(chart.timeAxis()->min().toMSecsSinceEpoch() < To); // one point still has a span of time around it
        QVERIFY(chart.timeAxis()->max().toMSecsSinceEpoch() > To);
        chart.showError(u"POST /api/infrastructure-monitoring/metrics answered 500."_s);
        QVERIFY(chart.isError());
        QVERIFY(!chart.isChartShown());
        QCOMPARE(chart.message(), u"POST /api/infrastructure-monitoring/metrics answered 500."_s);
        QCOMPARE(chart.chart()->series().size(), 0);
    }

    void panelShowsTheServedInfrastructureMetrics()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        const auto client = clientFor(fake);
        MetricsPanel panel;
        panel.resize(1000, 600);
        panel.show();
        panel.setClient(client.get());
        QSignalSpy listed(&panel, &MetricsPanel::metricsListed);
        QSignalSpy loaded(&panel, &MetricsPanel::loaded);
        Browse::TimeWindow window;
        window.toMs = To;
        window.windowSizeMs = 30 * 60000;
        panel.showInfrastructure(u"host"_s, {u"snap-a"_s, u"snap-b"_s}, window);
        QVERIFY(listed.wait(Patience));
        // The chooser from the host plugin's catalog, the first one checked.
        QCOMPARE(panel.metricList()->count(), 4);
        QCOMPARE(panel.metricList()->item(2)->text(), u"Memory used"_s);
        QCOMPARE(panel.metricList()->item(0)->checkState(), Qt::Checked);
        QCOMPARE(panel.metricList()->item(1)->checkState(), Qt::Unchecked);
        QVERIFY(loaded.wait(Patience));
        MetricsChart *chart = panel.chart();
        QVERIFY2(chart->isChartShown(), qPrintable(chart->message()));
        QCOMPARE(chart->series().size(), 2);
        QCOMPARE(chart->series().at(1).entityId, u"snap-b"_s);
        QCOMPARE(chart->series().at(1).points.size(), 360); // half an hour at the rollup chosen for it, 5 s
        for (int j = 0; j < 360; ++j) {
            QCOMPARE(
                pointsOf(chart->chart(), 1).at(j),
                QPointF(double(To - window.windowSizeMs + (j + 1) * 5000), FakeInstana::infrastructureValue(1, 0, j)));
        }

        // Another metric checked, the rollup changed, Show: both metrics, every 5 minutes.
        panel.metricList()->item(3)->setCheckState(Qt::Checked);
        panel.rollupBox()->setCurrentIndex(panel.rollupBox()->findData(300));
        QTest::mouseClick(panel.showButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(Patience));
        QCOMPARE(chart->series().size(), 4);
        QCOMPARE(chart->series().at(3).metric, u"load.1min"_s);
        QCOMPARE(chart->series().at(3).points.size(), 6);
        QCOMPARE(chart->series().at(3).points.at(5).value, FakeInstana::infrastructureValue(1, 1, 5));
        const QJsonObject body
            = QJsonDocument::fromJson(fake.requestsTo("/api/infrastructure-monitoring/metrics").last().body).object();
        QCOMPARE(body.value(u"rollup"_s).toInt(), 300);
        QCOMPARE(body.value(u"metrics"_s).toArray(), (QJsonArray{u"cpu.user"_s, u"load.1min"_s}));

        // A rollup that would give more points than the API gives: said, nothing sent, chart kept.
        const qsizetype sent = fake.requests().size();
        panel.rollupBox()->setCurrentIndex(panel.rollupBox()->findData(1));
        QTest::mouseClick(panel.showButton(), Qt::LeftButton);
        QVERIFY(panel.statusText().contains(u"at most 600"_s));
        QCOMPARE(fake.requests().size(), sent);
        QCOMPARE(chart->series().size(), 4);

        // A failing backend: the chart says why.
        panel.rollupBox()->setCurrentIndex(0);
        fake.failWith("/api/infrastructure-monitoring/metrics", 500, -1);
        QTest::mouseClick(panel.showButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(Patience));
        QVERIFY(chart->isError());
        QVERIFY2(chart->message().contains(u"500"_s), qPrintable(chart->message()));
    }

    void panelShowsApplicationMetrics()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        const auto client = clientFor(fake);
        MetricsPanel panel;
        panel.setClient(client.get());
        QSignalSpy loaded(&panel, &MetricsPanel::loaded);
        Browse::TimeWindow window;
        window.toMs = To;
        window.windowSizeMs = 10 * 60000;
        panel.showApplications(Browse::MetricsQuery::Kind::Applications, {u"app-3"_s}, window);
        QCOMPARE(panel.metricList()->count(), 5);
        QVERIFY(loaded.wait(Patience));
        QVERIFY2(panel.chart()->isChartShown(), qPrintable(panel.chart()->message()));
        QCOMPARE(panel.chart()->series().size(), 2); // calls and mean latency
        QCOMPARE(panel.chart()->series().at(1).label, u"Label of app-3 · latency.mean"_s);
        QCOMPARE(panel.chart()->series().at(1).points.at(4).value, FakeInstana::applicationValue(1, 4));

        // The catalog of a plugin the backend answers badly: the chart says so.
        fake.answerWith("/api/infrastructure-monitoring/catalog/metrics/host", 200, R"({"metrics": []})");
        panel.showInfrastructure(u"host"_s, {u"s"_s}, window);
        QTRY_VERIFY_WITH_TIMEOUT(panel.chart()->isError(), Patience);
        QVERIFY2(panel.chart()->message().contains(u"metric catalog"_s), qPrintable(panel.chart()->message()));
    }
};

QTEST_MAIN(TestMetricsChart)
#include "tst_metricschart.moc"
