#pragma once

#include <QLoggingCategory>

namespace Workbench {
Q_DECLARE_LOGGING_CATEGORY(lcUi)
}
