#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb browse VIEW [ID] [options]`: one view of the REST Browser's catalog (core/browse/catalog.h)
// against the tenant of a connection profile, one subcommand per view, its options made from the
// view's parameters; a table by default, detail views as indented "key: value" lines, one JSON
// document with --json. The group is returned open, so that other views' commands can join it.
std::unique_ptr<CommandGroup> makeBrowseCommand();

} // namespace Workbench::Cli
