#pragma once

#include "core/agentapi/agentrules.h"
#include "core/localagent/capture.h"
#include "core/localagent/httprequestparser.h"
#include "core/localagent/httpresponse.h"

#include <deque>

namespace Workbench {

// What the local agent answers to one request, and what it captures from it: routing, the
// documented limits of the endpoints, the checks of events and spans, and the rate limit of
// the trace endpoint. No sockets: AgentServer feeds it requests.
class AgentProtocol
{
public:
    struct Outcome
    {
        HttpResponse response;
        CaptureBatch batch;
        bool capture = true; // false for requests not worth listing (GET /)
    };

    // Lenient: accept every request and only report what would have refused it.
    void setLenient(bool lenient) { m_lenient = lenient; }
    bool isLenient() const { return m_lenient; }
    void setTraceCallsPerSecond(int calls) { m_traceCallsPerSecond = calls; }

    Outcome handle(const HttpRequest &request, const QString &source, qint64 nowMs);
    // A request that never got as far as handle(): bad HTTP, too large, too slow.
    Outcome refuse(int status, const QString &rule, const QString &reason, const QByteArray &head,
                   const QString &source, qint64 nowMs);

private:
    enum class Endpoint {
        Event,
        Trace,
    };
    Outcome handleEndpoint(Endpoint endpoint, const HttpRequest &request, Outcome outcome, qint64 nowMs);
    void acceptEvents(Outcome &outcome, const QByteArray &body);
    // Spans are read by the span reader and checked by the span rules (core/traces).
    void acceptSpans(Outcome &outcome, const QByteArray &body);
    // Refuses for the first of `errors`, or accepts.
    void finish(Outcome &outcome, const Findings &errors, int warnings);
    enum Refusal {
        UnlessLenient, // in lenient mode, only noted as a finding of the request
        Always, // nothing to accept: unknown endpoint, wrong method
    };
    // Ends the outcome as a rejection, or, in lenient mode, notes what would have refused it.
    Outcome &reject(Outcome &outcome, int status, const QString &rule, const QString &reason,
                    Refusal refusal = UnlessLenient);
    Outcome &accept(Outcome &outcome, int items, int warnings);
    quint64 nextRequestId() { return m_nextRequestId++; }

    bool m_lenient = false;
    int m_traceCallsPerSecond = AgentRules::MaxTraceCallsPerSecond;
    quint64 m_nextRequestId = 1;
    std::deque<qint64> m_traceCalls; // admitted calls to the trace endpoint in the last second
};

} // namespace Workbench
