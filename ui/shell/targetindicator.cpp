#include "ui/shell/targetindicator.h"

#include "core/agentapi/agentendpoint.h"
#include "core/localagent/localagent.h"
#include "core/target/targetmonitor.h"

#include <QLocale>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QIcon dot(const QColor &colour)
{
    QPixmap pixmap(24, 24);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(140), 1.5));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(5, 5, 14, 14));
    return QIcon(pixmap);
}
} // namespace

TargetIndicator::TargetIndicator(TargetMonitor &monitor, LocalAgent *localAgent, QWidget *parent)
    : QToolButton(parent)
    , m_monitor(monitor)
    , m_localAgent(localAgent)
{
    setObjectName(u"target-indicator"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(14, 14));
    connect(&monitor, &TargetMonitor::stateChanged, this, &TargetIndicator::refresh);
    connect(&monitor, &TargetMonitor::agentChanged, this, &TargetIndicator::refresh);
    connect(&monitor, &TargetMonitor::checked, this, &TargetIndicator::refresh);
    if (localAgent)
        connect(localAgent, &LocalAgent::runningChanged, this, &TargetIndicator::refresh);
    refresh();
}

void TargetIndicator::refresh()
{
    if (!m_monitor.refusal().isEmpty()) {
        setText(tr("Agent setting refused · nothing is sent"));
        setIcon(dot(QColor(0xd0, 0x3b, 0x3b)));
        setToolTip(m_monitor.refusal() + u'\n' + tr("Click to choose an agent."));
        return;
    }
    const QString where = AgentEndpoint::displayName(m_monitor.agent());
    QString state;
    QColor colour;
    switch (m_monitor.state()) {
    case TargetMonitor::State::Unknown:
        state = tr("not checked");
        colour = QColor(0x9e, 0x9e, 0x9e);
        break;
    case TargetMonitor::State::Checking:
        state = tr("checking…");
        colour = QColor(0xf2, 0xb7, 0x05);
        break;
    case TargetMonitor::State::Reachable:
        state = targetIsLocalAgent() ? tr("local agent (capture only)") : tr("reachable");
        colour = targetIsLocalAgent() ? QColor(0x2f, 0x6f, 0xde) : QColor(0x2e, 0xa0, 0x43);
        break;
    case TargetMonitor::State::Unreachable:
        state = tr("not reachable");
        colour = QColor(0xd0, 0x3b, 0x3b);
        break;
    }
    setText(tr("Agent %1 · %2").arg(where, state));
    setIcon(dot(colour));

    QString tip = targetIsLocalAgent()
        ? tr("Events and traces go to the workbench's own local agent at %1, which captures them for the "
             "Local Agent workspace and forwards nothing to Instana.")
              .arg(m_monitor.agent().toString())
        : tr("Events and traces are sent to the host agent at %1.").arg(m_monitor.agent().toString());
    if (!m_monitor.lastError().isEmpty())
        tip += u'\n' + m_monitor.lastError();
    if (m_monitor.lastChecked().isValid())
        tip += u'\n'
            + tr("Last checked %1.")
                  .arg(QLocale().toString(m_monitor.lastChecked().toLocalTime(), QLocale::ShortFormat));
    tip += u'\n' + tr("Click to choose another agent.");
    setToolTip(tip);
}

bool TargetIndicator::targetIsLocalAgent() const
{
    if (!m_localAgent || !m_localAgent->isRunning())
        return false;
    const QUrl target = m_monitor.agent();
    return target.port() == m_localAgent->port()
        && (m_localAgent->address().isEqual(QHostAddress::Any) || m_localAgent->address().isEqual(QHostAddress::AnyIPv6)
            || AgentEndpoint::isLoopback(target) == m_localAgent->address().isLoopback());
}

} // namespace Workbench
