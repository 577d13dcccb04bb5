#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb api get|post|put|delete PATH`: one request to the tenant of a connection profile, its
// answer's JSON on standard output; with --all every page of a listing, merged.
std::unique_ptr<CommandGroup> makeApiCommand();

} // namespace Workbench::Cli
