#include "iwb/commands/eventcommand.h"

#include "core/agentapi/agentendpoint.h"
#include "core/agentapi/agentrules.h"
#include "core/events/event.h"
#include "core/events/eventdelivery.h"
#include "core/events/eventhistory.h"
#include "core/events/eventmodels.h"
#include "core/events/eventtemplate.h"
#include "core/events/outbox.h"
#include "core/events/outboxdiscard.h"
#include "core/io/inputfile.h"
#include "iwb/cli/agenttarget.h"
#include "iwb/cli/numberoption.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::EventCommand)
};
} // namespace

// Milliseconds, or a number with a unit: 500ms, 30s, 15m, 2h, 1d. *outOfRange says why not
// when it is such a number but more milliseconds than there are.
std::optional<qint64> parseDuration(const QString &text, bool *outOfRange)
{
    *outOfRange = false;
    static const QRegularExpression pattern(u"^\\s*(\\d+)\\s*(ms|s|m|min|h|d)?\\s*$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok) {
        *outOfRange = true; // only digits, so too many of them
        return std::nullopt;
    }
    const QString unit = match.captured(2).toLower();
    qint64 factor = 1;
    if (unit == "s"_L1)
        factor = 1000;
    else if (unit == "m"_L1 || unit == "min"_L1)
        factor = 60 * 1000;
    else if (unit == "h"_L1)
        factor = 60 * 60 * 1000;
    else if (unit == "d"_L1)
        factor = 24 * 60 * 60 * 1000;
    if (value > std::numeric_limits<qint64>::max() / factor) {
        *outOfRange = true;
        return std::nullopt;
    }
    return value * factor;
}

// Milliseconds since the epoch, or ISO 8601 ("2026-11-23T14:05:00Z"; local time without an
// offset).
std::optional<qint64> parseTimestamp(const QString &text)
{
    bool ok = false;
    const qint64 ms = text.trimmed().toLongLong(&ok);
    if (ok)
        return ms;
    const QDateTime when = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (when.isValid())
        return when.toMSecsSinceEpoch();
    return std::nullopt;
}

// The agent from --agent or the settings; the event endpoint's URL.
std::optional<QUrl> eventUrlFor(Invocation &invocation)
{
    const auto agent = agentTargetFor(invocation);
    if (!agent)
        return std::nullopt;
    return AgentEndpoint::eventUrl(agent->url);
}

std::optional<std::chrono::milliseconds> timeoutFor(Invocation &invocation)
{
    const auto ms = wholeNumberOption(invocation, u"timeout"_s, 1, 600000, NumberUnit::Milliseconds);
    if (!ms)
        return std::nullopt;
    return std::chrono::milliseconds(*ms);
}

void printFindings(Invocation &invocation, const Findings &findings)
{
    for (const Finding &finding : findings)
        invocation.err() << invocation.commandPath() << ": " << Finding::severityName(finding.severity) << ": "
                         << finding.message << '\n';
}

// Ends the command when `findings` hold errors: the warnings and all but the last error on lines
// of their own, and the last error as the one line of the usage error, saying that nothing was
// sent. Without errors it prints the warnings and returns false.
bool refusedForFindings(Invocation &invocation, const Findings &findings)
{
    qsizetype last = -1;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        if (findings.at(i).isError())
            last = i;
    }
    Findings before = findings;
    if (last >= 0)
        before.removeAt(last);
    printFindings(invocation, before);
    if (last < 0)
        return false;
    QString message = findings.at(last).message.trimmed();
    if (message.endsWith(u'.'))
        message.chop(1);
    invocation.usageError(Messages::tr("%1; nothing was sent.").arg(message));
    return true;
}

QString eventsText(int count)
{
    return Messages::tr("%n event(s)", nullptr, int(count));
}

