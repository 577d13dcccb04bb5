#pragma once

#include "ui/shell/workspaces.h"

#include <QWidget>

namespace Workbench {

// The page of a workspace that this version does not have yet: it says plainly what the
// workspace is for and that it is not built, and shows nothing that looks like data.
class PlannedWorkspace : public QWidget
{
    Q_OBJECT
public:
    explicit PlannedWorkspace(const WorkspaceInfo &info, QWidget *parent = nullptr);
};

} // namespace Workbench
