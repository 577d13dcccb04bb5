#include "core/i18n/translations.h"
#include "core/io/filenames.h"
#include "iwb/cli/commandline.h"
#include "iwb/commands/agentcommand.h"
#include "iwb/commands/apicommand.h"
#include "iwb/commands/browsecommand.h"
#include "iwb/commands/browsemetricscommand.h"
#include "iwb/commands/configcommand.h"
#include "iwb/commands/eventcommand.h"
#include "iwb/commands/profilecommand.h"
#include "iwb/commands/statuscommand.h"
#include "iwb/commands/tracecommand.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"iwb"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WORKBENCH_VERSION_STRING));
    Workbench::installTranslations(app);

    Workbench::Cli::CommandLine commandLine(
        u"iwb"_s, QCoreApplication::translate("main", "the command-line side of Instana Workbench"));
    commandLine.add(std::make_unique<Workbench::Cli::StatusCommand>());
    commandLine.add(Workbench::Cli::makeConfigCommand());
    commandLine.add(Workbench::Cli::makeEventCommand());
    commandLine.add(Workbench::Cli::makeOutboxCommand());
    commandLine.add(Workbench::Cli::makeAgentCommand());
    commandLine.add(Workbench::Cli::makeTraceCommand());
    commandLine.add(Workbench::Cli::makeProfileCommand());
    commandLine.add(Workbench::Cli::makeApiCommand());
    {
        auto browse = Workbench::Cli::makeBrowseCommand();
        browse->add(Workbench::Cli::makeBrowseMetricsCommand());
        commandLine.add(std::move(browse));
    }

    QTextStream out(stdout);
    QTextStream err(stderr);
    // File names are the system's bytes, not always UTF-8: decoded so that each opens as given.
    return commandLine.run(Workbench::Io::decodeArguments(argc, argv), out, err);
}
