#pragma once

#include <QString>

namespace Workbench::Paths {

// Where the workbench keeps its files. The GUI and iwb share them, so both resolve the
// same XDG locations whatever their application names: $XDG_CONFIG_HOME/instana-workbench
// for settings, $XDG_DATA_HOME/instana-workbench for data.
QString configDir();
QString dataDir();
QString settingsFile();

} // namespace Workbench::Paths
