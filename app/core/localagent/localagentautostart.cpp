#include "core/localagent/localagentautostart.h"

#include "core/agentapi/agentendpoint.h"
#include "core/localagent/localagent.h"
#include "core/logging/logging.h"
#include "core/target/agentprobe.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Workbench {

LocalAgentAutostart::LocalAgentAutostart(LocalAgent &agent, QObject *parent)
    : QObject(parent)
    , m_agent(agent)
{
}

void LocalAgentAutostart::run(const QUrl &target, bool enabled)
{
    if (!enabled) {
        QTimer::singleShot(0, this,
                           [this] { finish(Outcome::Disabled, tr("Starting the local agent is turned off.")); });
        return;
    }
    // Only an agent address on this machine, over plain http, can be stood in for.
    if (target.scheme() != u"http"_s || !AgentEndpoint::isLoopback(target) || target.port() <= 0) {
        QTimer::singleShot(0, this, [this, target] {
            finish(Outcome::OtherTarget,
                   tr("Events and traces go to %1, the agent chosen in the settings.").arg(target.toString()));
        });
        return;
    }
    auto *probe = new AgentProbe(target, this);
    probe->setTimeout(std::chrono::milliseconds(1500));
    connect(probe, &AgentProbe::finished, this, [this, probe, target] {
        probe->deleteLater();
        if (probe->isReachable()) {
            finish(Outcome::RealAgentFound,
                   tr("An agent already listens at %1; events and traces go there.")
                       .arg(AgentEndpoint::displayName(target)));
            return;
        }
        if (probe->result() != AgentProbe::Result::Refused) {
            // Inconclusive: never compete for a port that something may hold.
            finish(Outcome::Failed, tr("The local agent was not started: %1").arg(probe->errorString()));
            return;
        }
        LocalAgentConfig config;
        config.port = quint16(target.port());
        QString error;
        if (!m_agent.start(config, &error)) {
            finish(Outcome::Failed, error);
            return;
        }
        finish(Outcome::Started,
               tr("Nothing listened at %1, so the local agent was started there; it captures "
                  "what is sent and forwards nothing.")
                   .arg(AgentEndpoint::displayName(target)));
    });
    probe->start();
}

void LocalAgentAutostart::finish(Outcome outcome, const QString &message)
{
    m_outcome = outcome;
    m_message = message;
    qCInfo(lcAgent) << "local agent autostart:" << outcome << message;
    Q_EMIT finished(outcome);
}

} // namespace Workbench