QJsonObject outcomeJson(const AgentOutcome &outcome)
{
    QJsonObject object{
        {u"outcome"_s, AgentOutcome::kindName(outcome.kind)},
        {u"status"_s, outcome.httpStatus},
        {u"latencyMs"_s, outcome.elapsedMs},
    };
    if (!outcome.error.isEmpty())
        object.insert(u"error"_s, outcome.error);
    if (!outcome.responseBody.isEmpty())
        object.insert(u"response"_s, QString::fromUtf8(outcome.responseBody));
    return object;
}

class SendCommand : public Command
{
public:
    SendCommand()
        : Command(u"send"_s, Messages::tr("Send a manual event (or a batch from a file) to the agent."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
                   "Sends one event built from the options, a template, or the events in a JSON file to the agent's "
                   "event endpoint (/com.instana.plugin.generic.event), after checking them: a bad event is named "
                   "with its reason and nothing is sent. An event without --timestamp gets the time it is sent, "
                   "and keeps it if it has to wait in the outbox. With --queue, events the agent cannot take now "
                   "(not reachable, timed out, 5xx, 429) go to the outbox, shared with the window, and the command "
                   "succeeds; `iwb outbox flush` or the running window sends them later. A refusal (another 4xx) "
                   "is final and exits 1 with the agent's reason. Every send is kept in the history. ")
            + TemplateVariables::help();
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"title"_s, Messages::tr("The event's title."), u"T"_s),
            QCommandLineOption(u"text"_s, Messages::tr("The event's text."), u"X"_s),
            QCommandLineOption(u"severity"_s, Messages::tr("change (default), warning or critical; or -1, 5, 10."),
                               u"S"_s),
            QCommandLineOption(u"timestamp"_s,
                               Messages::tr("When it happened: ms since the epoch, or ISO 8601 (2026-11-23T14:05:00Z; "
                                            "local time without an offset). Default: when sent."),
                               u"TIME"_s),
            QCommandLineOption(u"duration"_s, Messages::tr("Make it a from-to event: ms, or 30s, 15m, 2h, 1d."),
                               u"D"_s),
            QCommandLineOption(u"plugin"_s, Messages::tr("Advanced: the entity's plugin, to tie the event to it."),
                               u"P"_s),
            QCommandLineOption(u"entity-id"_s, Messages::tr("Advanced: the entity's id (with --plugin)."), u"ID"_s),
            QCommandLineOption(u"entity-host"_s, Messages::tr("Advanced: the entity's host."), u"H"_s),
            QCommandLineOption(u"template"_s, Messages::tr("Start from this template; the options above override it."),
                               u"NAME"_s),
            QCommandLineOption(u"file"_s,
                               Messages::tr("Send the event or array of events in this JSON file (- for stdin)."),
                               u"EVENTS.json"_s),
            QCommandLineOption(u"agent"_s, Messages::tr("Send to this agent instead of the configured one."), u"URL"_s),
            profileOption(),
            QCommandLineOption(u"timeout"_s,
                               Messages::tr("Give up waiting for the agent after this many ms (default 10000)."),
                               u"MS"_s, u"10000"_s),
            QCommandLineOption(u"dry-run"_s, Messages::tr("Print the exact request body and send nothing.")),
            QCommandLineOption(u"queue"_s,
                               Messages::tr("Put the events in the outbox when the agent cannot take them now.")),
            QCommandLineOption(u"json"_s, Messages::tr("Print the result as one JSON object.")),
        };
    }

    QStringList examples() const override
    {
        return {
            u"iwb event send --title 'Deploy finished' --text 'shop 4.2 on prod-1'"_s,
            u"iwb event send --title 'Checkout health check failed' --severity critical --queue"_s,
            u"iwb event send --template 'Maintenance window (1 hour)' --dry-run"_s,
            u"iwb event send --file events.json --agent http://10.0.0.5:42699"_s,
        };
    }

    void run(Invocation &invocation) override
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<Event> events;
        bool asArray = false;
        if (invocation.isSet(u"file"_s)) {
            for (const QString &option : {u"title"_s, u"text"_s, u"severity"_s, u"timestamp"_s, u"duration"_s,
                                          u"plugin"_s, u"entity-id"_s, u"entity-host"_s, u"template"_s}) {
                if (invocation.isSet(option))
                    return invocation.usageError(Messages::tr("--file cannot be combined with --%1.").arg(option));
            }
            // Events are small and the agent takes at most 4 MiB a request: a file is read up to that.
            Io::InputFile file(invocation.value(u"file"_s), Io::Dash::StandardStream);
            if (!file.read({AgentRules::MaxRequestBytes, AgentRules::MaxRequestBytes, true})) {
                // A file that is not there is a wrong argument; one that fails while read, a failure.
                if (file.failedToOpen())
                    return invocation.usageError(file.errorString());
                return invocation.fail(file.errorString());
            }
            const EventCodec::Decoded decoded = EventCodec::decode(file.data());
            if (!decoded.ok()) {
                // As every refusal: one line for the last error, here with the file's name first.
                Findings findings = decoded.findings;
                for (Finding &finding : findings) {
                    if (finding.isError())
                        finding.message = Messages::tr("%1: %2").arg(file.name(), finding.message);
                }
                refusedForFindings(invocation, findings);
                return;
            }
            events = decoded.events;
            asArray = decoded.isArray;
        } else {
            auto event = eventFromOptions(invocation, now);
            if (!event)
                return;
            events.append(*event);
        }

        if (refusedForFindings(invocation, EventRules::check(events, now)))
            return;
        for (Event &event : events)
            event = event.firedAt(now);

        const auto url = eventUrlFor(invocation);
        if (!url)
            return;
        const auto timeout = timeoutFor(invocation);
        if (!timeout)
            return;
        if (invocation.isSet(u"dry-run"_s)) {
            invocation.out() << QString::fromUtf8(EventCodec::encode(events, asArray)) << '\n';
            return invocation.succeed();
        }

        auto *state = new State(invocation);
        QObject::connect(
            &state->firer, &EventFirer::finished, state,
            [&invocation, count = int(events.size())](const FireResult &result) { report(invocation, result, count); });
        state->firer.fire(*url, events, asArray, invocation.isSet(u"queue"_s), *timeout);
    }

