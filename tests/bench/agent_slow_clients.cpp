// The latency of a good request to the local agent (default limits, loopback) while 256 slow
// connections hold every place: half send one header line a second, half one body byte a second,
// and each one closed is opened again at once. The same process first times the same requests
// with no slow connections, so the ratio says what the crowd costs a good client.
//
//   build/release/tests/bench/bench_agent_slow_clients [REQUESTS]

#include "core/localagent/localagent.h"

#include "tests/support/rawhttp.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace Workbench;

namespace {
const QByteArray eventPath = "/com.instana.plugin.generic.event";

// 256 slow connections in a thread of their own; a closed one is opened again.
class SlowCrowd : public QObject
{
public:
    SlowCrowd(quint16 port, int size)
        : m_port(port)
        , m_sockets(size_t(size), nullptr)
    {
    }

    void start()
    {
        for (size_t i = 0; i < m_sockets.size(); ++i)
            open(i);
        // Each tick feeds a tenth of them, so each gets a line or a byte a second.
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] {
            for (size_t i = m_next % 10; i < m_sockets.size(); i += 10) {
                QTcpSocket *socket = m_sockets[i];
                if (socket->state() == QAbstractSocket::ConnectedState)
                    socket->write(i % 2 ? QByteArray("X-Slow: " + QByteArray::number(m_next) + "\r\n")
                                        : QByteArray("a"));
            }
            ++m_next;
        });
        timer->start(100);
    }

    void stop()
    {
        for (QTcpSocket *socket : m_sockets)
            socket->disconnect(this);
        qDeleteAll(children()); // in this thread, the one they belong to
        m_sockets.clear();
    }

    std::atomic<int> connected{0};
    std::atomic<int> reopened{0};

private:
    void open(size_t i)
    {
        auto *socket = new QTcpSocket(this);
        m_sockets[i] = socket;
        connect(socket, &QTcpSocket::connected, this, [this, socket, i] {
            ++connected;
            socket->write("POST " + eventPath + " HTTP/1.1\r\nHost: localhost\r\n"
                          + (i % 2 ? QByteArray() : QByteArray("Content-Length: 100000\r\n\r\n")));
        });
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket, i] {
            --connected;
            ++reopened;
            socket->deleteLater();
            open(i);
        });
        socket->connectToHost(QHostAddress::LocalHost, m_port);
    }

    quint16 m_port;
    std::vector<QTcpSocket *> m_sockets;
    int m_next = 0;
};

struct Timings
{
    std::vector<double> ms;
    int answered200 = 0;
    int refused503 = 0;
    int other = 0;
};

// Good requests, each on a new connection as a script's curl would make, timed from connect to
// the whole answer.
Timings goodRequests(quint16 port, int count)
{
    Timings timings;
    const QByteArray request = TestSupport::postRequest(eventPath, "{\"title\":\"good\"}", "Connection: close\r\n");
    for (int i = 0; i < count; ++i) {
        QElapsedTimer clock;
        clock.start();
        TestSupport::RawHttpClient client;
        const int status = client.connectTo(port) ? client.send(request, 60000).status : 0;
        timings.ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (status == 200)
            ++timings.answered200;
        else if (status == 503)
            ++timings.refused503;
        else
            ++timings.other;
    }
    std::sort(timings.ms.begin(), timings.ms.end());
    return timings;
}

double percentile(const std::vector<double> &sorted, double p)
{
    return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
}

void print(const char *what, const Timings &t)
{
    std::printf("  %-32s median %.2f ms, p90 %.2f ms, max %.2f ms; %d answered 200, %d refused 503, %d other\n", what,
                percentile(t.ms, 0.5), percentile(t.ms, 0.9), t.ms.empty() ? 0 : t.ms.back(), t.answered200,
                t.refused503, t.other);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int requests = argc > 1 ? QByteArray(argv[1]).toInt() : 200;

    LocalAgent agent;
    LocalAgentConfig config;
    config.port = 0;
    if (!agent.start(config))
        return 1;
    const quint16 port = agent.port();

    const Timings baseline = goodRequests(port, requests);

    QThread thread;
    SlowCrowd crowd(port, config.maxConnections);
    crowd.moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(&crowd, [&crowd] { crowd.start(); });
    QElapsedTimer clock;
    clock.start();
    while ((crowd.connected < config.maxConnections || agent.connectionCount() < config.maxConnections)
           && clock.elapsed() < 30000)
        QThread::msleep(10);
    if (agent.connectionCount() < config.maxConnections) {
        std::fprintf(stderr, "only %d slow connections open\n", agent.connectionCount());
        return 1;
    }
    // Past the time after which they count as slow.
    QThread::msleep(std::chrono::duration_cast<std::chrono::milliseconds>(config.slowAfter).count() + 500);
    const Timings loaded = goodRequests(port, requests);
    const int reopened = crowd.reopened;
    QMetaObject::invokeMethod(
        &crowd, [&crowd] { crowd.stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    std::printf("local agent, default limits, loopback: %d good requests, each on a new connection\n", requests);
    print("no slow connections:", baseline);
    print("256 slow connections:", loaded);
    std::printf("  ratio, median with / without:    %.2f\n", percentile(loaded.ms, 0.5) / percentile(baseline.ms, 0.5));
    std::printf("  slow connections closed for good ones (and opened again): %d\n", reopened);
    return loaded.answered200 == requests ? 0 : 1;
}
