#pragma once

#include "iwb/cli/command.h"

namespace Workbench::Cli {

// `iwb status`: which agent events and traces go to, whether it answers, and where the
// settings live. Exits 0 when the agent is reachable, 1 when it is not.
class StatusCommand : public Command
{
public:
    StatusCommand();
    QString description() const override;
    QList<QCommandLineOption> options() const override;
    QStringList examples() const override;
    void run(Invocation &invocation) override;
};

} // namespace Workbench::Cli
