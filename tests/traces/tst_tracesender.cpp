// TraceSender and SpanStreamer over real sockets on 127.0.0.1: against the local agent (strict,
// so every limit is enforced by the other side too) and against a small scripted server that
// answers 429, 5xx, 400 or nothing.

#include "core/agentapi/agentendpoint.h"
#include "core/localagent/localagent.h"
#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracesender.h"
#include "tests/traces/holdingrelay.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {
constexpr int Patience = 30000; // ms, for QTRY_: generous, never a measurement

QByteArray httpResponse(int status, const QByteArray &reason, const QByteArray &body = {},
                        const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
}

const QByteArray Ok = httpResponse(200, "OK", R"({"accepted":1})");

// A server that reads each request whole and answers the n-th with the n-th scripted answer
// (the last one for every later request); an empty answer means never to answer.
class ScriptedServer
{
public:
    explicit ScriptedServer(QList<QByteArray> answers)
        : m_answers(std::move(answers))
    {
        m_clock.start();
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qWarning() << "scripted server:" << m_server.errorString();
    }

    QUrl traceUrl() const { return AgentEndpoint::traceUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()))); }
    const QList<QByteArray> &bodies() const { return m_bodies; }
    const QList<qint64> &arrivals() const { return m_arrivals; }
    int requests() const { return int(m_bodies.size()); }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                const QByteArray head = buffer->left(headEnd).toLower() + "\r\n";
                qsizetype length = 0;
                const qsizetype at = head.indexOf("\r\ncontent-length:");
                if (at >= 0) {
                    const qsizetype from = at + qsizetype(qstrlen("\r\ncontent-length:"));
                    length = head.mid(from, head.indexOf("\r\n", from) - from).trimmed().toLongLong();
                }
                if (buffer->size() < headEnd + 4 + length)
                    return;
                const int n = int(m_bodies.size());
                m_bodies.append(buffer->mid(headEnd + 4, length));
                m_arrivals.append(m_clock.elapsed());
                buffer->clear();
                const QByteArray answer = m_answers.value(std::min(n, int(m_answers.size()) - 1));
                if (!answer.isEmpty()) {
                    socket->write(answer);
                    socket->disconnectFromHost();
                }
            });
        }
    }

    QList<QByteArray> m_answers;
    QList<QByteArray> m_bodies;
    QList<qint64> m_arrivals;
    QElapsedTimer m_clock;
    QTcpServer m_server; // last: its sockets go before what their handlers use
};

std::shared_ptr<const SpanStore> generated(qsizetype spans, int traces = 3, quint64 seed = 7)
{
    GeneratorOptions options;
    options.spans = spans;
    options.traces = traces;
    options.seed = seed;
    return std::make_shared<const SpanStore>(SpanGenerator::generate(options));
}

QStringList spanIdsOf(const QByteArray &body)
{
    QStringList ids;
    const QJsonArray array = QJsonDocument::fromJson(body).array();
    for (const auto &value : array)
        ids.append(value.toObject().value(u"spanId"_s).toString());
    return ids;
}

} // namespace

class TestTraceSender : public QObject
{
    Q_OBJECT

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LocalAgent> m_agent;
    QList<CaptureBatch> m_captured;

    QUrl agentTraceUrl() const { return AgentEndpoint::traceUrl(m_agent->url()); }

    TraceSendSummary sendOnce(TraceSender &sender, std::shared_ptr<const SpanStore> spans, const QUrl &url,
                              const TraceSendOptions &options = {})
    {
        QList<TraceSendSummary> summaries;
        const auto connection = connect(&sender, &TraceSender::finished, this,
                                        [&summaries](const TraceSendSummary &s) { summaries.append(s); });
        sender.start(std::move(spans), url, options);
        [&] {
            QVERIFY(sender.isBusy());
            QCOMPARE(summaries.size(), 0); // never before start() returns
            QTRY_COMPARE_WITH_TIMEOUT(summaries.size(), 1, Patience);
            QVERIFY(!sender.isBusy());
            QTest::qWait(50);
            QCOMPARE(summaries.size(), 1);
        }();
        disconnect(connection);
        return summaries.value(0);
    }

