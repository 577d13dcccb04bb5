#include "core/traces/tracesender.h"

#include "core/logging/logging.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanrules.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::TraceSender)
};

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

// The one check of a span's size before sending: a finding when its compact JSON is over the
// agent's limit.
const bool metaTypesRegistered = [] {
    qRegisterMetaType<TraceSendProgress>();
    qRegisterMetaType<TraceSendSummary>();
    return true;
}();

} // namespace

// ---- Progress and summary ----

void addSpanRange(QList<SpanRange> &ranges, qsizetype first, qsizetype last)
{
    if (last < first)
        return;
    if (!ranges.isEmpty() && ranges.last().last + 1 == first)
        ranges.last().last = last;
    else
        ranges.append(SpanRange{first, last});
}

QString cancelledText(qsizetype notSent, qsizetype unknown)
{
    return Messages::tr("cancelled: %1 not sent, %2 unknown (sent without an answer: the agent may have taken them)")
        .arg(qlonglong(notSent))
        .arg(qlonglong(unknown));
}

QJsonArray spanRangesJson(const QList<SpanRange> &ranges)
{
    QJsonArray array;
    for (const SpanRange &range : ranges)
        array.append(QJsonArray{qint64(range.first), qint64(range.last)});
    return array;
}

QString TraceSendProgress::toString() const
{
    QString text
        = Messages::tr("%1/%2 spans acknowledged, %3 requests sent (%4 acknowledged, %5 retries), %6 spans/s, %7 s")
              .arg(qlonglong(acknowledgedSpans))
              .arg(qlonglong(totalSpans))
              .arg(requestsSent)
              .arg(requestsAcknowledged)
              .arg(retries)
              .arg(qlonglong(spansPerSecond))
              .arg(seconds(elapsedMs));
    if (remainingMs >= 0)
        text += Messages::tr(", about %1 s left").arg(seconds(remainingMs));
    if (refusedSpans > 0)
        text += Messages::tr(", %1 refused").arg(qlonglong(refusedSpans));
    if (failedSpans > 0)
        text += Messages::tr(", %1 failed").arg(qlonglong(failedSpans));
    if (stopping)
        text += Messages::tr(", stopping: waiting for the answers of %n request(s)", nullptr, requestsInFlight);
    return text;
}

QString TraceSendSummary::message() const
{
    const QString time = seconds(elapsedMs);
    if (complete)
        return Messages::tr("All %n span(s) acknowledged in %1 (%2) in %3 s.", nullptr, int(acknowledged))
            .arg(Messages::tr("%n request(s)", nullptr, requests), Messages::tr("%n retry(s)", nullptr, retries), time);
    QString text = Messages::tr("%1 of %2 spans acknowledged in %3 s")
                       .arg(qlonglong(acknowledged))
                       .arg(qlonglong(totalSpans))
                       .arg(time);
    QStringList parts;
    if (refused > 0)
        parts << Messages::tr("%1 refused before sending (over %2 bytes of JSON)")
                     .arg(qlonglong(refused))
                     .arg(qlonglong(AgentRules::MaxSpanBytes));
    if (failed > 0) {
        QString part
            = Messages::tr("%1 in %n failed request(s)", nullptr, int(failedRequests.size())).arg(qlonglong(failed));
        if (!failedRequests.isEmpty()) {
            const FailedRequest &first = failedRequests.first();
            part += first.httpStatus > 0 ? Messages::tr(" (first: HTTP %1, %2)").arg(first.httpStatus).arg(first.reason)
                                         : Messages::tr(" (first: %1)").arg(first.reason);
        }
        parts << part;
    }
    if (cancelled)
        parts << cancelledText(notSent, unknown);
    if (!parts.isEmpty())
        text += u"; "_s + parts.join(u"; "_s);
    return text + u'.';
}

