#include "iwb/commands/apicommand.h"

#include "core/browse/curlcommand.h"
#include "core/browse/operationcatalog.h"
#include "core/browse/requesthistory.h"
#include "core/browse/resultexport.h"
#include "core/io/inputfile.h"
#include "core/io/outputfile.h"
#include "core/profiles/profilechoice.h"
#include "core/rest/pager.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"
#include "core/settings/settings.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/profiletoken.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cstdio>
#include <memory>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::ApiCommand)
};

// A request body is JSON text read whole; no request of the API takes more.
constexpr qint64 MaxBodyBytes = qint64(64) * 1024 * 1024;

const auto queryName = u"query"_s;
const auto bodyName = u"body"_s;
const auto allName = u"all"_s;
const auto maxPagesName = u"max-pages"_s;
const auto profileName = u"profile"_s;
const auto curlName = u"curl"_s;
const auto csvName = u"csv"_s;
const auto jsonName = u"json"_s;
const auto limitName = u"limit"_s;

// The profile named by --profile, else the session's: nullopt when the invocation has ended.
std::optional<ProfileChoice> chosenProfile(Invocation &invocation, const Settings &settings)
{
    // Not isSet(): empty is a value given, and refused.
    const bool profileGiven = invocation.parser().optionNames().contains(profileName);
    const QString requested = profileGiven ? invocation.value(profileName) : QString();
    if (profileGiven && requested.isEmpty()) {
        invocation.usageError(Messages::tr("--profile needs a profile's name"));
        return std::nullopt;
    }
    return tenantProfile(invocation, settings, requested);
}

// The rows of a listing: the answer when it is an array, else its "items".
std::optional<QJsonArray> listingRows(const QJsonDocument &answer)
{
    if (answer.isArray())
        return answer.array();
    if (answer.object().value("items"_L1).isArray())
        return answer.object().value("items"_L1).toArray();
    return std::nullopt;
}

// What one run holds while it waits for the keychain and the answers; owned by the invocation.
struct Run : QObject
{
    explicit Run(Invocation &owner)
        : QObject(&owner)
    {
    }
    SignalWatcher signals;
    std::unique_ptr<Rest::RestClient> client;
    QPointer<Rest::RestJob> job;
    QPointer<Rest::Pager> pager;
    bool cancelled = false;
    QElapsedTimer elapsed;
    qint64 startedAt = 0;
};

// Writes `bytes` and a line break to standard output, as they are: no copy, no text decoding.
// False and the invocation ended when standard output cannot be written.
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

class RequestCommand : public Command
{
public:
    RequestCommand(const QString &name, const QByteArray &method, const QString &summary)
        : Command(name, summary)
        , m_method(method)
    {
    }

    QString description() const override
    {
        QString text
            = Messages::tr(
                  "Sends %1 PATH to the Instana tenant of a connection profile and prints the answer's JSON on "
                  "standard "
                  "output as the server sent it (an empty answer prints nothing). The profile is --profile NAME, else "
                  "the "
                  "environment's (INSTANA_BASE_URL with INSTANA_API_TOKEN), else the current one; its API token comes "
                  "from the OS keychain or INSTANA_API_TOKEN, never from the command line. Failed requests (a rejected "
                  "token, a missing permission, 404, 429 and 5xx after the retries) print nothing and exit 1 with the "
                  "reason.")
                  .arg(QString::fromLatin1(m_method));
        text += u"\n\n"_s
            + Messages::tr(
                    "--all fetches every page of a listing and prints {\"items\": [...], \"pages\": P, "
                    "\"totalHits\": T} with the items of all pages in order (totalHits only when the server told it). "
                    "Pages are asked for by page number when the query has page or pageSize, or when the first "
                    "answer has totalHits but no canLoadMore; by cursor when the first answer has canLoadMore "
                    "(or a body has pagination): the last item's cursor goes into the query's offset and "
                    "ingestionTime for GET and DELETE, into the body's pagination for POST and PUT. The fetch "
                    "stops with an error on a page that repeats, a cursor that does not advance, more pages than "
                    "totalHits needs, or more than --max-pages pages. Progress goes to standard error when it is a "
                    "terminal; Ctrl+C cancels.");
        text += u"\n\n"_s
            + Messages::tr("Every request sent is kept in the profile's request history (iwb api history), without "
                           "the token. --curl prints the request as a curl command instead of sending it (the token "
                           "as $INSTANA_API_TOKEN, for the shell to fill in); --csv prints the rows of a listing as "
                           "CSV (RFC 4180).");
        return text;
    }

