#pragma once

#include <QToolButton>

namespace Workbench {

class LocalAgent;
class TargetMonitor;

// The status bar's word on where events and traces go: the agent's address and whether it
// answers, as a coloured dot and text. A click asks for another target.
class TargetIndicator : public QToolButton
{
    Q_OBJECT
public:
    // With a local agent, says so when the target is that agent.
    explicit TargetIndicator(TargetMonitor &monitor, LocalAgent *localAgent = nullptr, QWidget *parent = nullptr);

private:
    void refresh();

    bool targetIsLocalAgent() const;

    TargetMonitor &m_monitor;
    LocalAgent *m_localAgent;
};

} // namespace Workbench
