// The local agent over real sockets on 127.0.0.1: the documentation's examples, every limit,
// and clients that misbehave.

#include "core/localagent/localagent.h"

#include "tests/localagent/agentexamples.h"
#include "tests/support/rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;
using TestSupport::RawResponse;

namespace {
const QByteArray eventPath = "/com.instana.plugin.generic.event";
const QByteArray tracePath = "/com.instana.plugin.generic.trace";

QByteArray span(int i, const QByteArray &extra = {})
{
    return "{\"spanId\":\"" + QByteArray::number(0x2000000000000000ULL + quint64(i), 16)
        + "\",\"traceId\":\"2000000000000000\",\"timestamp\":1700000000000,\"duration\":1,\"name\":\"s\"" + extra + '}';
}
} // namespace

class TestLocalAgent : public QObject
{
    Q_OBJECT

    quint16 start(LocalAgentConfig config = {})
    {
        config.port = 0;
        config.requestTimeout = std::chrono::milliseconds(1500);
        config.idleTimeout = std::chrono::milliseconds(1500);
        QString error;
        if (!m_agent->start(config, &error))
            qWarning() << error;
        return m_agent->port();
    }

    RawResponse sendOnce(const QByteArray &request)
    {
        RawHttpClient client;
        if (!client.connectTo(m_agent->port()))
            return {};
        return client.send(request);
    }

    // The agent still answers a good request on a new connection.
    bool stillServes()
    {
        const RawResponse response = sendOnce(postRequest(eventPath, "{\"title\":\"still here\"}"));
        return response.ok && response.status == 200;
    }

    // Waits for the captured() batches of `count` requests.
    QList<CaptureBatch> batches(QSignalSpy &spy, int count)
    {
        QList<CaptureBatch> result;
        if (!QTest::qWaitFor([&] { return spy.count() >= count; }, 10000))
            qWarning() << "only" << spy.count() << "of" << count << "batches arrived";
        for (const auto &arguments : std::as_const(spy))
            result.append(arguments.at(0).value<CaptureBatch>());
        return result;
    }

private Q_SLOTS:
    void init() { m_agent = std::make_unique<LocalAgent>(); }
    void cleanup() { m_agent.reset(); }

