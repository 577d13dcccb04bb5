#include "iwb/cli/agenttarget.h"

#include "core/agentapi/agentendpoint.h"
#include "core/settings/settings.h"

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

std::optional<AgentTarget> agentTargetFor(Invocation &invocation)
{
    if (invocation.isSet(u"agent"_s)) {
        QString error;
        const auto parsed = AgentEndpoint::parse(invocation.value(u"agent"_s), &error);
        if (!parsed) {
            invocation.usageError(error);
            return std::nullopt;
        }
        return AgentTarget{*parsed, u"option"_s};
    }
    const Settings settings;
    QString refusal;
    const auto url = settings.agentTarget(&refusal);
    if (!url) {
        invocation.fail(refusal);
        return std::nullopt;
    }
    return AgentTarget{*url, settings.hasAgentUrl() ? u"settings"_s : u"default"_s};
}

} // namespace Workbench::Cli
