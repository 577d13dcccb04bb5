#include "core/net/ratewindow.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace Workbench {

RateWindow::RateWindow(int perSecond, std::chrono::milliseconds margin)
    : m_perSecond(std::max(1, perSecond))
    , m_windowMs(1000 + std::max<qint64>(0, margin.count()))
{
}

qint64 RateWindow::releaseMs(const Call &call) const
{
    if (call.answeredMs < 0)
        return std::numeric_limits<qint64>::max();
    // A few ms more for the agent's clock, which counts whole wall-clock milliseconds.
    return std::max(call.startMs + m_windowMs, call.answeredMs + 1000 + 5);
}

qint64 RateWindow::waitMs(qint64 nowMs)
{
    m_calls.erase(std::remove_if(m_calls.begin(), m_calls.end(),
                                 [this, nowMs](const Call &call) { return releaseMs(call) <= nowMs; }),
                  m_calls.end());
    if (qsizetype(m_calls.size()) < m_perSecond)
        return 0;
    // The place that frees first once enough have left.
    std::vector<qint64> releases;
    releases.reserve(m_calls.size());
    for (const Call &call : m_calls)
        releases.push_back(releaseMs(call));
    std::sort(releases.begin(), releases.end());
    const qint64 release = releases[releases.size() - size_t(m_perSecond)];
    return release == std::numeric_limits<qint64>::max() ? -1 : std::max<qint64>(1, release - nowMs);
}

quint64 RateWindow::started(qint64 nowMs)
{
    const quint64 ticket = m_nextTicket++;
    m_calls.push_back(Call{ticket, nowMs, -1});
    return ticket;
}

void RateWindow::answered(quint64 ticket, qint64 nowMs)
{
    for (Call &call : m_calls) {
        if (call.ticket == ticket) {
            call.answeredMs = nowMs;
            return;
        }
    }
}

} // namespace Workbench
