#pragma once

#include <QToolButton>

namespace Workbench {

class TargetMonitor;

// The status bar's word on where events and traces go: the agent's address and whether it
// answers, as a coloured dot and text. A click asks for another target.
class TargetIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit TargetIndicator(TargetMonitor &monitor, QWidget *parent = nullptr);

private:
    void refresh();

    TargetMonitor &m_monitor;
};

} // namespace Workbench
