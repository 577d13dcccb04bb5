#include "core/localagent/capturestore.h"

#include <QSet>

namespace Workbench {

namespace {
qsizetype sizeOf(const RequestRecord &request)
{
    return request.head.size() + request.body.size();
}
} // namespace

CaptureStore::CaptureStore(QObject *parent)
    : CaptureStore(Limits{}, parent)
{
}

CaptureStore::CaptureStore(Limits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
}

template<typename T>
void CaptureStore::append(Section section, std::deque<T> &rows, QList<T> &&added, qsizetype max, quint64 *dropped)
{
    if (added.isEmpty())
        return;
    // More than fit at all: only the newest of them are kept.
    if (added.size() > max) {
        *dropped += quint64(added.size() - max);
        added.remove(0, added.size() - max);
    }
    const qsizetype overflow = qsizetype(rows.size()) + added.size() - max;
    if (overflow > 0) {
        Q_EMIT rowsAboutToBeRemoved(section, 0, overflow - 1);
        if (section == Section::Spans)
            removeSpansFromTraces(overflow);
        rows.erase(rows.begin(), rows.begin() + overflow);
        *dropped += quint64(overflow);
        Q_EMIT rowsRemoved(section);
    }
    const qsizetype first = qsizetype(rows.size());
    Q_EMIT rowsAboutToBeInserted(section, first, first + added.size() - 1);
    for (T &row : added)
        rows.push_back(std::move(row));
    Q_EMIT rowsInserted(section);
    if (section == Section::Spans)
        addSpansToTraces(first);
}

void CaptureStore::add(const CaptureBatch &batch)
{
    ++m_counters.requests;
    m_recentRequests.push_back(batch.request.receivedAtMs);
    while (m_recentRequests.size() > 1 && m_recentRequests.front() < batch.request.receivedAtMs - 1000)
        m_recentRequests.pop_front();

    // The raw request, within its byte budget.
    RequestRecord raw = batch.request;
    if (sizeOf(raw) <= m_limits.maxRequestBytes) {
        m_requestBytes += sizeOf(raw);
        m_requests.push_back(std::move(raw));
        while (m_requestBytes > m_limits.maxRequestBytes) {
            m_requestBytes -= sizeOf(m_requests.front());
            m_requests.pop_front();
        }
    }

    if (batch.rejection) {
        ++m_counters.rejected;
        RequestRecord request = batch.request;
        request.body.truncate(64 * 1024); // the full body, if kept, is in m_requests
        append(Section::Rejections, m_rejections, QList<RejectedRequest>{{std::move(request), *batch.rejection}},
               m_limits.maxRejections, &m_counters.droppedRejections);
    } else {
        QList<CapturedItem> events;
        QList<CapturedItem> spans;
        for (const CapturedItem &item : batch.items)
            (item.kind == CapturedItem::Kind::Event ? events : spans).append(item);
        m_counters.events += quint64(events.size());
        m_counters.spans += quint64(spans.size());
        append(Section::Events, m_events, std::move(events), m_limits.maxEvents, &m_counters.droppedEvents);
        append(Section::Spans, m_spans, std::move(spans), m_limits.maxSpans, &m_counters.droppedSpans);
    }
    Q_EMIT countersChanged();
}

void CaptureStore::addSpansToTraces(qsizetype firstNewSpan)
{
    QList<TraceSummary> newTraces;
    QHash<QString, qsizetype> newRows;
    auto update = [](TraceSummary &trace, const CapturedItem &span) {
        ++trace.spans;
        trace.lastSeenMs = std::max(trace.lastSeenMs, span.receivedAtMs);
        if (span.summary.error)
            ++trace.errors;
        trace.findings += span.findings.size();
        if (span.parentId().isEmpty() && trace.rootName.isEmpty())
            trace.rootName = span.name();
    };
    QSet<qsizetype> changed;
    for (auto it = m_spans.begin() + firstNewSpan; it != m_spans.end(); ++it) {
        const QString traceId = it->traceId();
        if (const auto row = m_traceRow.constFind(traceId); row != m_traceRow.constEnd()) {
            const qsizetype index = row.value() - m_traceRowBase;
            update(m_traces[size_t(index)], *it);
            changed.insert(index);
        } else if (const auto pending = newRows.constFind(traceId); pending != newRows.constEnd()) {
            update(newTraces[pending.value()], *it);
        } else {
            TraceSummary trace;
            trace.traceId = traceId;
            trace.firstSeenMs = it->receivedAtMs;
            update(trace, *it);
            newRows.insert(traceId, newTraces.size());
            newTraces.append(std::move(trace));
        }
    }
    for (const qsizetype row : std::as_const(changed))
        Q_EMIT traceChanged(row);
    if (newTraces.isEmpty())
        return;
    const qsizetype first = qsizetype(m_traces.size());
    Q_EMIT rowsAboutToBeInserted(Section::Traces, first, first + newTraces.size() - 1);
    for (TraceSummary &trace : newTraces) {
        m_traceRow.insert(trace.traceId, qsizetype(m_traces.size()) + m_traceRowBase);
        m_traces.push_back(std::move(trace));
    }
    Q_EMIT rowsInserted(Section::Traces);
}

void CaptureStore::removeSpansFromTraces(qsizetype count)
{
    QSet<qsizetype> emptied;
    for (auto it = m_spans.begin(); it != m_spans.begin() + count; ++it) {
        const auto row = m_traceRow.constFind(it->traceId());
        if (row == m_traceRow.constEnd())
            continue;
        const qsizetype index = row.value() - m_traceRowBase;
        TraceSummary &trace = m_traces[size_t(index)];
        --trace.spans;
        if (it->summary.error)
            --trace.errors;
        trace.findings -= it->findings.size();
        if (trace.spans == 0)
            emptied.insert(index);
        else
            Q_EMIT traceChanged(index);
    }
    if (emptied.isEmpty())
        return;
    // Traces empty out oldest first as a rule; remove them in runs from the back so that the
    // rows still to remove keep their numbers.
    QList<qsizetype> rows(emptied.begin(), emptied.end());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const qsizetype row : std::as_const(rows)) {
        Q_EMIT rowsAboutToBeRemoved(Section::Traces, row, row);
        m_traceRow.remove(m_traces[size_t(row)].traceId);
        m_traces.erase(m_traces.begin() + row);
        Q_EMIT rowsRemoved(Section::Traces);
    }
    // Rows after a removed one moved up; the cheap case (all removed at the front) only
    // shifts the base.
    if (rows.constLast() == 0 && rows.constFirst() == rows.size() - 1)
        m_traceRowBase += rows.size();
    else
        rebuildTraceIndex();
}

