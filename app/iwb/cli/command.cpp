#include "iwb/cli/command.h"

#include <QCoreApplication>
#include <QFileDevice>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {
// Levenshtein distance, small strings only.
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(static_cast<size_t>(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = static_cast<int>(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[static_cast<size_t>(j)];
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            row[static_cast<size_t>(j)] = std::min({above + 1, row[static_cast<size_t>(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[static_cast<size_t>(b.size())];
}

// An error is one line (whatever a message carries, newlines become spaces) and, as the
// system's own tools write them ("ls: cannot access 'x': No such file or directory"), ends
// without a full stop, whichever sentence of the core it ends with.
QString oneLine(QString message)
{
    message.replace(u'\n', u' ');
    message = message.trimmed();
    if (message.endsWith(u'.') && !message.endsWith(u".."_s))
        message.chop(1);
    return message;
}
} // namespace

Invocation::Invocation(const QString &commandPath, QCommandLineParser &parser, QTextStream &out, QTextStream &err)
    : m_commandPath(commandPath)
    , m_parser(parser)
    , m_out(out)
    , m_err(err)
{
}

QNetworkAccessManager *Invocation::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}

void Invocation::printJson(const QJsonDocument &document)
{
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Compact)) << '\n';
}

void Invocation::succeed()
{
    finish(Success, {});
}

void Invocation::fail(const QString &message)
{
    finish(Failed, message);
}

void Invocation::usageError(const QString &message)
{
    finish(UsageError, message);
}

void Invocation::finish(int exitCode, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    // A run whose output was lost has failed; one that failed already says why in its own line.
    if (message.isEmpty()) {
        if (!flushStandardOutput(m_out, m_err, m_commandPath))
            m_exitCode = std::max<int>(m_exitCode, Failed);
    } else {
        m_out.flush();
        m_err << m_commandPath << ": " << oneLine(message) << '\n';
    }
    m_err.flush();
    Q_EMIT finished(m_exitCode);
}

bool flushStandardOutput(QTextStream &out, QTextStream &err, const QString &commandPath)
{
    out.flush();
    if (out.status() == QTextStream::Ok)
        return true;
    const auto *file = qobject_cast<QFileDevice *>(out.device());
    const QString reason = file ? file->errorString() : QString();
    err << commandPath << ": "
        << QCoreApplication::translate("Workbench::Cli", "cannot write standard output: %1")
               .arg(reason.isEmpty() ? QCoreApplication::translate("Workbench::Cli", "unknown error") : reason)
        << '\n';
    err.flush();
    return false;
}

Command::Command(const QString &name, const QString &summary)
    : m_name(name)
    , m_summary(summary)
{
}

Command::~Command() = default;

QStringList Command::fileArguments() const
{
    return {u"FILE"_s, u"output"_s, u"file"_s, u"stream"_s, u"log"_s};
}

Command &CommandGroup::add(std::unique_ptr<Command> command)
{
    m_commands.push_back(std::move(command));
    return *m_commands.back();
}

Command *CommandGroup::find(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

Command *CommandGroup::closest(const QString &name) const
{
    QStringList names;
    for (const auto &command : m_commands)
        names.append(command->name());
    const QString best = closestName(name, names);
    return best.isEmpty() ? nullptr : find(best);
}

QString closestName(const QString &name, const QStringList &candidates)
{
    QString best;
    int bestDistance = 3; // further than two edits is no longer a typo
    for (const QString &candidate : candidates) {
        const int distance = editDistance(name.toLower(), candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

void CommandGroup::run(Invocation &invocation)
{
    // CommandLine resolves groups to their subcommands; a group reached here was given none.
    invocation.usageError(QCoreApplication::translate("Workbench::Cli", "missing command; run '%1 --help' to see them")
                              .arg(invocation.commandPath()));
}

} // namespace Workbench::Cli
