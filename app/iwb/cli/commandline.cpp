#include "iwb/cli/commandline.h"

#include "core/about/buildinfo.h"
#include "core/io/filenames.h"
#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli)
};
} // namespace

const QString helpName = u"help"_s;
const QString versionName = u"version"_s;
const QString jsonName = u"json"_s;

QCommandLineOption helpOption()
{
    return QCommandLineOption({u"h"_s, helpName}, Messages::tr("Show this help."));
}

QString optionSyntax(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names << (name.size() == 1 ? u"-"_s : u"--"_s) + name;
    QString syntax = names.join(u", "_s);
    if (!option.valueName().isEmpty())
        syntax += u" <"_s + option.valueName() + u'>';
    return syntax;
}

// An option's name as written on the command line: "-o", "--output".
QString dashed(const QString &name)
{
    return (name.size() == 1 ? u"-"_s : u"--"_s) + name;
}

// `written` ("-o", "--file" or "FILE") given as an empty name; `name` its longest name.
QString emptyFileNameProblem(const QString &written, const QString &name)
{
    if (name == u"output"_s)
        return Messages::tr("%1 needs a file name; use - for standard output").arg(written);
    if (name == u"log"_s || name == u"ca-bundle"_s)
        return Messages::tr("%1 needs a file name").arg(written);
    return Messages::tr("%1 needs a file name; use - for standard input").arg(written);
}

// The problem with `value`, given for the argument `written` (its longest name `name`): a file
// argument that names no file, or text that is not UTF-8; empty when there is none.
QString valueProblem(const QString &written, const QString &name, const QString &value, bool isFile)
{
    if (isFile)
        return value.isEmpty() ? emptyFileNameProblem(written, name) : QString();
    if (Io::holdsUndecodedBytes(value))
        return Messages::tr("%1 is not UTF-8 text: %2").arg(written, Io::shownFileName(value));
    return {};
}

// The name an option is known by in messages: its longest ("output" of -o, --output).
QString mainName(const QCommandLineOption &option)
{
    QString longest;
    for (const QString &name : option.names()) {
        if (name.size() > longest.size())
            longest = name;
    }
    return longest;
}

// The first problem with the options in `args`, read as QCommandLineParser reads them in iwb's
// modes (one or two dashes before a long name, a value after '=' or in the next word, "--"
// ending the options), in iwb's one wording; empty when there is none. An option with a value
// given twice is a problem unless `repeatable` names it: the last would silently win.
QString optionProblem(const QStringList &args, const QList<QCommandLineOption> &options, const QStringList &repeatable,
                      const QString &path)
{
    QHash<QString, qsizetype> byName;
    QStringList longNames; // what a mistyped name is likely meant as: "-h" is no fix for "--x"
    for (qsizetype i = 0; i < options.size(); ++i) {
        for (const QString &name : options.at(i).names()) {
            byName.insert(name, i);
            if (name.size() > 1)
                longNames.append(name);
        }
    }
    QList<int> given(options.size(), 0);
    for (qsizetype at = 0; at < args.size(); ++at) {
        const QString &arg = args.at(at);
        if (arg == "--"_L1)
            break;
        if (!arg.startsWith(u'-') || arg.size() == 1)
            continue;
        const qsizetype dashes = arg.startsWith("--"_L1) ? 2 : 1;
        const qsizetype equals = arg.indexOf(u'=', dashes);
        const QString name = arg.mid(dashes, equals < 0 ? -1 : equals - dashes);
        const QString written = arg.left(dashes) + name;
        const auto found = byName.constFind(name);
        // A token is never taken from argv, which every user of the machine can read.
        if (found == byName.cend() && (name == "token"_L1 || name == "api-token"_L1))
            return Messages::tr("%1 is refused: every user of this machine can read a command line; give the token "
                                "on standard input with --token-stdin, or at the prompt on a terminal")
                .arg(written);
        if (found == byName.cend()) {
            const QString suggestion = closestName(name, longNames);
            return suggestion.isEmpty()
                ? Messages::tr("unknown option %1; run '%2 --help' to see the options").arg(written, path)
                : Messages::tr("unknown option %1; did you mean %2?").arg(written, dashed(suggestion));
        }
        const QCommandLineOption &option = options.at(*found);
        const QString canonical = mainName(option);
        if (option.valueName().isEmpty()) {
            if (equals >= 0)
                return Messages::tr("%1 takes no value").arg(written);
            continue; // a switch given twice changes nothing
        }
        if (equals < 0) {
            if (at + 1 == args.size())
                return Messages::tr("missing value for %1 <%2>").arg(written, option.valueName());
            ++at; // the value, whatever it looks like, as QCommandLineParser takes it
        }
        if (++given[*found] == 2 && !repeatable.contains(canonical))
            return Messages::tr("%1 given twice").arg(dashed(canonical));
    }
    return {};
}