    // Every span of the store arrived once, and nothing else.
    void verifyExactlyOnce(const SpanStore &store, const QSet<qsizetype> &except = {})
    {
        QHash<QString, int> seen;
        for (const CaptureBatch &batch : std::as_const(m_captured)) {
            if (batch.rejection)
                continue;
            for (const CapturedItem &item : batch.items)
                ++seen[item.spanId()];
        }
        qsizetype expected = 0;
        for (qsizetype i = 0; i < store.size(); ++i) {
            if (except.contains(i)) {
                QVERIFY(!seen.contains(store.spanIdText(i)));
                continue;
            }
            ++expected;
            QCOMPARE(seen.value(store.spanIdText(i)), 1);
        }
        QCOMPARE(qsizetype(seen.size()), expected);
    }

    // Accepted requests to the trace endpoint: at most `limit` in any one second of arrival.
    int busiestSecond() const
    {
        QList<qint64> times;
        for (const CaptureBatch &batch : m_captured) {
            if (!batch.rejection)
                times.append(batch.request.receivedAtMs);
        }
        std::sort(times.begin(), times.end());
        int busiest = 0;
        qsizetype from = 0;
        for (qsizetype i = 0; i < times.size(); ++i) {
            while (times.at(from) <= times.at(i) - 1000)
                ++from;
            busiest = std::max(busiest, int(i - from + 1));
        }
        return busiest;
    }

    int rejectedWith(int status) const
    {
        int count = 0;
        for (const CaptureBatch &batch : m_captured)
            count += batch.rejection && batch.rejection->status == status ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void init()
    {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_agent = std::make_unique<LocalAgent>();
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(m_agent->start(config, &error), qPrintable(error));
        m_captured.clear();
        connect(m_agent.get(), &LocalAgent::captured, this,
                [this](const CaptureBatch &batch) { m_captured.append(batch); });
    }

    void cleanup()
    {
        m_agent.reset();
        m_network.reset();
    }

    void rateWindow()
    {
        RateWindow window(3, std::chrono::milliseconds(30));
        QCOMPARE(window.waitMs(0), 0);
        const quint64 first = window.started(0);
        const quint64 second = window.started(10);
        const quint64 third = window.started(20);
        QCOMPARE(window.waitMs(20), -1); // all unanswered: only an answer frees a place
        // Answered late: counts until a second (and 5 ms) after its answer.
        window.answered(first, 50);
        QCOMPARE(window.waitMs(20), 1035);
        // Answered early: counts for the second and margin after its start.
        window.answered(second, 15);
        window.answered(third, 25);
        QCOMPARE(window.waitMs(20), 1020); // the second leaves at 1040
        QCOMPARE(window.waitMs(1039), 1);
        QCOMPARE(window.waitMs(1040), 0);
        window.started(1040);
        QCOMPARE(window.waitMs(1040), 10); // the third leaves at 1050
    }

    void everySpanArrivesOnce()
    {
        const auto spans = generated(5200);
        TraceSender sender(m_network.get());
        QList<TraceSendProgress> progress;
        connect(&sender, &TraceSender::progress, this, [&progress](const TraceSendProgress &p) { progress.append(p); });
        const TraceSendSummary summary = sendOnce(sender, spans, agentTraceUrl());
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QCOMPARE(summary.acknowledged, qsizetype(5200));
        QCOMPARE(summary.requests, 6);
        QCOMPARE(summary.refused, 0);
        QCOMPARE(summary.failed, 0);
        QVERIFY(summary.message().contains(u"5200"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), summary.requestsSent, Patience);
        for (const CaptureBatch &batch : std::as_const(m_captured)) {
            QVERIFY2(!batch.rejection, qPrintable(batch.rejection ? batch.rejection->reason : QString()));
            QVERIFY(batch.items.size() <= 1000);
            QVERIFY(batch.request.body.size() <= 4 * 1024 * 1024);
        }
        verifyExactlyOnce(*spans);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().acknowledgedSpans, qsizetype(5200));
        QCOMPARE(progress.last().totalSpans, qsizetype(5200));
        QCOMPARE(progress.last().requestsAcknowledged, summary.requestsSent - summary.retries);
        QCOMPARE(QJsonDocument(summary.toJson()).object().value(u"complete"_s).toBool(), true);
    }

