#pragma once

#include <QtGlobal>

#include <chrono>
#include <deque>

namespace Workbench {

// Recent requests, to keep within the agent's calls per second. The agent counts a call when
// it has read the whole request, somewhere between the moment it was started here and the
// moment its answer came back. A request therefore counts here for one second plus `margin`
// after it was started, and, once answered, also until one second after its answer (so a
// request the agent read late cannot meet 20 later ones in the agent's window). While a
// request is unanswered it counts; waitMs() says -1 when only an answer can free a place.
class RateWindow
{
public:
    RateWindow(int perSecond, std::chrono::milliseconds margin);
    // Milliseconds to wait before another request may start at `nowMs`: 0 now, -1 when it must
    // wait for an answer.
    qint64 waitMs(qint64 nowMs);
    // Returns a ticket for answered().
    quint64 started(qint64 nowMs);
    void answered(quint64 ticket, qint64 nowMs);
    void reset() { m_calls.clear(); }

private:
    struct Call
    {
        quint64 ticket = 0;
        qint64 startMs = 0;
        qint64 answeredMs = -1;
    };
    qint64 releaseMs(const Call &call) const;

    int m_perSecond;
    qint64 m_windowMs;
    quint64 m_nextTicket = 1;
    std::deque<Call> m_calls;
};

} // namespace Workbench
