// The REST client against a fake Instana backend over real sockets on 127.0.0.1: the headers it
// sends, every Error with its sentence, retries of 429 and 5xx honouring Retry-After, redirects
// that never carry the token to another origin, plain http:// refused, ceilings, cancel, the
// rate limit headers, and the token absent from debug output. Also the fake backend's paging.

#include "core/logging/logging.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Rest;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement
const QByteArray Token = "s3cr3t-T0KEN-4711";

QStringList *g_messages = nullptr;
void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (g_messages)
        g_messages->append(message);
}

ConnectionOptions optionsFor(const QUrl &baseUrl)
{
    ConnectionOptions options;
    options.baseUrl = baseUrl;
    options.proxy = ProxyMode::None;
    options.timeout = 10s;
    // Below the 1 GiB default: HttpJob reads as much as the room left, and QIODevice::read()
    // sets that much aside at each read, which ASan fills on every free.
    options.maxResponseBytes = qint64(64) * 1024 * 1024;
    return options;
}
} // namespace

class TestRestClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<RestClient> clientFor(const FakeInstana &fake, const QByteArray &token = Token)
    {
        return clientWith(optionsFor(fake.baseUrl()), token);
    }

    static std::unique_ptr<RestClient> clientWith(const ConnectionOptions &options, const QByteArray &token = Token)
    {
        auto client = std::make_unique<RestClient>(options, QString::fromLatin1(token));
        client->setRetryPolicy(RetryPolicy{10ms, 40ms});
        return client;
    }

    // Runs a job to its end; checks that finished() came once, never inside start().
    static void run(RestJob *job)
    {
        QSignalSpy finished(job, &RestJob::finished);
        job->start();
        [&] { QCOMPARE(finished.size(), 0); }();
        [&] { QVERIFY(finished.wait(Patience)); }();
        job->abort(); // after the end: nothing more
        QCoreApplication::processEvents();
        [&] {
            QCOMPARE(finished.size(), 1);
            QCOMPARE(finished.first().first().value<RestJob *>(), job);
        }();
    }

    static QByteArray apiVersion() { return "/api/instana/version"; }

