#include "iwb/commands/tracefetchcommand.h"

#include "core/browse/tracefetch.h"
#include "core/io/outputfile.h"
#include "core/profiles/profilechoice.h"
#include "core/rest/restclient.h"
#include "core/settings/settings.h"
#include "core/traces/spanjson.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/profiletoken.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QLocale>

#include <memory>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::TraceFetchCommand)
};

const auto profileName = u"profile"_s;
const auto outputName = u"output"_s;
const auto prettyName = u"pretty"_s;
const auto maxCallsName = u"max-calls"_s;

// What one run holds while it waits for the keychain and the answers; owned by the invocation.
struct Run : QObject
{
    explicit Run(Invocation &owner)
        : QObject(&owner)
    {
    }
    SignalWatcher signals;
    std::unique_ptr<Rest::RestClient> client;
    QPointer<Browse::TraceFetch> fetch;
    bool cancelled = false;
};

class TraceFetchCommand : public Command
{
public:
    TraceFetchCommand()
        : Command(u"fetch"_s, Messages::tr("Fetch a trace from the backend and write it in the agent's span format."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Fetches every call of TRACE_ID from the Instana backend of a connection profile "
            "(/api/application-monitoring/v2/analyze/traces/{id}, every page), then each call's spans "
            "(…/calls/{callId}/details, four requests at once), and writes them as one array of spans in the "
            "agent's format: ids, parents, timestamps, durations, ENTRY/EXIT/INTERMEDIATE, errors and names as "
            "the backend has them, each span's data flattened into dotted keys (\"http.status\"). The file "
            "passes 'iwb trace validate' and can be sent again with 'iwb trace send'. What the backend left out "
            "or had of the wrong type is said on standard error, one warning a line. The profile is --profile "
            "NAME, else the environment's, else the current one; its API token comes from the OS keychain or "
            "INSTANA_API_TOKEN. A trace of more than --max-calls calls is not fetched. Progress goes to standard "
            "error when it is a terminal; Ctrl+C cancels and writes nothing.");
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(QStringList{u"o"_s, outputName},
                               Messages::tr("The file to write (required); - for standard output."), u"FILE"_s),
            QCommandLineOption(profileName,
                               Messages::tr("Use this connection profile ('iwb profile list' shows them; "
                                            "\"environment\" is the one INSTANA_BASE_URL makes)."),
                               u"NAME"_s),
            QCommandLineOption(prettyName, Messages::tr("Indent the JSON, a member a line.")),
            QCommandLineOption(maxCallsName,
                               Messages::tr("Refuse a trace of more calls than this (default %1).")
                                   .arg(Browse::TraceFetch::DefaultMaxCalls),
                               u"N"_s),
        };
    }
    QList<Positional> positionals() const override
    {
        return {{u"TRACE_ID"_s,
                 Messages::tr("The trace's id, as the backend shows it (iwb api post "
                              "/api/application-monitoring/analyze/traces lists them).")}};
    }
    QStringList examples() const override
    {
        return {u"iwb trace fetch 506aef767d8ec147 -o trace.json"_s,
                u"iwb trace fetch 506aef767d8ec147 --profile production -o - | iwb trace validate -"_s};
    }

    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        if (arguments.size() != 1)
            return invocation.usageError(Messages::tr("give one TRACE_ID to fetch."));
        if (!invocation.isSet(u"o"_s))
            return invocation.usageError(Messages::tr("give the file to write with -o FILE (- for standard output)."));
        const QString &traceId = arguments.first();
        const QString path = invocation.value(u"o"_s);
        qint64 maxCalls = Browse::TraceFetch::DefaultMaxCalls;
        if (invocation.isSet(maxCallsName)) {
            const auto calls = wholeNumberOption(invocation, maxCallsName, 1, 10000000, NumberUnit::None);
            if (!calls)
                return;
            maxCalls = *calls;
        }
        const bool pretty = invocation.isSet(prettyName);

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
        withProfileToken(invocation, *choice,
                         [&invocation, state, profile, traceId, path, maxCalls, pretty](const QString &token) {
                             fetch(invocation, *state, profile, token, traceId, path, maxCalls, pretty);
                         });
    }

private:
    static void fetch(Invocation &invocation, Run &state, const ConnectionProfile &profile, const QString &token,
                      const QString &traceId, const QString &path, qint64 maxCalls, bool pretty)
    {
        state.client = std::make_unique<Rest::RestClient>(profile.options(), token, invocation.network());
        auto *fetch = new Browse::TraceFetch(state.client.get(), traceId, &state);
        fetch->setMaxCalls(maxCalls);
        state.fetch = fetch;
        QObject::connect(&state.signals, &SignalWatcher::stopRequested, &state, [&invocation, &state] {
            state.cancelled = true;
            if (state.fetch)
                state.fetch->abort();
            invocation.fail(Messages::tr("cancelled; nothing was written"));
        });
        const bool tty = ::isatty(STDERR_FILENO) == 1;
        if (tty)
            QObject::connect(fetch, &Browse::TraceFetch::progressed, &state, [&invocation](qint64 done, qint64 total) {
                const QLocale locale;
                invocation.err() << '\r'
                                 << (total < 0 ? Messages::tr("%1 calls listed").arg(locale.toString(done))
                                               : Messages::tr("details of %1 of %2 calls")
                                                     .arg(locale.toString(done), locale.toString(total)))
                                 << "\x1b[K";
                invocation.err().flush();
            });
        QObject::connect(fetch, &Browse::TraceFetch::finished, &state,
                         [&invocation, &state, path, pretty, tty](Browse::TraceFetch *done) {
                             if (tty) {
                                 invocation.err() << '\n';
                                 invocation.err().flush();
                             }
                             if (state.cancelled)
                                 return;
                             for (const Finding &finding : done->findings())
                                 invocation.err() << Messages::tr("warning: %1").arg(finding.message) << '\n';
                             if (done->error() != Browse::TraceFetch::Error::None)
                                 return invocation.fail(done->errorString());
                             write(invocation, done->store(), path, pretty, done->totalCalls());
                         });
        fetch->start();
    }

    static void write(Invocation &invocation, const Traces::SpanStore &store, const QString &path, bool pretty,
                      qint64 calls)
    {
        invocation.out().flush();
        Io::OutputFile out(path, Io::Dash::StandardStream);
        const auto format = pretty ? Traces::SpanJson::Format::Pretty : Traces::SpanJson::Format::Compact;
        if (!out.open() || !Traces::SpanJson::writeArray(out, store, format) || !out.commit())
            return invocation.fail(out.errorString());
        // With the spans on standard output, what was written is said on stderr.
        QTextStream &said = out.isStandardOutput() ? invocation.err() : invocation.out();
        said << Messages::tr("Wrote %n span(s) of %1 to %2.", nullptr, int(std::min<qsizetype>(store.size(), INT_MAX)))
                    .arg(Messages::tr("%n call(s)", nullptr, int(std::min<qint64>(calls, INT_MAX))), out.name())
             << '\n';
        invocation.succeed();
    }
};

} // namespace

std::unique_ptr<Command> makeTraceFetchCommand()
{
    return std::make_unique<TraceFetchCommand>();
}

} // namespace Workbench::Cli
