// How close TraceSender comes to the agent's own limit: a 50,000-span trace of about 40 MiB
// (about 840 bytes a span) sent to an in-process local agent in strict mode on loopback. The
// 20 calls/s limit sets a floor for N requests; the figure is wall time over that floor.
// Checks that every span arrived exactly once, no request broke a limit (1000 spans, 4 MiB,
// 4 KiB a span, 20 requests in any second of arrival) and none was answered 429.
// Run from a release build: build/release/tests/bench/bench_trace_send [SPANS]

#include "core/agentapi/agentendpoint.h"
#include "core/i18n/translations.h"
#include "core/localagent/localagent.h"
#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracesender.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

// The generated spans padded to about `target` bytes of JSON each, with texts from a bounded
// set (prefixes of one string).
SpanStore padded(const SpanStore &store, qsizetype target)
{
    const QString filler = QString(u"Accept: application/json; Cookie-free; trace-bench "_s).repeated(40);
    SpanStore out;
    out.reserve(store.size());
    for (qsizetype i = 0; i < store.size(); ++i) {
        Span span = store.span(i);
        const qsizetype size
            = SpanJson::spanJson(store, i).size() + qsizetype(qstrlen(",\"http.request.headers\":\"\""));
        const qsizetype missing = std::max<qsizetype>(0, target - size);
        span.setData(u"http.request.headers"_s, filler.left(missing));
        out.append(span);
    }
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Workbench::installTranslations(app);
    const qsizetype count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 50000;

    GeneratorOptions options;
    options.spans = count;
    options.depth = 8;
    options.fanout = 6;
    options.services = 12;
    options.seed = 42;
    QElapsedTimer clock;
    clock.start();
    auto spans = std::make_shared<const SpanStore>(padded(SpanGenerator::generate(options), 840));
    const qint64 prepareMs = clock.elapsed();
    qint64 totalBytes = 0;
    for (qsizetype i = 0; i < spans->size(); ++i)
        totalBytes += SpanJson::spanJson(*spans, i).size();

    LocalAgent agent;
    LocalAgentConfig config;
    config.port = 0;
    config.lenient = false;
    QString error;
    if (!agent.start(config, &error)) {
        std::fprintf(stderr, "cannot start the local agent: %s\n", qPrintable(error));
        return 1;
    }
    QList<CaptureBatch> captured;
    QObject::connect(&agent, &LocalAgent::captured, &app, [&captured](const CaptureBatch &b) { captured.append(b); });

    QNetworkAccessManager network;
    TraceSender sender(&network);
    TraceSendSummary summary;
    bool done = false;
    QObject::connect(&sender, &TraceSender::finished, &app, [&](const TraceSendSummary &s) {
        summary = s;
        done = true;
    });
    clock.restart();
    sender.start(spans, AgentEndpoint::traceUrl(agent.url()));
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const qint64 wallMs = clock.elapsed();
    // The agent's captures come from its thread; wait for them all.
    QElapsedTimer settle;
    settle.start();
    while (captured.size() < summary.requestsSent && settle.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

    // Exactly once, and every limit.
    QHash<QString, int> seen;
    int rejected429 = 0;
    int rejectedOther = 0;
    qsizetype largestRequest = 0;
    qsizetype mostSpans = 0;
    QList<qint64> arrivals;
    for (const CaptureBatch &batch : std::as_const(captured)) {
        if (batch.rejection) {
            (batch.rejection->status == 429 ? rejected429 : rejectedOther) += 1;
            continue;
        }
        arrivals.append(batch.request.receivedAtMs);
        largestRequest = std::max(largestRequest, batch.request.body.size());
        mostSpans = std::max(mostSpans, qsizetype(batch.items.size()));
        for (const CapturedItem &item : batch.items)
            ++seen[item.spanId()];
    }
    qsizetype once = 0;
    qsizetype twice = 0;
    for (qsizetype i = 0; i < spans->size(); ++i) {
        const int n = seen.value(spans->spanIdText(i));
        once += n == 1 ? 1 : 0;
        twice += n > 1 ? 1 : 0;
    }
    std::sort(arrivals.begin(), arrivals.end());
    int busiest = 0;
    for (qsizetype i = 0, from = 0; i < arrivals.size(); ++i) {
        while (arrivals.at(from) <= arrivals.at(i) - 1000)
            ++from;
        busiest = std::max(busiest, int(i - from + 1));
    }

    const int requests = summary.requests;
    const double floorS = double(requests - 1) / 20.0;
    const double burstFloorS = std::ceil(double(requests) / 20.0) - 1.0;
    const double wallS = double(wallMs) / 1000.0;
    std::printf("spans: %lld, %.1f MiB of JSON (%.0f bytes a span), prepared in %lld ms\n", qlonglong(spans->size()),
                double(totalBytes) / (1024.0 * 1024.0), double(totalBytes) / double(spans->size()),
                qlonglong(prepareMs));
    std::printf("requests: %d packed, %d sent, %d retries; largest %.2f MiB, most spans %lld\n", requests,
                summary.requestsSent, summary.retries, double(largestRequest) / (1024.0 * 1024.0),
                qlonglong(mostSpans));
    std::printf("agent: %d answered 429, %d other rejections, busiest second %d requests\n", rejected429, rejectedOther,
                busiest);
    std::printf("arrived exactly once: %lld of %lld (more than once: %lld)\n", qlonglong(once),
                qlonglong(spans->size()), qlonglong(twice));
    std::printf("wall time (start() to finished()): %.3f s\n", wallS);
    std::printf("floor = (requests - 1) / 20 s = %.3f s: the earliest start of the last request if requests went "
                "out evenly at 20/s\n",
                floorS);
    std::printf("ratio wall / floor: %.3f (target <= 1.10)\n", floorS > 0 ? wallS / floorS : 0.0);
    std::printf("(burst floor = ceil(requests / 20) - 1 s = %.3f s: the last start when 20 go at once each second; "
                "ratio %.3f)\n",
                burstFloorS, burstFloorS > 0 ? wallS / burstFloorS : 0.0);
    std::printf("summary: %s\n", qPrintable(summary.message()));
    const bool ok = summary.complete && once == spans->size() && twice == 0 && rejected429 == 0 && rejectedOther == 0
        && largestRequest <= AgentRules::MaxRequestBytes && mostSpans <= AgentRules::MaxSpansPerRequest
        && busiest <= AgentRules::MaxTraceCallsPerSecond;
    std::printf("%s\n", ok ? "OK: every span once, every limit kept" : "FAILED");
    return ok ? 0 : 1;
}
