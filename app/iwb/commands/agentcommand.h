#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb agent serve`: the local agent without a window.
std::unique_ptr<CommandGroup> makeAgentCommand();

} // namespace Workbench::Cli
