#pragma once

#include "core/agentapi/agentpost.h"
#include "core/agentapi/agentrules.h"
#include "core/net/httpjob.h"
#include "core/net/ratewindow.h"
#include "core/net/retrypolicy.h"
#include "core/traces/spanstore.h"
#include "core/validation/finding.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace Workbench::Traces {

struct TraceSendOptions
{
    int maxSpansPerRequest = AgentRules::MaxSpansPerRequest;
    qsizetype maxRequestBytes = AgentRules::MaxRequestBytes;
    // A span whose compact JSON is larger is refused before sending, and reported.
    qsizetype maxSpanBytes = AgentRules::MaxSpanBytes;
    int maxRequestsPerSecond = AgentRules::MaxTraceCallsPerSecond;
    // Added to the one-second window (see RateWindow).
    std::chrono::milliseconds rateMargin{30};
    int maxInFlight = 4;
    std::chrono::milliseconds requestTimeout{30000};
    // Sends of one request, the first included, before it counts as failed.
    int maxAttempts = 6;
    // Wait before resending after a 5xx or no answer; doubles each time, up to maxBackoff. A
    // 429 waits as long as its Retry-After says (or this backoff when it says nothing).
    std::chrono::milliseconds initialBackoff{500};
    std::chrono::milliseconds maxBackoff{30000};
};

// Spans first to last (both included), by their index in what was sent: the store of a
// TraceSender, the order read for a SpanStreamer.
struct SpanRange
{
    qsizetype first = 0;
    qsizetype last = 0;

    qsizetype count() const { return last - first + 1; }
    bool operator==(const SpanRange &) const = default;
};

// Adds [first, last] at the end of `ranges`, joining it to the last range when they touch.
void addSpanRange(QList<SpanRange> &ranges, qsizetype first, qsizetype last);
// [[0,88999],[89000,92999]] as JSON: an array of [first, last] pairs.
QJsonArray spanRangesJson(const QList<SpanRange> &ranges);
// What a cancelled send left, for its summary: "cancelled: 7000 not sent, 4000 unknown (...)".
QString cancelledText(qsizetype notSent, qsizetype unknown);

struct TraceSendProgress
{
    qsizetype totalSpans = 0;
    qsizetype acknowledgedSpans = 0;
    qsizetype refusedSpans = 0; // too large to send
    qsizetype failedSpans = 0; // in requests that failed for good
    int requestsSent = 0; // sends, retries included
    int requestsAcknowledged = 0;
    int retries = 0;
    double spansPerSecond = 0; // acknowledged, over the last few seconds
    qint64 elapsedMs = 0;
    qint64 remainingMs = -1; // estimated; -1 while unknown
    // Cancelled: nothing new is sent, the answers of the requests under way are awaited.
    bool stopping = false;
    int requestsInFlight = 0;

    // "1200/5000 spans acknowledged, 2 requests sent, ..."
    QString toString() const;
};

// A span that was not sent because its JSON alone breaks the agent's 4 KiB limit.
struct RefusedSpan
{
    qsizetype index = -1; // in the store
    QString spanId;
    qsizetype bytes = 0;
};

// A request that could not be delivered: refused with a 4xx other than 429, or still failing
// after the last attempt.
struct FailedRequest
{
    int number = 0; // 1-based, in the order requests were packed
    qsizetype spans = 0;
    int httpStatus = 0; // 0: no answer
    int attempts = 0;
    QString reason; // the agent's answer, or what went wrong
};

struct TraceSendSummary
{
    bool complete = false; // every span acknowledged
    bool cancelled = false;
    qsizetype totalSpans = 0;
    qsizetype acknowledged = 0;
    qsizetype refused = 0;
    qsizetype failed = 0;
    // When cancelled: never sent, or answered that the agent did not take them (429, 5xx);
    // sending them again doubles nothing.
    qsizetype notSent = 0;
    // When cancelled: sent, but no answer came (it was aborted or timed out), so the agent may
    // have taken them or not.
    qsizetype unknown = 0;
    qsizetype unsent = 0; // not acknowledged when cancelled: notSent + unknown
    // Every span is in exactly one of these, or among refusedSpans; by index in the store.
    QList<SpanRange> acknowledgedRanges;
    QList<SpanRange> failedRanges;
    QList<SpanRange> notSentRanges;
    QList<SpanRange> unknownRanges;
    QList<RefusedSpan> refusedSpans;
    Findings findings; // one "span-too-large" error per refused span
    QList<FailedRequest> failedRequests;
    int requests = 0; // distinct requests packed
    int requestsSent = 0; // sends, retries included
    int retries = 0;
    qint64 elapsedMs = 0;

    // One or two sentences for people.
    QString message() const;
    QJsonObject toJson() const;
};