    void listensOnLoopbackByDefault()
    {
        QVERIFY(start() != 0);
        QVERIFY(m_agent->isRunning());
        QCOMPARE(m_agent->address(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(m_agent->url().host(), u"127.0.0.1"_s);
        QCOMPARE(LocalAgentConfig().port, 42699);

        // A second agent on the same port says why it cannot start.
        LocalAgent second;
        LocalAgentConfig config;
        config.port = m_agent->port();
        QString error;
        QVERIFY(!second.start(config, &error));
        QVERIFY2(error.contains(QString::number(config.port)), qPrintable(error));
        QVERIFY(!second.isRunning());
    }

    void docsExamplesAreAccepted()
    {
        const quint16 port = start();
        QSignalSpy spy(m_agent.get(), &LocalAgent::captured);

        RawResponse response = sendOnce(AgentExamples::curlEventRequest(port));
        QCOMPARE(response.status, 200);
        response = sendOnce(AgentExamples::rubyEventRequest(port));
        QCOMPARE(response.status, 200);

        // PowerShell waits for 100 Continue before it sends the body.
        RawHttpClient powerShell;
        QVERIFY(powerShell.connectTo(port));
        QVERIFY(powerShell.write(AgentExamples::powerShellEventHead(port)));
        QTest::qWait(50);
        QVERIFY(powerShell.write(AgentExamples::powerShellEventBody));
        response = powerShell.read();
        QCOMPARE(response.status, 200);

        response = sendOnce(AgentExamples::curlTraceRequest(port));
        QCOMPARE(response.status, 200);
        QVERIFY(response.closed); // HTTP/1.0 without keep-alive

        const QList<CaptureBatch> received = batches(spy, 4);
        const QList<QByteArray> bodies{AgentExamples::curlEventBody, AgentExamples::rubyEventBody,
                                       AgentExamples::powerShellEventBody};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(received.at(i).items.size(), 1);
            QCOMPARE(received.at(i).items.at(0).fields(), QJsonDocument::fromJson(bodies.at(i)).object());
        }
        const CaptureBatch &trace = received.at(3);
        QCOMPARE(trace.items.size(), 2);
        const QJsonArray sent = QJsonDocument::fromJson(AgentExamples::traceBody).array();
        QCOMPARE(trace.items.at(0).fields(), sent.at(0).toObject());
        QCOMPARE(trace.items.at(1).fields(), sent.at(1).toObject());
        QVERIFY(trace.items.at(1).json.startsWith("{\"spanId\":\"7ddf6b31b320cc00\",\"parentId\""));
        QVERIFY(trace.request.source.startsWith(u"127.0.0.1:"_s));
        QVERIFY(trace.request.head.startsWith("POST /com.instana.plugin.generic.trace HTTP/1.0"));
    }

    void everyLimitIsEnforcedAndTheAgentKeepsServing()
    {
        start();
        QSignalSpy spy(m_agent.get(), &LocalAgent::captured);

        // Over 4 MiB, announced by Content-Length: refused before the body is read, and the
        // client still gets to read the answer while it is sending.
        RawHttpClient big;
        QVERIFY(big.connectTo(m_agent->port()));
        const QByteArray hugeBody(5 * 1024 * 1024, ' ');
        big.write(postRequest(tracePath, hugeBody));
        RawResponse response = big.read();
        QCOMPARE(response.status, 413);
        QCOMPARE(QJsonDocument::fromJson(response.body)[u"rule"_s].toString(), u"body-too-large"_s);
        QVERIFY(stillServes());

        // Over 1000 spans.
        QByteArrayList many;
        for (int i = 0; i < 1001; ++i)
            many << span(i);
        response = sendOnce(postRequest(tracePath, '[' + many.join(',') + ']'));
        QCOMPARE(response.status, 413);
        QVERIFY(QJsonDocument::fromJson(response.body)[u"reason"_s].toString().contains(u"1000 spans"_s));
        QVERIFY(stillServes());

        // A span over 4 KiB, named.
        response = sendOnce(postRequest(
            tracePath, '[' + span(1) + ',' + span(2, ",\"data\":{\"q\":\"" + QByteArray(5000, 'q') + "\"}") + ']'));
        QCOMPARE(response.status, 413);
        QVERIFY(QJsonDocument::fromJson(response.body)[u"reason"_s].toString().contains(u"2000000000000002"_s));
        QVERIFY(stillServes());

        // Malformed JSON, with the place.
        response = sendOnce(postRequest(eventPath, "{\"title\": \"x\",,}"));
        QCOMPARE(response.status, 400);
        QVERIFY(QJsonDocument::fromJson(response.body)[u"reason"_s].toString().contains(u"line 1, column"_s));
        QVERIFY(stillServes());

        // Wrong content, with the field.
        response = sendOnce(postRequest(tracePath, span(3).replace("\"duration\":1", "\"duration\":\"long\"")));
        QCOMPARE(response.status, 400);
        QVERIFY(QJsonDocument::fromJson(response.body)[u"reason"_s].toString().contains(u"duration"_s));
        QVERIFY(stillServes());

        // More than 20 calls in a second: 429 with Retry-After, on one keep-alive connection.
        RawHttpClient fast;
        QVERIFY(fast.connectTo(m_agent->port()));
        int accepted = 0;
        RawResponse limited;
        for (int i = 0; i < 25 && !limited.ok; ++i) {
            response = fast.send(postRequest(tracePath, span(100 + i)));
            if (response.status == 200)
                ++accepted;
            else
                limited = response;
        }
        QVERIFY2(accepted <= 20, qPrintable(QString::number(accepted)));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("retry-after"), QByteArray("1"));
        QVERIFY(fast.isConnected()); // 429 keeps the connection
        QTest::qWait(1100);
        QCOMPARE(fast.send(postRequest(tracePath, span(200))).status, 200);

        // Every rejection was captured with its reason.
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 12, 5000);
        int rejections = 0;
        for (const auto &arguments : std::as_const(spy)) {
            const auto batch = arguments.at(0).value<CaptureBatch>();
            if (batch.rejection) {
                ++rejections;
                QVERIFY(!batch.rejection->reason.isEmpty());
            }
        }
        QCOMPARE(rejections, 6);
    }

    void keepAliveAndPipelining()
    {
        start();
        RawHttpClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.send(postRequest(eventPath, "{\"title\":\"one by one\"}")).status, 200);
        // Three requests in one write, three answers in order.
        QVERIFY(client.write(postRequest(eventPath, "{\"title\":\"a\"}") + postRequest(eventPath, "{\"title\":5}")
                             + postRequest(eventPath, "{\"title\":\"c\"}")));
        QCOMPARE(client.read().status, 200);
        QCOMPARE(client.read().status, 400);
        QCOMPARE(client.read().status, 200);
        QVERIFY(client.isConnected());
    }

    void chunkedBodies()
    {
        start();
        const QByteArray body = "{\"title\":\"chunked\"}";
        const QByteArray request = "POST " + eventPath + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(5, 16) + "\r\n" + body.left(5) + "\r\n" + QByteArray::number(body.size() - 5, 16)
            + "\r\n" + body.mid(5) + "\r\n0\r\n\r\n";
        QSignalSpy spy(m_agent.get(), &LocalAgent::captured);
        QCOMPARE(sendOnce(request).status, 200);
        QCOMPARE(batches(spy, 1).at(0).items.at(0).title(), u"chunked"_s);
    }

    void misbehavingClients()
    {
        start();
        QSignalSpy spy(m_agent.get(), &LocalAgent::captured);

        // Binary garbage: 400, closed.
        RawHttpClient garbage;
        QVERIFY(garbage.connectTo(m_agent->port()));
        QByteArray noise;
        for (int i = 0; i < 300; ++i)
            noise += char((i * 7919) % 256);
        RawResponse response = garbage.send(noise + "\r\n");
        QCOMPARE(response.status, 400);
        QVERIFY(response.closed);

        // A Content-Length smaller than the body: the rest is read as the next request.
        RawHttpClient shortLength;
        QVERIFY(shortLength.connectTo(m_agent->port()));
        const QByteArray body = "{\"title\":\"t\"}";
        QVERIFY(shortLength.write("POST " + eventPath + " HTTP/1.1\r\nContent-Length: 5\r\n\r\n" + body));
        QCOMPARE(shortLength.read().status, 400); // "{\"tit" is malformed
        // What is left, "le\":\"t\"}", has no line end yet: it is the start of a request that
        // never completes, and is answered when the request deadline passes.
        QCOMPARE(shortLength.read(5000).status, 408);
        QVERIFY(shortLength.waitForClose(3000));

        // A Content-Length larger than the body: the request times out with 408.
        RawHttpClient longLength;
        QVERIFY(longLength.connectTo(m_agent->port()));
        response = longLength.send("POST " + eventPath + " HTTP/1.1\r\nContent-Length: 500\r\n\r\n" + body, 5000);
        QCOMPARE(response.status, 408);

        // A truncated body and the client gone: nothing captured from it, connection freed.
        {
            RawHttpClient truncated;
            QVERIFY(truncated.connectTo(m_agent->port()));
            QVERIFY(truncated.write("POST " + eventPath + " HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"title\""));
            QTest::qWait(50);
            truncated.close();
        }

        // Slow loris: a byte at a time, never finishing, is cut off at the request deadline.
        RawHttpClient slow;
        QVERIFY(slow.connectTo(m_agent->port()));
        const QByteArray slowRequest = postRequest(eventPath, body);
        for (int i = 0; i < 40 && slow.isConnected(); ++i) {
            slow.write(slowRequest.mid(i, 1));
            QTest::qWait(50);
        }
        response = slow.read(3000);
        QCOMPARE(response.status, 408);

        // An idle keep-alive client is closed after the idle time.
        RawHttpClient idle;
        QVERIFY(idle.connectTo(m_agent->port()));
        QCOMPARE(idle.send(postRequest(eventPath, body)).status, 200);
        QVERIFY(idle.waitForClose(5000));

        QTRY_COMPARE_WITH_TIMEOUT(m_agent->connectionCount(), 0, 10000);
        QVERIFY(stillServes());
        for (const auto &arguments : std::as_const(spy)) {
            const auto batch = arguments.at(0).value<CaptureBatch>();
            for (const CapturedItem &item : batch.items)
                QVERIFY(item.title() != QString()); // the truncated request left nothing behind
        }
    }

    void manyClientsAtOnce()
    {
        LocalAgentConfig config;
        config.maxConnections = 40;
        start(config);
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < 60; ++i) {
            auto client = std::make_unique<RawHttpClient>();
            QVERIFY(client->connectTo(m_agent->port()));
            clients.push_back(std::move(client));
        }
        int ok = 0;
        int busy = 0;
        for (auto &client : clients) {
            const RawResponse response = client->send(postRequest(eventPath, "{\"title\":\"crowd\"}"));
            if (response.status == 200)
                ++ok;
            else if (response.status == 503)
                ++busy;
        }
        QCOMPARE(ok, 40);
        QCOMPARE(busy, 20);
        clients.clear();
        QTRY_COMPARE_WITH_TIMEOUT(m_agent->connectionCount(), 0, 5000);
        QVERIFY(stillServes());
    }

    void stopAndStartAgain()
    {
        const quint16 port = start();
        QSignalSpy running(m_agent.get(), &LocalAgent::runningChanged);
        m_agent->stop();
        QCOMPARE(running.count(), 1);
        QVERIFY(!m_agent->isRunning());
        RawHttpClient client;
        QVERIFY(!client.connectTo(port, 1000));
        LocalAgentConfig config;
        config.port = port;
        QVERIFY(m_agent->start(config));
        QVERIFY(stillServes());
    }

    void lenientAcceptsEverything()
    {
        LocalAgentConfig config;
        config.lenient = true;
        start(config);
        QSignalSpy spy(m_agent.get(), &LocalAgent::captured);
        QCOMPARE(sendOnce(postRequest(eventPath, "{\"title\":5}")).status, 200);
        QCOMPARE(sendOnce(postRequest(eventPath, "{oops")).status, 200);
        const auto received = batches(spy, 2);
        QCOMPARE(received.at(0).request.findings.value(0).rule, u"wrong-type"_s);
        QCOMPARE(received.at(1).request.findings.value(0).rule, u"malformed-json"_s);

        m_agent->setLenient(false);
        QTRY_COMPARE_WITH_TIMEOUT(sendOnce(postRequest(eventPath, "{oops")).status, 400, 2000);
    }

private:
    std::unique_ptr<LocalAgent> m_agent;
};

QTEST_GUILESS_MAIN(TestLocalAgent)
#include "tst_localagent.moc"