private:
    struct State : QObject
    {
        explicit State(Invocation &owner)
            : QObject(&owner)
            , firer(owner.network(), outbox, history, u"iwb"_s, this)
        {
        }
        Outbox outbox;
        EventHistory history;
        EventFirer firer;
    };

    static std::optional<Event> eventFromOptions(Invocation &invocation, qint64 now)
    {
        Event event;
        bool fromTemplate = false;
        if (invocation.isSet(u"template"_s)) {
            QString error;
            const auto found = TemplateStore().find(invocation.value(u"template"_s), &error);
            if (!error.isEmpty())
                invocation.err() << invocation.commandPath() << ": warning: " << error << '\n';
            if (!found) {
                QStringList names;
                const QList<EventTemplate> all = TemplateStore().templates();
                for (const EventTemplate &entry : all)
                    names.append(entry.name);
                invocation.usageError(Messages::tr("there is no template called \"%1\"; there are: %2")
                                          .arg(invocation.value(u"template"_s), names.join(u", "_s)));
                return std::nullopt;
            }
            event = found->event;
            fromTemplate = true;
        } else if (!invocation.isSet(u"title"_s)) {
            invocation.usageError(Messages::tr("give the event a --title (or use --template or --file)."));
            return std::nullopt;
        }
        if (invocation.isSet(u"title"_s))
            event.title = invocation.value(u"title"_s);
        if (invocation.isSet(u"text"_s))
            event.text = invocation.value(u"text"_s);
        if (invocation.isSet(u"severity"_s)) {
            const auto severity = EventSeverity::parse(invocation.value(u"severity"_s));
            if (!severity) {
                invocation.usageError(
                    Messages::tr("--severity takes change, warning or critical (or -1, 5, 10), not \"%1\".")
                        .arg(invocation.value(u"severity"_s)));
                return std::nullopt;
            }
            event.severity = *severity;
        }
        if (invocation.isSet(u"timestamp"_s)) {
            const QString text = invocation.value(u"timestamp"_s).trimmed();
            static const QRegularExpression digits(u"^[+-]?[0-9]+$"_s);
            if (digits.match(text).hasMatch()) {
                // Milliseconds, read as every number is: too many digits is out of range, not "no time".
                qint64 ms = 0;
                const QString problem
                    = wholeNumberProblem(u"timestamp"_s, text, std::numeric_limits<qint64>::min(),
                                         std::numeric_limits<qint64>::max(), NumberUnit::Milliseconds, &ms);
                if (!problem.isEmpty()) {
                    invocation.usageError(problem);
                    return std::nullopt;
                }
            }
            const auto timestamp = parseTimestamp(text);
            if (!timestamp) {
                invocation.usageError(
                    Messages::tr(
                        "--timestamp takes ms since the epoch or an ISO 8601 time such as 2026-11-23T14:05:00Z, "
                        "not \"%1\".")
                        .arg(invocation.value(u"timestamp"_s)));
                return std::nullopt;
            }
            event.timestamp = timestamp;
        }
        if (invocation.isSet(u"duration"_s)) {
            bool outOfRange = false;
            const auto duration = parseDuration(invocation.value(u"duration"_s), &outOfRange);
            if (!duration && outOfRange) {
                invocation.usageError(
                    outOfRangeMessage(u"duration"_s, invocation.value(u"duration"_s),
                                      Messages::tr("at most %1 ms").arg(std::numeric_limits<qint64>::max())));
                return std::nullopt;
            }
            if (!duration) {
                invocation.usageError(
                    Messages::tr("--duration takes ms or a number with a unit (30s, 15m, 2h, 1d), not \"%1\".")
                        .arg(invocation.value(u"duration"_s)));
                return std::nullopt;
            }
            event.duration = duration;
        }
        if (invocation.isSet(u"plugin"_s))
            event.plugin = invocation.value(u"plugin"_s);
        if (invocation.isSet(u"entity-id"_s))
            event.id = invocation.value(u"entity-id"_s);
        if (invocation.isSet(u"entity-host"_s))
            event.host = invocation.value(u"entity-host"_s);

        QStringList unknown;
        event = TemplateVariables::expand(event, TemplateContext::current(now), &unknown);
        for (const QString &variable : std::as_const(unknown))
            invocation.err() << invocation.commandPath() << ": warning: "
                             << Messages::tr("%1 is not a known variable and is sent as written.").arg(variable)
                             << '\n';
        Q_UNUSED(fromTemplate)
        return event;
    }

    static void report(Invocation &invocation, const FireResult &result, int count)
    {
        const QString target = result.target.toString(QUrl::RemoveUserInfo);
        if (invocation.isSet(u"json"_s)) {
            QJsonObject object = outcomeJson(result.outcome);
            object.insert(u"target"_s, target);
            object.insert(u"events"_s, count);
            object.insert(u"queued"_s, result.queued);
            if (result.queued)
                object.insert(u"outboxId"_s, result.outboxId);
            if (!result.problem.isEmpty())
                object.insert(u"problem"_s, result.problem);
            invocation.printJson(QJsonDocument(object));
        }
        if (!result.problem.isEmpty())
            invocation.err() << invocation.commandPath() << ": warning: " << result.problem << '\n';

        switch (result.outcome.kind) {
        case AgentOutcome::Kind::Delivered:
            if (!invocation.isSet(u"json"_s))
                invocation.out()
                    << Messages::tr("delivered %1 to %2: %3").arg(eventsText(count), target, result.outcome.summary())
                    << '\n';
            return invocation.succeed();
        case AgentOutcome::Kind::Rejected:
            return invocation.fail(Messages::tr("the agent at %1 refused %2 (HTTP %3): %4; not retried")
                                       .arg(target, eventsText(count))
                                       .arg(result.outcome.httpStatus)
                                       .arg(result.outcome.error));
        case AgentOutcome::Kind::Retryable:
            if (result.queued) {
                invocation.err() << invocation.commandPath() << ": "
                                 << Messages::tr("queued %1 in the outbox (%2): %3; `iwb outbox flush` sends it")
                                        .arg(eventsText(count), QDir::toNativeSeparators(Outbox::defaultDirectory()),
                                             result.outcome.summary())
                                 << '\n';
                return invocation.succeed();
            }
            if (invocation.isSet(u"queue"_s))
                return invocation.fail(
                    Messages::tr("%1 not delivered and NOT queued: %2").arg(eventsText(count), result.problem));
            return invocation.fail(Messages::tr("%1 not delivered to %2: %3; add --queue to keep them in the outbox")
                                       .arg(eventsText(count), target, result.outcome.summary()));
        case AgentOutcome::Kind::Cancelled:
            return invocation.fail(Messages::tr("cancelled"));
        }
    }
};