// Sends a whole SpanStore to the agent's trace endpoint as fast as its limits allow: spans
// packed into arrays of at most 1000 spans and 4 MiB, at most 20 requests started in any
// second (plus a margin), a few in flight. Spans over 4 KiB are refused up front. A 429 waits
// for its Retry-After (and holds back every request, since the agent counts them all), 5xx and
// no answer are retried with exponential backoff; a request is always resent whole, never
// split, and never again once acknowledged. Any other 4xx fails that request for good.
class TraceSender : public QObject
{
    Q_OBJECT
public:
    explicit TraceSender(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~TraceSender() override;

    // Emits finished() exactly once per start(), never before start() returns. Not to be
    // called while busy.
    void start(std::shared_ptr<const SpanStore> spans, const QUrl &traceEndpoint, const TraceSendOptions &options = {});
    // Stops sending: nothing new is sent and nothing is sent again, but the answers of the
    // requests under way are awaited (at most the request timeout) and counted, so the summary
    // says what the agent took; finished() follows with `cancelled` set. Called again, aborts.
    void cancel();
    // Stops at once: requests under way are aborted and counted as unknown (the agent may have
    // taken them); finished() follows with `cancelled` set.
    void abort();
    bool isBusy() const { return m_busy; }
    // Cancelled and waiting for the answers of the requests under way.
    bool isStopping() const { return m_busy && m_cancelled; }
    int requestsInFlight() const;
    TraceSendProgress currentProgress() const;

Q_SIGNALS:
    void progress(const Workbench::Traces::TraceSendProgress &progress);
    void finished(const Workbench::Traces::TraceSendSummary &summary);

private:
    struct Request
    {
        int number = 0;
        qsizetype spans = 0;
        QByteArray body;
        int attempts = 0;
        qint64 notBeforeMs = 0;
        int failures = 0; // retryable failures so far, for the backoff
        quint64 ticket = 0; // in the rate window
        qsizetype first = 0; // the store's spans first to last, some maybe refused
        qsizetype last = -1;
        bool mayHaveArrived = false; // an attempt ended without an answer
    };
    enum class Fate : quint8 { NotSent, Acknowledged, Failed, Unknown };
    struct Done
    {
        qsizetype first = 0;
        qsizetype last = 0;
        Fate fate = Fate::NotSent;
    };

    bool packNext(Request *request);
    void pump();
    void schedule(qint64 waitMs);
    void onFinished(size_t slot, const Workbench::AgentOutcome &outcome);
    void failRequest(const Request &request, const Workbench::AgentOutcome &outcome);
    void settle(const Request &request, Fate fate);
    void fillRanges();
    void emitProgress();
    void finishSoon();
    qint64 now() const { return m_clock.elapsed(); }

    QNetworkAccessManager *m_nam;
    std::shared_ptr<const SpanStore> m_spans;
    QUrl m_url;
    TraceSendOptions m_options;
    std::vector<QPointer<HttpJob>> m_jobs; // the job under way in each slot
    std::vector<std::unique_ptr<Request>> m_slots; // the request each slot carries, or null
    std::deque<Request> m_retries; // in the order they are due
    std::vector<Done> m_done; // what became of each request
    qsizetype m_next = 0; // the next span to pack
    QByteArray m_scratch;
    RateWindow m_window{AgentRules::MaxTraceCallsPerSecond, std::chrono::milliseconds(30)};
    qint64 m_pausedUntil = 0; // after a 429
    QTimer m_timer;
    QTimer m_stopTimer; // the longest wait for answers after cancel()
    QElapsedTimer m_clock;
    std::deque<std::pair<qint64, qsizetype>> m_rateSamples; // (ms, acknowledged)
    TraceSendSummary m_summary;
    int m_requestsAcknowledged = 0;
    bool m_busy = false;
    bool m_cancelled = false;
    bool m_finishing = false;
};

struct SpanStreamerOptions
{
    // Spans are sent when this many are waiting, or when the oldest has waited this long.
    int batchSpans = 500;
    std::chrono::milliseconds maxDelay{1000};
    // Spans held (unsent and in flight) before add() refuses more and backPressure(true) says
    // so; backPressure(false) follows when fewer than half are held.
    qsizetype maxBuffered = 10000;
    qsizetype maxRequestBytes = AgentRules::MaxRequestBytes;
    qsizetype maxSpanBytes = AgentRules::MaxSpanBytes;
    int maxRequestsPerSecond = AgentRules::MaxTraceCallsPerSecond;
    std::chrono::milliseconds rateMargin{30};
    std::chrono::milliseconds requestTimeout{30000};
    std::chrono::milliseconds initialBackoff{500};
    std::chrono::milliseconds maxBackoff{30000};
};

// Streams spans to the agent as Instana's own sensors do: buffer up to one second or 500
// spans, then send; one request in flight. A request that fails (no answer, 5xx, 429) keeps
// its spans at the front of the buffer and is sent again after a backoff, so nothing is lost
// and the order holds. Nothing is ever dropped: a full buffer makes add() refuse and say so,
// a span over 4 KiB is refused by add(), and a request the agent refuses for good (a 4xx
// other than 429) hands its spans back through requestRefused().
class SpanStreamer : public QObject
{
    Q_OBJECT
public:
    enum class AddResult {
        Accepted,
        BufferFull, // nothing taken: wait for backPressure(false) and add it again
        TooLarge, // over maxSpanBytes: the agent would refuse it
        Invalid, // not a JSON object
    };

