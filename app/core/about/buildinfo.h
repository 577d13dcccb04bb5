#pragma once

#include <QJsonObject>
#include <QString>

namespace Workbench {

// What this build is made of: shown by `--version`, `iwb --version --json` and the About dialog.
struct BuildInfo
{
    QString applicationVersion;
    QString qtBuildVersion;
    QString qtRuntimeVersion;
    QString qtKeychainVersion;
    QString compiler;
    QString buildType;
    QString platform;

    static BuildInfo current();

    // "instana-workbench 0.1.0 (Qt 6.4.2, QtKeychain 0.13.2)"
    QString summaryLine(const QString &program) const;
    QJsonObject toJson() const;
};

} // namespace Workbench