class HistoryCommand : public Command
{
public:
    HistoryCommand()
        : Command(u"history"_s, Messages::tr("Show what was sent, newest first."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Shows every send from the window and from iwb, newest first: time, outcome (delivered, "
            "rejected, queued, failed, cancelled, discarded), HTTP status, latency, events and title. "
            "--search keeps the entries whose title, body, target, outcome, status or error contain every "
            "word.");
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"search"_s, Messages::tr("Only entries matching these words."), u"WORDS"_s),
            QCommandLineOption(u"limit"_s, Messages::tr("At most this many entries (default 20; 0 for all)."), u"N"_s,
                               u"20"_s),
            QCommandLineOption(u"json"_s, Messages::tr("Print the entries as one JSON array, bodies included.")),
        };
    }

    void run(Invocation &invocation) override
    {
        const auto limitOption = wholeNumberOption(invocation, u"limit"_s, 0, std::numeric_limits<int>::max());
        if (!limitOption)
            return;
        const auto limit = qsizetype(*limitOption);
        int damaged = 0;
        QList<HistoryEntry> entries = EventHistory().load(&damaged);
        std::reverse(entries.begin(), entries.end());
        const QString query = invocation.value(u"search"_s);
        entries.removeIf([&](const HistoryEntry &e) { return !e.matches(query); });
        if (limit > 0 && entries.size() > limit)
            entries.resize(limit);
        if (damaged > 0)
            invocation.err()
                << invocation.commandPath() << ": warning: "
                << Messages::tr("%1 damaged lines in %2 were skipped.").arg(damaged).arg(EventHistory::defaultFile())
                << '\n';
        if (invocation.isSet(u"json"_s)) {
            QJsonArray array;
            for (const HistoryEntry &entry : std::as_const(entries))
                array.append(QJsonDocument::fromJson(entry.toJsonLine()).object());
            invocation.printJson(QJsonDocument(array));
            return invocation.succeed();
        }
        for (const HistoryEntry &e : std::as_const(entries)) {
            invocation.out() << localTimeText(e.time) << "  " << HistoryEntry::outcomeName(e.outcome).leftJustified(9)
                             << "  " << (e.httpStatus > 0 ? QString::number(e.httpStatus) : u"-"_s).rightJustified(3)
                             << "  " << QString::number(e.latencyMs).rightJustified(5) << " ms  "
                             << eventsText(e.eventCount) << "  " << e.title;
            if (!e.error.isEmpty() && e.outcome != HistoryEntry::Outcome::Delivered)
                invocation.out() << "  (" << e.error << ')';
            invocation.out() << '\n';
        }
        invocation.succeed();
    }
};