    SpanStreamer(QNetworkAccessManager *nam, const QUrl &traceEndpoint, const SpanStreamerOptions &options = {},
                 QObject *parent = nullptr);
    ~SpanStreamer() override;

    // `index` names the span in acknowledgedRanges() and unknownRanges(), e.g. its place in the
    // input; -1 is the number of spans accepted before it.
    AddResult add(const Span &span, qsizetype index = -1);
    // One span as compact JSON (one object, as SpanJson::spanJson writes it).
    AddResult add(QByteArray compactSpanJson, qsizetype index = -1);
    // Sends what waits now, without waiting for the batch to fill; drained() follows once all
    // is acknowledged.
    void flush();
    // Stops: nothing new is sent and nothing is sent again, but the answer of the request under
    // way is awaited (at most the request timeout) and counted; stopped() follows. What was not
    // sent stays held (pending()). Called again, aborts.
    void cancel();
    // Stops at once: the request under way is aborted and its spans count as unknown;
    // stopped() follows.
    void abort();
    bool isStopping() const { return m_cancelled && !m_stopped; }

    // Spans held: waiting and in flight.
    qsizetype pending() const { return qsizetype(m_buffer.size()); }
    qsizetype inFlight() const { return m_inFlight; }
    qsizetype acknowledged() const { return m_acknowledged; }
    // Sent, but no answer came before the streamer was stopped: the agent may have taken them.
    qsizetype unknown() const { return m_unknown; }
    const QList<SpanRange> &acknowledgedRanges() const { return m_acknowledgedRanges; }
    const QList<SpanRange> &unknownRanges() const { return m_unknownRanges; }
    int requestsSent() const { return m_requestsSent; }
    int retries() const { return m_retries; }
    bool isBackPressured() const { return m_backPressure; }

Q_SIGNALS:
    // Spans the agent took.
    void sent(qsizetype spans);
    // Nothing is held any more.
    void drained();
    void backPressure(bool full);
    // A request failed and will be sent again after `retryInMs`.
    void retrying(int httpStatus, const QString &error, qint64 retryInMs);
    // The agent refused these spans for good; they are no longer held.
    void requestRefused(const QList<QByteArray> &spans, int httpStatus, const QString &reason);
    // After cancel() or abort(): nothing is in flight any more, and nothing more is sent.
    void stopped();

private:
    void pump();
    // The first `count` held spans leave the buffer, their indices added to `ranges`.
    void release(qsizetype count, QList<SpanRange> *ranges);
    void stopSoon();
    void onFinished(const Workbench::AgentOutcome &outcome);
    void updateBackPressure();
    qint64 now() const { return m_clock.elapsed(); }

    QNetworkAccessManager *m_nam;
    QUrl m_url;
    SpanStreamerOptions m_options;
    QPointer<HttpJob> m_job;
    struct Buffered
    {
        QByteArray json;
        qint64 addedMs = 0;
        qsizetype index = 0;
    };
    std::deque<Buffered> m_buffer; // the first m_inFlight are in the request under way
    qsizetype m_inFlight = 0;
    quint64 m_ticket = 0; // in the rate window
    qint64 m_notBeforeMs = 0;
    int m_failures = 0; // retryable failures in a row, for the backoff
    // Held spans at the front whose last attempt ended without an answer.
    qsizetype m_mayHaveArrived = 0;
    bool m_flushing = false;
    bool m_backPressure = false;
    bool m_cancelled = false;
    bool m_stopped = false;
    qsizetype m_added = 0;
    qsizetype m_acknowledged = 0;
    qsizetype m_unknown = 0;
    QList<SpanRange> m_acknowledgedRanges;
    QList<SpanRange> m_unknownRanges;
    int m_requestsSent = 0;
    int m_retries = 0;
    RateWindow m_window;
    QTimer m_timer;
    QTimer m_stopTimer; // the longest wait for an answer after cancel()
    QElapsedTimer m_clock;
    SpanStore m_scratch;
};

} // namespace Workbench::Traces

Q_DECLARE_METATYPE(Workbench::Traces::TraceSendProgress)
Q_DECLARE_METATYPE(Workbench::Traces::TraceSendSummary)
