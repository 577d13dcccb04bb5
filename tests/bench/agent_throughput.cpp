// Accepted spans per second through the local agent on loopback, lenient mode, with clients
// in other threads sending 1000-span requests over keep-alive connections. Run from a
// release build: tests/bench/run-agent-throughput.sh.
//
// The same process first times a baseline: QJsonDocument parsing the same bodies with no
// HTTP, no checks and no capture, so the ratio says what the agent costs on top of Qt's own
// JSON parser.

#include "core/localagent/localagent.h"

#include "tests/support/rawhttp.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <atomic>
#include <cstdio>

using namespace Workbench;

namespace {
QByteArray body(int client, int request)
{
    QByteArray out = "[";
    for (int s = 0; s < 1000; ++s) {
        if (s)
            out += ',';
        // Ids in 16 hex digits, as the agent's sensors write them.
        out += "{\"spanId\":\""
            + QByteArray::number((quint64(client + 1) << 48) | (quint64(request) << 16) | quint64(s), 16)
                  .rightJustified(16, '0')
            + "\",\"traceId\":\""
            + QByteArray::number(quint64(client + 1) << 48 | quint64(request) << 16, 16).rightJustified(16, '0')
            + "\",\"parentId\":\"00000000000000aa\",\"timestamp\":" + QByteArray::number(1700000000000LL + s)
            + ",\"duration\":" + QByteArray::number(s % 97)
            + ",\"name\":\"GET "
              "/api/items\",\"type\":\"EXIT\",\"data\":{\"service\":\"svc\",\"http.status_code\":\"200\"}}";
    }
    return out + ']';
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int clients = 2;
    const int requestsPerClient = argc > 1 ? QByteArray(argv[1]).toInt() : 500;
    const qint64 spans = qint64(clients) * requestsPerClient * 1000;

    // Bodies made before timing; the clients cycle through them.
    QList<QByteArray> requests;
    for (int r = 0; r < 50; ++r)
        requests << TestSupport::postRequest("/com.instana.plugin.generic.trace", body(0, r));

    // Baseline: Qt's JSON parser alone on the same bodies, one thread.
    QElapsedTimer clock;
    clock.start();
    qint64 parsed = 0;
    for (qint64 i = 0; parsed < spans / 2; ++i) {
        const QByteArray &request = requests.at(i % requests.size());
        parsed += QJsonDocument::fromJson(request.mid(request.indexOf("\r\n\r\n") + 4)).array().size();
    }
    const double baselineRate = double(parsed) / (double(clock.nsecsElapsed()) / 1e9);

    LocalAgent agent;
    LocalAgentConfig config;
    config.port = 0;
    config.lenient = true;
    if (!agent.start(config))
        return 1;
    std::atomic<qint64> received{0};
    QObject::connect(&agent, &LocalAgent::captured, &app,
                     [&](const CaptureBatch &batch) { received += batch.items.size(); });

    std::atomic<int> failures{0};
    std::vector<std::unique_ptr<QThread>> threads;
    clock.restart();
    for (int c = 0; c < clients; ++c) {
        threads.push_back(std::unique_ptr<QThread>(QThread::create([&, c] {
            TestSupport::RawHttpClient client;
            if (!client.connectTo(agent.port()))
                return void(++failures);
            for (int r = 0; r < requestsPerClient; ++r) {
                if (client.send(requests.at((c * 7 + r) % requests.size()), 60000).status != 200)
                    ++failures;
            }
        })));
        threads.back()->start();
    }
    while (received < spans && failures == 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    for (auto &thread : threads)
        thread->wait();
    if (failures) {
        std::fprintf(stderr, "%d requests failed\n", failures.load());
        return 1;
    }

    const double rate = double(received) / seconds;
    std::printf("local agent, lenient, loopback, %d clients x %d requests x 1000 spans\n", clients, requestsPerClient);
    std::printf("  accepted spans:            %lld in %.2f s\n", static_cast<long long>(received.load()), seconds);
    std::printf("  accepted spans per second: %.0f\n", rate);
    std::printf("  baseline, QJsonDocument::fromJson alone, 1 thread: %.0f spans/s\n", baselineRate);
    std::printf("  ratio agent / baseline:    %.2f\n", rate / baselineRate);
    return 0;
}
