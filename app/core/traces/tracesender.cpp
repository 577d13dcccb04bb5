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
        parts << Messages::tr("cancelled with %1 not acknowledged").arg(qlonglong(unsent));
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
        {u"complete"_s, complete},         {u"cancelled"_s, cancelled},
        {u"spans"_s, qint64(totalSpans)},  {u"acknowledged"_s, qint64(acknowledged)},
        {u"refused"_s, qint64(refused)},   {u"failed"_s, qint64(failed)},
        {u"unsent"_s, qint64(unsent)},     {u"requests"_s, requests},
        {u"requestsSent"_s, requestsSent}, {u"retries"_s, retries},
        {u"elapsedMs"_s, elapsedMs},       {u"refusedSpans"_s, refusedJson},
        {u"failedRequests"_s, failedJson}, {u"findings"_s, findingsJson},
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
    if (!m_busy || m_cancelled)
        return;
    m_cancelled = true;
    m_timer.stop();
    for (const QPointer<HttpJob> &job : m_jobs) {
        if (job)
            job->abort();
    }
    finishSoon();
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
    if (m_cancelled) {
        if (outcome.kind == AgentOutcome::Kind::Delivered)
            m_summary.acknowledged += request->spans;
        return;
    }
    const qint64 t = now();
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        m_summary.acknowledged += request->spans;
        ++m_requestsAcknowledged;
        m_rateSamples.emplace_back(t, m_summary.acknowledged);
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
{
    m_options.batchSpans = std::clamp(m_options.batchSpans, 1, AgentRules::MaxSpansPerRequest);
    m_options.maxBuffered = std::max<qsizetype>(1, m_options.maxBuffered);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SpanStreamer::pump);
    m_clock.start();
}

SpanStreamer::~SpanStreamer()
{
    if (m_job)
        m_job->disconnect(this);
}

SpanStreamer::AddResult SpanStreamer::add(const Span &span)
{
    m_scratch.clear();
    m_scratch.append(span);
    return add(SpanJson::spanJson(m_scratch, 0, SpanJson::Format::Compact));
}

SpanStreamer::AddResult SpanStreamer::add(QByteArray compactSpanJson)
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
    m_buffer.push_back(Buffered{trimmed, now()});
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
    if (m_inFlight > 0 || m_job)
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
    auto release = [this, count] { m_buffer.erase(m_buffer.begin(), m_buffer.begin() + count); };
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        release();
        m_failures = 0;
        m_acknowledged += count;
        Q_EMIT sent(count);
        break;
    case AgentOutcome::Kind::Rejected: {
        QList<QByteArray> spans;
        spans.reserve(count);
        for (qsizetype i = 0; i < count; ++i)
            spans.append(m_buffer[size_t(i)].json);
        release();
        m_failures = 0;
        Q_EMIT requestRefused(spans, outcome.httpStatus, outcome.error);
        break;
    }
    case AgentOutcome::Kind::Retryable:
    case AgentOutcome::Kind::Cancelled: {
        // The spans stay at the front of the buffer, in their order, and go again.
        qint64 wait = RetryPolicy{m_options.initialBackoff, m_options.maxBackoff}.delayMs(++m_failures);
        if (outcome.httpStatus == 429 && outcome.retryAfterMs)
            wait = *outcome.retryAfterMs;
        m_notBeforeMs = t + wait;
        ++m_retries;
        Q_EMIT retrying(outcome.httpStatus, outcome.error, wait);
        break;
    }
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
