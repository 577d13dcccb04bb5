#include "core/logging/logging.h"

namespace Workbench {

Q_LOGGING_CATEGORY(lcSettings, "workbench.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "workbench.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTarget, "workbench.target", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "workbench.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgent, "workbench.agent", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEvents, "workbench.events", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "workbench.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRest, "workbench.rest", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTraces, "workbench.traces", QtWarningMsg)

} // namespace Workbench