QJsonObject TraceSendSummary::toJson() const
{
    QJsonArray refusedJson;
    for (const RefusedSpan &span : refusedSpans)
        refusedJson.append(QJsonObject{
            {u"index"_s, qint64(span.index)}, {u"spanId"_s, span.spanId}, {u"bytes"_s, qint64(span.bytes)}});
    QJsonArray failedJson;
    for (const FailedRequest &request : failedRequests)
        failedJson.append(QJsonObject{{u"request"_s, request.number},
                                      {u"spans"_s, qint64(request.spans)},
                                      {u"status"_s, request.httpStatus},
                                      {u"attempts"_s, request.attempts},
                                      {u"reason"_s, request.reason}});
    QJsonArray findingsJson;
    for (const Finding &finding : findings)
        findingsJson.append(finding.toJson());
    return QJsonObject{
        {u"complete"_s, complete},
        {u"cancelled"_s, cancelled},
        {u"spans"_s, qint64(totalSpans)},
        {u"acknowledged"_s, qint64(acknowledged)},
        {u"refused"_s, qint64(refused)},
        {u"failed"_s, qint64(failed)},
        {u"unsent"_s, qint64(unsent)},
        {u"notSent"_s, qint64(notSent)},
        {u"unknown"_s, qint64(unknown)},
        {u"requests"_s, requests},
        {u"requestsSent"_s, requestsSent},
        {u"retries"_s, retries},
        {u"elapsedMs"_s, elapsedMs},
        {u"refusedSpans"_s, refusedJson},
        {u"failedRequests"_s, failedJson},
        {u"findings"_s, findingsJson},
        {u"acknowledgedRanges"_s, spanRangesJson(acknowledgedRanges)},
        {u"failedRanges"_s, spanRangesJson(failedRanges)},
        {u"notSentRanges"_s, spanRangesJson(notSentRanges)},
        {u"unknownRanges"_s, spanRangesJson(unknownRanges)},
        {u"message"_s, message()},
    };
}

// ---- TraceSender ----

TraceSender::TraceSender(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_timer(this)
{
    Q_UNUSED(metaTypesRegistered);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TraceSender::pump);
    m_stopTimer.setSingleShot(true);
    connect(&m_stopTimer, &QTimer::timeout, this, &TraceSender::abort);
}

TraceSender::~TraceSender()
{
    for (const QPointer<HttpJob> &job : m_jobs) {
        if (job)
            job->disconnect(this);
    }
}

void TraceSender::start(std::shared_ptr<const SpanStore> spans, const QUrl &traceEndpoint,
                        const TraceSendOptions &options)
{
    Q_ASSERT(!m_busy);
    m_spans = spans ? std::move(spans) : std::make_shared<const SpanStore>();
    m_url = traceEndpoint;
    m_options = options;
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    m_options.maxSpansPerRequest = std::max(1, m_options.maxSpansPerRequest);
    m_window = RateWindow(m_options.maxRequestsPerSecond, m_options.rateMargin);
    m_pausedUntil = 0;
    m_retries.clear();
    m_done.clear();
    m_stopTimer.stop();
    m_next = 0;
    m_rateSamples.clear();
    m_summary = TraceSendSummary{};
    m_summary.totalSpans = m_spans->size();
    m_busy = true;
    m_cancelled = false;
    m_finishing = false;
    m_clock.start();

    m_jobs.clear();
    m_jobs.resize(size_t(m_options.maxInFlight));
    m_slots.clear();
    m_slots.resize(size_t(m_options.maxInFlight));
    m_requestsAcknowledged = 0;
    // Never before start() returns.
    QMetaObject::invokeMethod(this, &TraceSender::pump, Qt::QueuedConnection);
}

void TraceSender::cancel()
{
    if (!m_busy || m_finishing)
        return;
    if (m_cancelled) {
        abort();
        return;
    }
    m_cancelled = true;
    m_timer.stop();
    if (requestsInFlight() == 0) {
        finishSoon();
        return;
    }
    // The agent may be taking them right now: their answers say what it took.
    m_stopTimer.start(m_options.requestTimeout);
    emitProgress();
}

