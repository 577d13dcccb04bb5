// The connection test against the fake backend over real sockets: the version and health it
// reports, each failure with the REST client's sentence, answers of the wrong shape, and cancel.

#include "core/rest/backendcheck.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench::Rest;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement
const QByteArray Token = "check-T0KEN-0815";
} // namespace

class TestBackendCheck : public QObject
{
    Q_OBJECT

    static std::unique_ptr<RestClient> clientFor(const FakeInstana &fake, const QByteArray &token = Token)
    {
        auto options = fake.clientOptions();
        options.timeout = 2s;
        auto client = std::make_unique<RestClient>(options, QString::fromLatin1(token));
        client->setRetryPolicy(Workbench::RetryPolicy{10ms, 40ms});
        return client;
    }

    // Runs a check to its end; finished() comes once and never inside start().
    static BackendStatus run(RestClient *client)
    {
        BackendCheck check(client);
        QSignalSpy finished(&check, &BackendCheck::finished);
        check.start();
        [&] { QCOMPARE(finished.size(), 0); }();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Patience); }();
        return check.status();
    }

private Q_SLOTS:
    void versionAndHealth()
    {
        FakeInstana fake(Token);
        fake.setRateLimit(5000, 4990, 1893456000);
        const auto client = clientFor(fake);
        const BackendStatus status = run(client.get());
        QVERIFY2(status.ok(), qPrintable(status.errorString));
        QCOMPARE(status.health, u"GREEN"_s);
        QVERIFY(!status.imageTag.isEmpty());
        QVERIFY(status.versionText().startsWith(status.imageTag));
        QVERIFY(status.rateLimit.isValid());
        QCOMPARE(status.rateLimit.limit, 5000);
        const QStringList paths{QString::fromLatin1(fake.requests().at(0).path),
                                QString::fromLatin1(fake.requests().at(1).path)};
        QCOMPARE(paths, (QStringList{u"/api/instana/version"_s, u"/api/instana/health"_s}));
    }

    void healthMessagesAreKept()
    {
        FakeInstana fake(Token);
        fake.answerWith("/api/instana/health", 200, R"({"health":"YELLOW","messages":["ingest is slow",7]})");
        const auto client = clientFor(fake);
        const BackendStatus status = run(client.get());
        QVERIFY2(status.ok(), qPrintable(status.errorString));
        QCOMPARE(status.health, u"YELLOW"_s);
        QCOMPARE(status.healthMessages, (QStringList{u"ingest is slow"_s, u"a number"_s}));
    }

    void wrongTokenIsRejected()
    {
        FakeInstana fake(Token);
        const auto client = clientFor(fake, "not-the-token");
        const BackendStatus status = run(client.get());
        QCOMPARE(status.error, Error::Unauthorized);
        QVERIFY2(status.errorString.contains(u"token was rejected"_s), qPrintable(status.errorString));
        QVERIFY(!status.errorString.contains(u"not-the-token"_s));
        // The health is not asked for once the version failed.
        QCOMPARE(fake.requests().size(), 1);
    }

    void wrongShapes_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version is an array")
            << QByteArray("/api/instana/version") << QByteArray("[1,2]") << u"an array, not the object of a version"_s;
        QTest::newRow("version field no string")
            << QByteArray("/api/instana/version") << QByteArray(R"({"imageTag":{"x":1}})")
            << u"its \"imageTag\" is an object, not a string"_s;
        QTest::newRow("health unknown") << QByteArray("/api/instana/health") << QByteArray(R"({"health":"BLUE"})")
                                        << u"not one of GREEN, YELLOW and RED"_s;
        QTest::newRow("health messages no array")
            << QByteArray("/api/instana/health") << QByteArray(R"({"health":"RED","messages":"down"})")
            << u"its \"messages\" is a string, not an array"_s;
    }

    void wrongShapes()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        FakeInstana fake(Token);
        fake.answerWith(path, 200, body);
        const auto client = clientFor(fake);
        const BackendStatus status = run(client.get());
        QCOMPARE(status.error, Error::NotJson);
        QVERIFY2(status.errorString.contains(expected), qPrintable(status.errorString));
    }

    void failuresKeepTheClientsSentence()
    {
        FakeInstana fake(Token);
        fake.failWith("/api/instana/health", 503, -1);
        const auto client = clientFor(fake);
        client->setMaxAttempts(2);
        const BackendStatus status = run(client.get());
        QCOMPARE(status.error, Error::ServerError);
        QVERIFY2(status.errorString.contains(u"/api/instana/health"_s), qPrintable(status.errorString));
        QCOMPARE(fake.requestsTo("/api/instana/health").size(), 2);
    }

    // The fake backend over HTTPS: its throwaway certificate is refused before anything is
    // sent, and trusted with its PEM file as the CA bundle.
    void overTlsWithTheFakeBackend()
    {
        FakeInstana fake(TestSupport::TlsCertificate::Localhost, Token);
        QVERIFY2(fake.isListening(), qPrintable(fake.errorString()));
        QVERIFY(fake.isTls());
        QCOMPARE(fake.baseUrl(), QUrl(u"https://127.0.0.1:%1"_s.arg(fake.port())));
        const auto refusing = clientFor(fake);
        const BackendStatus refused = run(refusing.get());
        QCOMPARE(refused.error, Error::Tls);
        QVERIFY2(refused.errorString.contains(u"Subject: CN=localhost"_s), qPrintable(refused.errorString));
        QCOMPARE(fake.requests().size(), 0);

        ConnectionOptions options = refusing->options();
        options.caBundleFile = fake.caBundle();
        RestClient trusting(options, QString::fromLatin1(Token));
        const BackendStatus status = run(&trusting);
        QVERIFY2(status.ok(), qPrintable(status.errorString));
        QCOMPARE(status.imageTag, u"3.307.417-0"_s);
        QCOMPARE(fake.requests().size(), 2);
        QVERIFY(fake.requests().at(0).authorized);
        QVERIFY(FakeInstana().caBundle().isEmpty());
    }

    void cancelWhileTheServerHangs()
    {
        FakeInstana fake(Token);
        fake.hang("/api/instana/version");
        const auto client = clientFor(fake);
        BackendCheck check(client.get());
        QSignalSpy finished(&check, &BackendCheck::finished);
        check.start();
        QTRY_COMPARE_WITH_TIMEOUT(fake.requests().size(), 1, Patience);
        check.abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(check.status().error, Error::Cancelled);
        check.abort();
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBackendCheck)
#include "tst_backendcheck.moc"
