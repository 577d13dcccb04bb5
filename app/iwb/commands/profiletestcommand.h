#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb profile test [NAME]`: the connection test of a profile (the one chooseProfile() picks
// without NAME), its token from the keychain or INSTANA_API_TOKEN: the backend's version and
// health and the rate limit it told, or the precise failure.
std::unique_ptr<Command> makeProfileTestCommand();

} // namespace Workbench::Cli
