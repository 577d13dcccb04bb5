#include "iwb/commands/browsecommand.h"

#include "core/browse/catalog.h"
#include "core/browse/viewfetch.h"
#include "core/io/outputfile.h"
#include "core/json/jsontable.h"
#include "core/profiles/profilechoice.h"
#include "core/rest/restclient.h"
#include "core/settings/settings.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/profiletoken.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <memory>

#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::BrowseCommand)
};

const auto windowName = u"window"_s;
const auto toName = u"to"_s;
const auto profileName = u"profile"_s;
const auto jsonName = u"json"_s;
const auto allName = u"all"_s;
const auto maxPagesName = u"max-pages"_s;

// A table is fitted to the terminal's width, to $COLUMNS, or to this.
constexpr int DefaultWidth = 120;
constexpr int MinWidth = 40;
constexpr qsizetype MaxCellWidth = 48;
constexpr qsizetype MinCellWidth = 6;
constexpr qsizetype MaxTableColumns = 12;
// The longest value a detail view prints on one line.
constexpr qsizetype MaxDetailValue = 2000;

// What one run holds while it waits for the keychain and the answers; owned by the invocation.
struct Run : QObject
{
    explicit Run(Invocation &owner)
        : QObject(&owner)
    {
    }
    SignalWatcher signals;
    std::unique_ptr<Rest::RestClient> client;
    std::unique_ptr<Browse::ViewFetch> fetch;
    bool cancelled = false;
};

// Writes `bytes` and a line break to standard output as they are; false and the invocation
// ended when standard output cannot be written.
bool print(Invocation &invocation, QByteArrayView bytes)
{
    invocation.out().flush();
    Io::OutputFile out(u"-"_s, Io::Dash::StandardStream);
    const bool newline = !bytes.isEmpty() && !bytes.endsWith('\n');
    if (!out.open() || !out.write(bytes) || (newline && !out.write("\n")) || !out.commit()) {
        invocation.fail(out.errorString());
        return false;
    }
    return true;
}

int terminalWidth()
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    if (ok && columns > 0)
        return std::max(columns, MinWidth);
    winsize size{};
    if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return std::max(int(size.ws_col), MinWidth);
    return DefaultWidth;
}

QString fitted(const QString &text, qsizetype width)
{
    if (text.size() <= width)
        return text.leftJustified(width);
    return text.left(std::max<qsizetype>(0, width - 1)) + u'…';
}

// The rows as a table: a header of key paths, a line each, the columns as wide as their
// widest cell, narrowed from the widest down until the table fits `width`.
QString tableText(const QJsonArray &rows, const QStringList &columns, int width)
{
    QList<QStringList> cells;
    cells.reserve(rows.size() + 1);
    // Key paths are a server's text too: on one line, without control characters.
    QStringList header;
    for (const QString &column : columns)
        header.append(Json::cellText(column, MaxCellWidth * 4));
    cells.append(header);
    for (const auto &row : rows) {
        QStringList line;
        line.reserve(columns.size());
        for (const QString &column : columns)
            line.append(row.isObject() ? Json::cellText(Json::valueAt(row, column), MaxCellWidth * 4)
                                       : (column == columns.constFirst() ? Json::cellText(row) : QString()));
        cells.append(line);
    }
    QList<qsizetype> widths(columns.size(), 0);
    for (const QStringList &line : std::as_const(cells)) {
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], std::min(line.at(c).size(), MaxCellWidth));
    }
    const auto total = [&widths] {
        qsizetype sum = 0;
        for (const qsizetype w : std::as_const(widths))
            sum += w + 2;
        return sum;
    };
    while (total() > width) {
        const auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= MinCellWidth)
            break;
        --*widest;
    }
    QString text;
    for (const QStringList &line : std::as_const(cells)) {
        QString out;
        for (qsizetype c = 0; c < line.size(); ++c) {
            if (c > 0)
                out += u"  "_s;
            out += fitted(line.at(c), widths.at(c));
        }
        // No trailing spaces.
        while (out.endsWith(u' '))
            out.chop(1);
        text += out + u'\n';
    }
    return text;
}

