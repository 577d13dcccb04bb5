#pragma once

#include <QIcon>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Workbench {

// The workspaces of the main window, one per capability, in the order they are shown.
struct WorkspaceInfo
{
    QString id; // used by --page and in the settings: "events", "spans", ...
    QStringList aliases; // also accepted by --page: "span-trees", "trace-viewer", ...
    QString title;
    QString iconPath;
    QString summary; // one sentence
    QStringList features; // what the workspace does, for people opening it
};

const QList<WorkspaceInfo> &workspaces();
// The index of the workspace named by id, alias or title, ignoring case; nothing if none.
std::optional<qsizetype> findWorkspace(const QString &name);
// "events, spans, viewer, agent, rest"
QString workspaceIds();

// Makes the icons and other resources of resources/workbench.qrc available.
void initResources();

} // namespace Workbench
