// The REST Browser's catalog without a network: the request every view makes (path, query, body),
// every sentence of a refused argument, rowsOf() on right and wrong shapes, time windows, entity
// links and the JSON table's key paths and cells.

#include "core/browse/catalog.h"
#include "core/browse/entitylink.h"
#include "core/browse/timewindow.h"
#include "core/json/jsontable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;

using Values = QHash<QString, QString>;
Q_DECLARE_METATYPE(EntityLink::Kind)

namespace {
constexpr qint64 Now = 1764600000000;

ViewArguments argumentsOf(const QString &id, const Values &values = {})
{
    ViewArguments arguments;
    arguments.id = id;
    arguments.values = values;
    return arguments;
}

QJsonDocument json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text));
}
} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyViewIsWellFormed()
    {
        QSet<QString> names;
        const QStringList groups = viewGroups();
        QCOMPARE(groups.size(), 7);
        for (const ViewInfo &view : views()) {
            QVERIFY2(!names.contains(view.name), qPrintable(view.name));
            names.insert(view.name);
            QVERIFY(groups.contains(view.group));
            QVERIFY(!view.title.isEmpty());
            QVERIFY(!view.summary.isEmpty());
            QVERIFY2(view.path.startsWith(u"/api/"_s), qPrintable(view.path));
            QCOMPARE(view.path.contains(u"{id}"_s), !view.idName.isEmpty());
            QCOMPARE(findView(view.name), &view);
            QCOMPARE(findView(view.name.toUpper()), &view);
            QCOMPARE(!view.scopeParameter.isEmpty(), !view.scopedPath.isEmpty());
            if (view.paging != Paging::None) {
                QVERIFY(view.isList);
                QCOMPARE(view.rowsKey, u"items"_s);
                QVERIFY(view.parameter(view.pageSizeName));
            }
            if (!view.isList)
                QVERIFY(view.rowsKey.isEmpty());
            for (const ViewParameter &p : view.parameters) {
                QVERIFY(!p.name.isEmpty() && !p.title.isEmpty() && !p.description.isEmpty());
                QCOMPARE(view.parameter(p.name), &p);
                // iwb's own options are never a parameter's.
                for (const QString &own : {u"window"_s, u"to"_s, u"json"_s, u"all"_s, u"profile"_s, u"max-pages"_s})
                    QVERIFY(p.name != own);
            }
        }
        QVERIFY(!findView(u"nothing"_s));
        QVERIFY(viewNames().startsWith(u"snapshots, snapshot, agents, topology"_s));
        for (const QString &name : {u"snapshots"_s, u"snapshot"_s, u"agents"_s, u"topology"_s, u"websites"_s,
                                    u"mobile-apps"_s, u"service-configs"_s, u"applications"_s, u"services"_s,
                                    u"endpoints"_s, u"events"_s, u"traces"_s, u"version"_s, u"health"_s})
            QVERIFY2(findView(name), qPrintable(name));
    }

    void requestOfEveryView_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query"); // as encoded
        QTest::addColumn<QByteArray>("body");
        const QString window = u"to=1764600000000&windowSize=3600000"_s;
        QTest::newRow("snapshots") << u"snapshots"_s << QString() << Values{} << QByteArray("GET")
                                   << u"/api/infrastructure-monitoring/snapshots"_s << u"size=100&"_s + window
                                   << QByteArray();
        QTest::newRow("snapshots, every parameter")
            << u"snapshots"_s << QString()
            << Values{{u"query"_s, u" entity.zone:prod "_s},
                      {u"plugin"_s, u"host"_s},
                      {u"offline"_s, u"yes"_s},
                      {u"size"_s, u"1000"_s}}
            << QByteArray("GET") << u"/api/infrastructure-monitoring/snapshots"_s
            << u"query=entity.zone:prod&plugin=host&offline=true&size=1000&"_s + window << QByteArray();
        QTest::newRow("snapshots, offline false")
            << u"snapshots"_s << QString() << Values{{u"offline"_s, u"false"_s}} << QByteArray("GET")
            << u"/api/infrastructure-monitoring/snapshots"_s << u"size=100&"_s + window << QByteArray();
        QTest::newRow("snapshot, id encoded")
            << u"snapshot"_s << u" a b/c?d#e;f "_s << Values{} << QByteArray("GET")
            << u"/api/infrastructure-monitoring/snapshots/a%20b%2Fc%3Fd%23e%3Bf"_s << window << QByteArray();
        QTest::newRow("agents") << u"agents"_s << QString() << Values{{u"query"_s, u"entity.host:h1"_s}}
                                << QByteArray("GET") << u"/api/host-agent"_s
                                << u"query=entity.host:h1&size=100&"_s + window << QByteArray();
        QTest::newRow("topology") << u"topology"_s << QString() << Values{{u"include-data"_s, u"1"_s}}
                                  << QByteArray("GET") << u"/api/infrastructure-monitoring/topology"_s
                                  << u"includeData=true"_s << QByteArray();
        QTest::newRow("applications") << u"applications"_s << QString()
                                      << Values{{u"name"_s, u"shop"_s}, {u"boundary-scope"_s, u"INBOUND"_s}}
                                      << QByteArray("GET") << u"/api/application-monitoring/applications"_s
                                      << u"nameFilter=shop&applicationBoundaryScope=INBOUND&pageSize=50&"_s + window
                                      << QByteArray();
        QTest::newRow("services") << u"services"_s << QString() << Values{{u"snapshot-ids"_s, u"true"_s}}
                                  << QByteArray("GET") << u"/api/application-monitoring/services"_s
                                  << u"includeSnapshotIds=true&pageSize=50&"_s + window << QByteArray();
        QTest::newRow("services, scoped: ; and = literal")
            << u"services"_s << QString() << Values{{u"application"_s, u"e8krH1wNRV6daAo-NEmG8g"_s}}
            << QByteArray("GET") << u"/api/application-monitoring/applications;id=e8krH1wNRV6daAo-NEmG8g/services"_s
            << u"pageSize=50&"_s + window << QByteArray();
        QTest::newRow("services, scoped id encoded")
            << u"services"_s << QString() << Values{{u"application"_s, u"a;b=c/d"_s}} << QByteArray("GET")
            << u"/api/application-monitoring/applications;id=a%3Bb%3Dc%2Fd/services"_s << u"pageSize=50&"_s + window
            << QByteArray();
        QTest::newRow("endpoints") << u"endpoints"_s << QString() << Values{{u"page-size"_s, u"200"_s}}
                                   << QByteArray("GET")
                                   << u"/api/application-monitoring/applications/services/endpoints"_s
                                   << u"pageSize=200&"_s + window << QByteArray();
        QTest::newRow("websites") << u"websites"_s << QString() << Values{} << QByteArray("GET")
                                  << u"/api/website-monitoring/config"_s << QString() << QByteArray();
        QTest::newRow("website") << u"website"_s << u"K3bP-bmCRkyimNai9vvq8o"_s << Values{} << QByteArray("GET")
                                 << u"/api/website-monitoring/config/K3bP-bmCRkyimNai9vvq8o"_s << QString()
                                 << QByteArray();
        QTest::newRow("mobile-apps") << u"mobile-apps"_s << QString() << Values{} << QByteArray("GET")
                                     << u"/api/mobile-app-monitoring/config"_s << QString() << QByteArray();
        QTest::newRow("mobile-app") << u"mobile-app"_s << u"m1"_s << Values{} << QByteArray("GET")
                                    << u"/api/mobile-app-monitoring/config/m1"_s << QString() << QByteArray();
        QTest::newRow("service-configs") << u"service-configs"_s << QString() << Values{} << QByteArray("GET")
                                         << u"/api/application-monitoring/settings/service"_s << QString()
                                         << QByteArray();
        QTest::newRow("manual-services") << u"manual-services"_s << QString() << Values{} << QByteArray("GET")
                                         << u"/api/application-monitoring/settings/manual-service"_s << QString()
                                         << QByteArray();
        QTest::newRow("events") << u"events"_s << QString() << Values{} << QByteArray("GET") << u"/api/events"_s
                                << window << QByteArray();
        QTest::newRow("events, filtered")
            << u"events"_s << QString()
            << Values{{u"type"_s, u"ISSUE"_s},
                      {u"exclude-triggered-before"_s, u"true"_s},
                      {u"filter-updates"_s, u"true"_s},
                      {u"agent-issues"_s, u"true"_s},
                      {u"kubernetes-info"_s, u"no"_s}}
            << QByteArray("GET") << u"/api/events"_s
            << u"eventTypeFilters=ISSUE&excludeTriggeredBefore=true&filterEventUpdates=true&"
               "includeAgentMonitoringIssues=true&"_s
                + window
            << QByteArray();
        QTest::newRow("traces") << u"traces"_s << QString() << Values{} << QByteArray("POST")
                                << u"/api/application-monitoring/analyze/traces"_s << QString()
                                << QByteArray(R"({"pagination":{"retrievalSize":100},)"
                                              R"("timeFrame":{"to":1764600000000,"windowSize":3600000}})");
        QTest::newRow("traces, filtered")
            << u"traces"_s << QString()
            << Values{{u"service"_s, u"groundskeeper"_s},
                      {u"endpoint"_s, u"GET /"_s},
                      {u"erroneous"_s, u"true"_s},
                      {u"page-size"_s, u"200"_s}}
            << QByteArray("POST") << u"/api/application-monitoring/analyze/traces"_s << QString()
            << QByteArray(R"({"pagination":{"retrievalSize":200},"tagFilterExpression":{"elements":[)"
                          R"({"entity":"DESTINATION","name":"service.name","operator":"EQUALS","type":"TAG_FILTER",)"
                          R"("value":"groundskeeper"},)"
                          R"({"entity":"DESTINATION","name":"endpoint.name","operator":"EQUALS","type":"TAG_FILTER",)"
                          R"("value":"GET /"},)"
                          R"({"entity":"DESTINATION","name":"call.erroneous","operator":"EQUALS","type":"TAG_FILTER",)"
                          R"("value":true}],"logicalOperator":"AND","type":"EXPRESSION"},)"
                          R"("timeFrame":{"to":1764600000000,"windowSize":3600000}})");
        QTest::newRow("trace") << u"trace"_s << u"506aef767d8ec147"_s << Values{{u"page-size"_s, u"7"_s}}
                               << QByteArray("GET")
                               << u"/api/application-monitoring/v2/analyze/traces/506aef767d8ec147"_s
                               << u"retrievalSize=7"_s << QByteArray();
        QTest::newRow("version") << u"version"_s << QString() << Values{} << QByteArray("GET")
                                 << u"/api/instana/version"_s << QString() << QByteArray();
        QTest::newRow("health") << u"health"_s << QString() << Values{} << QByteArray("GET") << u"/api/instana/health"_s
                                << QString() << QByteArray();
    }

    void requestOfEveryView()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(Values, values);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, body);
        const ViewInfo *info = findView(view);
        QVERIFY(info);
        QString error;
        const auto request = requestFor(*info, argumentsOf(id, values), Now, &error);
        QVERIFY2(request, qPrintable(error));
        QCOMPARE(request->method, method);
        QCOMPARE(request->path, path);
        QCOMPARE(request->query.toString(QUrl::FullyEncoded), QUrlQuery(query).toString(QUrl::FullyEncoded));
        QCOMPARE(request->body, body);
        QCOMPARE(request->paging, info->paging);
        // The spec's request body takes what the view sends.
        if (!body.isEmpty())
            QVERIFY(QJsonDocument::fromJson(request->body).isObject());
    }

    void windowAndPageSizeArguments()
    {
        ViewArguments arguments;
        arguments.window.toMs = 1000000000000;
        arguments.window.windowSizeMs = 7 * 24 * TimeWindow::HourMs;
        arguments.pageSize = 12;
        const auto services = requestFor(*findView(u"services"_s), arguments, Now);
        QVERIFY(services);
        QCOMPARE(services->query.queryItemValue(u"to"_s), u"1000000000000"_s);
        QCOMPARE(services->query.queryItemValue(u"windowSize"_s), u"604800000"_s);
        QCOMPARE(services->query.queryItemValue(u"pageSize"_s), u"12"_s);
        const auto traces = requestFor(*findView(u"traces"_s), arguments, Now);
        QVERIFY(traces);
        const QJsonObject body = QJsonDocument::fromJson(traces->body).object();
        QCOMPARE(body.value(u"pagination"_s).toObject().value(u"retrievalSize"_s).toInt(), 12);
        QCOMPARE(body.value(u"timeFrame"_s).toObject().value(u"to"_s).toInteger(), 1000000000000);
    }

    void refusedArguments_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QString>("error");
        QTest::newRow("no id") << u"snapshot"_s << QString() << Values{}
                               << u"The view snapshot needs an id (SNAPSHOT_ID)."_s;
        QTest::newRow("blank id") << u"website"_s << u"  "_s << Values{}
                                  << u"The view website needs an id (WEBSITE_ID)."_s;
        QTest::newRow("unknown parameter") << u"websites"_s << QString() << Values{{u"size"_s, u"3"_s}}
                                           << u"The view websites takes no parameter size."_s;
        QTest::newRow("number too small") << u"snapshots"_s << QString() << Values{{u"size"_s, u"0"_s}}
                                          << u"Size is a whole number from 1 to 100000; \"0\" is not."_s;
        QTest::newRow("number too large") << u"applications"_s << QString() << Values{{u"page-size"_s, u"201"_s}}
                                          << u"Page size is a whole number from 1 to 200; \"201\" is not."_s;
        QTest::newRow("no number") << u"traces"_s << QString() << Values{{u"page-size"_s, u"ten"_s}}
                                   << u"Page size is a whole number from 1 to 200; \"ten\" is not."_s;
        QTest::newRow("flag") << u"snapshots"_s << QString() << Values{{u"offline"_s, u"maybe"_s}}
                              << u"Offline too is true or false; \"maybe\" is neither."_s;
        QTest::newRow("choice") << u"events"_s << QString() << Values{{u"type"_s, u"incident"_s}}
                                << u"Type is one of INCIDENT, ISSUE, CHANGE; \"incident\" is not."_s;
        QTest::newRow("choice of scope") << u"endpoints"_s << QString() << Values{{u"boundary-scope"_s, u"SOME"_s}}
                                         << u"Boundary scope is one of ALL, INBOUND; \"SOME\" is not."_s;
    }

    void refusedArguments()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(Values, values);
        QFETCH(QString, error);
        QString sentence;
        QVERIFY(!requestFor(*findView(view), argumentsOf(id, values), Now, &sentence));
        QCOMPARE(sentence, error);
        QVERIFY(!requestFor(*findView(view), argumentsOf(id, values), Now)); // no sentence asked for
    }

    void rowsOfShapes_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("rows"); // -1: refused
        QTest::addColumn<QString>("error");
        QTest::newRow("items") << u"snapshots"_s << QByteArray(R"({"items": [{"a": 1}, {"a": 2}]})") << 2 << QString();
        QTest::newRow("nodes") << u"topology"_s << QByteArray(R"({"nodes": [{}], "edges": [{}, {}]})") << 1
                               << QString();
        QTest::newRow("array") << u"websites"_s << QByteArray(R"([{"id": "w"}, 3, null])") << 3 << QString();
        QTest::newRow("empty items") << u"agents"_s << QByteArray(R"({"items": []})") << 0 << QString();
        QTest::newRow("items missing") << u"snapshots"_s << QByteArray(R"({"errors": ["x"]})") << -1
                                       << u"The answer for Snapshots has no \"items\" array."_s;
        QTest::newRow("items no array") << u"applications"_s << QByteArray(R"({"items": {"a": 1}})") << -1
                                        << u"The answer for Application perspectives has no \"items\" array."_s;
        QTest::newRow("an array for items")
            << u"traces"_s << QByteArray("[]") << -1 << u"The answer for Traces has no \"items\" array."_s;
        QTest::newRow("edges") << u"topology-edges"_s << QByteArray(R"({"nodes": [{}], "edges": [{}, {}]})") << 2
                               << QString();
        QTest::newRow("nodes missing") << u"topology"_s << QByteArray(R"({"items": []})") << -1
                                       << u"The answer for Topology has no \"nodes\" array."_s;
        QTest::newRow("an object for an array") << u"service-configs"_s << QByteArray(R"({"items": []})") << -1
                                                << u"The answer for Custom service rules is no JSON array."_s;
        QTest::newRow("null") << u"mobile-apps"_s << QByteArray() << -1
                              << u"The answer for Mobile apps is no JSON array."_s;
    }

    void rowsOfShapes()
    {
        QFETCH(QString, view);
        QFETCH(QByteArray, answer);
        QFETCH(int, rows);
        QFETCH(QString, error);
        QString sentence;
        const auto found = rowsOf(*findView(view), QJsonDocument::fromJson(answer), &sentence);
        QCOMPARE(found.has_value(), rows >= 0);
        if (found)
            QCOMPARE(found->size(), rows);
        QCOMPARE(sentence, error);
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: refused
        QTest::newRow("seconds") << u"90s"_s << qint64(90000);
        QTest::newRow("minutes") << u"15m"_s << qint64(900000);
        QTest::newRow("hours, upper case, spaces") << u" 24H "_s << qint64(86400000);
        QTest::newRow("days") << u"7d"_s << qint64(604800000);
        QTest::newRow("weeks") << u"2w"_s << qint64(1209600000);
        QTest::newRow("the longest") << u"31d"_s << TimeWindow::MaxWindowMs;
        QTest::newRow("ms") << u"60000"_s << qint64(60000);
        QTest::newRow("one second") << u"1s"_s << qint64(1000);
        QTest::newRow("too short") << u"999"_s << qint64(-1);
        QTest::newRow("zero") << u"0h"_s << qint64(-1);
        QTest::newRow("too long") << u"32d"_s << qint64(-1);
        QTest::newRow("five weeks") << u"5w"_s << qint64(-1);
        QTest::newRow("fraction") << u"1.5h"_s << qint64(-1);
        QTest::newRow("negative") << u"-1h"_s << qint64(-1);
        QTest::newRow("unit only") << u"h"_s << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("years") << u"2y"_s << qint64(-1);
        QTest::newRow("huge") << u"99999999999999999999d"_s << qint64(-1);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QString error;
        const auto parsed = TimeWindow::parseDuration(text, &error);
        QCOMPARE(parsed.has_value(), ms >= 0);
        if (parsed) {
            QCOMPARE(*parsed, ms);
            QVERIFY(error.isEmpty());
        } else {
            QVERIFY(error.contains(u'"' + text + u'"'));
        }
    }

    void durationSentences()
    {
        QString error;
        TimeWindow::parseDuration(u"2y", &error);
        QCOMPARE(error, u"\"2y\" is no duration; write it as 15m, 1h, 24h or 7d."_s);
        TimeWindow::parseDuration(u"32d", &error);
        QCOMPARE(error, u"A time window is from 1 s to 31 days long; \"32d\" is not."_s);
    }

    void pointsInTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("to"); // -1: now
        QTest::newRow("now") << u"now"_s << true << qint64(-1);
        QTest::newRow("NOW, spaces") << u" NOW "_s << true << qint64(-1);
        QTest::newRow("epoch ms") << u"1764600000000"_s << true << qint64(1764600000000);
        QTest::newRow("ISO with Z") << u"2026-12-01T21:00:00Z"_s << true << qint64(1796158800000);
        QTest::newRow("ISO with ms") << u"2026-12-01T21:00:00.250Z"_s << true << qint64(1796158800250);
        QTest::newRow("ISO without zone: UTC") << u"2026-12-01T21:00:00"_s << true << qint64(1796158800000);
        QTest::newRow("ISO with +01:00") << u"2026-12-01T22:00:00+01:00"_s << true << qint64(1796158800000);
        QTest::newRow("ISO with -05:00") << u"2026-12-01T16:00:00-05:00"_s << true << qint64(1796158800000);
        QTest::newRow("zero") << u"0"_s << false << qint64(0);
        QTest::newRow("negative") << u"-5"_s << false << qint64(0);
        QTest::newRow("before the epoch") << u"1969-12-31T23:00:00Z"_s << false << qint64(0);
        QTest::newRow("words") << u"yesterday"_s << false << qint64(0);
        QTest::newRow("empty") << QString() << false << qint64(0);
        QTest::newRow("no such date") << u"2026-02-30T10:00:00Z"_s << false << qint64(0);
        QTest::newRow("too many digits") << u"17646000000000000000"_s << false << qint64(0);
    }

    void pointsInTime()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, to);
        std::optional<qint64> parsed = 12345;
        QString error;
        QCOMPARE(TimeWindow::parseTo(text, &parsed, &error), ok);
        if (!ok) {
            QCOMPARE(parsed, std::optional<qint64>(12345)); // untouched
            QCOMPARE(error,
                     u"\"%1\" is no point in time; write now, epoch milliseconds or a date and time such as "
                     "2026-12-01T21:00:00Z."_s.arg(text));
        } else if (to < 0) {
            QVERIFY(!parsed);
        } else {
            QCOMPARE(parsed, std::optional<qint64>(to));
        }
    }

    void windowTexts()
    {
        TimeWindow window;
        QCOMPARE(window.text(), u"last 1 h"_s);
        QCOMPARE(window.resolvedTo(Now), Now);
        QCOMPARE(window.fromMs(Now), Now - TimeWindow::HourMs);
        window.toMs = 1796158800000;
        window.windowSizeMs = 90000;
        QCOMPARE(window.text(), u"90 s to 2026-12-01 21:00:00 UTC"_s);
        QCOMPARE(window.timeFrame(Now), (QJsonObject{{u"to"_s, qint64(1796158800000)}, {u"windowSize"_s, 90000}}));
        QCOMPARE(TimeWindow::durationText(7 * 24 * TimeWindow::HourMs), u"7 d"_s);
        QCOMPARE(TimeWindow::durationText(15 * 60000), u"15 min"_s);
        QCOMPARE(TimeWindow::durationText(1500), u"1500 ms"_s);
        QStringList names;
        for (const TimeWindow::Preset &preset : TimeWindow::presets()) {
            names.append(preset.name);
            QCOMPARE(TimeWindow::parseDuration(preset.name), std::optional<qint64>(preset.windowSizeMs));
        }
        QCOMPARE(names, (QStringList{u"5m"_s, u"15m"_s, u"1h"_s, u"6h"_s, u"24h"_s, u"7d"_s, u"31d"_s}));
    }

    void links_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("keyPath");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("links");
        QTest::addColumn<EntityLink::Kind>("kind");
        QTest::addColumn<QString>("target");
        using K = EntityLink::Kind;
        QTest::newRow("snapshotId anywhere")
            << u"events"_s << u"[3].snapshotId"_s << QJsonValue(u"s1"_s) << true << K::Snapshot << u"snapshot"_s;
        QTest::newRow("snapshotIds element") << u"services"_s << u"items[0].snapshotIds[2]"_s << QJsonValue(u"s2"_s)
                                             << true << K::Snapshot << u"snapshot"_s;
        QTest::newRow("trace id in traces")
            << u"traces"_s << u"items[4].trace.id"_s << QJsonValue(u"t1"_s) << true << K::Trace << u"trace"_s;
        QTest::newRow("trace id in a table row")
            << u"traces"_s << u"trace.id"_s << QJsonValue(u"t1"_s) << true << K::Trace << u"trace"_s;
        QTest::newRow("trace.id elsewhere")
            << u"events"_s << u"[0].trace.id"_s << QJsonValue(u"t1"_s) << false << K::Trace << QString();
        QTest::newRow("website id") << u"websites"_s << u"[1].id"_s << QJsonValue(u"w1"_s) << true << K::Website
                                    << u"website"_s;
        QTest::newRow("mobile app id") << u"mobile-apps"_s << u"id"_s << QJsonValue(u"m1"_s) << true << K::MobileApp
                                       << u"mobile-app"_s;
        QTest::newRow("application id") << u"applications"_s << u"items[0].id"_s << QJsonValue(u"a1"_s) << true
                                        << K::Application << u"services"_s;
        QTest::newRow("topology node") << u"topology"_s << u"nodes[0].id"_s << QJsonValue(u"n1"_s) << true
                                       << K::Snapshot << u"snapshot"_s;
        QTest::newRow("topology edge") << u"topology"_s << u"edges[2].destination"_s << QJsonValue(u"n2"_s) << true
                                       << K::Snapshot << u"snapshot"_s;
        QTest::newRow("edges view") << u"topology-edges"_s << u"[0].source"_s << QJsonValue(u"n3"_s) << true
                                    << K::Snapshot << u"snapshot"_s;
        QTest::newRow("a service's id") << u"services"_s << u"items[0].id"_s << QJsonValue(u"x"_s) << false
                                        << K::Snapshot << QString();
        QTest::newRow("number") << u"events"_s << u"snapshotId"_s << QJsonValue(5) << false << K::Snapshot << QString();
        QTest::newRow("blank") << u"events"_s << u"snapshotId"_s << QJsonValue(u"  "_s) << false << K::Snapshot
                               << QString();
    }

    void links()
    {
        QFETCH(QString, view);
        QFETCH(QString, keyPath);
        QFETCH(QJsonValue, value);
        QFETCH(bool, links);
        QFETCH(EntityLink::Kind, kind);
        QFETCH(QString, target);
        const auto link = linkFor(view, keyPath, value);
        QCOMPARE(link.has_value(), links);
        if (link) {
            QCOMPARE(link->kind, kind);
            QCOMPARE(link->id, value.toString().trimmed());
            QCOMPARE(link->viewName(), target);
            QVERIFY(findView(link->viewName()));
        }
    }

    void valueAtKeyPaths_data()
    {
        QTest::addColumn<QString>("keyPath");
        QTest::addColumn<QJsonValue>("value");
        const QJsonValue undefined(QJsonValue::Undefined);
        QTest::newRow("member") << u"snapshotId"_s << QJsonValue(u"s1"_s);
        QTest::newRow("nested") << u"data.host.name"_s << QJsonValue(u"h1"_s);
        QTest::newRow("array element") << u"tags[1]"_s << QJsonValue(u"b"_s);
        QTest::newRow("in an element") << u"spec[0].key"_s << QJsonValue(u"k"_s);
        QTest::newRow("null") << u"to"_s << QJsonValue(QJsonValue::Null);
        QTest::newRow("missing") << u"nothing"_s << undefined;
        QTest::newRow("past the end") << u"tags[2]"_s << undefined;
        QTest::newRow("negative index") << u"tags[-1]"_s << undefined;
        QTest::newRow("huge index") << u"tags[99999999999999999999]"_s << undefined;
        QTest::newRow("unclosed") << u"tags[0"_s << undefined;
        QTest::newRow("index of an object") << u"data[0]"_s << undefined;
        QTest::newRow("member of an array") << u"tags.a"_s << undefined;
        QTest::newRow("member of a string") << u"snapshotId.x"_s << undefined;
    }

    void valueAtKeyPaths()
    {
        QFETCH(QString, keyPath);
        QFETCH(QJsonValue, value);
        const QJsonObject root = json(R"({"snapshotId": "s1", "data": {"host": {"name": "h1"}}, "tags": ["a", "b"],
            "spec": [{"key": "k"}], "to": null})")
                                     .object();
        const QJsonValue found = Json::valueAt(root, keyPath);
        QCOMPARE(found.type(), value.type());
        QCOMPARE(found, value);
        QCOMPARE(Json::valueAt(json("[[1, [2, 3]]]").array(), u"[0][1][0]"), QJsonValue(2));
    }

    void cells_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<QString>("text");
        QTest::newRow("string") << QJsonValue(u"text"_s) << 200 << u"text"_s;
        QTest::newRow("whole number") << QJsonValue(1725601787000.0) << 200 << u"1725601787000"_s;
        QTest::newRow("fraction") << QJsonValue(0.25) << 200 << u"0.25"_s;
        QTest::newRow("negative") << QJsonValue(-3) << 200 << u"-3"_s;
        QTest::newRow("true") << QJsonValue(true) << 200 << u"true"_s;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << 200 << QString();
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << 200 << QString();
        QTest::newRow("array") << QJsonValue(QJsonArray{1, u"a"_s}) << 200 << u"[1,\"a\"]"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject{{u"k"_s, u"v"_s}}) << 200 << u"{\"k\":\"v\"}"_s;
        QTest::newRow("cut") << QJsonValue(u"abcdefgh"_s) << 3 << u"abc…"_s;
        QTest::newRow("line breaks") << QJsonValue(u"a\nb\r\tc"_s) << 200 << u"a b  c"_s;
        QTest::newRow("terminal escape") << QJsonValue(u"red\x1b[31m\x07"_s) << 200 << u"red [31m "_s;
        QTest::newRow("C1 control") << QJsonValue(u"a\u009bb"_s) << 200 << u"a b"_s;
        QTest::newRow("unicode kept") << QJsonValue(u"café ✓"_s) << 200 << u"café ✓"_s;
    }

    void cells()
    {
        QFETCH(QJsonValue, value);
        QFETCH(int, maxLength);
        QFETCH(QString, text);
        QCOMPARE(Json::cellText(value, maxLength), text);
    }

    void columns()
    {
        const QJsonArray rows = json(R"([{"b": 1, "a": 2, "x.y": 3}, 5, null, {"c": {"d": 1}, "a": 4}])").array();
        QCOMPARE(Json::columnsOf(rows), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(Json::columnsOf(rows, {u"c.d"_s, u"missing"_s, u"b"_s}),
                 (QStringList{u"c.d"_s, u"b"_s, u"a"_s, u"c"_s}));
        QCOMPARE(Json::columnsOf(rows, {u"c.d"_s, u"b"_s}, 1), (QStringList{u"c.d"_s}));
        QCOMPARE(Json::columnsOf(rows, {}, 40, 1), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(Json::columnsOf(QJsonArray()), QStringList());
        QCOMPARE(Json::columnsOf(json("[1, 2]").array()), QStringList());
        QVERIFY(Json::isTableOfObjects(json(R"([{"a": 1}, null])").array()));
        QVERIFY(!Json::isTableOfObjects(json(R"([{"a": 1}, 2])").array()));
        QVERIFY(!Json::isTableOfObjects(json("[null]").array()));
        QVERIFY(!Json::isTableOfObjects(QJsonArray()));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