// Two columns: the left padded to the widest entry, the right as given.
void appendTable(QString &text, const QList<std::pair<QString, QString>> &rows)
{
    qsizetype width = 0;
    for (const auto &row : rows)
        width = std::max(width, row.first.size());
    for (const auto &row : rows)
        text += u"  "_s + row.first.leftJustified(width + 2) + row.second + u'\n';
}

} // namespace

QList<QCommandLineOption> CommandLine::Root::options() const
{
    return {
        QCommandLineOption({u"v"_s, versionName}, Messages::tr("Show the version and the versions of the libraries.")),
        QCommandLineOption(jsonName, Messages::tr("With --version: print it as JSON.")),
    };
}

CommandLine::CommandLine(const QString &program, const QString &summary)
    : m_root(program, summary)
    , m_program(program)
{
}

QString CommandLine::helpText(const Command &command, const QString &path) const
{
    QString text;
    const bool isRoot = &command == &m_root;
    if (isRoot)
        text += m_program + u' ' + BuildInfo::current().applicationVersion + u" - "_s + command.description()
            + u"\n\n"_s;

    QString usage = Messages::tr("Usage: %1").arg(path);
    if (command.isGroup())
        usage += u" <command>"_s;
    usage += Messages::tr(" [options]");
    for (const Positional &positional : command.positionals())
        usage += positional.required ? QString(u' ' + positional.name) : QString(u" ["_s + positional.name + u']');
    text += usage + u'\n';
    if (!isRoot)
        text += u'\n' + command.description() + u'\n';

    if (command.isGroup()) {
        QList<std::pair<QString, QString>> rows;
        for (const auto &sub : static_cast<const CommandGroup &>(command).commands())
            rows.append({sub->name(), sub->summary()});
        text += u'\n' + Messages::tr("Commands:") + u'\n';
        appendTable(text, rows);
    }

    if (!command.positionals().isEmpty()) {
        QList<std::pair<QString, QString>> rows;
        for (const Positional &positional : command.positionals())
            rows.append({positional.name, positional.description});
        text += u'\n' + Messages::tr("Arguments:") + u'\n';
        appendTable(text, rows);
    }

    QList<std::pair<QString, QString>> rows;
    const QStringList repeatable = command.repeatableOptions();
    for (const QCommandLineOption &option : command.options()) {
        QString description = option.description();
        if (repeatable.contains(mainName(option)))
            description += u' ' + Messages::tr("May be given more than once.");
        rows.append({optionSyntax(option), description});
    }
    rows.append({optionSyntax(helpOption()), helpOption().description()});
    text += u'\n' + Messages::tr("Options:") + u'\n';
    appendTable(text, rows);

    const QStringList examples = command.examples();
    if (!examples.isEmpty()) {
        text += u'\n' + Messages::tr("Examples:") + u'\n';
        for (const QString &example : examples)
            text += u"  "_s + example + u'\n';
    }

    if (command.isGroup())
        text += u'\n' + Messages::tr("Run '%1 <command> --help' for the options of a command.").arg(path) + u'\n';
    if (isRoot)
        text += u'\n' + Messages::tr("Exit codes: 0 success, 1 the operation failed, 2 usage error.") + u'\n';
    return text;
}