void TraceSender::abort()
{
    if (!m_busy || m_finishing)
        return;
    m_cancelled = true;
    m_timer.stop();
    m_stopTimer.stop();
    // Each reports at once, as unknown.
    for (const QPointer<HttpJob> &job : m_jobs) {
        if (job)
            job->abort();
    }
    finishSoon();
}

int TraceSender::requestsInFlight() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const auto &r) { return bool(r); }));
}

bool TraceSender::packNext(Request *request)
{
    const SpanStore &store = *m_spans;
    QByteArray &body = request->body;
    body.clear();
    body.append('[');
    qsizetype count = 0;
    while (m_next < store.size() && count < m_options.maxSpansPerRequest) {
        m_scratch.clear();
        SpanJson::writeSpan(store, m_next, m_scratch, SpanJson::Format::Compact);
        // The same rule, id and wording as the validator and the local agent.
        if (auto finding = SpanRules::sizeFinding(store, m_next, m_next, m_scratch.size(), m_options.maxSpanBytes)) {
            m_summary.refusedSpans.append(RefusedSpan{m_next, finding->spanId, m_scratch.size()});
            m_summary.findings.append(*finding);
            ++m_summary.refused;
            ++m_next;
            continue;
        }
        // '[' + spans + commas + ']'
        if (count > 0 && body.size() + 1 + m_scratch.size() + 1 > m_options.maxRequestBytes)
            break;
        if (count > 0)
            body.append(',');
        else
            request->first = m_next;
        body.append(m_scratch);
        ++count;
        ++m_next;
    }
    body.append(']');
    if (count == 0) {
        body.clear();
        return false;
    }
    request->spans = count;
    request->last = m_next - 1;
    request->number = ++m_summary.requests;
    request->attempts = 0;
    request->failures = 0;
    request->notBeforeMs = 0;
    return true;
}

void TraceSender::schedule(qint64 waitMs)
{
    waitMs = std::max<qint64>(1, waitMs);
    if (!m_timer.isActive() || m_timer.remainingTime() > waitMs)
        m_timer.start(std::chrono::milliseconds(waitMs));
}

void TraceSender::pump()
{
    if (!m_busy || m_cancelled || m_finishing)
        return;
    for (;;) {
        const auto free = std::find_if(m_slots.begin(), m_slots.end(), [](const auto &r) { return !r; });
        if (free == m_slots.end())
            break;
        const qint64 t = now();
        if (m_pausedUntil > t) {
            schedule(m_pausedUntil - t);
            break;
        }
        // A retry that is due goes first; then new spans; a retry not yet due waits.
        std::unique_ptr<Request> request;
        if (!m_retries.empty() && m_retries.front().notBeforeMs <= t) {
            const qint64 wait = m_window.waitMs(t);
            if (wait != 0) {
                if (wait > 0)
                    schedule(wait); // else an answer comes first, and pumps again
                break;
            }
            request = std::make_unique<Request>(std::move(m_retries.front()));
            m_retries.pop_front();
        } else if (m_next < m_spans->size()) {
            const qint64 wait = m_window.waitMs(t);
            if (wait != 0) {
                if (wait > 0)
                    schedule(wait);
                break;
            }
            request = std::make_unique<Request>();
            if (!packNext(request.get()))
                continue; // only refused spans were left
        } else {
            if (!m_retries.empty())
                schedule(m_retries.front().notBeforeMs - t);
            break;
        }
        request->ticket = m_window.started(t);
        ++request->attempts;
        ++m_summary.requestsSent;
        if (request->attempts > 1)
            ++m_summary.retries;
        const size_t slot = size_t(free - m_slots.begin());
        const QByteArray &body = request->body;
        *free = std::move(request);
        m_jobs[slot] = AgentPost::post(m_nam, m_url, body, m_options.requestTimeout, this, &lcTraces,
                                       [this, slot](const AgentOutcome &outcome) {
                                           m_jobs[slot].clear();
                                           onFinished(slot, outcome);
                                       });
    }
    emitProgress();
    const bool idle = std::none_of(m_slots.begin(), m_slots.end(), [](const auto &r) { return bool(r); });
    if (idle && m_retries.empty() && m_next >= m_spans->size())
        finishSoon();
}

