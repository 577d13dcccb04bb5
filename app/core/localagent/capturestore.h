#pragma once

#include "core/localagent/capture.h"

#include <QHash>
#include <QObject>

#include <deque>
#include <optional>

namespace Workbench {

// What the local agent captured, kept for people to look at, within fixed bounds: when a
// section is full its oldest entries go, and the count of dropped entries says so. Spans are
// grouped into traces by traceId. Lives in the GUI thread; feed it LocalAgent::captured().
class CaptureStore : public QObject
{
    Q_OBJECT
public:
    enum class Section {
        Events,
        Spans,
        Traces,
        Rejections,
    };
    Q_ENUM(Section)

    struct Limits
    {
        qsizetype maxEvents = 10000;
        qsizetype maxSpans = 200000;
        qsizetype maxRejections = 2000;
        qsizetype maxRequestBytes = 64 * 1024 * 1024; // raw requests kept for viewing
    };

    struct Counters
    {
        quint64 requests = 0;
        quint64 rejected = 0;
        quint64 events = 0;
        quint64 spans = 0;
        quint64 droppedEvents = 0;
        quint64 droppedSpans = 0;
        quint64 droppedRejections = 0;
    };

    struct TraceSummary
    {
        QString traceId;
        qsizetype spans = 0;
        qsizetype errors = 0; // spans marked error: true
        qsizetype findings = 0; // errors and warnings of the checks
        qint64 firstSeenMs = 0;
        qint64 lastSeenMs = 0;
        QString rootName; // name of the span without parentId, once seen
    };

    struct RejectedRequest
    {
        RequestRecord request;
        Rejection rejection;
    };

    explicit CaptureStore(QObject *parent = nullptr);
    explicit CaptureStore(Limits limits, QObject *parent = nullptr);

    void add(const CaptureBatch &batch);
    void clear();

    const std::deque<CapturedItem> &events() const { return m_events; }
    const std::deque<CapturedItem> &spans() const { return m_spans; }
    const std::deque<TraceSummary> &traces() const { return m_traces; }
    const std::deque<RejectedRequest> &rejections() const { return m_rejections; }
    QList<CapturedItem> spansOfTrace(const QString &traceId) const;
    // The request as it arrived, while it is still kept.
    std::optional<RequestRecord> request(quint64 id) const;

    Counters counters() const { return m_counters; }
    // Requests in the second before nowMs.
    int requestsInLastSecond(qint64 nowMs) const;
    Limits limits() const { return m_limits; }

Q_SIGNALS:
    // Row changes, for item models: rows [first, last] of a section.
    void rowsAboutToBeInserted(Workbench::CaptureStore::Section section, qsizetype first, qsizetype last);
    void rowsInserted(Workbench::CaptureStore::Section section);
    void rowsAboutToBeRemoved(Workbench::CaptureStore::Section section, qsizetype first, qsizetype last);
    void rowsRemoved(Workbench::CaptureStore::Section section);
    void traceChanged(qsizetype row);
    void aboutToBeCleared();
    void cleared();
    void countersChanged();

private:
    template<typename T>
    void append(Section section, std::deque<T> &rows, QList<T> &&added, qsizetype max, quint64 *dropped);
    void addSpansToTraces(qsizetype firstNewSpan);
    void removeSpansFromTraces(qsizetype count);
    void rebuildTraceIndex();

    Limits m_limits;
    Counters m_counters;
    std::deque<CapturedItem> m_events;
    std::deque<CapturedItem> m_spans;
    std::deque<TraceSummary> m_traces;
    QHash<QString, qsizetype> m_traceRow; // traceId -> row + m_traceRowBase
    qsizetype m_traceRowBase = 0;
    std::deque<RejectedRequest> m_rejections;
    std::deque<RequestRecord> m_requests;
    qsizetype m_requestBytes = 0;
    std::deque<qint64> m_recentRequests;
};

} // namespace Workbench
