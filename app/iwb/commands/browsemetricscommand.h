#pragma once

#include "iwb/cli/command.h"

#include <memory>

namespace Workbench::Cli {

// `iwb browse metrics`: time series of infrastructure snapshots or of applications, services
// and endpoints, as a table or JSON.
std::unique_ptr<Command> makeBrowseMetricsCommand();

} // namespace Workbench::Cli
