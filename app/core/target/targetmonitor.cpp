#include "core/target/targetmonitor.h"

#include "core/agentapi/agentendpoint.h"
#include "core/logging/logging.h"

namespace Workbench {

TargetMonitor::TargetMonitor(const QUrl &agent, QObject *parent)
    : QObject(parent)
    , m_agent(agent)
{
    m_interval.setInterval(std::chrono::seconds(15));
    connect(&m_interval, &QTimer::timeout, this, &TargetMonitor::refresh);
}

void TargetMonitor::setAgent(const QUrl &agent)
{
    if (agent == m_agent && m_refusal.isEmpty())
        return;
    m_refusal.clear();
    m_agent = agent;
    m_lastError.clear();
    m_lastLatencyMs = -1;
    qCInfo(lcTarget) << "agent target is now" << AgentEndpoint::displayName(agent);
    setState(State::Unknown);
    Q_EMIT agentChanged(agent);
    if (m_started)
        refresh();
}

void TargetMonitor::setRefusal(const QString &refusal)
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    m_refusal = refusal;
    m_agent = QUrl();
    m_lastError = refusal;
    m_lastLatencyMs = -1;
    qCWarning(lcTarget).noquote() << refusal;
    setState(State::Unreachable);
    Q_EMIT agentChanged(m_agent);
}

void TargetMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_interval.setInterval(interval);
}

void TargetMonitor::setProbeTimeout(std::chrono::milliseconds timeout)
{
    m_probeTimeout = timeout;
}

void TargetMonitor::start()
{
    m_started = true;
    m_interval.start();
    refresh();
}

void TargetMonitor::refresh()
{
    if (!m_refusal.isEmpty())
        return; // nothing to check until an agent is chosen
    if (m_probe) {
        // A newer check replaces one still under way; its answer would describe the past.
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe->deleteLater();
    }
    m_probe = new AgentProbe(m_agent, this);
    m_probe->setTimeout(m_probeTimeout);
    AgentProbe *probe = m_probe;
    connect(probe, &AgentProbe::finished, this, [this, probe] { onProbeFinished(probe); });
    // A periodic re-check of a target that already answered keeps its state until the new
    // answer comes, so the status bar does not flicker.
    if (!hasAnswer())
        setState(State::Checking);
    probe->start();
}

void TargetMonitor::onProbeFinished(AgentProbe *probe)
{
    probe->deleteLater();
    if (probe != m_probe)
        return;
    m_probe = nullptr;
    m_lastChecked = QDateTime::currentDateTimeUtc();
    if (probe->isReachable()) {
        m_lastError.clear();
        m_lastLatencyMs = probe->elapsedMs();
        setState(State::Reachable);
    } else {
        m_lastError = probe->errorString();
        m_lastLatencyMs = -1;
        setState(State::Unreachable);
    }
    Q_EMIT checked();
}

void TargetMonitor::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Workbench