class TemplatesCommand : public Command
{
public:
    TemplatesCommand()
        : Command(u"templates"_s, Messages::tr("List the event templates (for --template)."))
    {
    }

    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"json"_s, Messages::tr("Print the templates as one JSON array."))};
    }

    void run(Invocation &invocation) override
    {
        QString error;
        const QList<EventTemplate> all = TemplateStore().templates(&error);
        if (!error.isEmpty())
            invocation.err() << invocation.commandPath() << ": warning: " << error << '\n';
        if (invocation.isSet(u"json"_s)) {
            QJsonArray array;
            for (const EventTemplate &entry : all) {
                QJsonObject event = QJsonDocument::fromJson(EventCodec::encode(entry.event)).object();
                array.append(QJsonObject{{u"name"_s, entry.name}, {u"builtIn"_s, entry.builtIn}, {u"event"_s, event}});
            }
            invocation.printJson(QJsonDocument(array));
            return invocation.succeed();
        }
        for (const EventTemplate &entry : all)
            invocation.out() << entry.name << (entry.builtIn ? Messages::tr(" (built in)") : QString()) << ": "
                             << EventSeverity::name(entry.event.severity) << ", \"" << entry.event.title << "\"\n";
        invocation.succeed();
    }
};

class EventGroup : public CommandGroup
{
public:
    EventGroup()
        : CommandGroup(u"event"_s, Messages::tr("Manual events for the agent: send, history, templates."))
    {
    }
};

