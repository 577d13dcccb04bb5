#include "iwb/commands/statuscommand.h"

#include "core/agentapi/agentendpoint.h"
#include "core/settings/settings.h"
#include "core/target/agentprobe.h"
#include "iwb/cli/agenttarget.h"
#include "iwb/cli/numberoption.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::StatusCommand)
};
} // namespace
} // namespace

StatusCommand::StatusCommand()
    : Command(u"status"_s, Messages::tr("Show the agent target and whether it is reachable."))
{
}

QString StatusCommand::description() const
{
    return Messages::tr("Shows the host agent that events and traces are sent to, checks whether something "
                        "listens there, and shows where the settings file is. Exits 0 when the agent is "
                        "reachable and 1 when it is not.");
}

QList<QCommandLineOption> StatusCommand::options() const
{
    return {
        QCommandLineOption(u"agent"_s, Messages::tr("Check this agent instead of the configured one."), u"url"_s),
        QCommandLineOption(u"timeout"_s, Messages::tr("Give up after this many milliseconds (default 2000)."), u"ms"_s,
                           u"2000"_s),
        QCommandLineOption(u"json"_s, Messages::tr("Print the result as one JSON object.")),
    };
}

QStringList StatusCommand::examples() const
{
    return {
        u"iwb status"_s,
        u"iwb status --agent http://10.0.0.5:42699 --json"_s,
    };
}

void StatusCommand::run(Invocation &invocation)
{
    const auto target = agentTargetFor(invocation);
    if (!target)
        return;
    auto *settings = new Settings(&invocation);
    const QUrl agent = target->url;
    const QString source = target->source;

    const auto timeoutMs = wholeNumberOption(invocation, u"timeout"_s, 1, 600000, NumberUnit::Milliseconds);
    if (!timeoutMs)
        return;

    auto *probe = new AgentProbe(agent, &invocation);
    probe->setTimeout(std::chrono::milliseconds(*timeoutMs));
    QObject::connect(probe, &AgentProbe::finished, &invocation, [&invocation, probe, settings, agent, source] {
        if (invocation.isSet(u"json"_s)) {
            QJsonObject agentJson{
                {u"url"_s, agent.toString()},
                {u"source"_s, source},
                {u"reachable"_s, probe->isReachable()},
            };
            if (probe->isReachable())
                agentJson.insert(u"latencyMs"_s, probe->elapsedMs());
            else
                agentJson.insert(u"error"_s, probe->errorString());
            invocation.printJson(QJsonDocument(QJsonObject{
                {u"agent"_s, agentJson},
                {u"settingsFile"_s, settings->fileName()},
            }));
        } else {
            QTextStream &out = invocation.out();
            out << Messages::tr("agent:     %1 (%2)").arg(agent.toString(), source) << '\n';
            if (probe->isReachable())
                out << Messages::tr("reachable: yes, connected in %1 ms").arg(probe->elapsedMs()) << '\n';
            else
                out << Messages::tr("reachable: no, %1").arg(probe->errorString()) << '\n';
            out << Messages::tr("settings:  %1").arg(settings->fileName()) << '\n';
        }
        if (probe->isReachable())
            invocation.succeed();
        else
            invocation.fail(Messages::tr("the agent at %1 is not reachable").arg(AgentEndpoint::displayName(agent)));
    });
    probe->start();
}

} // namespace Workbench::Cli
