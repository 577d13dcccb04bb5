#include "core/about/buildinfo.h"

#include <QSysInfo>
#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace Workbench {

BuildInfo BuildInfo::current()
{
    BuildInfo info;
    info.applicationVersion = QStringLiteral(WORKBENCH_VERSION_STRING);
    info.qtBuildVersion = QStringLiteral(QT_VERSION_STR);
    info.qtRuntimeVersion = QString::fromLatin1(qVersion());
    info.qtKeychainVersion = QStringLiteral(WORKBENCH_QTKEYCHAIN_VERSION);
    info.compiler = QStringLiteral(WORKBENCH_COMPILER);
    info.buildType = QStringLiteral(WORKBENCH_BUILD_TYPE);
    info.platform = QSysInfo::prettyProductName() + u" ("_s + QSysInfo::currentCpuArchitecture() + u')';
    return info;
}

QString BuildInfo::summaryLine(const QString &program) const
{
    return program + u' ' + applicationVersion + u" (Qt "_s + qtRuntimeVersion + u", QtKeychain "_s + qtKeychainVersion
        + u')';
}

QJsonObject BuildInfo::toJson() const
{
    return QJsonObject{
        {u"version"_s, applicationVersion}, {u"qtBuild"_s, qtBuildVersion},
        {u"qtRuntime"_s, qtRuntimeVersion}, {u"qtKeychain"_s, qtKeychainVersion},
        {u"compiler"_s, compiler},          {u"buildType"_s, buildType},
        {u"platform"_s, platform},
    };
}

} // namespace Workbench