// ---- outbox ----

QString damagedText(int count)
{
    return Messages::tr("%n damaged file(s)", nullptr, count);
}

// One line on stderr while the outbox holds files that cannot be sent.
void warnAboutDamage(Invocation &invocation, const Outbox &outbox, const OutboxScan &scan)
{
    if (scan.damaged.isEmpty())
        return;
    invocation.err() << invocation.commandPath() << ": warning: "
                     << Messages::tr("the outbox holds %1 that cannot be read and will not be sent; `iwb outbox "
                                     "clear` moves them to %2")
                            .arg(damagedText(int(scan.damaged.size())),
                                 QDir::toNativeSeparators(outbox.damagedDirectory()))
                     << '\n';
}

class OutboxListCommand : public Command
{
public:
    OutboxListCommand()
        : Command(u"list"_s, Messages::tr("Show the requests waiting in the outbox, oldest first."))
    {
    }

    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"json"_s, Messages::tr("Print the entries as one JSON array, bodies included."))};
    }

    void run(Invocation &invocation) override
    {
        const Outbox outbox;
        const OutboxScan scan = outbox.scan();
        const QList<OutboxEntry> &entries = scan.entries;
        if (invocation.isSet(u"json"_s)) {
            QJsonArray array;
            for (const OutboxEntry &entry : entries)
                array.append(QJsonDocument::fromJson(entry.toJson()).object());
            // The same array names what is not sent: damaged files, with the reason, and foreign ones.
            for (const OutboxDamage &damage : scan.damaged)
                array.append(QJsonObject{{u"file"_s, damage.fileName}, {u"damaged"_s, damage.reason}});
            for (const QString &name : scan.foreign)
                array.append(QJsonObject{{u"file"_s, name}, {u"foreign"_s, true}});
            invocation.printJson(QJsonDocument(array));
            warnAboutDamage(invocation, outbox, scan);
            return invocation.succeed();
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const OutboxEntry &e : entries) {
            const qint64 dueIn = std::max<qint64>(0, (e.nextAttemptAt - now + 999) / 1000);
            invocation.out() << e.id << "  " << localTimeText(e.queuedAt) << "  " << eventsText(e.eventCount) << "  "
                             << Messages::tr("%n attempt(s)", nullptr, int(e.attempts))
                             << Messages::tr(", next in %1 s").arg(dueIn) << "  " << e.title;
            if (!e.lastError.isEmpty())
                invocation.out() << "  (" << e.lastError << ')';
            invocation.out() << '\n';
        }
        for (const OutboxDamage &damage : scan.damaged)
            invocation.out() << damage.fileName << "  " << Messages::tr("damaged, not sent: %1").arg(damage.reason)
                             << '\n';
        for (const QString &name : scan.foreign)
            invocation.out() << name << "  " << Messages::tr("not an outbox file; left alone") << '\n';
        if (entries.isEmpty() && scan.damaged.isEmpty())
            invocation.out() << Messages::tr("The outbox is empty.") << '\n';
        else
            invocation.out() << Messages::tr("%1 waiting in %2")
                                    .arg(entries.size())
                                    .arg(QDir::toNativeSeparators(outbox.directory()))
                             << '\n';
        warnAboutDamage(invocation, outbox, scan);
        invocation.succeed();
    }
};

