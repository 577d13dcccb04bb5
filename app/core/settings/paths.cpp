#include "core/settings/paths.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Workbench::Paths {

namespace {
constexpr auto folderName = "/instana-workbench"_L1;
}

QString configDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + folderName;
}

QString dataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + folderName;
}

QString settingsFile()
{
    return configDir() + u"/workbench.ini"_s;
}

} // namespace Workbench::Paths
