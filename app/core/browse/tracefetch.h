#pragma once

#include "core/browse/backendtrace.h"
#include "core/rest/resterror.h"
#include "core/traces/spanstore.h"
#include "core/validation/finding.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Workbench::Rest {
class Pager;
class RestClient;
class RestJob;
} // namespace Workbench::Rest

namespace Workbench::Browse {

// Fetches one whole trace from the backend and makes it the agent's spans (backendtrace.h):
// every call of the trace through a Rest::Pager (cursors in the query), then the details of
// each call, a few requests at once; the spans are put together in a thread of the pool. Bounded: a trace with more
// calls than maxCalls() stops with a sentence before any details are asked for. A call whose details are not found
// (404) is made from the call alone, with a finding; any other failed request ends the fetch with its sentence. Starts
// once, ends with exactly one finished(), never before start() returns; abort() ends it at once as Cancelled.
class TraceFetch : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        InvalidTraceId, // empty, or with characters no trace id has
        Request, // a request failed: httpStatus() and the sentence
        NotFound, // the trace has no calls, or the backend does not know it
        BadAnswer, // the list of calls is no listing
        TooManyCalls,
        Cancelled,
    };
    Q_ENUM(Error)

    static constexpr int DefaultParallel = 4;
    static constexpr qint64 DefaultMaxCalls = 100000;
    static constexpr int CallsPageSize = 200;

    // The client must outlive the fetch.
    TraceFetch(Rest::RestClient *client, QString traceId, QObject *parent = nullptr);
    ~TraceFetch() override;

    QString traceId() const { return m_traceId; }
    // Details requests at once, 1 to 16.
    void setParallel(int requests);
    int parallel() const { return m_parallel; }
    // At least 1.
    void setMaxCalls(qint64 calls);
    qint64 maxCalls() const { return m_maxCalls; }

    void start();
    void abort();
    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }

    Error error() const { return m_error; }
    // One sentence; empty when error() is None.
    QString errorString() const { return m_errorString; }
    int httpStatus() const { return m_httpStatus; }

    // The trace's spans once it finished without an error.
    const Traces::SpanStore &store() const { return m_conversion.store; }
    Traces::SpanStore takeStore() { return std::move(m_conversion.store); }
    // What the conversion noted (warnings), also when the fetch failed midway.
    const Findings &findings() const { return m_conversion.findings; }
    // Calls listed, and calls whose details came (or were given up as not found).
    qint64 totalCalls() const { return m_calls.size(); }
    qint64 doneCalls() const { return m_done; }

Q_SIGNALS:
    // While the calls are listed, `total` is -1 and `done` the calls listed so far; then the
    // calls whose details are done of all calls.
    void progressed(qint64 done, qint64 total);
    void finished(Workbench::Browse::TraceFetch *fetch);

private:
    void onCalls(Rest::Pager *pager);
    void requestMore();
    void onDetails(Rest::RestJob *job, qsizetype call);
    void onAssembled(BackendTrace::Conversion conversion);
    void finishWith(Error error, const QString &text);

    QPointer<Rest::RestClient> m_client;
    QString m_traceId;
    QPointer<Rest::Pager> m_pager;
    QList<QPointer<Rest::RestJob>> m_jobs;
    QList<BackendTrace::Call> m_calls;
    QHash<QString, QList<Traces::Span>> m_spans;
    Findings m_findings;
    BackendTrace::Conversion m_conversion;
    QString m_errorString;
    Error m_error = Error::None;
    qsizetype m_next = 0; // the next call to ask the details of
    qint64 m_done = 0;
    qint64 m_maxCalls = DefaultMaxCalls;
    int m_parallel = DefaultParallel;
    int m_httpStatus = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_assembling = false;
};

} // namespace Workbench::Browse
