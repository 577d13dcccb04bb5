// Metrics for the charts: queries of infrastructure snapshots and of applications, services and
// endpoints, with the API's limits checked in one sentence each; the request bodies as the
// specification has them; answers and metric catalogs parsed, wrong shapes refused with a
// sentence; and a fetch from the fake backend that gives the values it served.

#include "core/browse/metrics.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "metrics-T0KEN-9876";
constexpr qint64 To = 1725600000000;

MetricsQuery hostQuery()
{
    MetricsQuery query;
    query.plugin = u"host"_s;
    query.metrics = {u"cpu.user"_s, u"memory.used"_s};
    query.entityIds = {u"snap-a"_s, u"snap-b"_s};
    query.window.toMs = To;
    query.window.windowSizeMs = TimeWindow::HourMs;
    return query;
}

QJsonObject bodyOf(const MetricsQuery::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}
} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limits_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("problem"); // a part of it; empty: none
        QTest::newRow("fine") << 0 << QString();
        QTest::newRow("no metric") << 1 << u"at least one metric"_s;
        QTest::newRow("six metrics") << 2 << u"at most 5"_s;
        QTest::newRow("31 snapshots") << 3 << u"at most 30"_s;
        QTest::newRow("no plugin") << 4 << u"plugin"_s;
        QTest::newRow("ids and query") << 5 << u"not both"_s;
        QTest::newRow("no snapshots") << 6 << u"their ids or a query"_s;
        QTest::newRow("rollup not taken") << 7 << u"7 s is none the API takes"_s;
        QTest::newRow("too many points") << 8 << u"choose a rollup of 60 s or more"_s;
        QTest::newRow("window too long") << 9 << u"choose a shorter window"_s;
        QTest::newRow("repeated metric") << 10 << u"twice"_s;
        QTest::newRow("application metric unknown") << 11 << u"no metric of applications"_s;
        QTest::newRow("eleven applications") << 12 << u"at most 10 applications"_s;
        QTest::newRow("query for services") << 13 << u"A query is for infrastructure"_s;
    }

    void limits()
    {
        QFETCH(int, change);
        QFETCH(QString, problem);
        MetricsQuery query = hostQuery();
        switch (change) {
        case 1:
            query.metrics.clear();
            break;
        case 2:
            query.metrics = {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s};
            break;
        case 3:
            query.entityIds.clear();
            for (int i = 0; i < 31; ++i)
                query.entityIds.append(u"s%1"_s.arg(i));
            break;
        case 4:
            query.plugin.clear();
            break;
        case 5:
            query.query = u"entity.zone:eu"_s;
            break;
        case 6:
            query.entityIds.clear();
            break;
        case 7:
            query.rollupSeconds = 7;
            break;
        case 8:
            query.rollupSeconds = 5; // an hour at 5 s: 720 points
            break;
        case 9:
            query.window.windowSizeMs = TimeWindow::MaxWindowMs; // 744 points at an hour
            break;
        case 10:
            query.metrics = {u"cpu.user"_s, u"cpu.user"_s};
            break;
        case 11:
            query.kind = MetricsQuery::Kind::Applications;
            query.plugin.clear();
            query.metrics = {u"latency.p42"_s};
            query.entityIds.clear();
            break;
        case 12:
            query.kind = MetricsQuery::Kind::Applications;
            query.metrics = {u"calls.sum"_s};
            query.entityIds.clear();
            for (int i = 0; i < 11; ++i)
                query.entityIds.append(u"app-%1"_s.arg(i));
            break;
        case 13:
            query.kind = MetricsQuery::Kind::Services;
            query.metrics = {u"calls.sum"_s};
            query.entityIds.clear();
            query.query = u"x"_s;
            break;
        default:
            break;
        }
        const QString found = query.problem();
        if (problem.isEmpty())
            QCOMPARE(found, QString());
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
        QVERIFY(!found.contains(u'\n'));
    }

    void rollupIsChosenForTheWindow_data()
    {
        QTest::addColumn<qint64>("window");
        QTest::addColumn<int>("rollup");
        QTest::newRow("5 min") << qint64(300000) << 1;
        QTest::newRow("1 h") << qint64(3600000) << 60;
        QTest::newRow("24 h") << qint64(86400000) << 300;
        QTest::newRow("7 d") << qint64(7 * 86400000LL) << 3600;
        QTest::newRow("31 d") << TimeWindow::MaxWindowMs << 0;
    }

    void rollupIsChosenForTheWindow()
    {
        QFETCH(qint64, window);
        QFETCH(int, rollup);
        MetricsQuery query = hostQuery();
        query.window.windowSizeMs = window;
        QCOMPARE(query.effectiveRollup(), rollup);
    }

    void infrastructureBody()
    {
        const QList<MetricsQuery::Request> requests = hostQuery().requests(0);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, "POST");
        QCOMPARE(requests.first().path, u"/api/infrastructure-monitoring/metrics"_s);
        const QJsonObject body = bodyOf(requests.first());
        QCOMPARE(body.value(u"metrics"_s).toArray(), (QJsonArray{u"cpu.user"_s, u"memory.used"_s}));
        QCOMPARE(body.value(u"plugin"_s).toString(), u"host"_s);
        QCOMPARE(body.value(u"snapshotIds"_s).toArray(), (QJsonArray{u"snap-a"_s, u"snap-b"_s}));
        QCOMPARE(body.value(u"rollup"_s).toInt(), 60);
        QCOMPARE(body.value(u"timeFrame"_s).toObject(),
                 (QJsonObject{{u"to"_s, To}, {u"windowSize"_s, TimeWindow::HourMs}}));
        QVERIFY(!body.contains(u"query"_s));

        MetricsQuery byQuery = hostQuery();
        byQuery.entityIds.clear();
        byQuery.query = u"entity.zone:eu"_s;
        const QJsonObject queried = bodyOf(byQuery.requests(0).first());
        QCOMPARE(queried.value(u"query"_s).toString(), u"entity.zone:eu"_s);
        QVERIFY(!queried.contains(u"snapshotIds"_s));
    }

    void applicationBodies()
    {
        MetricsQuery query;
        query.kind = MetricsQuery::Kind::Endpoints;
        query.metrics = {u"latency.p90"_s, u"calls.sum"_s};
        query.entityIds = {u"ep-1"_s, u"ep-2"_s};
        query.window.toMs = To;
        QCOMPARE(query.problem(), QString());
        const QList<MetricsQuery::Request> requests = query.requests(0);
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).path, u"/api/application-monitoring/metrics/endpoints"_s);
        QCOMPARE(requests.at(1).entityId, u"ep-2"_s);
        const QJsonObject body = bodyOf(requests.at(1));
        QCOMPARE(body.value(u"endpointId"_s).toString(), u"ep-2"_s);
        QCOMPARE(
            body.value(u"metrics"_s).toArray(),
            (QJsonArray{QJsonObject{{u"metric"_s, u"latency"_s}, {u"aggregation"_s, u"P90"_s}, {u"granularity"_s, 60}},
                        QJsonObject{{u"metric"_s, u"calls"_s}, {u"aggregation"_s, u"SUM"_s}, {u"granularity"_s, 60}}}));
        QCOMPARE(body.value(u"timeFrame"_s).toObject().value(u"to"_s).toInteger(), To);
    }

    void parsesAnswers()
    {
        const QJsonDocument answer = QJsonDocument::fromJson(R"({"items": [
            {"snapshotId": "s1", "label": "host one", "metrics": {"cpu.user": [[2000, 0.5], [1000, 0.25], [3000, null]]}},
            {"snapshotId": "s2", "metrics": {"cpu.user": [], "memory.used": [[1000, 1e9]]}}]})");
        QString error;
        const auto series = parseMetrics(MetricsQuery::Kind::Infrastructure, answer, &error);
        QVERIFY2(series, qPrintable(error));
        QCOMPARE(series->size(), 3);
        QCOMPARE(series->at(0).label, u"host one · cpu.user"_s);
        QCOMPARE(series->at(0).entityId, u"s1"_s);
        QCOMPARE(series->at(0).points, (QList<MetricPoint>{{1000, 0.25}, {2000, 0.5}})); // in time order, null left out
        QCOMPARE(series->at(1).entityLabel, u"s2"_s);
        QCOMPARE(series->at(1).points.size(), 0);
        QCOMPARE(series->at(2).metric, u"memory.used"_s);
        QCOMPARE(series->at(2).points.first().value, 1e9);

        const QJsonDocument application = QJsonDocument::fromJson(R"({"items": [{"application": {"id": "Jv83",
            "label": "demoApp"}, "metrics": {"latency.mean": [[1669190580000, 4.0]]}}], "page": 1})");
        const auto apps = parseMetrics(MetricsQuery::Kind::Applications, application, &error);
        QVERIFY2(apps, qPrintable(error));
        QCOMPARE(apps->size(), 1);
        QCOMPARE(apps->first().label, u"demoApp · latency.mean"_s);
        QCOMPARE(apps->first().points, (QList<MetricPoint>{{1669190580000, 4.0}}));
    }

    void wrongShapes_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("error");
        QTest::newRow("array") << QByteArray("[]") << u"no \"items\" array"_s;
        QTest::newRow("empty") << QByteArray() << u"no \"items\" array"_s;
        QTest::newRow("items object") << QByteArray(R"({"items": {}})") << u"no \"items\" array"_s;
        QTest::newRow("item text") << QByteArray(R"({"items": ["x"]})") << u"Item [0]"_s;
        QTest::newRow("metrics array") << QByteArray(R"({"items": [{"metrics": []}]})") << u"no \"metrics\" object"_s;
        QTest::newRow("points object") << QByteArray(R"({"items": [{"metrics": {"m": {}}}]})")
                                       << u"no array of points"_s;
        QTest::newRow("point short") << QByteArray(R"({"items": [{"metrics": {"m": [[1]]}}]})")
                                     << u"Point [0] of metric m"_s;
        QTest::newRow("time text") << QByteArray(R"({"items": [{"metrics": {"m": [[1, 2], ["now", 2]]}}]})")
                                   << u"Point [1] of metric m"_s;
        QTest::newRow("value text") << QByteArray(R"({"items": [{"metrics": {"m": [[1, "2"]]}}]})")
                                    << u"[time, value]"_s;
    }

    void wrongShapes()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, error);
        QString found;
        QVERIFY(!parseMetrics(MetricsQuery::Kind::Infrastructure, QJsonDocument::fromJson(answer), &found));
        QVERIFY2(found.contains(error), qPrintable(found));
    }

    void parsesCatalogs()
    {
        QString error;
        const auto choices = parseCatalog(QJsonDocument::fromJson(R"([{"metricId": "cpu.user", "label": "CPU user",
            "formatter": "PERCENTAGE", "pluginId": "host"}, {"metricId": "load.1min"}])"),
                                          &error);
        QVERIFY2(choices, qPrintable(error));
        QCOMPARE(*choices,
                 (QList<MetricChoice>{{u"cpu.user"_s, u"CPU user"_s, u"PERCENTAGE"_s},
                                      {u"load.1min"_s, u"load.1min"_s, QString()}}));
        QVERIFY(!parseCatalog(QJsonDocument::fromJson(R"({"items": []})"), &error));
        QVERIFY(error.contains(u"no array"_s));
        QVERIFY(!parseCatalog(QJsonDocument::fromJson(R"([{"label": "x"}])"), &error));
        QVERIFY(error.contains(u"metricId"_s));
        QCOMPARE(catalogPath(u"host/x"_s), u"/api/infrastructure-monitoring/catalog/metrics/host%2Fx"_s);
    }

    void fetchesFromTheBackend()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        auto options = fake.clientOptions();
        Rest::RestClient client(options, QString::fromLatin1(Token));
        client.setMaxAttempts(1);

        MetricsFetch fetch(&client, hostQuery());
        QSignalSpy finished(&fetch, &MetricsFetch::finished);
        fetch.start();
        QCOMPARE(finished.size(), 0);
        QVERIFY(finished.wait(Patience));
        QVERIFY2(fetch.ok(), qPrintable(fetch.errorString()));
        const QList<MetricSeries> &series = fetch.series();
        QCOMPARE(series.size(), 4); // two snapshots × two metrics
        QCOMPARE(series.at(0).entityId, u"snap-a"_s);
        QCOMPARE(series.at(0).metric, u"cpu.user"_s);
        QCOMPARE(series.at(3).entityId, u"snap-b"_s);
        QCOMPARE(series.at(3).metric, u"memory.used"_s);
        QCOMPARE(series.at(3).points.size(), 60); // an hour at a rollup of 60 s
        for (int j = 0; j < 60; ++j) {
            QCOMPARE(series.at(3).points.at(j).value, FakeInstana::infrastructureValue(1, 1, j));
            QCOMPARE(series.at(3).points.at(j).timeMs, To - TimeWindow::HourMs + (j + 1) * 60000);
        }

        MetricsQuery apps;
        apps.kind = MetricsQuery::Kind::Services;
        apps.metrics = {u"latency.p99"_s};
        apps.entityIds = {u"svc-1"_s, u"svc-2"_s};
        apps.window.toMs = To;
        apps.window.windowSizeMs = 10 * 60000;
        apps.rollupSeconds = 60;
        MetricsFetch second(&client, apps);
        QSignalSpy done(&second, &MetricsFetch::finished);
        second.start();
        QVERIFY(done.wait(Patience));
        QVERIFY2(second.ok(), qPrintable(second.errorString()));
        QCOMPARE(second.series().size(), 2);
        QCOMPARE(second.series().at(1).entityId, u"svc-2"_s);
        QCOMPARE(second.series().at(1).label, u"Label of svc-2 · latency.p99"_s);
        QCOMPARE(second.series().at(1).points.size(), 10);
        QCOMPARE(second.series().at(1).points.at(3).value, FakeInstana::applicationValue(0, 3));

        // A refused query sends nothing and says why; a damaged answer says so.
        fake.clearRequests();
        MetricsQuery refused = hostQuery();
        refused.metrics.clear();
        MetricsFetch third(&client, refused);
        QSignalSpy thirdDone(&third, &MetricsFetch::finished);
        third.start();
        QCOMPARE(thirdDone.size(), 0);
        QVERIFY(thirdDone.wait(Patience));
        QVERIFY(third.errorString().contains(u"at least one metric"_s));
        QCOMPARE(fake.requests().size(), 0);

        fake.answerWith("/api/infrastructure-monitoring/metrics", 200, R"({"items": [{"metrics": {"m": [["x"]]}}]})");
        MetricsFetch fourth(&client, hostQuery());
        QSignalSpy fourthDone(&fourth, &MetricsFetch::finished);
        fourth.start();
        QVERIFY(fourthDone.wait(Patience));
        QVERIFY2(fourth.errorString().contains(u"shape the API does not promise"_s), qPrintable(fourth.errorString()));
        QVERIFY(fourth.series().isEmpty());
        QCOMPARE(fourthDone.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
