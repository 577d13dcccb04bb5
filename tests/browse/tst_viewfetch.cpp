// ViewFetch against the fake Instana backend over real sockets on 127.0.0.1: every catalog view
// end to end; Load More and Fetch All in both paging styles; answers of the wrong shape, no JSON,
// empty, too large, endless paging; cancel keeps the rows that came.

#include "core/browse/viewfetch.h"
#include "core/json/jsontable.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

using Values = QHash<QString, QString>;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "viewfetch-T0KEN-0815";
constexpr qint64 Now = 1764600000000; // 2025-12-01T14:40:00Z
const QByteArray Applications = "/api/application-monitoring/applications";
const QByteArray Traces = "/api/application-monitoring/analyze/traces";
const QByteArray Websites = "/api/website-monitoring/config";
const QByteArray Version = "/api/instana/version";

ViewArguments argumentsOf(const QString &id, const QHash<QString, QString> &values = {})
{
    ViewArguments arguments;
    arguments.id = id;
    arguments.values = values;
    arguments.window.toMs = Now;
    return arguments;
}
} // namespace

class TestViewFetch : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeInstana> m_fake;
    std::unique_ptr<Rest::RestClient> m_client;

    std::unique_ptr<ViewFetch> fetchOf(const QString &viewName, const ViewArguments &arguments)
    {
        const ViewInfo *view = findView(viewName);
        if (!view)
            qFatal("no view %s", qPrintable(viewName));
        return std::make_unique<ViewFetch>(m_client.get(), *view, arguments, Now);
    }

    // Calls `step` and waits for its one finished(), which never comes inside the call.
    static bool run(ViewFetch &fetch, void (ViewFetch::*step)())
    {
        QSignalSpy finished(&fetch, &ViewFetch::finished);
        (fetch.*step)();
        if (!finished.isEmpty()) {
            qWarning("finished() came inside the call");
            return false;
        }
        if (!finished.wait(Patience))
            return false;
        QCoreApplication::processEvents();
        if (finished.size() != 1) {
            qWarning("finished() came %d times", int(finished.size()));
            return false;
        }
        return !fetch.isRunning();
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Rest::PagerProgress>(); }

    void init()
    {
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
        Rest::ConnectionOptions options;
        options.baseUrl = m_fake->baseUrl();
        options.proxy = Rest::ProxyMode::None;
        options.timeout = 10s;
        options.maxResponseBytes = qint64(4) * 1024 * 1024;
        m_client = std::make_unique<Rest::RestClient>(options, QString::fromLatin1(Token));
        m_client->setRetryPolicy(RetryPolicy{5ms, 20ms});
        m_client->setMaxAttempts(1);
    }

    void cleanup()
    {
        m_client.reset();
        m_fake.reset();
    }

    void everyView_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QString>("path"); // as the server saw it
        QTest::addColumn<int>("rows"); // -1: a detail view
        QTest::addColumn<QString>("keyPath"); // of the first row, or of the object
        QTest::addColumn<QString>("value");
        // 45 snapshots, of which 4 are offline.
        QTest::newRow("snapshots") << u"snapshots"_s << QString() << Values{}
                                   << u"/api/infrastructure-monitoring/snapshots"_s << 41 << u"snapshotId"_s
                                   << u"snap-0000"_s;
        QTest::newRow("snapshots offline too")
            << u"snapshots"_s << QString() << Values{{u"offline"_s, u"true"_s}}
            << u"/api/infrastructure-monitoring/snapshots"_s << 45 << u"plugin"_s << u"host"_s;
        QTest::newRow("snapshots of a plugin")
            << u"snapshots"_s << QString() << Values{{u"plugin"_s, u"docker"_s}}
            << u"/api/infrastructure-monitoring/snapshots"_s << 14 << u"snapshotId"_s << u"snap-0002"_s;
        QTest::newRow("snapshots by query and size")
            << u"snapshots"_s << QString() << Values{{u"query"_s, u"entity.type:host"_s}, {u"size"_s, u"5"_s}}
            << u"/api/infrastructure-monitoring/snapshots"_s << 5 << u"label"_s << u"host 0"_s;
        QTest::newRow("snapshot") << u"snapshot"_s << u"snap-0007"_s << Values{}
                                  << u"/api/infrastructure-monitoring/snapshots/snap-0007"_s << -1 << u"data.hostname"_s
                                  << u"host2.example.com"_s;
        QTest::newRow("agents") << u"agents"_s << QString() << Values{} << u"/api/host-agent"_s << 3 << u"plugin"_s
                                << u"instanaAgent"_s;
        QTest::newRow("topology") << u"topology"_s << QString() << Values{}
                                  << u"/api/infrastructure-monitoring/topology"_s << 45 << u"entityId.host"_s
                                  << u"host-0000"_s;
        // Every snapshot that is no host runs in one: 30 edges.
        QTest::newRow("topology edges") << u"topology-edges"_s << QString() << Values{}
                                        << u"/api/infrastructure-monitoring/topology"_s << 30 << u"destination"_s
                                        << u"snap-0000"_s;
        QTest::newRow("applications") << u"applications"_s << QString() << Values{}
                                      << u"/api/application-monitoring/applications"_s << 45 << u"label"_s
                                      << u"Application 0"_s;
        QTest::newRow("services") << u"services"_s << QString() << Values{} << u"/api/application-monitoring/services"_s
                                  << 45 << u"id"_s << u"service-0000"_s;
        QTest::newRow("services of an application")
            << u"services"_s << QString() << Values{{u"application"_s, u"app-0003"_s}}
            << u"/api/application-monitoring/applications;id=app-0003/services"_s << 1 << u"id"_s << u"service-0003"_s;
        QTest::newRow("services by name")
            << u"services"_s << QString() << Values{{u"name"_s, u"Service 4"_s}}
            << u"/api/application-monitoring/services"_s << 6 << u"label"_s << u"Service 4"_s;
        QTest::newRow("endpoints") << u"endpoints"_s << QString() << Values{}
                                   << u"/api/application-monitoring/applications/services/endpoints"_s << 45
                                   << u"serviceId"_s << u"service-0000"_s;
        QTest::newRow("websites") << u"websites"_s << QString() << Values{} << u"/api/website-monitoring/config"_s << 3
                                  << u"appName"_s << u"website_0"_s;
        QTest::newRow("website") << u"website"_s << u"website-0002"_s << Values{}
                                 << u"/api/website-monitoring/config/website-0002"_s << -1 << u"name"_s
                                 << u"Website 2"_s;
        QTest::newRow("mobile-apps") << u"mobile-apps"_s << QString() << Values{}
                                     << u"/api/mobile-app-monitoring/config"_s << 2 << u"name"_s << u"Mobile app 0"_s;
        QTest::newRow("mobile-app") << u"mobile-app"_s << u"mobile-0001"_s << Values{}
                                    << u"/api/mobile-app-monitoring/config/mobile-0001"_s << -1 << u"id"_s
                                    << u"mobile-0001"_s;
        QTest::newRow("service-configs") << u"service-configs"_s << QString() << Values{}
                                         << u"/api/application-monitoring/settings/service"_s << 4
                                         << u"matchSpecification[0].key"_s << u"docker.container.name"_s;
        QTest::newRow("manual-services") << u"manual-services"_s << QString() << Values{}
                                         << u"/api/application-monitoring/settings/manual-service"_s << 2
                                         << u"tagFilterExpression.value"_s << u"redis:6379"_s;
        QTest::newRow("events") << u"events"_s << QString() << Values{} << u"/api/events"_s << 12 << u"type"_s
                                << u"incident"_s;
        QTest::newRow("events of a type") << u"events"_s << QString() << Values{{u"type"_s, u"CHANGE"_s}}
                                          << u"/api/events"_s << 4 << u"eventId"_s << u"event-0002"_s;
        QTest::newRow("traces") << u"traces"_s << QString() << Values{} << QString::fromLatin1(Traces) << 45
                                << u"trace.service.label"_s << u"appdata-processor"_s;
        QTest::newRow("trace") << u"trace"_s << u"00000000000000a1"_s << Values{}
                               << u"/api/application-monitoring/v2/analyze/traces/00000000000000a1"_s << 45
                               << u"destination.service.label"_s << u"nginx-web"_s;
        QTest::newRow("version") << u"version"_s << QString() << Values{} << u"/api/instana/version"_s << -1
                                 << u"imageTag"_s << u"3.307.417-0"_s;
        QTest::newRow("health") << u"health"_s << QString() << Values{} << u"/api/instana/health"_s << -1 << u"health"_s
                                << u"GREEN"_s;
    }

    void everyView()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(Values, values);
        QFETCH(QString, path);
        QFETCH(int, rows);
        QFETCH(QString, keyPath);
        QFETCH(QString, value);
        auto fetch = fetchOf(view, argumentsOf(id, values));
        QSignalSpy progressed(fetch.get(), &ViewFetch::progressed);
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::None);
        QVERIFY2(fetch->errorString().isEmpty(), qPrintable(fetch->errorString()));
        QCOMPARE(m_fake->requests().size(), 1);
        const FakeInstana::Request &request = m_fake->requests().constFirst();
        QCOMPARE(QString::fromLatin1(request.path), path);
        QVERIFY(request.authorized);
        QVERIFY(!fetch->body().isEmpty());
        QVERIFY(fetch->answer());
        QVERIFY(!fetch->answer()->isNull());
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(fetch->progress().pages, 1);
        QCOMPARE(fetch->progress().calls, 1);
        QVERIFY(!fetch->canLoadMore());
        if (rows < 0) {
            QVERIFY(fetch->answer()->isObject());
            QCOMPARE(Json::valueAt(fetch->answer()->object(), keyPath).toVariant().toString(), value);
        } else {
            QCOMPARE(fetch->rows().size(), rows);
            QCOMPARE(Json::cellText(Json::valueAt(fetch->rows().first(), keyPath)), value);
        }
        if (view == u"snapshots"_s || view == u"events"_s) {
            QCOMPARE(request.query.queryItemValue(u"to"_s), QString::number(Now));
            QCOMPARE(request.query.queryItemValue(u"windowSize"_s), u"3600000"_s);
        }
    }

    void loadMorePages()
    {
        auto fetch = fetchOf(u"applications"_s, argumentsOf({}, {{u"page-size"_s, u"20"_s}}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::None);
        QCOMPARE(fetch->rows().size(), 20);
        QCOMPARE(fetch->totalHits(), 45);
        QVERIFY(fetch->canLoadMore());
        QVERIFY(run(*fetch, &ViewFetch::loadMore));
        QCOMPARE(fetch->rows().size(), 40);
        QVERIFY(fetch->canLoadMore());
        QVERIFY(run(*fetch, &ViewFetch::loadMore));
        QCOMPARE(fetch->error(), ViewFetch::Error::None);
        QCOMPARE(fetch->rows().size(), 45);
        QVERIFY(!fetch->canLoadMore());
        QCOMPARE(FakeInstana::itemIds(fetch->rows()).last(), u"app-0044"_s);
        const auto asked = m_fake->requestsTo(Applications);
        QCOMPARE(asked.size(), 3);
        QCOMPARE(asked.at(0).query.queryItemValue(u"page"_s), QString());
        QCOMPARE(asked.at(1).query.queryItemValue(u"page"_s), u"2"_s);
        QCOMPARE(asked.at(2).query.queryItemValue(u"page"_s), u"3"_s);
        for (const auto &request : asked)
            QCOMPARE(request.query.queryItemValue(u"pageSize"_s), u"20"_s);
        // The last page parsed is the last answer.
        QCOMPARE(fetch->answer()->object().value(u"page"_s).toInt(), 3);
        QCOMPARE(fetch->progress().pages, 3);
    }

    void loadMoreCursorsInTheBody()
    {
        auto fetch = fetchOf(u"traces"_s, argumentsOf({}, {{u"page-size"_s, u"20"_s}, {u"service"_s, u"shop"_s}}));
        m_fake->setTraceCount(45);
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->rows().size(), 20);
        QVERIFY(fetch->canLoadMore());
        QVERIFY(run(*fetch, &ViewFetch::loadMore));
        QCOMPARE(fetch->rows().size(), 40);
        const auto asked = m_fake->requestsTo(Traces);
        QCOMPARE(asked.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(asked.at(0).body).object();
        const QJsonObject second = QJsonDocument::fromJson(asked.at(1).body).object();
        QCOMPARE(first.value(u"pagination"_s).toObject(), (QJsonObject{{u"retrievalSize"_s, 20}}));
        QCOMPARE(second.value(u"pagination"_s).toObject(),
                 (QJsonObject{
                     {u"retrievalSize"_s, 20}, {u"offset"_s, 20}, {u"ingestionTime"_s, FakeInstana::IngestionTime}}));
        // The filters and the window stay as they were.
        QCOMPARE(second.value(u"tagFilterExpression"_s), first.value(u"tagFilterExpression"_s));
        QCOMPARE(second.value(u"timeFrame"_s).toObject(),
                 (QJsonObject{{u"to"_s, Now}, {u"windowSize"_s, TimeWindow::HourMs}}));
        QVERIFY(run(*fetch, &ViewFetch::loadMore));
        QCOMPARE(fetch->rows().size(), 45);
        QVERIFY(!fetch->canLoadMore());
        const QStringList ids = FakeInstana::itemIds(fetch->rows());
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 45);
    }

    void loadMoreCursorsInTheQuery()
    {
        m_fake->setCallCount(30);
        auto fetch = fetchOf(u"trace"_s, argumentsOf(u"00000000000000a1"_s, {{u"page-size"_s, u"25"_s}}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->rows().size(), 25);
        QVERIFY(fetch->canLoadMore());
        QVERIFY(run(*fetch, &ViewFetch::loadMore));
        QCOMPARE(fetch->rows().size(), 30);
        QVERIFY(!fetch->canLoadMore());
        const auto second = m_fake->requests().at(1);
        QCOMPARE(second.query.queryItemValue(u"offset"_s), u"25"_s);
        QCOMPARE(second.query.queryItemValue(u"ingestionTime"_s), QString::number(FakeInstana::IngestionTime));
        QCOMPARE(second.query.queryItemValue(u"retrievalSize"_s), u"25"_s);
    }

    void fetchAll_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("startFirst");
        QTest::addColumn<int>("pages");
        QTest::newRow("pages, from the start") << u"applications"_s << QString() << false << 5;
        QTest::newRow("pages, after the first") << u"services"_s << QString() << true << 5;
        QTest::newRow("cursors in the body") << u"traces"_s << QString() << false << 5;
        QTest::newRow("cursors in the query") << u"trace"_s << u"00000000000000a1"_s << true << 5;
    }

    void fetchAll()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(bool, startFirst);
        QFETCH(int, pages);
        m_fake->setApplicationCount(45);
        auto fetch = fetchOf(view, argumentsOf(id, {{u"page-size"_s, u"10"_s}}));
        QSignalSpy progressed(fetch.get(), &ViewFetch::progressed);
        if (startFirst) {
            QVERIFY(run(*fetch, &ViewFetch::start));
            QCOMPARE(fetch->rows().size(), 10);
        }
        QVERIFY(run(*fetch, &ViewFetch::fetchAll));
        QCOMPARE(fetch->error(), ViewFetch::Error::None);
        QCOMPARE(fetch->rows().size(), 45);
        QCOMPARE(progressed.size(), pages);
        QCOMPARE(progressed.last().at(0).value<Rest::PagerProgress>().items, 45);
        QCOMPARE(fetch->progress().pages, pages);
        QCOMPARE(m_fake->requests().size(), pages);
        QVERIFY(!fetch->canLoadMore());
        const QStringList ids = FakeInstana::itemIds(fetch->rows());
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 45);
    }

    void maxPages()
    {
        auto fetch = fetchOf(u"applications"_s, argumentsOf({}, {{u"page-size"_s, u"10"_s}}));
        fetch->setMaxPages(2);
        QVERIFY(run(*fetch, &ViewFetch::fetchAll));
        QCOMPARE(fetch->error(), ViewFetch::Error::Paging);
        QVERIFY2(fetch->errorString().contains(u"2 pages"_s), qPrintable(fetch->errorString()));
        QCOMPARE(fetch->rows().size(), 20);
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void endlessPaging_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("loadMore"); // else fetchAll
        QTest::addColumn<QString>("sentence");
        QTest::newRow("pages, fetch all") << u"endpoints"_s << QString() << false << u"same items"_s;
        QTest::newRow("pages, load more") << u"applications"_s << QString() << true << u"same items"_s;
        QTest::newRow("cursors, fetch all") << u"traces"_s << QString() << false << u"did not advance"_s;
        QTest::newRow("cursors, load more") << u"trace"_s << u"00000000000000a1"_s << true << u"did not advance"_s;
    }

    void endlessPaging()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(bool, loadMore);
        QFETCH(QString, sentence);
        m_fake->setPagingStuck(true);
        auto fetch = fetchOf(view, argumentsOf(id, {{u"page-size"_s, u"10"_s}}));
        if (loadMore) {
            QVERIFY(run(*fetch, &ViewFetch::start));
            QCOMPARE(fetch->error(), ViewFetch::Error::None);
            QVERIFY(fetch->canLoadMore());
            QVERIFY(run(*fetch, &ViewFetch::loadMore));
        } else {
            QVERIFY(run(*fetch, &ViewFetch::fetchAll));
        }
        QCOMPARE(fetch->error(), ViewFetch::Error::Paging);
        QVERIFY2(fetch->errorString().contains(sentence), qPrintable(fetch->errorString()));
        QVERIFY(!fetch->errorString().contains(u'\n'));
        QVERIFY(fetch->rows().size() >= 10);
        QVERIFY(!fetch->canLoadMore());
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void badAnswers_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ViewFetch::Error>("error");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("array view, an object") << u"websites"_s << QString() << Websites << QByteArray("{}")
                                               << ViewFetch::Error::Shape << u"no JSON array"_s;
        QTest::newRow("array view, a listing")
            << u"websites"_s << QString() << Websites << QByteArray(R"({"items": []})") << ViewFetch::Error::Shape
            << u"no JSON array"_s;
        // A bare number is no JSON document for Qt.
        QTest::newRow("array view, a number")
            << u"websites"_s << QString() << Websites << QByteArray("42") << ViewFetch::Error::NotJson << u"no JSON"_s;
        QTest::newRow("items view, items missing")
            << u"snapshots"_s << QString() << QByteArray("/api/infrastructure-monitoring/snapshots")
            << QByteArray(R"({"snapshots": []})") << ViewFetch::Error::Shape << u"has no \"items\" array"_s;
        QTest::newRow("items view, items of a wrong type")
            << u"agents"_s << QString() << QByteArray("/api/host-agent") << QByteArray(R"({"items": "none"})")
            << ViewFetch::Error::Shape << u"has no \"items\" array"_s;
        QTest::newRow("paged view, items missing")
            << u"applications"_s << QString() << Applications << QByteArray(R"({"page": 1, "totalHits": 3})")
            << ViewFetch::Error::Shape << u"no listing"_s;
        QTest::newRow("paged view, an array") << u"traces"_s << QString() << Traces << QByteArray("[1, 2]")
                                              << ViewFetch::Error::Shape << u"an array of 2 elements"_s;
        QTest::newRow("paged view, empty") << u"applications"_s << QString() << Applications << QByteArray()
                                           << ViewFetch::Error::Shape << u"an empty answer"_s;
        QTest::newRow("detail view, an array") << u"version"_s << QString() << Version << QByteArray("[]")
                                               << ViewFetch::Error::Shape << u"no JSON object"_s;
        QTest::newRow("detail view, empty")
            << u"version"_s << QString() << Version << QByteArray("  ") << ViewFetch::Error::Shape << u"is empty"_s;
        QTest::newRow("list view, empty")
            << u"websites"_s << QString() << Websites << QByteArray() << ViewFetch::Error::Shape << u"is empty"_s;
        QTest::newRow("not JSON") << u"websites"_s << QString() << Websites << QByteArray("<html>oops</html>")
                                  << ViewFetch::Error::NotJson << u"no JSON"_s;
        QTest::newRow("paged view, not JSON")
            << u"applications"_s << QString() << Applications << QByteArray(R"({"items": [)")
            << ViewFetch::Error::NotJson << u"no JSON"_s;
    }

    void badAnswers()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(ViewFetch::Error, error);
        QFETCH(QString, sentence);
        m_fake->answerWith(path, 200, body);
        auto fetch = fetchOf(view, argumentsOf(id));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), error);
        QVERIFY2(fetch->errorString().contains(sentence), qPrintable(fetch->errorString()));
        QVERIFY(!fetch->errorString().contains(u'\n'));
        QVERIFY(fetch->rows().isEmpty());
        QVERIFY(fetch->answer());
        QVERIFY(!fetch->canLoadMore());
    }

    void failedRequests_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Rest::Error>("requestError");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("unknown snapshot")
            << u"snapshot"_s << u"snap-9999"_s << Rest::Error::NotFound << 404 << u"Snapshot snap-9999 not found"_s;
        QTest::newRow("unknown website") << u"website"_s << u"nope"_s << Rest::Error::NotFound << 404
                                         << u"Website nope not found"_s;
        QTest::newRow("unknown application's services")
            << u"services"_s << u""_s << Rest::Error::NotFound << 404 << u"Application app-x not found"_s;
    }

    void failedRequests()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(Rest::Error, requestError);
        QFETCH(int, status);
        QFETCH(QString, sentence);
        QHash<QString, QString> values;
        if (view == u"services"_s)
            values.insert(u"application"_s, u"app-x"_s);
        auto fetch = fetchOf(view, argumentsOf(id, values));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::Request);
        QCOMPARE(fetch->requestError(), requestError);
        QCOMPARE(fetch->httpStatus(), status);
        QVERIFY2(fetch->errorString().contains(sentence), qPrintable(fetch->errorString()));
        QVERIFY(!fetch->errorString().contains(QString::fromLatin1(Token)));
    }

    void serverError()
    {
        m_fake->failWith(Applications, 500, -1, {}, {u"Internal trouble"_s});
        auto fetch = fetchOf(u"applications"_s, argumentsOf({}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::Request);
        QCOMPARE(fetch->requestError(), Rest::Error::ServerError);
        QCOMPARE(fetch->httpStatus(), 500);
        QVERIFY2(fetch->errorString().contains(u"Internal trouble"_s), qPrintable(fetch->errorString()));
    }

    void hugeBody_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("list") << u"websites"_s << Websites;
        QTest::newRow("paged") << u"applications"_s << Applications;
    }

    void hugeBody()
    {
        QFETCH(QString, view);
        QFETCH(QByteArray, path);
        m_fake->answerLarge(path, qint64(12) * 1024 * 1024);
        auto fetch = fetchOf(view, argumentsOf({}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::Request);
        QCOMPARE(fetch->requestError(), Rest::Error::TooLarge);
        QVERIFY(!fetch->errorString().isEmpty());
        QVERIFY(fetch->rows().isEmpty());
    }

    void largeAnswerWithinTheLimit()
    {
        // An array of 3 MiB: parsed off this thread, every element a row.
        m_fake->answerLarge(Websites, qint64(3) * 1024 * 1024);
        auto fetch = fetchOf(u"websites"_s, argumentsOf({}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::None);
        QVERIFY(fetch->rows().size() > 10000);
        QCOMPARE(fetch->body().size(), qint64(3) * 1024 * 1024);
    }

    void invalidArguments_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("no id") << u"snapshot"_s << QString() << Values{} << u"needs an id"_s;
        QTest::newRow("size out of range")
            << u"snapshots"_s << QString() << Values{{u"size"_s, u"0"_s}} << u"from 1 to 100000"_s;
    }

    void invalidArguments()
    {
        QFETCH(QString, view);
        QFETCH(QString, id);
        QFETCH(Values, values);
        QFETCH(QString, sentence);
        auto fetch = fetchOf(view, argumentsOf(id, values));
        QVERIFY(fetch->request().method.isEmpty());
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->error(), ViewFetch::Error::Invalid);
        QVERIFY2(fetch->errorString().contains(sentence), qPrintable(fetch->errorString()));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void abortKeepsRows()
    {
        auto fetch = fetchOf(u"applications"_s, argumentsOf({}, {{u"page-size"_s, u"20"_s}}));
        QVERIFY(run(*fetch, &ViewFetch::start));
        QCOMPARE(fetch->rows().size(), 20);
        m_fake->hang(Applications);
        QSignalSpy finished(fetch.get(), &ViewFetch::finished);
        QSignalSpy received(m_fake.get(), &FakeInstana::requestReceived);
        fetch->fetchAll();
        QVERIFY(fetch->isRunning());
        QVERIFY(received.wait(Patience));
        fetch->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(fetch->error(), ViewFetch::Error::Cancelled);
        QCOMPARE(fetch->rows().size(), 20);
        QVERIFY(!fetch->isRunning());
        fetch->abort();
        QTest::qWait(50); // nothing more comes: the wait is no measurement
        QCOMPARE(finished.size(), 1);
    }

    void abortWhileParsing()
    {
        // Cancelled at once, before the answer is parsed; the parse that ends later is dropped.
        m_fake->answerLarge(Websites, qint64(3) * 1024 * 1024);
        auto fetch = fetchOf(u"websites"_s, argumentsOf({}));
        QSignalSpy finished(fetch.get(), &ViewFetch::finished);
        QSignalSpy received(m_fake.get(), &FakeInstana::requestReceived);
        fetch->start();
        QVERIFY(received.wait(Patience));
        fetch->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(fetch->error(), ViewFetch::Error::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount() == 0, Patience);
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(fetch->error(), ViewFetch::Error::Cancelled);
        QVERIFY(fetch->rows().isEmpty());
    }

    void destroyedWhileRunning()
    {
        m_fake->hang(Applications);
        QSignalSpy received(m_fake.get(), &FakeInstana::requestReceived);
        auto fetch = fetchOf(u"applications"_s, argumentsOf({}));
        fetch->start();
        QVERIFY(received.wait(Patience));
        fetch.reset(); // no crash, no signal into a dead object
        QCoreApplication::processEvents();
    }
};

QTEST_GUILESS_MAIN(TestViewFetch)
#include "tst_viewfetch.moc"
