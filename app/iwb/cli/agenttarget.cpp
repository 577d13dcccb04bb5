#include "iwb/cli/agenttarget.h"

#include "core/agentapi/agentendpoint.h"
#include "core/profiles/profilechoice.h"
#include "core/settings/settings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::AgentTarget)
};

const auto profileName = u"profile"_s;
} // namespace

QCommandLineOption profileOption()
{
    return {profileName,
            Messages::tr("Use the agent of this connection profile ('iwb profile list' shows them; \"environment\" "
                         "is the one INSTANA_BASE_URL makes)."),
            u"NAME"_s};
}

std::optional<AgentTarget> agentTargetFor(Invocation &invocation)
{
    // Not isSet(): the parser warns about names a command does not define.
    const bool profileGiven = invocation.parser().optionNames().contains(profileName);
    if (invocation.isSet(u"agent"_s)) {
        if (profileGiven) {
            invocation.usageError(Messages::tr("--agent and --profile both choose the agent; give one of them"));
            return std::nullopt;
        }
        QString error;
        const auto parsed = AgentEndpoint::parse(invocation.value(u"agent"_s), &error);
        if (!parsed) {
            invocation.usageError(error);
            return std::nullopt;
        }
        return AgentTarget{*parsed, u"option"_s};
    }
    const Settings settings;
    const QString requested = profileGiven ? invocation.value(profileName) : QString();
    if (profileGiven && requested.isEmpty()) {
        invocation.usageError(Messages::tr("--profile needs a profile's name"));
        return std::nullopt;
    }
    const ProfileChoice choice = chooseProfile(settings, requested);
    QString refusal = choice.error;
    const ConnectionProfile *profile = choice.profile ? &*choice.profile : nullptr;
    const auto url = choice.ok() || settings.isDamaged() ? settings.agentTarget(profile, &refusal) : std::nullopt;
    if (!url) {
        invocation.fail(refusal);
        return std::nullopt;
    }
    QString source = u"default"_s;
    if (profile && !profile->agentUrl.isEmpty())
        source = u"profile"_s;
    else if (settings.hasAgentUrl())
        source = u"settings"_s;
    return AgentTarget{*url, source};
}

} // namespace Workbench::Cli