void CaptureStore::rebuildTraceIndex()
{
    m_traceRow.clear();
    m_traceRowBase = 0;
    for (size_t i = 0; i < m_traces.size(); ++i)
        m_traceRow.insert(m_traces[i].traceId, qsizetype(i));
}

void CaptureStore::clear()
{
    Q_EMIT aboutToBeCleared();
    m_events.clear();
    m_spans.clear();
    m_traces.clear();
    m_traceRow.clear();
    m_traceRowBase = 0;
    m_rejections.clear();
    m_requests.clear();
    m_requestBytes = 0;
    m_recentRequests.clear();
    m_counters = {};
    Q_EMIT cleared();
    Q_EMIT countersChanged();
}

QList<CapturedItem> CaptureStore::spansOfTrace(const QString &traceId) const
{
    QList<CapturedItem> result;
    for (const CapturedItem &span : m_spans) {
        if (span.traceId() == traceId)
            result.append(span);
    }
    return result;
}

std::optional<RequestRecord> CaptureStore::request(quint64 id) const
{
    // Ids only grow, so the kept requests are sorted by id.
    const auto it = std::lower_bound(m_requests.begin(), m_requests.end(), id,
                                     [](const RequestRecord &request, quint64 wanted) { return request.id < wanted; });
    if (it == m_requests.end() || it->id != id)
        return std::nullopt;
    return *it;
}

int CaptureStore::requestsInLastSecond(qint64 nowMs) const
{
    return int(std::count_if(m_recentRequests.begin(), m_recentRequests.end(),
                             [nowMs](qint64 at) { return at > nowMs - 1000 && at <= nowMs; }));
}

} // namespace Workbench