// The members of an object or the elements of an array, `depth` levels in.
void appendDetail(QString &text, const QJsonValue &value, int depth)
{
    const QString indent(qsizetype(depth) * 2, u' ');
    const auto line = [&text, &indent, depth](const QString &name, const QJsonValue &child) {
        const QString key = Json::cellText(name, MaxDetailValue);
        if ((child.isObject() && !child.toObject().isEmpty()) || (child.isArray() && !child.toArray().isEmpty())) {
            text += indent + key + u":\n"_s;
            appendDetail(text, child, depth + 1);
        } else {
            text += indent + key + u": "_s + (child.isNull() ? u"null"_s : Json::cellText(child, MaxDetailValue))
                + u'\n';
        }
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            line(it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            line(u"[%1]"_s.arg(i), array.at(i));
    }
}

// A detail view's object as indented "key: value" lines, members in the order of their names.
QString detailText(const QJsonObject &object)
{
    QString text;
    appendDetail(text, object, 0);
    return text;
}

// "Applications: 20 of 45; --all fetches every page."
QString summaryLine(const Browse::ViewFetch &fetch)
{
    const QLocale locale;
    const qsizetype shown = fetch.rows().size();
    const qint64 total = fetch.totalHits();
    const QString title = fetch.view().title;
    if (fetch.canLoadMore()) {
        if (total >= 0)
            return Messages::tr("%1: %2 of %3; --all fetches every page.")
                .arg(title, locale.toString(shown), locale.toString(total));
        return Messages::tr("%1: %2 so far; --all fetches every page.").arg(title, locale.toString(shown));
    }
    return Messages::tr("%1: %n row(s).", nullptr, int(std::min<qsizetype>(shown, 1 << 30))).arg(title);
}

class ViewCommand : public Command
{
public:
    explicit ViewCommand(const Browse::ViewInfo &view)
        : Command(view.name, view.summary)
        , m_view(view)
    {
    }

    QString description() const override
    {
        QString text = m_view.summary + u' '
            + Messages::tr("Asks %1 %2 of the tenant of a connection profile (--profile NAME, else the environment's, "
                           "else the current one; the API token from the OS keychain or INSTANA_API_TOKEN).")
                  .arg(QString::fromLatin1(m_view.method), m_view.path);
        if (m_view.isList)
            text += u' '
                + Messages::tr("Prints a table of the rows, fitted to the terminal's width ($COLUMNS), and a "
                               "summary line; --json prints the rows as one JSON array.");
        else
            text += u' '
                + Messages::tr("Prints the answer as indented \"key: value\" lines; --json prints it as one JSON "
                               "object.");
        if (m_view.paging != Browse::Paging::None)
            text += u' ' + Messages::tr("Prints the first page; --all fetches every page (bounded by --max-pages).");
        return text;
    }

    QList<QCommandLineOption> options() const override
    {
        QList<QCommandLineOption> options;
        for (const Browse::ViewParameter &p : m_view.parameters) {
            QString description = p.description;
            if (p.kind == Browse::ViewParameter::Kind::Number)
                description += u' '
                    + Messages::tr("From %1 to %2 (default %3).").arg(p.minimum).arg(p.maximum).arg(p.defaultValue);
            if (p.kind == Browse::ViewParameter::Kind::Choice)
                description += u' ' + Messages::tr("One of %1.").arg(p.choices.join(u", "_s));
            if (p.kind == Browse::ViewParameter::Kind::Flag)
                options.append(QCommandLineOption(p.name, description));
            else
                options.append(QCommandLineOption(p.name, description,
                                                  p.kind == Browse::ViewParameter::Kind::Number ? u"N"_s : u"TEXT"_s));
        }
        if (m_view.usesWindow) {
            options.append(QCommandLineOption(
                windowName, Messages::tr("The time window's size: 90s, 15m, 1h, 24h, 7d, at most 31d (default 1h)."),
                u"DURATION"_s));
            options.append(QCommandLineOption(
                toName,
                Messages::tr("The time window's end: now (the default), epoch milliseconds, or an ISO 8601 date "
                             "and time (UTC without a zone)."),
                u"TIME"_s));
        }
        if (m_view.paging != Browse::Paging::None) {
            options.append(QCommandLineOption(allName, Messages::tr("Fetch every page.")));
            options.append(
                QCommandLineOption(maxPagesName,
                                   Messages::tr("With --all, stop with an error after this many pages (default %1).")
                                       .arg(Rest::Pager::DefaultMaxPages),
                                   u"N"_s));
        }
        options.append(QCommandLineOption(jsonName,
                                          m_view.isList ? Messages::tr("Print the rows as one JSON array.")
                                                        : Messages::tr("Print the answer as one JSON object.")));
        options.append(QCommandLineOption(profileName,
                                          Messages::tr("Use this connection profile ('iwb profile list' shows "
                                                       "them; \"environment\" is the one INSTANA_BASE_URL makes)."),
                                          u"NAME"_s));
        return options;
    }

    QList<Positional> positionals() const override
    {
        if (m_view.idName.isEmpty())
            return {};
        return {{m_view.idName, Messages::tr("The id of the %1 to show.").arg(m_view.title.toLower())}};
    }

    QStringList examples() const override
    {
        QStringList examples;
        const QString command = u"iwb browse "_s + m_view.name;
        if (!m_view.idName.isEmpty())
            examples.append(command + u' ' + m_view.idName);
        else
            examples.append(command);
        if (m_view.name == u"snapshots"_s)
            examples.append(command + u" --query entity.zone:production --plugin host --size 50"_s);
        if (m_view.name == u"events"_s)
            examples.append(command + u" --window 24h --type INCIDENT --json"_s);
        if (m_view.name == u"services"_s)
            examples.append(command + u" --application APPLICATION_ID --all"_s);
        if (m_view.name == u"traces"_s)
            examples.append(command + u" --service shop --erroneous --window 15m"_s);
        return examples;
    }

    void run(Invocation &invocation) override
    {
        Browse::ViewArguments arguments;
        if (!m_view.idName.isEmpty())
            arguments.id = invocation.positionalArguments().value(0);
        for (const Browse::ViewParameter &p : m_view.parameters) {
            if (!invocation.isSet(p.name))
                continue;
            if (p.kind == Browse::ViewParameter::Kind::Flag) {
                arguments.values.insert(p.name, u"true"_s);
                continue;
            }
            const QString value = invocation.value(p.name);
            if (p.kind == Browse::ViewParameter::Kind::Number) {
                if (!wholeNumberOption(invocation, p.name, p.minimum, p.maximum))
                    return;
            } else if (p.kind == Browse::ViewParameter::Kind::Choice && !p.choices.contains(value.trimmed())) {
                return invocation.usageError(
                    Messages::tr("--%1 takes one of %2, not \"%3\"").arg(p.name, p.choices.join(u", "_s), value));
            } else if (value.trimmed().isEmpty()) {
                return invocation.usageError(Messages::tr("--%1 needs a value").arg(p.name));
            }
            arguments.values.insert(p.name, value.trimmed());
        }
        if (m_view.usesWindow) {
            QString problem;
            if (invocation.isSet(windowName)) {
                const auto size = Browse::TimeWindow::parseDuration(invocation.value(windowName), &problem);
                if (!size)
                    return invocation.usageError(u"--window: "_s + problem);
                arguments.window.windowSizeMs = *size;
            }
            if (invocation.isSet(toName)
                && !Browse::TimeWindow::parseTo(invocation.value(toName), &arguments.window.toMs, &problem))
                return invocation.usageError(u"--to: "_s + problem);
        }
        const bool all = m_view.paging != Browse::Paging::None && invocation.isSet(allName);
        int maxPages = Rest::Pager::DefaultMaxPages;
        if (m_view.paging != Browse::Paging::None && invocation.isSet(maxPagesName)) {
            if (!all)
                return invocation.usageError(Messages::tr("--max-pages is for --all"));
            const auto pages = wholeNumberOption(invocation, maxPagesName, 1, 1000000, NumberUnit::None);
            if (!pages)
                return;
            maxPages = int(*pages);
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QString problem;
        if (!Browse::requestFor(m_view, arguments, now, &problem))
            return invocation.usageError(problem);

        const Settings settings;
        // Not isSet(): empty is a value given, and refused.
        const bool profileGiven = invocation.parser().optionNames().contains(profileName);
        const QString requested = profileGiven ? invocation.value(profileName) : QString();
        if (profileGiven && requested.isEmpty())
            return invocation.usageError(Messages::tr("--profile needs a profile's name"));
        const auto choice = tenantProfile(invocation, settings, requested);
        if (!choice)
            return;
        const ConnectionProfile profile = *choice->profile;
        auto *state = new Run(invocation);
        const bool json = invocation.isSet(jsonName);
        withProfileToken(
            invocation, *choice,
            [this, &invocation, state, profile, arguments, now, all, maxPages, json](const QString &token) {
                fetch(invocation, *state, profile, token, arguments, now, all, maxPages, json);
            });
    }

private:
    void fetch(Invocation &invocation, Run &state, const ConnectionProfile &profile, const QString &token,
               const Browse::ViewArguments &arguments, qint64 now, bool all, int maxPages, bool json) const
    {
        state.client = std::make_unique<Rest::RestClient>(profile.options(), token, invocation.network());
        state.fetch = std::make_unique<Browse::ViewFetch>(state.client.get(), m_view, arguments, now);
        Browse::ViewFetch *fetch = state.fetch.get();
        fetch->setMaxPages(maxPages);
        QObject::connect(&state.signals, &SignalWatcher::stopRequested, &state, [&invocation, &state] {
            state.cancelled = true;
            state.fetch->abort();
            invocation.fail(Messages::tr("cancelled; nothing was printed"));
        });
        const bool tty = all && ::isatty(STDERR_FILENO) == 1;
        if (tty)
            QObject::connect(fetch, &Browse::ViewFetch::progressed, &state,
                             [&invocation](const Rest::PagerProgress &progress) {
                                 const QLocale locale;
                                 invocation.err() << '\r' << Messages::tr("%n page(s)", nullptr, progress.pages) << ", "
                                                  << locale.toString(progress.items) << "\x1b[K";
                                 invocation.err().flush();
                             });
        QObject::connect(fetch, &Browse::ViewFetch::finished, &state,
                         [this, &invocation, &state, tty, json](Browse::ViewFetch *done) {
                             if (tty && done->progress().pages > 0) {
                                 invocation.err() << '\n';
                                 invocation.err().flush();
                             }
                             if (state.cancelled)
                                 return;
                             if (done->error() != Browse::ViewFetch::Error::None)
                                 return invocation.fail(done->errorString());
                             if (show(invocation, *done, json))
                                 invocation.succeed();
                         });
        if (all)
            fetch->fetchAll();
        else
            fetch->start();
    }

    bool show(Invocation &invocation, const Browse::ViewFetch &fetch, bool json) const
    {
        if (!m_view.isList) {
            if (json)
                return print(invocation, QJsonDocument(fetch.answer()->object()).toJson(QJsonDocument::Compact));
            return print(invocation, detailText(fetch.answer()->object()).toUtf8());
        }
        if (json)
            return print(invocation, QJsonDocument(fetch.rows()).toJson(QJsonDocument::Compact));
        QStringList columns = Json::columnsOf(fetch.rows(), m_view.columns,
                                              m_view.columns.isEmpty() ? MaxTableColumns : m_view.columns.size());
        if (columns.isEmpty())
            columns = m_view.columns.isEmpty() ? QStringList{u"value"_s} : m_view.columns;
        return print(invocation, (tableText(fetch.rows(), columns, terminalWidth()) + summaryLine(fetch)).toUtf8());
    }

    Browse::ViewInfo m_view;
};

class BrowseGroup : public CommandGroup
{
public:
    BrowseGroup()
        : CommandGroup(u"browse"_s,
                       Messages::tr("Instana data as the REST Browser shows it: snapshots, "
                                    "applications, websites, events, traces, ..."))
    {
    }
    QString description() const override
    {
        return Messages::tr("The views of the REST Browser's catalog, for scripts: each asks the tenant of a "
                            "connection profile and prints a table, or with --json one JSON document. Views: %1.")
            .arg(Browse::viewNames());
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeBrowseCommand()
{
    auto group = std::make_unique<BrowseGroup>();
    for (const Browse::ViewInfo &view : Browse::views())
        group->add(std::make_unique<ViewCommand>(view));
    return group;
}

} // namespace Workbench::Cli
