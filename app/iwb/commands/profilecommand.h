#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb profile add|list|remove|set-token|use|test`: the connection profiles the window and iwb share,
// their tokens in the OS keychain.
std::unique_ptr<CommandGroup> makeProfileCommand();

} // namespace Workbench::Cli
