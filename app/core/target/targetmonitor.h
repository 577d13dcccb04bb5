#pragma once

#include "core/target/agentprobe.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>

namespace Workbench {

// Keeps track of the agent that events and traces are sent to, and whether it is reachable:
// checks once when started or when the target changes, then again at an interval.
class TargetMonitor : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Unknown,
        Checking,
        Reachable,
        Unreachable,
    };
    Q_ENUM(State)

    explicit TargetMonitor(const QUrl &agent, QObject *parent = nullptr);

    QUrl agent() const { return m_agent; }
    // Chooses the agent; ends a refusal.
    void setAgent(const QUrl &agent);
    // The configured agent is refused (Settings::agentTarget()): until setAgent() chooses one,
    // agent() is empty, nothing is checked, and the state is Unreachable with the refusal as
    // its error, so that nothing is sent on a setting the operator did not mean.
    void setRefusal(const QString &refusal);
    QString refusal() const { return m_refusal; }

    void setInterval(std::chrono::milliseconds interval);
    void setProbeTimeout(std::chrono::milliseconds timeout);

    // Starts checking; until then the state stays Unknown.
    void start();
    // Checks now, whatever the interval says.
    void refresh();

    State state() const { return m_state; }
    // Why the last check failed; empty while reachable.
    QString lastError() const { return m_lastError; }
    QDateTime lastChecked() const { return m_lastChecked; }
    // Milliseconds the last successful connection took, or -1.
    qint64 lastLatencyMs() const { return m_lastLatencyMs; }
    // True once at least one check has given an answer for the current target.
    bool hasAnswer() const { return m_state == State::Reachable || m_state == State::Unreachable; }

Q_SIGNALS:
    void agentChanged(const QUrl &agent);
    void stateChanged(Workbench::TargetMonitor::State state);
    // After every completed check, also when the state stayed the same.
    void checked();

private:
    void setState(State state);
    void onProbeFinished(AgentProbe *probe);

    QUrl m_agent;
    QTimer m_interval;
    std::chrono::milliseconds m_probeTimeout{2000};
    AgentProbe *m_probe = nullptr;
    State m_state = State::Unknown;
    QString m_lastError;
    QString m_refusal;
    QDateTime m_lastChecked;
    qint64 m_lastLatencyMs = -1;
    bool m_started = false;
};

} // namespace Workbench
