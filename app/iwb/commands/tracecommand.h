#pragma once

#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {

// `iwb trace validate|generate|send`: spans in the agent's native format.
std::unique_ptr<CommandGroup> makeTraceCommand();

} // namespace Workbench::Cli
