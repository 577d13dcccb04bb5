#pragma once

#include "iwb/cli/command.h"

#include <QStringList>
#include <QTextStream>

namespace Workbench::Cli {

// Resolves `iwb <command> [<subcommand>] [options] [arguments]` to a command, parses its
// options with QCommandLineParser, prints help and usage errors in one format, and runs the
// command until it ends. Every command gets -h/--help; the program itself also --version.
class CommandLine
{
public:
    CommandLine(const QString &program, const QString &summary);

    CommandGroup &root() { return m_root; }
    Command &add(std::unique_ptr<Command> command) { return m_root.add(std::move(command)); }

    // arguments[0] is the program path, as in QCoreApplication::arguments(). Returns the exit
    // code. A command that answers later is waited for in a local event loop: this is the
    // command-line tool's main loop, never the GUI's.
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

    // The help of the program (path == program) or of one command.
    QString helpText(const Command &command, const QString &path) const;

private:
    class Root : public CommandGroup
    {
    public:
        using CommandGroup::CommandGroup;
        QList<QCommandLineOption> options() const override;
    };

    Root m_root;
    QString m_program;
};

} // namespace Workbench::Cli
