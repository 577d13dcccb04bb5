#pragma once

#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {

// `iwb trace generate`: realistic spans from SpanGenerator, written to a file.
std::unique_ptr<Command> makeTraceGenerateCommand();

// `iwb trace send FILE`: every span of a file to the agent's trace endpoint, within its limits.
std::unique_ptr<Command> makeTraceSendCommand();

} // namespace Workbench::Cli
