#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QObject>
#include <QTextStream>

#include <memory>
#include <optional>
#include <vector>

class QJsonDocument;
class QNetworkAccessManager;

namespace Workbench::Cli {

// The exit codes of iwb, the same for every command.
enum ExitCode : int {
    Success = 0,
    Failed = 1, // the operation was tried and did not succeed
    UsageError = 2, // the command line was wrong; nothing was done
};

struct Positional
{
    QString name; // shown in the usage line, e.g. "KEY"
    QString description; // one sentence
    bool required = true;
};

// One run of one command: its parsed arguments, where to print, and how it ends.
// A command ends by calling succeed(), fail() or usageError() exactly once, at once or later
// from the event loop; later calls are ignored.
class Invocation : public QObject
{
    Q_OBJECT
public:
    Invocation(const QString &commandPath, QCommandLineParser &parser, QTextStream &out, QTextStream &err);

    // "iwb config get": how errors are prefixed and help refers to the command.
    QString commandPath() const { return m_commandPath; }
    const QCommandLineParser &parser() const { return m_parser; }
    bool isSet(const QString &option) const { return m_parser.isSet(option); }
    QString value(const QString &option) const { return m_parser.value(option); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    // The one network access manager of this run, made when first asked for; every request a
    // command makes goes through it.
    QNetworkAccessManager *network();

    // One compact JSON document on one line of stdout.
    void printJson(const QJsonDocument &document);

    void succeed();
    // One line on stderr, "iwb status: message", exit code 1.
    void fail(const QString &message);
    // One line on stderr, exit code 2.
    void usageError(const QString &message);

    bool isFinished() const { return m_finished; }
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int exitCode, const QString &message);

    QString m_commandPath;
    QCommandLineParser &m_parser;
    QTextStream &m_out;
    QTextStream &m_err;
    QNetworkAccessManager *m_network = nullptr;
    bool m_finished = false;
    int m_exitCode = Success;
};

// Flushes `out`, standard output; when it could not be written (a full disk, a closed pipe),
// says so in one line on `err` ("iwb trace format: cannot write standard output: No space
// left on device") and returns false. Every run ends through it, so no command reports
// success after its output was lost.
bool flushStandardOutput(QTextStream &out, QTextStream &err, const QString &commandPath);

class Command
{
public:
    Command(const QString &name, const QString &summary);
    virtual ~Command();
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    QString name() const { return m_name; }
    // One line, for the parent's list of commands.
    QString summary() const { return m_summary; }
    // Shown by `--help`; the summary unless a command says more.
    virtual QString description() const { return m_summary; }
    virtual QList<QCommandLineOption> options() const { return {}; }
    // Options with a value that may be given more than once (read with values()), by their
    // longest name; any other option with a value given twice is a usage error. Their help says so.
    virtual QStringList repeatableOptions() const { return {}; }
    virtual QList<Positional> positionals() const { return {}; }
    // The positionals (by name) and options (by longest name) whose values are file names: they
    // keep every byte the system gives (core/io/filenames.h). Every other value is text and
    // must be UTF-8. By default the names every command uses for files.
    virtual QStringList fileArguments() const;
    // Lines shown under "Examples:" in the help.
    virtual QStringList examples() const { return {}; }

    virtual bool isGroup() const { return false; }
    virtual void run(Invocation &invocation) = 0;

private:
    QString m_name;
    QString m_summary;
};

// A command made of subcommands: `iwb config get`, `iwb trace send`, ...
class CommandGroup : public Command
{
public:
    using Command::Command;

    Command &add(std::unique_ptr<Command> command);
    const std::vector<std::unique_ptr<Command>> &commands() const { return m_commands; }
    Command *find(const QString &name) const;
    // The subcommand whose name is closest to a mistyped one, or null when none is close.
    Command *closest(const QString &name) const;

    bool isGroup() const override { return true; }
    void run(Invocation &invocation) override;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

// The one of `candidates` closest to a mistyped `name`, or an empty string when none is within
// two edits.
QString closestName(const QString &name, const QStringList &candidates);

} // namespace Workbench::Cli
