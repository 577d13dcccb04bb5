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
    QString source; // "option" (--agent), "settings" or "default"
};

// The agent of every command that sends or checks: the --agent option when given (a bad one
// is a usage error, exit 2), otherwise the settings' agent.url (the default when unset). A
// refused agent.url, or a settings file that cannot be read, ends the command with one line
// naming the setting and the file (exit 1): nothing goes where the operator did not choose.
std::optional<AgentTarget> agentTargetFor(Invocation &invocation);

} // namespace Workbench::Cli