void TraceSender::onFinished(size_t slot, const AgentOutcome &outcome)
{
    std::unique_ptr<Request> request = std::move(m_slots[slot]);
    if (!request)
        return;
    m_window.answered(request->ticket, now());
    const qint64 t = now();
    if (m_cancelled) {
        // Counted as the answer says; nothing is sent again.
        switch (outcome.kind) {
        case AgentOutcome::Kind::Delivered:
            m_summary.acknowledged += request->spans;
            ++m_requestsAcknowledged;
            settle(*request, Fate::Acknowledged);
            break;
        case AgentOutcome::Kind::Rejected:
            failRequest(*request, outcome);
            break;
        case AgentOutcome::Kind::Cancelled:
        case AgentOutcome::Kind::Retryable:
            settle(*request, request->mayHaveArrived || outcome.mayHaveArrived ? Fate::Unknown : Fate::NotSent);
            break;
        }
        if (requestsInFlight() == 0)
            finishSoon();
        else
            emitProgress();
        return;
    }
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        m_summary.acknowledged += request->spans;
        ++m_requestsAcknowledged;
        m_rateSamples.emplace_back(t, m_summary.acknowledged);
        settle(*request, Fate::Acknowledged);
        break;
    case AgentOutcome::Kind::Rejected:
        failRequest(*request, outcome);
        break;
    case AgentOutcome::Kind::Cancelled:
    case AgentOutcome::Kind::Retryable:
        if (request->attempts >= m_options.maxAttempts) {
            failRequest(*request, outcome);
            break;
        }
        request->mayHaveArrived = request->mayHaveArrived || outcome.mayHaveArrived;
        {
            qint64 wait = RetryPolicy{m_options.initialBackoff, m_options.maxBackoff}.delayMs(++request->failures);
            if (outcome.httpStatus == 429) {
                if (outcome.retryAfterMs)
                    wait = *outcome.retryAfterMs;
                // The agent counts every call: hold back all of them, not only this one.
                m_pausedUntil = std::max(m_pausedUntil, t + wait);
            }
            request->notBeforeMs = t + wait;
            const auto at
                = std::upper_bound(m_retries.begin(), m_retries.end(), request->notBeforeMs,
                                   [](qint64 when, const Request &queued) { return when < queued.notBeforeMs; });
            m_retries.insert(at, std::move(*request));
        }
        break;
    }
    pump();
}

void TraceSender::failRequest(const Request &request, const AgentOutcome &outcome)
{
    m_summary.failed += request.spans;
    m_summary.failedRequests.append(
        FailedRequest{request.number, request.spans, outcome.httpStatus, request.attempts, outcome.error});
    settle(request, Fate::Failed);
}

void TraceSender::settle(const Request &request, Fate fate)
{
    m_done.push_back(Done{request.first, request.last, fate});
}