    QList<QCommandLineOption> options() const override
    {
        QList<QCommandLineOption> options{
            QCommandLineOption(queryName,
                               Messages::tr("Add KEY=VALUE to the query (repeatable; VALUE as it is, encoded for "
                                            "the URL)."),
                               u"KEY=VALUE"_s),
            QCommandLineOption(profileName,
                               Messages::tr("Use this connection profile ('iwb profile list' shows them; "
                                            "\"environment\" is the one INSTANA_BASE_URL makes)."),
                               u"NAME"_s),
            QCommandLineOption(allName, Messages::tr("Fetch every page of a listing and print the items merged.")),
            QCommandLineOption(maxPagesName,
                               Messages::tr("With --all, stop with an error after this many pages (default %1).")
                                   .arg(Rest::Pager::DefaultMaxPages),
                               u"N"_s),
            QCommandLineOption(curlName,
                               Messages::tr("Print the request as a curl command instead of sending it; the token "
                                            "is written as $INSTANA_API_TOKEN, never itself.")),
            QCommandLineOption(csvName,
                               Messages::tr("Print the rows of a listing (the answer's array, or its items) as CSV, "
                                            "one column a member.")),
        };
        if (m_method != "GET")
            options.insert(1,
                           QCommandLineOption(bodyName,
                                              Messages::tr("Send this JSON file as the body (- for standard "
                                                           "input; at most 64 MiB)."),
                                              u"FILE"_s));
        return options;
    }
    QStringList repeatableOptions() const override { return {queryName}; }
    QStringList fileArguments() const override { return Command::fileArguments() << bodyName; }
    QList<Positional> positionals() const override
    {
        return {{u"PATH"_s, Messages::tr("The API's path, e.g. /api/instana/version.")}};
    }
    QStringList examples() const override
    {
        if (m_method == "GET")
            return {u"iwb api get /api/instana/version"_s, u"iwb api get /api/instana/version --curl"_s,
                    u"iwb api get /api/infrastructure-monitoring/snapshots --query plugin=host --csv"_s,
                    u"iwb api get /api/application-monitoring/applications --query pageSize=200 --all"_s,
                    u"INSTANA_BASE_URL=https://unit-acme.instana.io INSTANA_API_TOKEN=… iwb api get /api/events "
                    "--query windowSize=3600000"_s};
        if (m_method == "POST")
            return {u"iwb api post /api/application-monitoring/analyze/traces --body query.json --all"_s,
                    u"echo '{\"pagination\":{\"retrievalSize\":200}}' | iwb api post "
                    "/api/application-monitoring/analyze/traces --body - --all"_s};
        return {};
    }

    void run(Invocation &invocation) override
    {
        QString path = invocation.positionalArguments().constFirst();
        if (path.isEmpty() || path.contains(u"://"_s) || path.startsWith(u"//"_s))
            return invocation.usageError(Messages::tr("PATH is a path of the API such as /api/instana/version, not "
                                                      "\"%1\"; the profile says which tenant")
                                             .arg(path));
        if (!path.startsWith(u'/'))
            path.prepend(u'/');
        QUrlQuery query;
        for (const QString &item : invocation.parser().values(queryName)) {
            const qsizetype equals = item.indexOf(u'=');
            if (equals <= 0)
                return invocation.usageError(Messages::tr("--query takes KEY=VALUE, not \"%1\"").arg(item));
            query.addQueryItem(item.left(equals), item.mid(equals + 1));
        }
        const bool all = invocation.isSet(allName);
        const bool curl = invocation.isSet(curlName);
        const bool csv = invocation.isSet(csvName);
        if (curl && (all || csv))
            return invocation.usageError(Messages::tr("--curl prints the request instead of sending it; it does not "
                                                      "go with %1")
                                             .arg(all ? u"--all"_s : u"--csv"_s));
        int maxPages = Rest::Pager::DefaultMaxPages;
        if (invocation.isSet(maxPagesName)) {
            if (!all)
                return invocation.usageError(Messages::tr("--max-pages is for --all"));
            const auto pages = wholeNumberOption(invocation, maxPagesName, 1, 1000000, NumberUnit::None);
            if (!pages)
                return;
            maxPages = int(*pages);
        }
        QByteArray body;
        if (m_method != "GET" && invocation.isSet(bodyName)) {
            Io::InputFile input(invocation.value(bodyName), Io::Dash::StandardStream);
            if (!input.read({MaxBodyBytes, MaxBodyBytes, true}))
                return invocation.fail(input.errorString());
            body = input.data().toByteArray();
            QJsonParseError error{};
            if (!body.trimmed().isEmpty())
                QJsonDocument::fromJson(body, &error);
            if (error.error != QJsonParseError::NoError)
                return invocation.fail(Messages::tr("%1 is no JSON: %2 at byte %3")
                                           .arg(input.name(), error.errorString())
                                           .arg(error.offset));
        }

        const Settings settings;
        const auto choice = chosenProfile(invocation, settings);
        if (!choice)
            return;
        const ConnectionProfile profile = *choice->profile;
        if (curl) {
            // No token is read for it: the command names the variable.
            const QString command = Browse::curlCommand(m_method, profile.options().baseUrl, path, query, body);
            if (print(invocation, command.toUtf8()))
                invocation.succeed();
            return;
        }
        auto *state = new Run(invocation);
        const Options sending{all, csv, maxPages};
        withProfileToken(invocation, *choice,
                         [this, &invocation, state, profile, path, query, body, sending](const QString &token) {
                             send(invocation, *state, profile, token, path, query, body, sending);
                         });
    }

private:
    struct Options
    {
        bool all = false;
        bool csv = false;
        int maxPages = Rest::Pager::DefaultMaxPages;
    };