    void keepsTheRateLimit()
    {
        // 50 requests of 100 spans: more than two seconds' worth at 20 calls per second.
        const auto spans = generated(5000, 5, 11);
        TraceSendOptions options;
        options.maxSpansPerRequest = 100;
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, agentTraceUrl(), options);
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QCOMPARE(summary.requests, 50);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), summary.requestsSent, Patience);
        QVERIFY2(busiestSecond() <= 20, qPrintable(QString::number(busiestSecond())));
        // The agent refused none for the rate: the sender kept below it on its own.
        QCOMPARE(rejectedWith(429), summary.retries);
        qInfo("%d requests, %d answered 429, %lld ms", summary.requestsSent, rejectedWith(429),
              qlonglong(summary.elapsedMs));
        QCOMPARE(rejectedWith(429), 0);
        for (const CaptureBatch &batch : std::as_const(m_captured))
            QVERIFY(batch.rejection || batch.items.size() <= 100);
        verifyExactlyOnce(*spans);
    }

    void packsByBytes()
    {
        // Spans of about 3 KiB: a 64 KiB request limit packs about 20 of them.
        SpanStore store = SpanGenerator::generate({.spans = 300, .traces = 2, .seed = 3});
        SpanStore padded;
        const QString padding(2800, u'x');
        for (qsizetype i = 0; i < store.size(); ++i) {
            Span span = store.span(i);
            span.setData(u"padding"_s, padding);
            padded.append(span);
        }
        auto spans = std::make_shared<const SpanStore>(std::move(padded));
        TraceSendOptions options;
        options.maxRequestBytes = 64 * 1024;
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, agentTraceUrl(), options);
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QVERIFY(summary.requests >= 300 * 2800 / (64 * 1024));
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), summary.requestsSent, Patience);
        for (const CaptureBatch &batch : std::as_const(m_captured))
            QVERIFY(batch.request.body.size() <= 64 * 1024);
        verifyExactlyOnce(*spans);
    }

    void refusesASpanOver4KiB()
    {
        SpanStore store = SpanGenerator::generate({.spans = 20, .seed = 5});
        SpanStore withBig;
        for (qsizetype i = 0; i < store.size(); ++i) {
            Span span = store.span(i);
            if (i == 7)
                span.setData(u"payload"_s, QString(5 * 1024, u'y'));
            withBig.append(span);
        }
        const QString bigId = withBig.spanIdText(7);
        auto spans = std::make_shared<const SpanStore>(std::move(withBig));
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, agentTraceUrl());
        QVERIFY(!summary.complete);
        QCOMPARE(summary.refused, 1);
        QCOMPARE(summary.acknowledged, 19);
        QCOMPARE(summary.refusedSpans.size(), 1);
        QCOMPARE(summary.refusedSpans.first().spanId, bigId);
        QCOMPARE(summary.refusedSpans.first().index, 7);
        QVERIFY(summary.refusedSpans.first().bytes > 5 * 1024);
        QCOMPARE(summary.findings.size(), 1);
        QCOMPARE(summary.findings.first().rule, u"span-too-large"_s);
        QCOMPARE(summary.findings.first().spanId, bigId);
        QVERIFY2(summary.message().contains(u"1 refused"_s), qPrintable(summary.message()));
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        QVERIFY(!m_captured.first().rejection);
        verifyExactlyOnce(*spans, {7});
    }

    void honoursRetryAfter()
    {
        ScriptedServer server(
            {httpResponse(429, "Too Many Requests", R"({"rule":"rate-limit"})", "Retry-After: 1\r\n"), Ok});
        const auto spans = generated(50, 1);
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, server.traceUrl());
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QCOMPARE(server.requests(), 2);
        QCOMPARE(summary.retries, 1);
        QCOMPARE(server.bodies().at(1), server.bodies().at(0)); // resent whole
        QCOMPARE(spanIdsOf(server.bodies().at(0)).size(), 50);
        // Retry-After: 1 is a wait of one second, not the 500 ms backoff.
        QVERIFY2(server.arrivals().at(1) - server.arrivals().at(0) >= 950,
                 qPrintable(QString::number(server.arrivals().at(1) - server.arrivals().at(0))));
    }

    void retriesServerErrors()
    {
        ScriptedServer server(
            {httpResponse(503, "Service Unavailable", "busy"), httpResponse(500, "Internal Server Error", "oops"), Ok});
        const auto spans = generated(30, 1);
        TraceSendOptions options;
        options.initialBackoff = std::chrono::milliseconds(20);
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, server.traceUrl(), options);
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QCOMPARE(server.requests(), 3);
        QCOMPARE(summary.retries, 2);
        QCOMPARE(summary.requests, 1);
        QCOMPARE(server.bodies().at(2), server.bodies().at(0));
    }

    void givesUpAfterMaxAttempts()
    {
        ScriptedServer server({httpResponse(503, "Service Unavailable", "still busy")});
        const auto spans = generated(10, 1);
        TraceSendOptions options;
        options.initialBackoff = std::chrono::milliseconds(5);
        options.maxAttempts = 3;
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, server.traceUrl(), options);
        QVERIFY(!summary.complete);
        QCOMPARE(server.requests(), 3);
        QCOMPARE(summary.failed, 10);
        QCOMPARE(summary.failedRequests.size(), 1);
        QCOMPARE(summary.failedRequests.first().httpStatus, 503);
        QCOMPARE(summary.failedRequests.first().attempts, 3);
        QVERIFY(summary.failedRequests.first().reason.contains(u"still busy"_s));
    }

    void badRequestIsPermanent()
    {
        ScriptedServer server({httpResponse(400, "Bad Request", R"({"status":400,"reason":"[3].timestamp is odd"})")});
        const auto spans = generated(40, 1);
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, spans, server.traceUrl());
        QVERIFY(!summary.complete);
        QCOMPARE(server.requests(), 1); // never resent
        QCOMPARE(summary.retries, 0);
        QCOMPARE(summary.failed, 40);
        QCOMPARE(summary.failedRequests.size(), 1);
        QCOMPARE(summary.failedRequests.first().httpStatus, 400);
        QVERIFY2(summary.failedRequests.first().reason.contains(u"[3].timestamp is odd"_s),
                 qPrintable(summary.failedRequests.first().reason));
        QVERIFY2(summary.message().contains(u"HTTP 400"_s), qPrintable(summary.message()));
    }

    void cancelStops()
    {
        ScriptedServer server({QByteArray()}); // never answers
        const auto spans = generated(10000, 1);
        TraceSender sender(m_network.get());
        QList<TraceSendSummary> summaries;
        connect(&sender, &TraceSender::finished, this,
                [&summaries](const TraceSendSummary &s) { summaries.append(s); });
        sender.start(spans, server.traceUrl());
        QTRY_VERIFY_WITH_TIMEOUT(server.requests() >= 1, Patience);
        sender.cancel();
        // It waits for the answers under way; a second cancel stops at once.
        QVERIFY(sender.isStopping());
        sender.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(summaries.size(), 1, Patience);
        QTest::qWait(300);
        QCOMPARE(summaries.size(), 1);
        const TraceSendSummary &summary = summaries.first();
        // Only what was under way when cancelled (at most 4 in flight) ever arrives.
        QVERIFY(summary.requestsSent <= 4);
        QVERIFY(server.requests() <= summary.requestsSent);
        QVERIFY(summary.cancelled);
        QVERIFY(!summary.complete);
        QCOMPARE(summary.acknowledged, 0);
        QCOMPARE(summary.unsent, 10000);
        QVERIFY2(summary.message().contains(u"cancelled"_s), qPrintable(summary.message()));
        QVERIFY(!sender.isBusy());
        // What was under way may have arrived: unknown, not "not sent".
        QCOMPARE(summary.unknown, qsizetype(server.requests()) * 1000);
        QCOMPARE(summary.unknown + summary.notSent, 10000);
    }

    // Cancelled while the agent has taken requests whose answers are still on their way: they are
    // awaited and counted, so the summary says what the agent took.
    void cancelCountsTheAnswersUnderWay()
    {
        HoldingRelay relay(m_agent->url());
        relay.hold();
        const auto spans = generated(20000, 4);
        TraceSender sender(m_network.get());
        QList<TraceSendSummary> summaries;
        connect(&sender, &TraceSender::finished, this,
                [&summaries](const TraceSendSummary &s) { summaries.append(s); });
        sender.start(spans, AgentEndpoint::traceUrl(relay.url()));
        QTRY_COMPARE_WITH_TIMEOUT(relay.answersHeld(), 4, Patience);
        sender.cancel();
        QVERIFY(sender.isStopping());
        QCOMPARE(sender.requestsInFlight(), 4);
        QTest::qWait(100);
        QCOMPARE(summaries.size(), 0); // waiting for the answers
        relay.release();
        QTRY_COMPARE_WITH_TIMEOUT(summaries.size(), 1, Patience);
        const TraceSendSummary &summary = summaries.first();
        qsizetype taken = 0;
        for (const CaptureBatch &batch : std::as_const(m_captured))
            taken += batch.rejection ? 0 : batch.items.size();
        QCOMPARE(taken, 4000);
        QCOMPARE(summary.acknowledged, taken);
        QCOMPARE(summary.unknown, 0);
        QCOMPARE(summary.notSent, 16000);
        QCOMPARE(summary.acknowledgedRanges, (QList<SpanRange>{{0, 3999}}));
        QCOMPARE(summary.notSentRanges, (QList<SpanRange>{{4000, 19999}}));
        QVERIFY(summary.unknownRanges.isEmpty());
        const QJsonObject json = summary.toJson();
        QCOMPARE(json[u"acknowledgedRanges"_s].toArray(), (QJsonArray{QJsonArray{0, 3999}}));
        QCOMPARE(json[u"notSent"_s].toInteger(), 16000);
        QVERIFY2(summary.message().contains(u"16000 not sent, 0 unknown"_s), qPrintable(summary.message()));
        verifyExactlyOnce(*spans, [] {
            QSet<qsizetype> rest;
            for (qsizetype i = 4000; i < 20000; ++i)
                rest.insert(i);
            return rest;
        }());
    }

    // A refused span inside a request is named once, not among the acknowledged.
    void rangesLeaveOutRefusedSpans()
    {
        SpanStore store = SpanGenerator::generate({.spans = 20, .seed = 5});
        SpanStore withBig;
        for (qsizetype i = 0; i < store.size(); ++i) {
            Span span = store.span(i);
            if (i == 7)
                span.setData(u"payload"_s, QString(5 * 1024, u'y'));
            withBig.append(span);
        }
        TraceSender sender(m_network.get());
        const TraceSendSummary summary
            = sendOnce(sender, std::make_shared<const SpanStore>(std::move(withBig)), agentTraceUrl());
        QCOMPARE(summary.acknowledgedRanges, (QList<SpanRange>{{0, 6}, {8, 19}}));
        QVERIFY(summary.notSentRanges.isEmpty());
    }

    void streamerCancelCountsTheAnswerUnderWay()
    {
        HoldingRelay relay(m_agent->url());
        relay.hold();
        const auto spans = generated(1200, 2);
        SpanStreamer streamer(m_network.get(), AgentEndpoint::traceUrl(relay.url()));
        int stopped = 0;
        connect(&streamer, &SpanStreamer::stopped, this, [&stopped] { ++stopped; });
        for (qsizetype i = 0; i < spans->size(); ++i)
            QCOMPARE(streamer.add(spans->span(i), 100 + i), SpanStreamer::AddResult::Accepted);
        streamer.flush();
        QTRY_COMPARE_WITH_TIMEOUT(relay.answersHeld(), 1, Patience);
        streamer.cancel();
        QVERIFY(streamer.isStopping());
        QTest::qWait(100);
        QCOMPARE(stopped, 0);
        relay.release();
        QTRY_COMPARE_WITH_TIMEOUT(stopped, 1, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        QCOMPARE(streamer.acknowledged(), m_captured.first().items.size());
        QCOMPARE(streamer.acknowledged(), 500);
        QCOMPARE(streamer.pending(), 700); // never sent
        QCOMPARE(streamer.acknowledgedRanges(), (QList<SpanRange>{{100, 599}}));
        QTest::qWait(200);
        QCOMPARE(m_captured.size(), 1); // nothing more after the cancel

        // Aborted while under way: unknown.
        HoldingRelay other(m_agent->url());
        other.hold();
        SpanStreamer aborted(m_network.get(), AgentEndpoint::traceUrl(other.url()));
        int abortedStops = 0;
        connect(&aborted, &SpanStreamer::stopped, this, [&abortedStops] { ++abortedStops; });
        for (qsizetype i = 0; i < 10; ++i)
            aborted.add(spans->span(i));
        aborted.flush();
        QTRY_COMPARE_WITH_TIMEOUT(other.answersHeld(), 1, Patience);
        aborted.cancel();
        aborted.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(abortedStops, 1, Patience);
        QCOMPARE(aborted.unknown(), 10);
        QCOMPARE(aborted.unknownRanges(), (QList<SpanRange>{{0, 9}}));
        QCOMPARE(aborted.acknowledged(), 0);
    }

    void emptyStoreFinishes()
    {
        TraceSender sender(m_network.get());
        const TraceSendSummary summary = sendOnce(sender, std::make_shared<const SpanStore>(), agentTraceUrl());
        QVERIFY(summary.complete);
        QCOMPARE(summary.requests, 0);
    }

    void streamsToTheAgent()
    {
        const auto spans = generated(1200, 2);
        SpanStreamer streamer(m_network.get(), agentTraceUrl());
        int drained = 0;
        connect(&streamer, &SpanStreamer::drained, this, [&drained] { ++drained; });
        for (qsizetype i = 0; i < spans->size(); ++i)
            QCOMPARE(streamer.add(spans->span(i)), SpanStreamer::AddResult::Accepted);
        QCOMPARE(streamer.pending(), 1200);
        streamer.flush();
        QTRY_VERIFY_WITH_TIMEOUT(drained >= 1 && streamer.pending() == 0, Patience);
        QCOMPARE(streamer.acknowledged(), 1200);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), streamer.requestsSent(), Patience);
        for (const CaptureBatch &batch : std::as_const(m_captured)) {
            QVERIFY(!batch.rejection);
            QVERIFY(batch.items.size() <= 500);
        }
        QCOMPARE(streamer.requestsSent(), 3);
        verifyExactlyOnce(*spans);
    }

    void streamerSendsAfterTheDelay()
    {
        // Fewer than a batch: sent when the oldest has waited (1 s by default; here 100 ms).
        const auto spans = generated(10, 1);
        SpanStreamerOptions options;
        options.maxDelay = std::chrono::milliseconds(100);
        SpanStreamer streamer(m_network.get(), agentTraceUrl(), options);
        for (qsizetype i = 0; i < spans->size(); ++i)
            QCOMPARE(streamer.add(SpanJson::spanJson(*spans, i)), SpanStreamer::AddResult::Accepted);
        QTRY_COMPARE_WITH_TIMEOUT(streamer.acknowledged(), 10, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        verifyExactlyOnce(*spans);
    }

    void streamerPutsBackAfterAFailure()
    {
        ScriptedServer server(
            {httpResponse(503, "Service Unavailable", "restarting"), httpResponse(502, "Bad Gateway", "proxy"), Ok});
        const auto spans = generated(700, 1);
        SpanStreamerOptions options;
        options.initialBackoff = std::chrono::milliseconds(20);
        options.maxDelay = std::chrono::milliseconds(50);
        SpanStreamer streamer(m_network.get(), server.traceUrl(), options);
        QList<int> retryStatuses;
        connect(&streamer, &SpanStreamer::retrying, this,
                [&retryStatuses](int status, const QString &, qint64) { retryStatuses.append(status); });
        for (qsizetype i = 0; i < spans->size(); ++i)
            QCOMPARE(streamer.add(spans->span(i)), SpanStreamer::AddResult::Accepted);
        streamer.flush();
        QTRY_COMPARE_WITH_TIMEOUT(streamer.pending(), 0, Patience);
        QCOMPARE(streamer.acknowledged(), 700);
        QCOMPARE(streamer.retries(), 2);
        QCOMPARE(retryStatuses, (QList<int>{503, 502}));
        QCOMPARE(server.requests(), 4);
        // The failed batch went again, whole and first; then the rest; nothing twice.
        QCOMPARE(server.bodies().at(1), server.bodies().at(0));
        QCOMPARE(server.bodies().at(2), server.bodies().at(0));
        QStringList delivered;
        for (int i = 2; i < server.requests(); ++i)
            delivered += spanIdsOf(server.bodies().at(i));
        QCOMPARE(delivered.size(), 700);
        for (qsizetype i = 0; i < spans->size(); ++i)
            QCOMPARE(delivered.at(i), spans->spanIdText(i));
    }

    void streamerBackPressureInsteadOfDropping()
    {
        ScriptedServer server({QByteArray()}); // never answers: nothing drains
        const auto spans = generated(200, 1);
        SpanStreamerOptions options;
        options.maxBuffered = 100;
        options.maxDelay = std::chrono::milliseconds(10);
        SpanStreamer streamer(m_network.get(), server.traceUrl(), options);
        QList<bool> pressure;
        connect(&streamer, &SpanStreamer::backPressure, this, [&pressure](bool full) { pressure.append(full); });
        qsizetype accepted = 0;
        for (qsizetype i = 0; i < spans->size(); ++i) {
            const auto result = streamer.add(spans->span(i));
            if (result != SpanStreamer::AddResult::Accepted) {
                QCOMPARE(result, SpanStreamer::AddResult::BufferFull);
                break;
            }
            ++accepted;
        }
        QCOMPARE(accepted, 100);
        QCOMPARE(streamer.pending(), 100);
        QCOMPARE(pressure, QList<bool>{true});
        QVERIFY(streamer.isBackPressured());
        QTRY_VERIFY_WITH_TIMEOUT(server.requests() == 1, Patience);
        QCOMPARE(streamer.pending(), 100); // the request under way still counts
        // A span over 4 KiB is refused by add(), never queued.
        SpanStreamer other(m_network.get(), server.traceUrl());
        Span big = spans->span(0);
        big.setData(u"payload"_s, QString(5000, u'z'));
        QCOMPARE(other.add(big), SpanStreamer::AddResult::TooLarge);
        QCOMPARE(other.add(QByteArray("not json")), SpanStreamer::AddResult::Invalid);
        QCOMPARE(other.pending(), 0);
    }

    void streamerHandsBackRefusedSpans()
    {
        ScriptedServer server({httpResponse(400, "Bad Request", "no"), Ok});
        const auto spans = generated(20, 1);
        SpanStreamer streamer(m_network.get(), server.traceUrl());
        QList<QByteArray> refused;
        int status = 0;
        connect(&streamer, &SpanStreamer::requestRefused, this,
                [&](const QList<QByteArray> &s, int httpStatus, const QString &) {
                    refused = s;
                    status = httpStatus;
                });
        for (qsizetype i = 0; i < spans->size(); ++i)
            streamer.add(spans->span(i));
        streamer.flush();
        QTRY_COMPARE_WITH_TIMEOUT(streamer.pending(), 0, Patience);
        QCOMPARE(status, 400);
        QCOMPARE(refused.size(), 20);
        QCOMPARE(refused.first(), SpanJson::spanJson(*spans, 0));
        QCOMPARE(streamer.acknowledged(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTraceSender)
#include "tst_tracesender.moc"
