// How fast the outbox keeps and delivers events: N events queued one request each (atomic
// write and fsync per entry), then flushed to the local agent on loopback, one request at a
// time as the outbox always sends. Checks that all N arrive exactly once. Run from a release
// build: build/release/tests/bench/bench_outbox_throughput [N]
//
// Baselines in the same process: the same files written with a plain QFile (no temporary
// file, no fsync), and the same requests posted straight to the agent, one HttpJob each (no disk), so the
// ratios say what durability costs.

#include "core/agentapi/agentpost.h"
#include "core/events/eventdelivery.h"
#include "core/localagent/localagent.h"
#include "core/logging/logging.h"
#include "core/net/httpjob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
OutboxEntry entryFor(int i, const QUrl &target)
{
    Event event;
    event.title = u"bench-%1"_s.arg(i);
    event.text = u"Deploy of shop 4.2 finished on prod-1"_s;
    event.timestamp = QDateTime::currentMSecsSinceEpoch();
    OutboxEntry entry;
    entry.target = target;
    entry.body = EventCodec::encode(event);
    entry.eventCount = 1;
    entry.title = event.title;
    entry.source = u"bench"_s;
    return entry;
}

double perSecond(qint64 count, qint64 ns)
{
    return ns > 0 ? double(count) * 1e9 / double(ns) : 0.0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    QTemporaryDir dir;

    LocalAgent agent;
    LocalAgentConfig config;
    config.port = 0;
    config.lenient = true;
    QString error;
    if (!agent.start(config, &error)) {
        std::fprintf(stderr, "cannot start the local agent: %s\n", qPrintable(error));
        return 1;
    }
    const QUrl target(agent.url().toString() + u"/com.instana.plugin.generic.event"_s);
    QSet<QString> arrived;
    qint64 duplicates = 0;
    QObject::connect(&agent, &LocalAgent::captured, &app, [&](const CaptureBatch &batch) {
        for (const CapturedItem &item : batch.items) {
            if (arrived.contains(item.title()))
                ++duplicates;
            arrived.insert(item.title());
        }
    });

    // Baseline 1: plain writes of the same files.
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        const OutboxEntry entry = entryFor(i, target);
        QFile file(dir.filePath(u"plain-%1.json"_s.arg(i)));
        if (!file.open(QIODevice::WriteOnly) || file.write(entry.toJson()) < 0)
            return 1;
    }
    const qint64 plainNs = clock.nsecsElapsed();

    // The outbox: one atomic, synced file per queued request.
    Outbox outbox(dir.filePath(u"outbox"_s));
    clock.restart();
    for (int i = 0; i < count; ++i) {
        OutboxEntry entry = entryFor(i, target);
        if (!outbox.enqueue(entry, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    const qint64 persistNs = clock.nsecsElapsed();

    // Flush everything to the local agent.
    QNetworkAccessManager network;
    EventHistory history(dir.filePath(u"history.jsonl"_s));
    OutboxFlusher flusher(&network, outbox, history, u"bench"_s);
    OutboxFlusher::Report report;
    QObject::connect(&flusher, &OutboxFlusher::finished, &app, [&](const OutboxFlusher::Report &r) {
        report = r;
        app.quit();
    });
    clock.restart();
    flusher.flush(OutboxFlusher::Mode::All);
    app.exec();
    const qint64 flushNs = clock.nsecsElapsed();
    // Let the last captures reach this thread.
    for (int i = 0; i < 100 && arrived.size() < count; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const qsizetype flushedArrived = arrived.size();

    // Baseline 2: the same requests sent straight, no disk.
    int sent = 0;
    std::function<void(const QByteArray &)> post = [&](const QByteArray &body) {
        HttpJob *job = AgentPost::job(&network, target, body, AgentPost::DefaultTimeout, &app, &lcEvents);
        QObject::connect(job, &HttpJob::finished, &app, [&](HttpJob *finished) {
            finished->deleteLater();
            if (++sent < count)
                post(entryFor(count + sent, target).body);
            else
                app.quit();
        });
        job->start();
    };
    clock.restart();
    post(entryFor(count, target).body);
    app.exec();
    const qint64 directNs = clock.nsecsElapsed();

    std::printf("events:                 %d (one request each)\n", count);
    std::printf("persist (outbox):       %9.0f events/s  (%.2f s)\n", perSecond(count, persistNs), persistNs / 1e9);
    std::printf("  baseline plain write: %9.0f events/s  ratio %.2f\n", perSecond(count, plainNs),
                double(persistNs) / double(plainNs));
    std::printf("flush (outbox -> agent):%9.0f events/s  (%.2f s)\n", perSecond(report.delivered, flushNs),
                flushNs / 1e9);
    std::printf("  baseline direct send: %9.0f events/s  ratio %.2f\n", perSecond(count, directNs),
                double(flushNs) / double(directNs));
    std::printf("delivered %d, refused %d, left in outbox %d, arrived %lld distinct, %lld duplicates\n",
                report.delivered, report.rejected, report.remaining, qlonglong(flushedArrived), qlonglong(duplicates));
    const bool ok = report.delivered == count && report.remaining == 0 && flushedArrived == count && duplicates == 0;
    std::printf("%s\n", ok ? "none lost, none twice" : "LOST OR DOUBLED EVENTS");
    return ok ? 0 : 1;
}