void TraceSender::fillRanges()
{
    // One byte a span: what became of it, refused spans marked last.
    constexpr auto Refused = quint8(4);
    std::vector<quint8> fates(size_t(m_summary.totalSpans), quint8(Fate::NotSent));
    for (const Done &done : m_done)
        std::fill(fates.begin() + done.first, fates.begin() + done.last + 1, quint8(done.fate));
    for (const RefusedSpan &span : std::as_const(m_summary.refusedSpans))
        fates[size_t(span.index)] = Refused;
    m_summary.notSent = 0;
    m_summary.unknown = 0;
    for (qsizetype from = 0; from < m_summary.totalSpans;) {
        const quint8 fate = fates[size_t(from)];
        qsizetype to = from;
        while (to + 1 < m_summary.totalSpans && fates[size_t(to + 1)] == fate)
            ++to;
        switch (fate) {
        case quint8(Fate::Acknowledged):
            addSpanRange(m_summary.acknowledgedRanges, from, to);
            break;
        case quint8(Fate::Failed):
            addSpanRange(m_summary.failedRanges, from, to);
            break;
        case quint8(Fate::Unknown):
            addSpanRange(m_summary.unknownRanges, from, to);
            m_summary.unknown += to - from + 1;
            break;
        case quint8(Fate::NotSent):
            addSpanRange(m_summary.notSentRanges, from, to);
            m_summary.notSent += to - from + 1;
            break;
        default:
            break;
        }
        from = to + 1;
    }
}

TraceSendProgress TraceSender::currentProgress() const
{
    TraceSendProgress p;
    p.totalSpans = m_summary.totalSpans;
    p.acknowledgedSpans = m_summary.acknowledged;
    p.refusedSpans = m_summary.refused;
    p.failedSpans = m_summary.failed;
    p.requestsSent = m_summary.requestsSent;
    p.requestsAcknowledged = m_requestsAcknowledged;
    p.retries = m_summary.retries;
    p.stopping = isStopping();
    p.requestsInFlight = requestsInFlight();
    p.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (!m_rateSamples.empty()) {
        const auto &[lastMs, lastAcked] = m_rateSamples.back();
        // Over the last few seconds, or since the start.
        qint64 fromMs = 0;
        qsizetype fromAcked = 0;
        for (auto it = m_rateSamples.rbegin(); it != m_rateSamples.rend(); ++it) {
            if (lastMs - it->first > 3000)
                break;
            fromMs = it->first;
            fromAcked = it->second;
        }
        if (fromMs == lastMs) {
            fromMs = 0;
            fromAcked = 0;
        }
        if (lastMs > fromMs)
            p.spansPerSecond = double(lastAcked - fromAcked) * 1000.0 / double(lastMs - fromMs);
    }
    const qsizetype remaining = p.totalSpans - p.acknowledgedSpans - p.refusedSpans - p.failedSpans;
    if (remaining <= 0)
        p.remainingMs = 0;
    else if (p.spansPerSecond > 0)
        p.remainingMs = qint64(double(remaining) * 1000.0 / p.spansPerSecond);
    return p;
}

void TraceSender::emitProgress()
{
    while (m_rateSamples.size() > 2 && m_rateSamples.back().first - m_rateSamples.front().first > 10000)
        m_rateSamples.pop_front();
    Q_EMIT progress(currentProgress());
}

void TraceSender::finishSoon()
{
    if (m_finishing)
        return;
    m_finishing = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            // Outcomes of aborted requests come in before this runs (abort() reports at once).
            m_timer.stop();
            m_stopTimer.stop();
            for (auto &request : m_slots) {
                if (request)
                    settle(*request, Fate::Unknown);
            }
            for (const Request &request : m_retries)
                settle(request, request.mayHaveArrived ? Fate::Unknown : Fate::NotSent);
            fillRanges();
            m_summary.elapsedMs = m_clock.elapsed();
            m_summary.cancelled = m_cancelled;
            m_summary.unsent = std::max<qsizetype>(
                0, m_summary.totalSpans - m_summary.acknowledged - m_summary.refused - m_summary.failed);
            m_summary.complete = !m_cancelled && m_summary.acknowledged == m_summary.totalSpans;
            for (auto &request : m_slots)
                request.reset();
            m_retries.clear();
            m_busy = false;
            m_spans.reset();
            const TraceSendSummary summary = m_summary;
            Q_EMIT finished(summary);
        },
        Qt::QueuedConnection);
}

