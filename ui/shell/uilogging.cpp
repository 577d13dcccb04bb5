#include "ui/shell/uilogging.h"

namespace Workbench {
Q_LOGGING_CATEGORY(lcUi, "workbench.ui", QtInfoMsg)
}