    // Into the profile's request history; a history that cannot be written is a warning, as the
    // answer came all the same.
    void record(Invocation &invocation, const Run &state, const ConnectionProfile &profile, const QString &path,
                const QUrlQuery &query, const QByteArray &body, int status) const
    {
        Browse::RequestRecord entry;
        entry.method = m_method;
        entry.path = path;
        entry.query = query;
        entry.body = body;
        entry.status = status;
        entry.time = state.startedAt;
        entry.durationMs = state.elapsed.elapsed();
        QString error;
        if (!Browse::RequestHistory(profile.name).append(entry, &error))
            invocation.err() << invocation.commandPath() << ": warning: " << error << '\n';
    }

    // The answer as CSV rows; false and the invocation ended when it is no listing.
    static bool printCsv(Invocation &invocation, const QJsonDocument &answer)
    {
        const auto rows = listingRows(answer);
        if (!rows) {
            invocation.fail(Messages::tr("--csv needs a listing: the answer is neither an array nor an object with "
                                         "an \"items\" array"));
            return false;
        }
        return print(invocation, Browse::csvOf(*rows));
    }

    void send(Invocation &invocation, Run &state, const ConnectionProfile &profile, const QString &token,
              const QString &path, const QUrlQuery &query, const QByteArray &body, Options sending) const
    {
        state.startedAt = QDateTime::currentMSecsSinceEpoch();
        state.elapsed.start();
        state.client = std::make_unique<Rest::RestClient>(profile.options(), token, invocation.network());
        QObject::connect(&state.signals, &SignalWatcher::stopRequested, &state, [&invocation, &state] {
            state.cancelled = true;
            if (state.pager)
                state.pager->abort();
            if (state.job)
                state.job->abort();
            invocation.fail(Messages::tr("cancelled; nothing was printed"));
        });
        if (!sending.all) {
            Rest::RestJob *job = state.client->request(m_method, path, query, body);
            // Printed as it came: held once, never also parsed (unless it becomes CSV).
            job->setParseJson(sending.csv);
            state.job = job;
            QObject::connect(job, &Rest::RestJob::finished, &state,
                             [this, &invocation, &state, profile, path, query, body, sending](Rest::RestJob *done) {
                                 if (state.cancelled)
                                     return;
                                 record(invocation, state, profile, path, query, body, done->httpStatus());
                                 if (done->error() != Rest::Error::None)
                                     return invocation.fail(done->errorString());
                                 if (sending.csv ? printCsv(invocation, done->json()) : print(invocation, done->body()))
                                     invocation.succeed();
                             });
            job->start();
            return;
        }

        auto *pager = new Rest::Pager(state.client.get(), m_method, path, query, body, &state);
        pager->setMaxPages(sending.maxPages);
        state.pager = pager;
        const bool tty = ::isatty(STDERR_FILENO) == 1;
        if (tty)
            QObject::connect(pager, &Rest::Pager::progressed, &state,
                             [&invocation](const Rest::PagerProgress &progress) {
                                 invocation.err() << '\r' << progressText(progress) << "\x1b[K";
                                 invocation.err().flush();
                             });
        QObject::connect(pager, &Rest::Pager::finished, &state,
                         [this, &invocation, &state, tty, profile, path, query, body, sending](Rest::Pager *done) {
                             if (tty && done->progress().pages > 0) {
                                 invocation.err() << '\n';
                                 invocation.err().flush();
                             }
                             if (state.cancelled)
                                 return;
                             record(invocation, state, profile, path, query, body, done->httpStatus());
                             if (done->error() != Rest::Pager::Error::None)
                                 return invocation.fail(done->errorString());
                             if (sending.csv) {
                                 if (print(invocation, Browse::csvOf(done->items())))
                                     invocation.succeed();
                                 return;
                             }
                             QJsonObject merged{{u"items"_s, done->items()}, {u"pages"_s, done->progress().pages}};
                             if (done->progress().totalHits >= 0)
                                 merged.insert(u"totalHits"_s, done->progress().totalHits);
                             if (print(invocation, QJsonDocument(merged).toJson(QJsonDocument::Compact)))
                                 invocation.succeed();
                         });
        pager->start();
    }

