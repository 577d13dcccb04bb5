#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb config list|get|set|unset`: the preferences the window and iwb share.
std::unique_ptr<CommandGroup> makeConfigCommand();

} // namespace Workbench::Cli