// ---- SpanStreamer ----

SpanStreamer::SpanStreamer(QNetworkAccessManager *nam, const QUrl &traceEndpoint, const SpanStreamerOptions &options,
                           QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_url(traceEndpoint)
    , m_options(options)
    , m_window(options.maxRequestsPerSecond, options.rateMargin)
    , m_timer(this)
    , m_stopTimer(this)
{
    m_options.batchSpans = std::clamp(m_options.batchSpans, 1, AgentRules::MaxSpansPerRequest);
    m_options.maxBuffered = std::max<qsizetype>(1, m_options.maxBuffered);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SpanStreamer::pump);
    m_stopTimer.setSingleShot(true);
    connect(&m_stopTimer, &QTimer::timeout, this, &SpanStreamer::abort);
    m_clock.start();
}

SpanStreamer::~SpanStreamer()
{
    if (m_job)
        m_job->disconnect(this);
}

SpanStreamer::AddResult SpanStreamer::add(const Span &span, qsizetype index)
{
    m_scratch.clear();
    m_scratch.append(span);
    return add(SpanJson::spanJson(m_scratch, 0, SpanJson::Format::Compact), index);
}

SpanStreamer::AddResult SpanStreamer::add(QByteArray compactSpanJson, qsizetype index)
{
    const QByteArray trimmed = compactSpanJson.trimmed();
    if (!trimmed.startsWith('{') || !trimmed.endsWith('}'))
        return AddResult::Invalid;
    if (trimmed.size() > m_options.maxSpanBytes)
        return AddResult::TooLarge;
    if (pending() >= m_options.maxBuffered) {
        updateBackPressure();
        return AddResult::BufferFull;
    }
    m_buffer.push_back(Buffered{trimmed, now(), index >= 0 ? index : m_added});
    ++m_added;
    updateBackPressure();
    if (pending() - m_inFlight >= m_options.batchSpans)
        QMetaObject::invokeMethod(this, &SpanStreamer::pump, Qt::QueuedConnection);
    else if (!m_timer.isActive() && m_inFlight == 0)
        m_timer.start(m_options.maxDelay);
    return AddResult::Accepted;
}

void SpanStreamer::flush()
{
    m_flushing = true;
    QMetaObject::invokeMethod(this, &SpanStreamer::pump, Qt::QueuedConnection);
}

void SpanStreamer::cancel()
{
    if (m_stopped)
        return;
    if (m_cancelled) {
        abort();
        return;
    }
    m_cancelled = true;
    m_timer.stop();
    if (m_job) {
        // The agent may be taking it right now: its answer says what it took.
        m_stopTimer.start(m_options.requestTimeout);
        return;
    }
    stopSoon();
}

void SpanStreamer::abort()
{
    if (m_stopped)
        return;
    m_cancelled = true;
    m_timer.stop();
    m_stopTimer.stop();
    if (m_job)
        m_job->abort(); // reports at once, and stops
    else
        stopSoon();
}

void SpanStreamer::stopSoon()
{
    if (m_stopped)
        return;
    // A request waiting to be sent again may have reached the agent the last time.
    release(m_mayHaveArrived, &m_unknownRanges);
    m_unknown += m_mayHaveArrived;
    m_mayHaveArrived = 0;
    m_stopped = true;
    m_stopTimer.stop();
    updateBackPressure();
    QMetaObject::invokeMethod(this, &SpanStreamer::stopped, Qt::QueuedConnection);
}

void SpanStreamer::release(qsizetype count, QList<SpanRange> *ranges)
{
    count = std::min<qsizetype>(count, qsizetype(m_buffer.size()));
    if (ranges) {
        for (qsizetype i = 0; i < count; ++i) {
            const qsizetype index = m_buffer[size_t(i)].index;
            addSpanRange(*ranges, index, index);
        }
    }
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + count);
}