int CommandLine::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList args = arguments.mid(1);
    Command *command = &m_root;
    QString path = m_program;

    auto usageError = [&](const QString &where, const QString &message) {
        err << where << ": " << message << '\n';
        err.flush();
        return int(UsageError);
    };

    // Walk down the groups as long as the next word names a subcommand.
    while (command->isGroup() && !args.isEmpty() && !args.constFirst().startsWith(u'-')) {
        auto *group = static_cast<CommandGroup *>(command);
        const QString word = args.takeFirst();
        Command *sub = group->find(word);
        if (!sub) {
            QString message = Messages::tr("unknown command '%1'").arg(word);
            if (Command *near = group->closest(word))
                message += Messages::tr("; did you mean '%1'?").arg(near->name());
            else
                message += Messages::tr("; run '%1 --help' to see the commands").arg(path);
            return usageError(path, message);
        }
        command = sub;
        path += u' ' + sub->name();
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(helpOption());
    parser.addOptions(command->options());
    const QString problem = optionProblem(args, QList<QCommandLineOption>{helpOption()} + command->options(),
                                          command->repeatableOptions(), path);
    if (!problem.isEmpty())
        return usageError(path, problem);
    if (!parser.parse(QStringList{path} + args))
        return usageError(path, parser.errorText());

    if (parser.isSet(helpName)) {
        out << helpText(*command, path);
        return flushStandardOutput(out, err, path) ? Success : Failed;
    }

    if (command == &m_root) {
        if (parser.isSet(versionName)) {
            const BuildInfo info = BuildInfo::current();
            if (parser.isSet(jsonName))
                out << QString::fromUtf8(QJsonDocument(info.toJson()).toJson(QJsonDocument::Compact)) << '\n';
            else
                out << info.summaryLine(m_program) << '\n';
            return flushStandardOutput(out, err, path) ? Success : Failed;
        }
        if (parser.positionalArguments().isEmpty()) {
            err << helpText(m_root, path);
            return usageError(path, Messages::tr("missing command"));
        }
    }

    // Too many or too few arguments are caught here, once for every command.
    const QList<Positional> positionals = command->positionals();
    const QStringList given = parser.positionalArguments();
    if (given.size() > positionals.size())
        return usageError(
            path, Messages::tr("unexpected argument '%1'; run '%2 --help'").arg(given.at(positionals.size()), path));
    for (qsizetype i = given.size(); i < positionals.size(); ++i) {
        if (positionals.at(i).required)
            return usageError(path,
                              Messages::tr("missing argument %1; run '%2 --help'").arg(positionals.at(i).name, path));
    }

    // A file argument given as "" ("$FILE" of an unset variable) names no file: said so, for
    // every command alike. Text that is not UTF-8 would reach the agent or the settings as "?":
    // refused, as written.
    const QStringList files = command->fileArguments();
    for (const QCommandLineOption &option : command->options()) {
        if (!parser.isSet(option))
            continue;
        const QString name = mainName(option);
        const bool isFile = files.contains(name);
        const QString written = dashed(isFile ? option.names().constFirst() : name);
        for (const QString &value : parser.values(option)) {
            if (const QString refused = valueProblem(written, name, value, isFile); !refused.isEmpty())
                return usageError(path, refused);
        }
    }
    for (qsizetype i = 0; i < given.size(); ++i) {
        const QString &name = positionals.at(i).name;
        if (const QString refused = valueProblem(name, name, given.at(i), files.contains(name)); !refused.isEmpty())
            return usageError(path, refused);
    }

    qCDebug(lcCli) << "running" << path;
    Invocation invocation(path, parser, out, err);
    command->run(invocation);
    if (!invocation.isFinished()) {
        QEventLoop loop;
        QObject::connect(&invocation, &Invocation::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return invocation.exitCode();
}

} // namespace Workbench::Cli
