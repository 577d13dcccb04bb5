// A million spans through the local agent from several clients at once, in lenient mode (no
// rate limit), over real sockets: every accepted span is accounted for, none lost, none
// doubled. WORKBENCH_LOAD_SPANS sets another total.

#include "core/localagent/localagent.h"

#include "tests/support/rawhttp.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <unordered_set>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;

namespace {

QByteArray hex16(quint64 value)
{
    return QByteArray::number(value, 16).rightJustified(16, '0');
}

// Spans of client `client`, request `request`: ids that say where they came from.
QByteArray requestBody(int client, int request, int spans)
{
    QByteArray body;
    body.reserve(spans * 230);
    body += '[';
    const quint64 base = (quint64(client + 1) << 48) | (quint64(request) << 16);
    for (int s = 0; s < spans; ++s) {
        if (s)
            body += ',';
        body += "{\"spanId\":\"" + hex16(base + quint64(s)) + "\",\"traceId\":\"" + hex16(base) + "\"";
        if (s)
            body += ",\"parentId\":\"" + hex16(base) + "\"";
        body += ",\"timestamp\":" + QByteArray::number(1700000000000LL + s) + ",\"duration\":"
            + QByteArray::number(s % 97) + ",\"name\":\"GET /api/items\",\"type\":\"" + (s ? "EXIT" : "ENTRY")
            + "\",\"data\":{\"service\":\"svc-" + QByteArray::number(client) + "\",\"http.status_code\":\"200\"}}";
    }
    body += ']';
    return body;
}

} // namespace

class TestLocalAgentLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aMillionSpansFromSeveralClients()
    {
        const qint64 total = qEnvironmentVariableIsSet("WORKBENCH_LOAD_SPANS")
            ? qEnvironmentVariableIntValue("WORKBENCH_LOAD_SPANS")
            : 1000000;
        const int clients = 4;
        const int spansPerRequest = 1000;
        const int requestsPerClient = int(total / (clients * spansPerRequest));
        const qint64 expected = qint64(clients) * requestsPerClient * spansPerRequest;

        LocalAgent agent;
        LocalAgentConfig config;
        config.port = 0;
        config.lenient = true;
        QVERIFY(agent.start(config));

        std::unordered_set<quint64> seen;
        seen.reserve(size_t(expected));
        qint64 received = 0;
        qint64 doubled = 0;
        qint64 withErrors = 0;
        connect(&agent, &LocalAgent::captured, this, [&](const CaptureBatch &batch) {
            // Lenient mode reports the rate limit it does not enforce; nothing else may show up.
            for (const Finding &finding : batch.request.findings) {
                if (finding.rule != u"rate-limit"_s)
                    ++withErrors;
            }
            for (const CapturedItem &item : batch.items) {
                ++received;
                if (!seen.insert(item.spanId().toULongLong(nullptr, 16)).second)
                    ++doubled;
            }
        });

        std::atomic<int> failedRequests{0};
        std::vector<std::unique_ptr<QThread>> threads;
        QElapsedTimer clock;
        clock.start();
        for (int c = 0; c < clients; ++c) {
            threads.push_back(std::unique_ptr<QThread>(QThread::create([&, c] {
                RawHttpClient client;
                if (!client.connectTo(agent.port())) {
                    failedRequests += requestsPerClient;
                    return;
                }
                for (int r = 0; r < requestsPerClient; ++r) {
                    const auto response = client.send(
                        postRequest("/com.instana.plugin.generic.trace", requestBody(c, r, spansPerRequest)), 60000);
                    if (!response.ok || response.status != 200)
                        ++failedRequests;
                }
            })));
            threads.back()->start();
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return received >= expected
                    && std::all_of(threads.begin(), threads.end(), [](const auto &t) { return t->isFinished(); });
            },
            800000));
        const double seconds = double(clock.elapsed()) / 1000.0;
        qInfo().nospace() << "spans received: " << received << " in " << seconds << " s ("
                          << qint64(double(received) / seconds) << " spans/s, this build)";

        QCOMPARE(failedRequests.load(), 0);
        QCOMPARE(withErrors, 0);
        QCOMPARE(received, expected);
        QCOMPARE(doubled, 0);
        QCOMPARE(qint64(seen.size()), expected);
    }
};

QTEST_GUILESS_MAIN(TestLocalAgentLoad)
#include "tst_localagentload.moc"