class OutboxFlushCommand : public Command
{
public:
    OutboxFlushCommand()
        : Command(u"flush"_s,
                  Messages::tr("Send what waits in the outbox now; exit 0 only when it is empty afterwards."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Sends every request in the outbox now, oldest first, each to the agent it was fired at. Requests "
            "the agent takes, or refuses for good (4xx other than 429), leave the outbox for the history. When "
            "an agent still cannot take a request, that request and the later ones for the same agent stay, "
            "in their order, with the next try scheduled; requests for other agents go on. Files in the "
            "outbox that cannot be read are damaged: never sent, not counted as waiting, and named. Exits 0 "
            "only when no request is left waiting and none is damaged (files that are not the outbox's do "
            "not count), 1 otherwise.");
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"timeout"_s,
                               Messages::tr("Give up waiting for the agent after this many ms (default 10000)."),
                               u"MS"_s, u"10000"_s),
            QCommandLineOption(u"json"_s, Messages::tr("Print the result as one JSON object.")),
        };
    }

    void run(Invocation &invocation) override
    {
        const auto timeout = timeoutFor(invocation);
        if (!timeout)
            return;
        auto *state = new State(invocation);
        QObject::connect(&state->flusher, &OutboxFlusher::entryFinished, state,
                         [&invocation](const OutboxEntry &entry, const AgentOutcome &outcome) {
                             if (invocation.isSet(u"json"_s))
                                 return;
                             QTextStream &stream
                                 = outcome.kind == AgentOutcome::Kind::Delivered ? invocation.out() : invocation.err();
                             stream << entry.id << "  " << AgentOutcome::kindName(outcome.kind) << "  "
                                    << outcome.summary() << "  " << entry.title << '\n';
                         });
        QObject::connect(
            &state->flusher, &OutboxFlusher::finished, state, [&invocation](const OutboxFlusher::Report &report) {
                if (invocation.isSet(u"json"_s)) {
                    QJsonObject object{{u"delivered"_s, report.delivered},
                                       {u"rejected"_s, report.rejected},
                                       {u"remaining"_s, report.remaining},
                                       {u"damaged"_s, report.damaged}};
                    if (!report.error.isEmpty())
                        object.insert(u"error"_s, report.error);
                    invocation.printJson(QJsonDocument(object));
                } else {
                    invocation.out() << Messages::tr("%1 delivered, %2 refused, %3 still waiting")
                                            .arg(report.delivered)
                                            .arg(report.rejected)
                                            .arg(report.remaining);
                    if (report.damaged > 0)
                        invocation.out() << Messages::tr(", %1 not sent").arg(damagedText(report.damaged));
                    invocation.out() << '\n';
                }
                if (report.remaining > 0)
                    return invocation.fail(
                        Messages::tr("%1 still in the outbox: %2")
                            .arg(report.remaining)
                            .arg(report.error.isEmpty() ? Messages::tr("unknown reason") : report.error));
                // Damaged files are requests that will never go: the flush did not empty the outbox.
                if (report.damaged > 0)
                    return invocation.fail(
                        Messages::tr("the outbox holds %1 that cannot be read and were not sent; `iwb outbox list` "
                                     "names them, `iwb outbox clear` moves them to %2")
                            .arg(damagedText(report.damaged), QDir::toNativeSeparators(Outbox().damagedDirectory())));
                if (report.rejected > 0)
                    invocation.err() << invocation.commandPath() << ": "
                                     << Messages::tr("%1 refused by the agent; see `iwb event history --search "
                                                     "rejected`")
                                            .arg(report.rejected)
                                     << '\n';
                invocation.succeed();
            });
        // Another program (the window) may be sending from the outbox right now: wait for it.
        state->flusher.flush(OutboxFlusher::Mode::All, int(timeout->count()) + 5000, *timeout);
    }