void SpanStreamer::updateBackPressure()
{
    if (!m_backPressure && pending() >= m_options.maxBuffered) {
        m_backPressure = true;
        Q_EMIT backPressure(true);
    } else if (m_backPressure && pending() < m_options.maxBuffered / 2) {
        m_backPressure = false;
        Q_EMIT backPressure(false);
    }
}

void SpanStreamer::pump()
{
    if (m_inFlight > 0 || m_job || m_cancelled)
        return;
    const qsizetype waiting = pending();
    if (waiting == 0) {
        m_flushing = false;
        return;
    }
    const qint64 t = now();
    qint64 wait = std::max<qint64>(0, m_notBeforeMs - t);
    if (wait == 0 && !m_flushing && waiting < m_options.batchSpans)
        wait = std::max<qint64>(0, m_buffer.front().addedMs + m_options.maxDelay.count() - t);
    if (wait == 0)
        wait = m_window.waitMs(t);
    if (wait != 0) {
        // -1 cannot happen with one request in flight and a limit above 1; wait a little then.
        m_timer.start(std::chrono::milliseconds(wait > 0 ? wait : 10));
        return;
    }
    m_timer.stop();
    QByteArray body;
    body.append('[');
    qsizetype count = 0;
    for (const Buffered &buffered : m_buffer) {
        const QByteArray &span = buffered.json;
        if (count >= m_options.batchSpans)
            break;
        if (count > 0 && body.size() + 1 + span.size() + 1 > m_options.maxRequestBytes)
            break;
        if (count > 0)
            body.append(',');
        body.append(span);
        ++count;
    }
    body.append(']');
    m_inFlight = count;
    m_ticket = m_window.started(t);
    ++m_requestsSent;
    m_job = AgentPost::post(m_nam, m_url, body, m_options.requestTimeout, this, &lcTraces,
                            [this](const AgentOutcome &outcome) {
                                m_job.clear();
                                onFinished(outcome);
                            });
}

void SpanStreamer::onFinished(const AgentOutcome &outcome)
{
    const qsizetype count = m_inFlight;
    m_inFlight = 0;
    const qint64 t = now();
    m_window.answered(m_ticket, t);
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        release(count, &m_acknowledgedRanges);
        m_failures = 0;
        m_mayHaveArrived = std::max<qsizetype>(0, m_mayHaveArrived - count);
        m_acknowledged += count;
        Q_EMIT sent(count);
        break;
    case AgentOutcome::Kind::Rejected: {
        QList<QByteArray> spans;
        spans.reserve(count);
        for (qsizetype i = 0; i < count; ++i)
            spans.append(m_buffer[size_t(i)].json);
        release(count, nullptr);
        m_failures = 0;
        m_mayHaveArrived = std::max<qsizetype>(0, m_mayHaveArrived - count);
        Q_EMIT requestRefused(spans, outcome.httpStatus, outcome.error);
        break;
    }
    case AgentOutcome::Kind::Retryable:
    case AgentOutcome::Kind::Cancelled:
        if (outcome.mayHaveArrived)
            m_mayHaveArrived = std::max(m_mayHaveArrived, count);
        if (m_cancelled)
            break; // sent no more
        {
            // The spans stay at the front of the buffer, in their order, and go again.
            qint64 wait = RetryPolicy{m_options.initialBackoff, m_options.maxBackoff}.delayMs(++m_failures);
            if (outcome.httpStatus == 429 && outcome.retryAfterMs)
                wait = *outcome.retryAfterMs;
            m_notBeforeMs = t + wait;
            ++m_retries;
            Q_EMIT retrying(outcome.httpStatus, outcome.error, wait);
        }
        break;
    }
    if (m_cancelled) {
        stopSoon();
        return;
    }
    updateBackPressure();
    if (m_buffer.empty()) {
        m_flushing = false;
        Q_EMIT drained();
        return;
    }
    pump();
}

} // namespace Workbench::Traces
