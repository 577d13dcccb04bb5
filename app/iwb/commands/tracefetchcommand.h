#pragma once

#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {

// `iwb trace fetch TRACE_ID -o FILE`: a trace of the backend, in the agent's span format.
std::unique_ptr<Command> makeTraceFetchCommand();

} // namespace Workbench::Cli