private:
    struct State : QObject
    {
        explicit State(Invocation &owner)
            : QObject(&owner)
            , flusher(owner.network(), outbox, history, u"iwb"_s, this)
        {
        }
        Outbox outbox;
        EventHistory history;
        OutboxFlusher flusher;
    };
};

class OutboxClearCommand : public Command
{
public:
    OutboxClearCommand()
        : Command(u"clear"_s,
                  Messages::tr("Discard everything in the outbox unsent (kept in the history as discarded)."))
    {
    }

    QString description() const override
    {
        return Messages::tr("Discards every request in the outbox unsent; the history keeps a record of each. "
                            "Files in the outbox that cannot be read are moved, bytes kept, to its damaged "
                            "folder; files that are not the outbox's are left alone.");
    }

    void run(Invocation &invocation) override
    {
        Outbox outbox;
        EventHistory history;
        const auto lock = outbox.lock();
        if (!lock->tryLock(15000))
            return invocation.fail(Messages::tr("%1 is sending from the outbox; try again").arg(lock->holder()));
        const OutboxScan scan = outbox.scan();
        QStringList ids;
        for (const OutboxEntry &entry : scan.entries)
            ids << entry.id;
        const OutboxDiscardResult result = discardFromOutbox(outbox, history, ids, u"iwb"_s);
        // Damaged files are moved aside, never deleted: someone may want to look at them.
        const OutboxSetAsideResult aside = moveDamagedAside(outbox);
        const QStringList errors = result.errors + aside.errors;
        const int discarded = result.discarded;
        invocation.out() << Messages::tr("discarded %n request(s) from the outbox", nullptr, discarded) << '\n';
        if (!aside.moved.isEmpty())
            invocation.out() << Messages::tr("moved %1 to %2")
                                    .arg(damagedText(int(aside.moved.size())),
                                         QDir::toNativeSeparators(outbox.damagedDirectory()))
                             << '\n';
        if (!scan.foreign.isEmpty())
            invocation.out() << Messages::tr("left alone, not the outbox's: %1").arg(scan.foreign.join(u", "_s))
                             << '\n';
        if (!errors.isEmpty())
            return invocation.fail(errors.join(u' '));
        invocation.succeed();
    }
};

class OutboxGroup : public CommandGroup
{
public:
    OutboxGroup()
        : CommandGroup(u"outbox"_s, Messages::tr("Events waiting for the agent: list, flush, clear."))
    {
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeEventCommand()
{
    auto group = std::make_unique<EventGroup>();
    group->add(std::make_unique<SendCommand>());
    group->add(std::make_unique<HistoryCommand>());
    group->add(std::make_unique<TemplatesCommand>());
    return group;
}

std::unique_ptr<CommandGroup> makeOutboxCommand()
{
    auto group = std::make_unique<OutboxGroup>();
    group->add(std::make_unique<OutboxListCommand>());
    group->add(std::make_unique<OutboxFlushCommand>());
    group->add(std::make_unique<OutboxClearCommand>());
    return group;
}

} // namespace Workbench::Cli
