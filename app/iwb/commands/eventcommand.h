#pragma once

#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {

// `iwb event send|history|templates`: manual events for the agent's event endpoint.
std::unique_ptr<CommandGroup> makeEventCommand();

// `iwb outbox list|flush|clear`: the requests waiting to be delivered.
std::unique_ptr<CommandGroup> makeOutboxCommand();

} // namespace Workbench::Cli