    static QString progressText(const Rest::PagerProgress &progress)
    {
        const QLocale locale;
        QString text = Messages::tr("%n page(s)", nullptr, progress.pages) + u", "_s
            + (progress.totalHits >= 0 ? Messages::tr("%1 of %2 items")
                                             .arg(locale.toString(progress.items), locale.toString(progress.totalHits))
                                       : Messages::tr("%1 items").arg(locale.toString(progress.items)))
            + u", "_s + Messages::tr("%n call(s)", nullptr, progress.calls);
        if (const QString rate = progress.rateLimit.toText(locale); !rate.isEmpty())
            text += u" · "_s + rate;
        return text;
    }

    QByteArray m_method;
};

class OperationsCommand : public Command
{
public:
    OperationsCommand()
        : Command(u"operations"_s, Messages::tr("List the API's operations, from its specification."))
    {
    }

    QString description() const override
    {
        return Messages::tr("Lists the operations of Instana's REST API as its specification (openapi.yaml, compiled "
                            "in) describes them: method, path and summary, one a line. TEXT keeps the operations "
                            "whose path, summary, tag or operationId hold every word of it (any case); those whose "
                            "path starts with it come first. --json prints them with their parameters and body "
                            "example.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(jsonName,
                                   Messages::tr("Print the operations as one JSON array, parameters and "
                                                "body example included."))};
    }
    QList<Positional> positionals() const override
    {
        return {{u"TEXT"_s, Messages::tr("Words the operations hold, e.g. snapshots or /api/events."), false}};
    }
    QStringList examples() const override
    {
        return {u"iwb api operations snapshots"_s, u"iwb api operations /api/application-monitoring --json"_s};
    }

    void run(Invocation &invocation) override
    {
        const Browse::OperationCatalog &catalog = Browse::OperationCatalog::builtIn();
        if (!catalog.errorString().isEmpty())
            return invocation.fail(catalog.errorString());
        const QString text = invocation.positionalArguments().join(u' ');
        const auto found = catalog.search(text);
        if (invocation.isSet(jsonName)) {
            QJsonArray array;
            for (const Browse::Operation *operation : found)
                array.append(toJson(*operation));
            invocation.printJson(QJsonDocument(array));
            return invocation.succeed();
        }
        qsizetype width = 0;
        for (const Browse::Operation *operation : found)
            width = std::max(width, operation->path.size());
        for (const Browse::Operation *operation : found)
            invocation.out() << QString::fromLatin1(operation->method).leftJustified(6) << ' '
                             << operation->path.leftJustified(width) << "  " << operation->summary << '\n';
        if (found.isEmpty())
            return invocation.fail(Messages::tr("no operation holds \"%1\"").arg(text));
        invocation.succeed();
    }

