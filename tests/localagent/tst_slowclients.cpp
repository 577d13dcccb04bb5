// Slow clients over real sockets on 127.0.0.1: a head trickled past its deadline, a body below
// the minimum rate, a request deadline that each byte does not push back, and a crowd of 256
// slow connections that does not lock a good client out. The limits are set short through the
// agent's options so that the tests take seconds; the asserts are on outcomes only.

#include "core/localagent/localagent.h"

#include "tests/support/rawhttp.h"

#include <QElapsedTimer>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;
using TestSupport::RawResponse;

namespace {
const QByteArray eventPath = "/com.instana.plugin.generic.event";
const QByteArray goodEvent = "{\"title\":\"good\"}";

// Limits long enough that no slow client reaches them while a test runs, unless it sets one short.
LocalAgentConfig patientConfig()
{
    LocalAgentConfig config;
    config.port = 0;
    config.requestTimeout = std::chrono::minutes(1);
    config.headTimeout = std::chrono::minutes(1);
    config.bodyTimeout = std::chrono::minutes(1);
    config.idleTimeout = std::chrono::minutes(1);
    return config;
}

struct Trickled
{
    RawResponse response;
    bool cutOff = false; // the agent answered or closed before every piece was sent
};

// Writes `pieces` one after the other, `pauseMs` apart, until the agent answers or closes or the
// last piece is sent; then reads the answer.
Trickled trickle(RawHttpClient &client, const QList<QByteArray> &pieces, int pauseMs)
{
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (!client.isConnected() || !client.write(pieces.at(i)))
            return {client.read(5000), true};
        if (i == pieces.size() - 1)
            break;
        const RawResponse early = client.read(pauseMs);
        if (early.ok || early.closed)
            return {early, true};
    }
    return {client.read(5000), false};
}
} // namespace

class TestSlowClients : public QObject
{
    Q_OBJECT

    quint16 start(const LocalAgentConfig &config)
    {
        QString error;
        if (!m_agent->start(config, &error))
            qWarning() << error;
        return m_agent->port();
    }

private Q_SLOTS:
    void init() { m_agent = std::make_unique<LocalAgent>(); }
    void cleanup() { m_agent.reset(); }

    void defaultsAreDocumented()
    {
        const LocalAgentConfig defaults;
        QCOMPARE(defaults.headTimeout, std::chrono::seconds(10));
        QCOMPARE(defaults.bodyTimeout, std::chrono::seconds(10));
        QCOMPARE(defaults.minBodyRate, 1024);
        QCOMPARE(defaults.requestTimeout, std::chrono::seconds(30));
        QCOMPARE(defaults.idleTimeout, std::chrono::seconds(30));
        QCOMPARE(defaults.slowAfter, std::chrono::seconds(1));
        QCOMPARE(defaults.maxConnections, 256);
    }

