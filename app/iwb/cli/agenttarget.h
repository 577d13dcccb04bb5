#pragma once

#include "iwb/cli/command.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace Workbench::Cli {

// The agent a command talks to, and where that choice came from.
struct AgentTarget
{
    QUrl url;
    QString source; // "option" (--agent), "profile" (its agent URL), "settings" (agent.url) or "default"
};

// --profile NAME, for every command that sends to the agent.
QCommandLineOption profileOption();

// The agent of every command that sends or checks: the --agent option when given (a bad one
// is a usage error, exit 2); otherwise Settings::agentTarget() with the profile chooseProfile()
// picks (--profile NAME when the command has it and it is given, then INSTANA_BASE_URL, then
// the current profile): that profile's agent URL, else agent.url, else the default. --agent with
// --profile is a usage error. A refused agent.url or profile, or a settings file that cannot be
// read, ends the command with one line naming the setting and the file (exit 1): nothing goes
// where the operator did not choose.
std::optional<AgentTarget> agentTargetFor(Invocation &invocation);

} // namespace Workbench::Cli