private:
    static QJsonObject toJson(const Browse::Operation &operation)
    {
        QJsonArray parameters;
        for (const Browse::OperationParameter &parameter : operation.parameters) {
            QJsonObject object{
                {u"name"_s, parameter.name},
                {u"in"_s, parameter.location == Browse::OperationParameter::Location::Path ? u"path"_s : u"query"_s},
                {u"required"_s, parameter.required},
                {u"type"_s, parameter.type},
                {u"description"_s, parameter.description},
            };
            if (!parameter.choices.isEmpty())
                object.insert(u"enum"_s, QJsonArray::fromStringList(parameter.choices));
            parameters.append(object);
        }
        QJsonObject object{
            {u"method"_s, QString::fromLatin1(operation.method)},
            {u"path"_s, operation.path},
            {u"summary"_s, operation.summary},
            {u"tag"_s, operation.tag},
            {u"operationId"_s, operation.operationId},
            {u"parameters"_s, parameters},
        };
        if (!operation.bodyExample.isEmpty())
            object.insert(u"body"_s, operation.bodyExample);
        return object;
    }
};

class HistoryCommand : public Command
{
public:
    HistoryCommand()
        : Command(u"history"_s, Messages::tr("Show the requests sent to a profile's tenant, newest first."))
    {
    }

    QString description() const override
    {
        return Messages::tr("Shows the last requests (up to %1) that iwb api and the window's REST Browser sent with "
                            "a connection profile, newest first: time, HTTP status (- when no answer came), "
                            "duration, method, path and query. They are kept without tokens in %2/NAME.json.")
            .arg(Browse::RequestHistory::MaxEntries)
            .arg(Browse::RequestHistory::defaultDirectory());
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(profileName,
                               Messages::tr("This connection profile's history (else the session's "
                                            "profile, as iwb api chooses it)."),
                               u"NAME"_s),
            QCommandLineOption(limitName, Messages::tr("At most this many requests (default 20; 0 for all)."), u"N"_s,
                               u"20"_s),
            QCommandLineOption(jsonName, Messages::tr("Print the requests as one JSON array, bodies included.")),
        };
    }

    void run(Invocation &invocation) override
    {
        const auto limitOption = wholeNumberOption(invocation, limitName, 0, Browse::RequestHistory::MaxEntries);
        if (!limitOption)
            return;
        const Settings settings;
        const auto choice = chosenProfile(invocation, settings);
        if (!choice)
            return;
        QString error;
        auto records = Browse::RequestHistory(choice->profile->name).load(&error);
        if (!records)
            return invocation.fail(error);
        std::reverse(records->begin(), records->end());
        if (*limitOption > 0 && records->size() > *limitOption)
            records->resize(qsizetype(*limitOption));
        if (invocation.isSet(jsonName)) {
            const QJsonDocument stored = QJsonDocument::fromJson(Browse::RequestHistory::toJson(*records));
            invocation.printJson(QJsonDocument(stored.object().value("requests"_L1).toArray()));
            return invocation.succeed();
        }
        const QLocale locale;
        for (const Browse::RequestRecord &record : std::as_const(*records)) {
            QString target = record.path;
            if (!record.query.isEmpty())
                target += u'?' + record.query.query(QUrl::FullyEncoded);
            invocation.out() << QDateTime::fromMSecsSinceEpoch(record.time).toString(u"yyyy-MM-dd HH:mm:ss"_s) << "  "
                             << (record.status > 0 ? QString::number(record.status) : u"-"_s).rightJustified(3) << "  "
                             << QString::number(record.durationMs).rightJustified(5) << " ms  "
                             << QString::fromLatin1(record.method).leftJustified(6) << ' ' << target << '\n';
        }
        invocation.succeed();
    }
};

class ApiGroup : public CommandGroup
{
public:
    ApiGroup()
        : CommandGroup(u"api"_s, Messages::tr("Instana's REST API: one request, or every page of a listing."))
    {
    }
    QString description() const override
    {
        return Messages::tr("Requests to the Instana REST API of a connection profile's tenant, its answer's JSON "
                            "on standard output; with --all every page of a listing, merged. The API's operations "
                            "(iwb api operations) and the requests sent (iwb api history).");
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeApiCommand()
{
    auto group = std::make_unique<ApiGroup>();
    group->add(std::make_unique<RequestCommand>(u"get"_s, "GET", Messages::tr("GET a path of the API.")));
    group->add(std::make_unique<RequestCommand>(u"post"_s, "POST", Messages::tr("POST a JSON body to the API.")));
    group->add(std::make_unique<RequestCommand>(u"put"_s, "PUT", Messages::tr("PUT a JSON body to the API.")));
    group->add(std::make_unique<RequestCommand>(u"delete"_s, "DELETE", Messages::tr("DELETE a path of the API.")));
    group->add(std::make_unique<OperationsCommand>());
    group->add(std::make_unique<HistoryCommand>());
    return group;
}

} // namespace Workbench::Cli