private Q_SLOTS:
    void success()
    {
        FakeInstana fake(Token);
        fake.setRateLimit(5000, 4988, 1767276000);
        auto client = clientFor(fake);
        QSignalSpy rateSpy(client.get(), &RestClient::rateLimitChanged);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        QCOMPARE(job->parent(), client.get());
        run(job);
        QCOMPARE(job->error(), Error::None);
        QVERIFY(job->errorString().isEmpty());
        QCOMPARE(job->httpStatus(), 200);
        QCOMPARE(job->attempts(), 1);
        QCOMPARE(job->json().object().value(u"imageTag"_s).toString(), u"3.307.417-0"_s);
        QCOMPARE(job->json().object().value(u"branch"_s).toString(), u"release-307"_s);
        QVERIFY(job->body().startsWith('{'));

        QCOMPARE(fake.requests().size(), 1);
        const FakeInstana::Request &request = fake.requests().first();
        QCOMPARE(request.method, "GET");
        QCOMPARE(request.path, apiVersion());
        QCOMPARE(request.header("authorization"), "apiToken " + Token);
        QCOMPARE(request.header("accept"), "application/json");
        QCOMPARE(request.header("user-agent"), "instana-workbench/" WORKBENCH_VERSION_STRING);
        QVERIFY(request.header("content-type").isEmpty());

        // The answer's rate limit, on the job and on the client.
        QCOMPARE(job->rateLimit().limit, 5000);
        QCOMPARE(job->rateLimit().remaining, 4987);
        QCOMPARE(job->rateLimit().resetAt, QDateTime::fromSecsSinceEpoch(1767276000, Qt::UTC));
        QCOMPARE(rateSpy.size(), 1);
        QCOMPARE(client->rateLimit(), job->rateLimit());

        RestJob *health = client->request("GET", u"/api/instana/health"_s);
        run(health);
        QCOMPARE(health->error(), Error::None);
        QCOMPARE(health->json().object().value(u"health"_s).toString(), u"GREEN"_s);
        QVERIFY(health->json().object().value(u"messages"_s).isArray());
        QCOMPARE(rateSpy.size(), 2); // 4986 now
        QCOMPARE(client->rateLimit().remaining, 4986);
    }

    void postSendsBodyAsJson()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        const QByteArray body = R"({"pagination":{"retrievalSize":5}})";
        RestJob *job = client->request("POST", u"/api/application-monitoring/analyze/traces"_s, {}, body);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->json().object().value(u"items"_s).toArray().size(), 5);
        QCOMPARE(fake.requests().size(), 1);
        QCOMPARE(fake.requests().first().body, body);
        QCOMPARE(fake.requests().first().header("content-type"), "application/json");
        QCOMPARE(fake.requests().first().header("authorization"), "apiToken " + Token);
    }

    void pathAndQuery()
    {
        FakeInstana fake(Token);
        ConnectionOptions options = optionsFor(fake.url(u"/tenant/"_s));
        auto client = clientWith(options);
        QUrlQuery query;
        query.addQueryItem(u"windowSize"_s, u"3600000"_s);
        query.addQueryItem(u"nameFilter"_s, u"a b&c"_s);
        query.addQueryItem(u"query"_s, u"entity.tag:a+b 50%"_s);
        RestJob *job = client->request(
            "GET", u"api/application-monitoring/applications;id=e8krH1wNRV6daAo/services?to=1"_s, query);
        QCOMPARE(job->path(), u"/api/application-monitoring/applications;id=e8krH1wNRV6daAo/services"_s);
        run(job);
        QCOMPARE(job->error(), Error::NotFound); // the fake serves no such path
        QCOMPARE(fake.requests().size(), 1);
        const FakeInstana::Request &request = fake.requests().first();
        // ";" and "=" arrive as they are; the base URL's path comes first.
        QCOMPARE(request.path, "/tenant/api/application-monitoring/applications;id=e8krH1wNRV6daAo/services");
        QCOMPARE(request.query.queryItemValue(u"to"_s), u"1"_s);
        QCOMPARE(request.query.queryItemValue(u"windowSize"_s), u"3600000"_s);
        QCOMPARE(request.query.queryItemValue(u"nameFilter"_s, QUrl::FullyDecoded), u"a b&c"_s);
        // A plus sign is sent as one, never as a "+" that servers read as a space.
        QVERIFY2(request.query.query(QUrl::FullyEncoded).contains(u"query=entity.tag%3Aa%2Bb%2050%25"_s),
                 qPrintable(request.query.query(QUrl::FullyEncoded)));
    }

    void answerErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status"); // 0: no fault set
        QTest::addColumn<QStringList>("errors");
        QTest::addColumn<bool>("wrongToken");
        QTest::addColumn<Error>("error");
        QTest::addColumn<QString>("says");

        const QByteArray config = "/api/application-monitoring/settings/application";
        QTest::newRow("401") << QByteArray("GET") << apiVersion() << 0 << QStringList() << true << Error::Unauthorized
                             << u"the API token was rejected"_s;
        QTest::newRow("403 named") << QByteArray("GET") << config << 403 << QStringList() << false << Error::Forbidden
                                   << u"needs the permission canConfigureApplications"_s;
        QTest::newRow("403 param") << QByteArray("DELETE") << QByteArray(config + "/CxJ55sRbQwqBIfw5DzpRmQ") << 403
                                   << QStringList() << false << Error::Forbidden
                                   << u"needs the permission canConfigureApplications"_s;
        QTest::newRow("403 unknown") << QByteArray("GET") << QByteArray("/api/events") << 403 << QStringList() << false
                                     << Error::Forbidden << u"permissions do not allow this request"_s;
        QTest::newRow("404") << QByteArray("GET") << QByteArray("/api/no/such/thing") << 0 << QStringList() << false
                             << Error::NotFound << u"404: there is no such endpoint or object"_s;
        QTest::newRow("400 verbatim") << QByteArray("GET") << QByteArray("/api/events") << 400
                                      << QStringList{u"windowSize must not exceed 2678400000 (31 days)"_s,
                                                     u"to must be a timestamp in ms"_s}
                                      << false << Error::HttpStatus
                                      << u"The server said: windowSize must not exceed 2678400000 (31 days); to must "
                                         "be a timestamp in ms"_s;
        QTest::newRow("409") << QByteArray("PUT") << QByteArray("/api/events") << 409 << QStringList() << false
                             << Error::HttpStatus << u"answered HTTP 409"_s;
    }

    void answerErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QStringList, errors);
        QFETCH(bool, wrongToken);
        QFETCH(Error, error);
        QFETCH(QString, says);
        FakeInstana fake(Token);
        if (status > 0)
            fake.failWith(path, status, -1, {}, errors);
        auto client = clientFor(fake, wrongToken ? QByteArray("not-the-token") : Token);
        RestJob *job = client->request(method, QString::fromLatin1(path));
        run(job);
        QCOMPARE(job->error(), error);
        QVERIFY2(job->errorString().contains(says), qPrintable(job->errorString()));
        // The sentence names the method, the origin and the path; never a token.
        QVERIFY2(job->errorString().startsWith(QString::fromLatin1(method) + u' ' + fake.baseUrl().toString()
                                               + QString::fromLatin1(path)),
                 qPrintable(job->errorString()));
        QVERIFY(!job->errorString().contains(QString::fromLatin1(Token)));
        QVERIFY(!job->errorString().contains(u'\n'));
        QCOMPARE(job->attempts(), 1);
        if (!errors.isEmpty())
            QCOMPARE(job->serverMessages(), errors);
        if (wrongToken) {
            QCOMPARE(job->serverMessages().size(), 1); // the fake's own words, shown
            QVERIFY(job->errorString().contains(job->serverMessages().first()));
            QVERIFY(!fake.requests().first().authorized);
        }
    }

    void tokenThatCannotBeSent_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("header injection") << u"abc\r\nX-Evil: 1"_s;
        QTest::newRow("inner space") << u"abc def"_s;
        QTest::newRow("control") << u"abc\x01"_s;
        QTest::newRow("not ascii") << u"abc\u00e9"_s;
    }

    void tokenThatCannotBeSent()
    {
        QFETCH(QString, token);
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        client->setToken(token);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::Unauthorized);
        QCOMPARE(job->attempts(), 0);
        QVERIFY2(job->errorString().contains(u"not sent"_s), qPrintable(job->errorString()));
        QCOMPARE(fake.connections(), 0);
    }

    void tokenIsTrimmed()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        client->setToken(u"  "_s + QString::fromLatin1(Token) + u"\n"_s); // as pasted or read from a pipe
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(fake.requests().first().header("authorization"), "apiToken " + Token);
    }

    void serverMessagesOnOneLine()
    {
        FakeInstana fake(Token);
        const QString message = u"first line\nsecond line \x1b[31mred\x1b[0m"_s;
        fake.failWith(apiVersion(), 400, -1, {}, {message});
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->serverMessages(), QStringList{message}); // kept as written
        QVERIFY(!job->errorString().contains(u'\n'));
        QVERIFY(!job->errorString().contains(u'\x1b'));
        QVERIFY2(job->errorString().contains(u"first line second line"_s), qPrintable(job->errorString()));
    }

    void retriedThenSuccess_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("failures");
        QTest::newRow("429") << QByteArray("GET") << apiVersion() << 429 << 1;
        QTest::newRow("500") << QByteArray("GET") << apiVersion() << 500 << 1;
        QTest::newRow("502 twice") << QByteArray("GET") << apiVersion() << 502 << 2;
        QTest::newRow("503 three times") << QByteArray("GET") << apiVersion() << 503 << 3;
        QTest::newRow("503 POST") << QByteArray("POST") << QByteArray("/api/application-monitoring/analyze/traces")
                                  << 503 << 1;
        QTest::newRow("429 POST") << QByteArray("POST") << QByteArray("/api/application-monitoring/analyze/traces")
                                  << 429 << 2;
    }

    void retriedThenSuccess()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(int, failures);
        FakeInstana fake(Token);
        fake.failWith(path, status, failures, "0");
        auto client = clientFor(fake);
        RestJob *job = client->request(method, QString::fromLatin1(path), {}, method == "POST" ? "{}" : "");
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->attempts(), failures + 1);
        QCOMPARE(job->httpStatus(), 200);
        QCOMPARE(fake.requests().size(), failures + 1);
        for (const FakeInstana::Request &request : fake.requests())
            QCOMPARE(request.header("authorization"), "apiToken " + Token);
    }

    void retryAfterIsHonoured()
    {
        FakeInstana fake(Token);
        fake.failWith(apiVersion(), 429, 1, "1", {u"Rate limit exceeded"_s});
        auto client = clientFor(fake);
        QElapsedTimer clock;
        clock.start();
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->attempts(), 2);
        QCOMPARE(fake.requests().size(), 2);
        // Lower bounds, not speed: the second call came no sooner than the server asked.
        QVERIFY2(fake.requests().at(1).atMs - fake.requests().at(0).atMs >= 1000,
                 qPrintable(QString::number(fake.requests().at(1).atMs - fake.requests().at(0).atMs)));
        QVERIFY(clock.elapsed() >= 1000);
    }

    void retriesAreBounded_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<Error>("error");
        QTest::addColumn<QString>("says");
        QTest::newRow("500, default") << 500 << 0 << Error::ServerError << u"HTTP 500 after 4 attempts"_s;
        QTest::newRow("503, 2") << 503 << 2 << Error::ServerError << u"HTTP 503 after 2 attempts"_s;
        QTest::newRow("429, default") << 429 << 0 << Error::RateLimited << u"429 after 4 attempts"_s;
        QTest::newRow("429, 1") << 429 << 1 << Error::RateLimited << u"429 after 1 attempt:"_s;
    }

    void retriesAreBounded()
    {
        QFETCH(int, status);
        QFETCH(int, maxAttempts);
        QFETCH(Error, error);
        QFETCH(QString, says);
        FakeInstana fake(Token);
        fake.failWith(apiVersion(), status, -1);
        auto client = clientFor(fake);
        if (maxAttempts > 0)
            client->setMaxAttempts(maxAttempts);
        const int expected = maxAttempts > 0 ? maxAttempts : RestClient::DefaultMaxAttempts;
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), error);
        QCOMPARE(job->attempts(), expected);
        QCOMPARE(fake.requests().size(), expected);
        QVERIFY2(job->errorString().contains(says), qPrintable(job->errorString()));
    }

    void serverErrorOfPostIsNotRepeated()
    {
        // A POST may have done its work before failing: only 429 and the gateway answers repeat it.
        FakeInstana fake(Token);
        const QByteArray path = "/api/application-monitoring/analyze/traces";
        fake.failWith(path, 500, 1);
        auto client = clientFor(fake);
        RestJob *job = client->request("POST", QString::fromLatin1(path), {}, "{}");
        run(job);
        QCOMPARE(job->error(), Error::ServerError);
        QCOMPARE(job->attempts(), 1);
        QCOMPARE(fake.requests().size(), 1);
    }

    void retryAfterTooLongIsNotWaited()
    {
        FakeInstana fake(Token);
        fake.failWith(apiVersion(), 429, -1, "3600", {u"Rate limit exceeded"_s});
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::RateLimited);
        QCOMPARE(job->attempts(), 1);
        QVERIFY2(job->errorString().contains(u"wait 3600 s"_s), qPrintable(job->errorString()));
        QVERIFY2(job->errorString().contains(u"60 s"_s), qPrintable(job->errorString()));
        QVERIFY2(job->errorString().contains(u"Rate limit exceeded"_s), qPrintable(job->errorString()));
        // A lower ceiling is the client's to choose.
        fake.failWith(apiVersion(), 503, -1, "2");
        client->setRetryAfterCeiling(1s);
        RestJob *second = client->request("GET", u"/api/instana/version"_s);
        run(second);
        QCOMPARE(second->error(), Error::ServerError);
        QCOMPARE(second->attempts(), 1);
    }

    void concurrencyLimit()
    {
        FakeInstana fake(Token);
        fake.failWith(apiVersion(), 429, -1, "0", {u"Too many concurrent requests for this tenant"_s});
        auto client = clientFor(fake);
        client->setMaxAttempts(2);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::RateLimited);
        QCOMPARE(job->attempts(), 2);
        QVERIFY2(job->errorString().contains(u"concurrency limit"_s), qPrintable(job->errorString()));
        QVERIFY2(job->errorString().contains(u"Too many concurrent requests for this tenant"_s),
                 qPrintable(job->errorString()));
    }

    void rateLimitUsedUpSaysWhenItResets()
    {
        FakeInstana fake(Token);
        fake.setRateLimit(5000, 0, 1767276000);
        fake.failWith(apiVersion(), 429, -1);
        auto client = clientFor(fake);
        client->setMaxAttempts(1);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::RateLimited);
        const QString reset = QDateTime::fromSecsSinceEpoch(1767276000).toString(u"yyyy-MM-dd HH:mm:ss"_s);
        QVERIFY2(job->errorString().contains(u"used up until "_s + reset), qPrintable(job->errorString()));
        QCOMPARE(job->rateLimit().remaining, 0);
    }

    void droppedConnection()
    {
        FakeInstana fake(Token);
        fake.dropConnection(apiVersion(), 2);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::None); // a GET is sent again
        QVERIFY(fake.requests().size() >= 3);

        const QByteArray path = "/api/application-monitoring/analyze/traces";
        fake.dropConnection(path, -1);
        RestJob *post = client->request("POST", QString::fromLatin1(path), {}, "{}");
        run(post);
        QCOMPARE(post->error(), Error::Network); // a POST is not
        QCOMPARE(post->attempts(), 1);
    }

    // A caller that parses the answer elsewhere has it as it came, not looked at.
    void notCheckedWhenTheCallerParses()
    {
        FakeInstana fake(Token);
        fake.answerNotJson(apiVersion());
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        job->setParseJson(false);
        job->setCheckJson(false);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QVERIFY(job->body().startsWith("<html>"));
        QVERIFY(job->json().isNull());

        RestJob *checked = client->request("GET", u"/api/instana/version"_s);
        checked->setParseJson(false);
        run(checked);
        QCOMPARE(checked->error(), Error::NotJson);
    }

    void notJson()
    {
        FakeInstana fake(Token);
        fake.answerNotJson(apiVersion());
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::NotJson);
        QVERIFY2(job->errorString().contains(u"is no JSON"_s), qPrintable(job->errorString()));
        QVERIFY2(job->errorString().contains(u"at byte 1."_s), qPrintable(job->errorString()));
        QVERIFY(job->body().startsWith("<html>")); // kept as it came
        QVERIFY(job->json().isNull());

        fake.answerWith(apiVersion(), 200, R"({"branch": "x", })");
        RestJob *cut = client->request("GET", u"/api/instana/version"_s);
        run(cut);
        QCOMPARE(cut->error(), Error::NotJson);
        QVERIFY2(cut->errorString().contains(u"at byte 17."_s), qPrintable(cut->errorString()));
    }

    void emptyAnswerIsFine()
    {
        FakeInstana fake(Token);
        const QByteArray path = "/api/application-monitoring/settings/application/abc";
        fake.answerWith(path, 204, {});
        auto client = clientFor(fake);
        RestJob *job = client->request("DELETE", QString::fromLatin1(path));
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->httpStatus(), 204);
        QVERIFY(job->body().isEmpty());
        QVERIFY(job->json().isNull());
        QCOMPARE(fake.requests().first().method, "DELETE");
    }

    void hangTimesOut()
    {
        FakeInstana fake(Token);
        fake.hang(apiVersion());
        ConnectionOptions options = optionsFor(fake.baseUrl());
        options.timeout = 300ms;
        auto client = clientWith(options);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::Timeout);
        QCOMPARE(job->attempts(), 1);
        QVERIFY2(job->errorString().contains(u"within 300 ms"_s), qPrintable(job->errorString()));
        QCOMPARE(fake.requests().size(), 1);
    }

    void redirectToAnotherOrigin_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("301") << 301;
        QTest::newRow("302") << 302;
        QTest::newRow("307") << 307;
        QTest::newRow("308") << 308;
    }

    void redirectToAnotherOrigin()
    {
        QFETCH(int, status);
        FakeInstana fake(Token);
        FakeInstana elsewhere(Token); // another port: another origin
        const QUrl target = elsewhere.url(u"/api/instana/version"_s);
        fake.redirect(apiVersion(), target, status);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::Redirect);
        QVERIFY2(job->errorString().contains(target.toString()), qPrintable(job->errorString()));
        QCOMPARE(job->attempts(), 1);
        QCOMPARE(fake.requests().size(), 1);
        QTest::qWait(50);
        QCOMPARE(elsewhere.connections(), 0);
        QVERIFY(elsewhere.requests().isEmpty());
    }

    void redirectToSameOriginIsFollowed()
    {
        FakeInstana fake(Token);
        fake.redirect("/api/old/version", fake.url(u"/api/instana/version"_s), 302);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/old/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->json().object().value(u"imageTag"_s).toString(), u"3.307.417-0"_s);
        QCOMPARE(fake.requests().size(), 2);
        QCOMPARE(fake.requests().at(1).path, apiVersion());
        QVERIFY(fake.requests().at(1).authorized);
    }

    // QNetworkAccessManager's own following sent the first request twice now and then; the
    // client follows redirects itself, so each is sent once, also when many run at once.
    void redirectsSendEachRequestOnce()
    {
        FakeInstana fake(Token);
        fake.redirect("/api/old/version", fake.url(u"/api/instana/version"_s), 302);
        auto client = clientFor(fake);
        constexpr int Jobs = 40;
        QList<RestJob *> jobs;
        for (int i = 0; i < Jobs; ++i)
            jobs.append(client->request("GET", u"/api/old/version"_s));
        for (RestJob *job : std::as_const(jobs))
            job->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(jobs.cbegin(), jobs.cend(), [](RestJob *job) { return job->isFinished(); }), 20000);
        for (RestJob *job : std::as_const(jobs))
            QCOMPARE(job->error(), Error::None);
        QCOMPARE(fake.requestsTo("/api/old/version").size(), Jobs);
        QCOMPARE(fake.requestsTo(apiVersion()).size(), Jobs);
    }

    void redirectLoopEnds()
    {
        FakeInstana fake(Token);
        fake.redirect("/api/a", fake.url(u"/api/b"_s), 302);
        fake.redirect("/api/b", fake.url(u"/api/a"_s), 301);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/a"_s);
        run(job);
        QCOMPARE(job->error(), Error::Redirect);
        QVERIFY2(job->errorString().contains(u"more than 5 times"_s), qPrintable(job->errorString()));
        QCOMPARE(fake.requests().size(), 6);
        QCOMPARE(job->attempts(), 1);
    }

    void redirectOfPostKeepsOrRefuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("followed");
        QTest::newRow("301") << 301 << false;
        QTest::newRow("302") << 302 << false;
        QTest::newRow("303") << 303 << false;
        QTest::newRow("307") << 307 << true;
        QTest::newRow("308") << 308 << true;
    }

    void redirectOfPostKeepsOrRefuses()
    {
        QFETCH(int, status);
        QFETCH(bool, followed);
        FakeInstana fake(Token);
        const QByteArray target = "/api/application-monitoring/analyze/traces";
        fake.redirect("/api/old/traces", fake.url(QString::fromLatin1(target)), status);
        auto client = clientFor(fake);
        const QByteArray body = R"({"timeFrame":{"windowSize":60000}})";
        RestJob *job = client->request("POST", u"/api/old/traces"_s, {}, body);
        run(job);
        if (followed) {
            QCOMPARE(job->error(), Error::None);
            QCOMPARE(fake.requests().size(), 2);
            QCOMPARE(fake.requests().at(1).method, QByteArray("POST"));
            QCOMPARE(fake.requests().at(1).path, target);
            QCOMPARE(fake.requests().at(1).body, body);
        } else {
            QCOMPARE(job->error(), Error::Redirect);
            QVERIFY2(job->errorString().contains(u"only 307 and 308 keep the method POST"_s),
                     qPrintable(job->errorString()));
            QCOMPARE(fake.requests().size(), 1);
        }
    }

    void plainHttpRefused_data()
    {
        QTest::addColumn<QUrl>("baseUrl");
        QTest::addColumn<QString>("says");
        QTest::newRow("remote http") << QUrl(u"http://example.invalid"_s) << u"over plain http://"_s;
        QTest::newRow("remote http, ip") << QUrl(u"http://192.0.2.10:8080"_s) << u"over plain http://"_s;
        QTest::newRow("ftp") << QUrl(u"ftp://example.invalid"_s) << u"is no http:// or https:// URL"_s;
        QTest::newRow("no host") << QUrl(u"https:///api"_s) << u"is no http:// or https:// URL"_s;
        QTest::newRow("empty") << QUrl() << u"is no http:// or https:// URL"_s;
    }

    void plainHttpRefused()
    {
        QFETCH(QUrl, baseUrl);
        QFETCH(QString, says);
        auto client = clientWith(optionsFor(baseUrl));
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::InsecureUrl);
        QCOMPARE(job->attempts(), 0); // nothing went out
        QVERIFY2(job->errorString().contains(says), qPrintable(job->errorString()));
    }

    void allowHttpLetsItThrough()
    {
        ConnectionOptions options = optionsFor(QUrl(u"http://workbench-test.invalid"_s));
        options.allowHttp = true;
        options.timeout = 5s;
        auto client = clientWith(options);
        client->setMaxAttempts(1);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->attempts(), 1);
        QVERIFY2(job->error() == Error::CannotConnect || job->error() == Error::Timeout,
                 qPrintable(job->errorString()));
    }

    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << u"localhost"_s << true;
        QTest::newRow("LOCALHOST") << u"LOCALHOST"_s << true;
        QTest::newRow("a.localhost") << u"agent.localhost"_s << true;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
        QTest::newRow("127.8.9.1") << u"127.8.9.1"_s << true;
        QTest::newRow("::1") << u"::1"_s << true;
        QTest::newRow("remote") << u"example.invalid"_s << false;
        QTest::newRow("localhost.evil") << u"localhost.example.com"_s << false;
        QTest::newRow("10.0.0.1") << u"10.0.0.1"_s << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(RestClient::isLoopbackHost(host), loopback);
    }

    void manualProxy()
    {
        // The fake stands in for the proxy: the request arrives there in absolute form.
        FakeInstana proxy(Token);
        ConnectionOptions options = optionsFor(QUrl(u"http://workbench-test.invalid"_s));
        options.allowHttp = true;
        options.proxy = ProxyMode::Manual;
        options.proxyUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(proxy.port()));
        auto client = clientWith(options);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(proxy.requests().size(), 1);
        QCOMPARE(proxy.requests().first().path, "http://workbench-test.invalid/api/instana/version");
        QCOMPARE(job->httpStatus(), 404);

        options.proxyUrl = QUrl(u"ftp://127.0.0.1:21"_s);
        auto refused = clientWith(options);
        RestJob *unusable = refused->request("GET", u"/api/instana/version"_s);
        run(unusable);
        QCOMPARE(unusable->error(), Error::Network);
        QCOMPARE(unusable->attempts(), 0);
        QVERIFY2(unusable->errorString().contains(u"ftp://127.0.0.1:21"_s), qPrintable(unusable->errorString()));
    }

    void refusedConnection()
    {
        auto client = clientWith(optionsFor(QUrl(u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort()))));
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::CannotConnect);
        QVERIFY2(job->errorString().contains(u"nothing takes connections"_s), qPrintable(job->errorString()));
    }

    void tlsBundleUnreadable()
    {
        ConnectionOptions options = optionsFor(QUrl(u"https://127.0.0.1:1"_s));
        options.caBundleFile = u"/nonexistent/workbench/ca.pem"_s;
        auto client = clientWith(options);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::Tls);
        QCOMPARE(job->attempts(), 0);
        QVERIFY2(job->errorString().contains(u"/nonexistent/workbench/ca.pem"_s), qPrintable(job->errorString()));
    }

    void tooLarge()
    {
        FakeInstana fake(Token);
        fake.answerLarge(apiVersion(), 100000);
        ConnectionOptions options = optionsFor(fake.baseUrl());
        options.maxResponseBytes = 1000;
        auto client = clientWith(options);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::TooLarge);
        QVERIFY2(job->errorString().contains(u"ceiling of 1000 bytes"_s), qPrintable(job->errorString()));
        QVERIFY2(job->errorString().contains(u"largest answer size"_s), qPrintable(job->errorString()));
        QVERIFY(job->body().size() <= 1000);
    }

    void largeAnswer()
    {
        FakeInstana fake(Token);
        const qint64 bytes = 3 * 1024 * 1024 + 17;
        fake.answerLarge(apiVersion(), bytes);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QVERIFY2(job->error() == Error::None, qPrintable(job->errorString()));
        QCOMPARE(job->body().size(), bytes);
        const QJsonArray items = job->json().array();
        QVERIFY(items.size() > 10000);
        QCOMPARE(items.first().toObject().value(u"id"_s).toString(), u"item-000000000000"_s);
        QCOMPARE(items.last().toObject().value(u"value"_s).toInteger(), items.size() - 1);
    }

    void cancelDuringHang()
    {
        FakeInstana fake(Token);
        fake.hang(apiVersion());
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        int finished = 0;
        connect(job, &RestJob::finished, this, [&finished](RestJob *which) {
            ++finished;
            which->abort(); // from the slot: nothing more
        });
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(fake.requests().size(), 1, Patience);
        QVERIFY(job->isRunning());
        job->abort();
        QCOMPARE(finished, 1); // at once
        QCOMPARE(job->error(), Error::Cancelled);
        QCOMPARE(job->errorString(), u"Cancelled."_s);
        job->abort();
        QTest::qWait(50);
        QCOMPARE(finished, 1);
    }

    void cancelDuringBackoff()
    {
        FakeInstana fake(Token);
        fake.failWith(apiVersion(), 503, -1, "30"); // under the ceiling: the job waits 30 s
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        int finished = 0;
        connect(job, &RestJob::finished, this, [&finished] { ++finished; });
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(fake.requests().size(), 1, Patience);
        QTRY_VERIFY_WITH_TIMEOUT(job->httpStatus() == 503, Patience); // the answer came: now it waits
        QCOMPARE(finished, 0);
        job->abort();
        QCOMPARE(finished, 1); // at once, not after the wait
        QCOMPARE(job->error(), Error::Cancelled);
        QTest::qWait(100);
        QCOMPARE(fake.requests().size(), 1);
        QCOMPARE(finished, 1);
    }

    void cancelBeforeStart()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        job->abort();
        run(job);
        QCOMPARE(job->error(), Error::Cancelled);
        QCOMPARE(job->attempts(), 0);
        QCOMPARE(fake.connections(), 0);
    }

    void clientGoesFirst()
    {
        // Jobs still running when their client goes end without a signal and without a crash.
        FakeInstana fake(Token);
        fake.hang(apiVersion());
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        int finished = 0;
        connect(job, &RestJob::finished, this, [&finished] { ++finished; });
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(fake.requests().size(), 1, Patience);
        client.reset();
        QTest::qWait(50);
        QCOMPARE(finished, 0);
    }

    void rateLimitHeaders_data()
    {
        using Headers = QList<std::pair<QByteArray, QByteArray>>;
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<qint64>("remaining");
        QTest::addColumn<qint64>("reset"); // -1: invalid
        QTest::newRow("all") << Headers{{"X-RateLimit-Limit", "5000"},
                                        {"X-RateLimit-Remaining", "4987"},
                                        {"X-RateLimit-Reset", "1767276000"}}
                             << qint64(5000) << qint64(4987) << qint64(1767276000);
        QTest::newRow("lower case, spaces") << Headers{{"x-ratelimit-limit", " 10 "}, {"x-ratelimit-remaining", "0"}}
                                            << qint64(10) << qint64(0) << qint64(-1);
        QTest::newRow("garbage") << Headers{{"X-RateLimit-Limit", "lots"},
                                            {"X-RateLimit-Remaining", "-5"},
                                            {"X-RateLimit-Reset", "tomorrow"}}
                                 << qint64(-1) << qint64(-1) << qint64(-1);
        QTest::newRow("overflow") << Headers{{"X-RateLimit-Limit", "99999999999999999999999"},
                                             {"X-RateLimit-Remaining", "1e3"},
                                             {"X-RateLimit-Reset", "999999999999999"}}
                                  << qint64(-1) << qint64(-1) << qint64(-1);
        QTest::newRow("none") << Headers{{"Content-Type", "application/json"}} << qint64(-1) << qint64(-1)
                              << qint64(-1);
    }

    void rateLimitHeaders()
    {
        using Headers = QList<std::pair<QByteArray, QByteArray>>;
        QFETCH(Headers, headers);
        QFETCH(qint64, limit);
        QFETCH(qint64, remaining);
        QFETCH(qint64, reset);
        const RateLimit parsed = RateLimit::fromHeaders(headers);
        QCOMPARE(parsed.limit, limit);
        QCOMPARE(parsed.remaining, remaining);
        QCOMPARE(parsed.resetAt.isValid() ? parsed.resetAt.toSecsSinceEpoch() : qint64(-1), reset);

        // The same over the wire, on an answer and on an error.
        FakeInstana fake(Token);
        fake.setRateLimitHeaders(headers);
        auto client = clientFor(fake);
        QSignalSpy spy(client.get(), &RestClient::rateLimitChanged);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QCOMPARE(job->rateLimit(), parsed);
        RestJob *missing = client->request("GET", u"/api/nothing"_s);
        run(missing);
        QCOMPARE(missing->error(), Error::NotFound);
        QCOMPARE(missing->rateLimit(), parsed);
        QCOMPARE(spy.size(), parsed.isValid() ? 1 : 0);
        QCOMPARE(client->rateLimit(), parsed);
    }

    void rateLimitText()
    {
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        const QDateTime now(QDate(2026, 1, 1), QTime(13, 10), Qt::UTC);
        RateLimit limit{5000, 4987, QDateTime(QDate(2026, 1, 1), QTime(14, 0), Qt::UTC)};
        QCOMPARE(limit.toText(english, now), u"4,987 of 5,000 calls left · resets 14:00"_s);
        limit.resetAt = QDateTime(QDate(2026, 1, 2), QTime(0, 0), Qt::UTC);
        QCOMPARE(limit.toText(english, now), u"4,987 of 5,000 calls left · resets 2026-01-02 00:00"_s);
        QCOMPARE((RateLimit{-1, 12, {}}.toText(english, now)), u"12 calls left"_s);
        QCOMPARE((RateLimit{5000, -1, {}}.toText(english, now)), u"5,000 calls an hour"_s);
        QVERIFY(RateLimit().toText(english, now).isEmpty());
        QVERIFY(!RateLimit().isValid());
    }

    void rateLimitShareLeft_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<qint64>("remaining");
        QTest::addColumn<double>("share"); // -1: unknown
        QTest::addColumn<bool>("low");
        QTest::newRow("all left") << qint64(5000) << qint64(5000) << 1.0 << false;
        QTest::newRow("half") << qint64(5000) << qint64(2500) << 0.5 << false;
        QTest::newRow("exactly a tenth") << qint64(5000) << qint64(500) << 0.1 << false;
        QTest::newRow("just under a tenth") << qint64(5000) << qint64(499) << 0.0998 << true;
        QTest::newRow("none left") << qint64(5000) << qint64(0) << 0.0 << true;
        QTest::newRow("more left than the limit") << qint64(100) << qint64(250) << 1.0 << false;
        QTest::newRow("limit unknown") << qint64(-1) << qint64(12) << -1.0 << false;
        QTest::newRow("remaining unknown") << qint64(5000) << qint64(-1) << -1.0 << false;
        QTest::newRow("limit zero") << qint64(0) << qint64(0) << -1.0 << false;
    }

    void rateLimitShareLeft()
    {
        QFETCH(qint64, limit);
        QFETCH(qint64, remaining);
        QFETCH(double, share);
        QFETCH(bool, low);
        const RateLimit rate{limit, remaining, {}};
        QCOMPARE(rate.shareLeft().has_value(), share >= 0);
        if (share >= 0)
            QVERIFY2(qAbs(*rate.shareLeft() - share) < 0.0001, qPrintable(QString::number(*rate.shareLeft())));
        QCOMPARE(rate.isLow(), low);
    }

    void errorNames()
    {
        const QMetaEnum meta = QMetaEnum::fromType<Error>();
        QSet<QString> names;
        for (int i = 0; i < meta.keyCount(); ++i) {
            const QString name = errorName(Error(meta.value(i)));
            QVERIFY2(!name.isEmpty(), meta.key(i));
            names.insert(name);
        }
        QCOMPARE(names.size(), meta.keyCount());
    }

    void oneLineOfAServersText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("maxLength");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"Token expired"_s << qsizetype(50) << u"Token expired"_s;
        QTest::newRow("line breaks") << u" first\nsecond\r\nthird \t"_s << qsizetype(50) << u"first second  third"_s;
        QTest::newRow("terminal escape") << u"\x1b[31mred\x1b[0m"_s << qsizetype(50) << u"[31mred [0m"_s;
        QTest::newRow("unicode separators") << u"a\u2028b\u2029c"_s << qsizetype(50) << u"a b c"_s;
        QTest::newRow("cut") << u"abcdefghij"_s << qsizetype(4) << u"abcd"_s;
        QTest::newRow("cut, then trimmed") << u"abc   defg"_s << qsizetype(5) << u"abc"_s;
    }

    void oneLineOfAServersText()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, maxLength);
        QFETCH(QString, shown);
        QCOMPARE(oneLine(text, maxLength), shown);
    }

    void tokenNeverInDebugOutput()
    {
        QStringList messages;
        g_messages = &messages;
        // Directly, as QT_LOGGING_RULES in the environment would override filter rules.
        auto &rest = const_cast<QLoggingCategory &>(lcRest());
        auto &net = const_cast<QLoggingCategory &>(lcNet());
        rest.setEnabled(QtDebugMsg, true);
        net.setEnabled(QtDebugMsg, true);
        const QtMessageHandler previous = qInstallMessageHandler(keepMessage);
        {
            FakeInstana fake(Token);
            FakeInstana elsewhere(Token);
            fake.failWith("/api/retried", 503, 1, "0");
            fake.redirect("/api/moved", elsewhere.url(u"/api/instana/version"_s));
            auto client = clientFor(fake);
            auto wrong = clientFor(fake, "wrong-" + Token);
            const QList<RestJob *> jobs{
                client->request("GET", u"/api/instana/version"_s), client->request("GET", u"/api/retried"_s),
                client->request("GET", u"/api/moved"_s),
                client->request("POST", u"/api/application-monitoring/analyze/traces"_s, {}, "{}"),
                wrong->request("GET", u"/api/instana/version"_s)};
            for (RestJob *job : jobs) {
                run(job);
                QVERIFY(!job->errorString().contains(QString::fromLatin1(Token)));
            }
            QVERIFY(elsewhere.requests().isEmpty());
        }
        qInstallMessageHandler(previous);
        rest.setEnabled(QtDebugMsg, false);
        net.setEnabled(QtDebugMsg, false);
        g_messages = nullptr;
        const QString all = messages.join(u'\n');
        // Shown on failure with the token's characters masked, so that not even this prints it.
        const QString shown = QString(all).replace(u"s3cr3t"_s, u"<token>"_s);
        QVERIFY2(all.contains(u"attempt"_s), qPrintable(shown)); // there was output to look at
        QVERIFY2(all.contains(u"authorization: <redacted>"_s), qPrintable(shown));
        QVERIFY2(!all.contains(QString::fromLatin1(Token)), qPrintable(shown));
        QVERIFY2(!all.contains(u"s3cr3t"_s), qPrintable(shown));
    }

    void fakePagesByNumber()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"page"_s, u"3"_s);
        query.addQueryItem(u"pageSize"_s, u"20"_s);
        RestJob *job = client->request("GET", u"/api/application-monitoring/applications"_s, query);
        run(job);
        QCOMPARE(job->error(), Error::None);
        const QJsonObject page = job->json().object();
        QCOMPARE(page.value(u"totalHits"_s).toInt(), 45);
        QCOMPARE(page.value(u"page"_s).toInt(), 3);
        QCOMPARE(page.value(u"pageSize"_s).toInt(), 20);
        const QJsonArray items = page.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 5);
        QCOMPARE(items.first().toObject().value(u"id"_s).toString(), u"app-0040"_s);
        QCOMPARE(items.first().toObject().value(u"entityType"_s).toString(), u"APPLICATION"_s);

        fake.setPagingStuck(true);
        RestJob *stuck = client->request("GET", u"/api/application-monitoring/applications"_s, query);
        run(stuck);
        QCOMPARE(stuck->json().object().value(u"items"_s).toArray().first().toObject().value(u"id"_s).toString(),
                 u"app-0000"_s);
    }

    void fakePagesByCursor()
    {
        FakeInstana fake(Token);
        fake.setTraceCount(45);
        auto client = clientFor(fake);
        QSet<QString> ids;
        QJsonObject pagination{{u"retrievalSize"_s, 20}};
        bool more = true;
        int calls = 0;
        while (more && calls < 10) {
            ++calls;
            const QByteArray body = QJsonDocument(QJsonObject{{u"pagination"_s, pagination}}).toJson();
            RestJob *job = client->request("POST", u"/api/application-monitoring/analyze/traces"_s, {}, body);
            run(job);
            QCOMPARE(job->error(), Error::None);
            const QJsonObject answer = job->json().object();
            QCOMPARE(answer.value(u"totalHits"_s).toInt(), 45);
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                ids.insert(item.toObject().value(u"trace"_s).toObject().value(u"id"_s).toString());
            more = answer.value(u"canLoadMore"_s).toBool();
            const QJsonObject cursor = items.last().toObject().value(u"cursor"_s).toObject();
            QCOMPARE(cursor.value(u"@class"_s).toString(), u".IngestionOffsetCursor"_s);
            pagination = {{u"retrievalSize"_s, 20},
                          {u"offset"_s, cursor.value(u"offset"_s)},
                          {u"ingestionTime"_s, cursor.value(u"ingestionTime"_s)}};
        }
        QCOMPARE(calls, 3);
        QCOMPARE(ids.size(), 45);

        // Stuck: the same items and canLoadMore, whatever the cursor says.
        fake.setPagingStuck(true);
        const QByteArray body = QJsonDocument(QJsonObject{{u"pagination"_s, pagination}}).toJson();
        RestJob *stuck = client->request("POST", u"/api/application-monitoring/analyze/traces"_s, {}, body);
        run(stuck);
        QVERIFY(stuck->json().object().value(u"canLoadMore"_s).toBool());
        QCOMPARE(stuck->json()
                     .object()
                     .value(u"items"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"cursor"_s)
                     .toObject()
                     .value(u"offset"_s)
                     .toInt(),
                 1);
    }

    void answerCheckedWithoutParsing()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        RestJob *job = client->request("GET", u"/api/instana/version"_s);
        QVERIFY(job->parsesJson());
        job->setParseJson(false);
        run(job);
        QCOMPARE(job->error(), Error::None);
        QVERIFY(job->json().isNull()); // held once, as the body
        QVERIFY(job->body().startsWith(R"({"branch":"release-307")"));

        // JSON only QJsonDocument takes (a tab in a string) is taken, and not kept either.
        fake.answerWith("/api/instana/health", 200, "[\"a\tb\"]");
        RestJob *lenient = client->request("GET", u"/api/instana/health"_s);
        lenient->setParseJson(false);
        run(lenient);
        QCOMPARE(lenient->error(), Error::None);
        QVERIFY(lenient->json().isNull());

        // No JSON: the same error and sentence as when it is parsed.
        fake.answerNotJson(apiVersion());
        RestJob *parsed = client->request("GET", u"/api/instana/version"_s);
        run(parsed);
        RestJob *checked = client->request("GET", u"/api/instana/version"_s);
        checked->setParseJson(false);
        run(checked);
        QCOMPARE(parsed->error(), Error::NotJson);
        QCOMPARE(checked->error(), Error::NotJson);
        QCOMPARE(checked->errorString(), parsed->errorString());
        QCOMPARE(checked->body(), parsed->body());
    }
};

QTEST_GUILESS_MAIN(TestRestClient)
#include "tst_restclient.moc"