    // A header line now and then: each line is progress, but the head as a whole has a deadline.
    void headTrickledPastItsDeadlineIs408()
    {
        LocalAgentConfig config = patientConfig();
        config.headTimeout = std::chrono::milliseconds(300);
        start(config);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QList<QByteArray> lines{"POST " + eventPath + " HTTP/1.1\r\n"};
        for (int i = 0; i < 200; ++i)
            lines.append("X-Line-" + QByteArray::number(i) + ": slow\r\n");
        const auto [response, cutOff] = trickle(client, lines, 50);
        QVERIFY(cutOff);
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.status, 408);
        QVERIFY(response.body.contains("\"rule\":\"timeout\""));
        QVERIFY(response.body.contains("head"));
        QVERIFY(client.waitForClose(5000));
    }

    // The deadline of a request runs from its first byte; later bytes do not push it back, even
    // when the request and idle times are the same (as they are by default).
    void eachByteDoesNotRestartTheRequestDeadline()
    {
        LocalAgentConfig config = patientConfig();
        config.requestTimeout = std::chrono::milliseconds(400);
        config.idleTimeout = std::chrono::milliseconds(400);
        start(config);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QList<QByteArray> bytes;
        const QByteArray head = "POST " + eventPath + " HTTP/1.1\r\nX-Slow: " + QByteArray(100, 'a');
        for (const char c : head)
            bytes.append(QByteArray(1, c));
        const auto [response, cutOff] = trickle(client, bytes, 50);
        QVERIFY(cutOff);
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.status, 408);
        QVERIFY(client.waitForClose(5000));
    }

    // One body byte now and then, far below the minimum rate.
    void bodyBelowTheMinimumRateIs408()
    {
        LocalAgentConfig config = patientConfig();
        config.bodyTimeout = std::chrono::milliseconds(300);
        config.minBodyRate = 1024;
        start(config);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QVERIFY(client.write("POST " + eventPath + " HTTP/1.1\r\nContent-Length: 100000\r\n\r\n"));
        const QList<QByteArray> bytes(200, QByteArray(" "));
        const auto [response, cutOff] = trickle(client, bytes, 50);
        QVERIFY(cutOff);
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.status, 408);
        QVERIFY(response.body.contains("bytes a second"));
        QVERIFY(client.waitForClose(5000));
    }

    // A body that keeps above the minimum rate is taken, however long it takes in all.
    void bodyAboveTheMinimumRateIsAccepted()
    {
        LocalAgentConfig config = patientConfig();
        config.bodyTimeout = std::chrono::milliseconds(200);
        config.minBodyRate = 100;
        start(config);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        const QByteArray body = "{\"title\":\"steady\",\"text\":\"" + QByteArray(560, 'x') + "\"}";
        const QByteArray request = postRequest(eventPath, body);
        const qsizetype headSize = request.indexOf("\r\n\r\n") + 4;
        QList<QByteArray> pieces{request.left(headSize)};
        for (qsizetype at = headSize; at < request.size(); at += 50)
            pieces.append(request.mid(at, 50));
        const auto [response, cutOff] = trickle(client, pieces, 100);
        QVERIFY(!cutOff);
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.status, 200);
    }

    // 256 connections trickling their heads or bodies fill the agent; a good client is answered
    // at once, and the slowest of them is answered 408 and closed to make room.
    void slowConnectionsDoNotLockOutAGoodClient()
    {
        LocalAgentConfig config = patientConfig();
        config.maxConnections = 256;
        config.slowAfter = std::chrono::milliseconds(200);
        start(config);

        std::vector<std::unique_ptr<RawHttpClient>> slow;
        for (int i = 0; i < config.maxConnections; ++i) {
            auto client = std::make_unique<RawHttpClient>();
            QVERIFY(client->connectTo(m_agent->port()));
            // Half of them are in their head, half in their body.
            const QByteArray start = i % 2 ? QByteArray("X-Slow: ") : QByteArray("Content-Length: 100000\r\n\r\n");
            QVERIFY(client->write("POST " + eventPath + " HTTP/1.1\r\n" + start));
            slow.push_back(std::move(client));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_agent->connectionCount(), config.maxConnections, 10000);

        // Keep trickling until they are well past the time after which they count as slow, with
        // room for an agent thread that reads them late on a busy machine.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 5 * config.slowAfter.count()) {
            for (auto &client : slow)
                QVERIFY(client->write("a"));
            QTest::qWait(50);
        }

        RawHttpClient good;
        QVERIFY(good.connectTo(m_agent->port()));
        const RawResponse response = good.send(postRequest(eventPath, goodEvent));
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.status, 200);

        // Exactly one slow connection made room: answered 408 and closed; the rest go on.
        std::map<size_t, RawResponse> answers;
        const auto collect = [&] {
            for (size_t i = 0; i < slow.size(); ++i) {
                if (answers.count(i))
                    continue;
                const RawResponse answer = slow[i]->read(1);
                if (answer.ok || answer.closed)
                    answers[i] = answer;
            }
            return !answers.empty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(collect(), 5000);
        QCOMPARE(answers.size(), size_t(1));
        const RawResponse &answer = answers.begin()->second;
        QCOMPARE(answer.status, 408);
        QVERIFY(answer.body.contains("\"rule\":\"slow-client\""));
        QVERIFY(answer.closed);
        const auto stillOpen
            = std::count_if(slow.begin(), slow.end(), [](const auto &client) { return client->isConnected(); });
        QCOMPARE(stillOpen, qsizetype(config.maxConnections - 1));
    }

    // When every connection is busy and none is slow, a newcomer is still refused with 503.
    void busyConnectionsStillRefuseWith503()
    {
        LocalAgentConfig config = patientConfig();
        config.maxConnections = 8;
        config.slowAfter = std::chrono::minutes(1);
        start(config);
        std::vector<std::unique_ptr<RawHttpClient>> busy;
        for (int i = 0; i < config.maxConnections; ++i) {
            auto client = std::make_unique<RawHttpClient>();
            QVERIFY(client->connectTo(m_agent->port()));
            QVERIFY(client->write("POST " + eventPath + " HTTP/1.1\r\n"));
            busy.push_back(std::move(client));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_agent->connectionCount(), config.maxConnections, 10000);
        RawHttpClient newcomer;
        QVERIFY(newcomer.connectTo(m_agent->port()));
        const RawResponse response = newcomer.read();
        QCOMPARE(response.status, 503);
        QVERIFY(response.body.contains("too-many-connections"));
    }

private:
    std::unique_ptr<LocalAgent> m_agent;
};

QTEST_GUILESS_MAIN(TestSlowClients)
#include "tst_slowclients.moc"
