#include "iwb/commands/tracesendcommands.h"

#include "core/agentapi/agentendpoint.h"
#include "core/io/filenames.h"
#include "core/io/inputfile.h"
#include "core/io/outputfile.h"
#include "core/traces/linereader.h"
#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracesender.h"
#include "iwb/cli/agenttarget.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

using namespace Workbench::Traces;

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::TraceSendCommands)
};
} // namespace

// A whole number from `low` to `high`, or a usage error naming the option.
template<typename T>
std::optional<T> wholeNumber(Invocation &invocation, const QString &option, T low, T high)
{
    const auto value = wholeNumberOption(invocation, option, qint64(low), qint64(high));
    if (!value)
        return std::nullopt;
    return T(*value);
}

// Said on stderr at the first Ctrl+C while requests are under way.
QString stoppingText(int requests, std::chrono::milliseconds timeout)
{
    return Messages::tr("Stopping: nothing more is sent; waiting up to %1 s for the answers of %n request(s) under way "
                        "(Ctrl+C again stops at once).",
                        nullptr, requests)
        .arg(qlonglong(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
}

QString sizeText(qint64 bytes)
{
    if (bytes >= 10 * 1024 * 1024)
        return Messages::tr("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    if (bytes >= 10 * 1024)
        return Messages::tr("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return Messages::tr("%1 bytes").arg(qlonglong(bytes));
}

class GenerateCommand : public Command
{
public:
    GenerateCommand()
        : Command(u"generate"_s, Messages::tr("Write realistic generated spans to a file."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Generates traces that look like a small shop's microservices (HTTP entries, work inside a "
            "service, calls to other services, databases and message queues, errors at the given rate) and "
            "writes them as one JSON array in the agent's format. The same options and seed give the same "
            "file, byte for byte. Depth and fanout are limits of each trace's tree; when a tree of that "
            "depth and fanout cannot hold a trace's spans, the fanout is widened as far as needed. The "
            "spans are valid: `iwb trace validate` finds no errors.");
    }

    QList<QCommandLineOption> options() const override
    {
        const GeneratorOptions defaults;
        return {
            QCommandLineOption(u"spans"_s, Messages::tr("Spans in all (required)."), u"N"_s),
            QCommandLineOption(u"depth"_s, Messages::tr("Most levels in a trace (default %1).").arg(defaults.depth),
                               u"D"_s, QString::number(defaults.depth)),
            QCommandLineOption(u"fanout"_s, Messages::tr("Most children of a span (default %1).").arg(defaults.fanout),
                               u"F"_s, QString::number(defaults.fanout)),
            QCommandLineOption(u"services"_s, Messages::tr("Distinct services (default %1).").arg(defaults.services),
                               u"K"_s, QString::number(defaults.services)),
            QCommandLineOption(
                u"error-rate"_s,
                Messages::tr("Share of spans that are errors, 0 to 1 (default %1).").arg(defaults.errorRate), u"R"_s,
                QString::number(defaults.errorRate)),
            QCommandLineOption(u"traces"_s, Messages::tr("Traces the spans are spread over (default 1)."), u"T"_s,
                               u"1"_s),
            QCommandLineOption(u"seed"_s, Messages::tr("Seed of the generator (default 1)."), u"S"_s, u"1"_s),
            QCommandLineOption(u"pretty"_s, Messages::tr("Indent the JSON, a member a line.")),
            QCommandLineOption(QStringList{u"o"_s, u"output"_s},
                               Messages::tr("The file to write (required); - for standard output."), u"FILE"_s),
        };
    }

    QStringList examples() const override
    {
        return {u"iwb trace generate --spans 1000 -o trace.json"_s,
                u"iwb trace generate --spans 1000000 --traces 500 --services 12 --seed 7 -o big.json"_s};
    }

    void run(Invocation &invocation) override
    {
        if (!invocation.positionalArguments().isEmpty())
            return invocation.usageError(
                Messages::tr("unexpected argument \"%1\".").arg(invocation.positionalArguments().first()));
        if (!invocation.isSet(u"spans"_s))
            return invocation.usageError(Messages::tr("give the number of spans with --spans N."));
        if (!invocation.isSet(u"o"_s))
            return invocation.usageError(Messages::tr("give the file to write with -o FILE (- for standard output)."));
        // "-" is standard output; an empty name never gets here (CommandLine refuses it).
        const QString path = invocation.value(u"o"_s);
        GeneratorOptions options;
        const auto spans = wholeNumber<qsizetype>(invocation, u"spans"_s, 1, SpanGenerator::MaxSpans);
        if (!spans)
            return;
        options.spans = *spans;
        const auto depth = wholeNumber<int>(invocation, u"depth"_s, 1, SpanGenerator::MaxDepth);
        if (!depth)
            return;
        options.depth = *depth;
        const auto fanout = wholeNumber<int>(invocation, u"fanout"_s, 1, SpanGenerator::MaxFanout);
        if (!fanout)
            return;
        options.fanout = *fanout;
        const auto services = wholeNumber<int>(invocation, u"services"_s, 1, SpanGenerator::MaxServices);
        if (!services)
            return;
        options.services = *services;
        const auto traces = wholeNumber<int>(invocation, u"traces"_s, 1, std::numeric_limits<int>::max());
        if (!traces)
            return;
        options.traces = *traces;
        bool ok = false;
        const QString rateText = invocation.value(u"error-rate"_s).trimmed();
        options.errorRate = rateText.toDouble(&ok);
        if (!ok || !std::isfinite(options.errorRate))
            return invocation.usageError(
                Messages::tr("--error-rate takes a share from 0 to 1, e.g. 0.02, not \"%1\".").arg(rateText));
        if (!(options.errorRate >= 0.0 && options.errorRate <= 1.0))
            return invocation.usageError(outOfRangeMessage(u"error-rate"_s, rateText, Messages::tr("0–1")));
        const auto seed = unsignedNumberOption(invocation, u"seed"_s, std::numeric_limits<quint64>::max());
        if (!seed)
            return;
        options.seed = *seed;
        const QString problem = SpanGenerator::problem(options);
        if (!problem.isEmpty())
            return invocation.usageError(problem);

        QElapsedTimer clock;
        clock.start();
        const SpanStore store = SpanGenerator::generate(options);
        const SpanJson::Format format
            = invocation.isSet(u"pretty"_s) ? SpanJson::Format::Pretty : SpanJson::Format::Compact;
        Io::OutputFile out(path, Io::Dash::StandardStream);
        if (!out.open() || !SpanJson::writeArray(out, store, format) || !out.commit())
            return invocation.fail(out.errorString());
        // With the spans on standard output, what was written is said on stderr.
        QTextStream &said = out.isStandardOutput() ? invocation.err() : invocation.out();
        said << Messages::tr("Wrote %n span(s) in %1 (%2, error rate %3) to %4 (%5) in %6 ms.", nullptr,
                             int(store.size()))
                    .arg(Messages::tr("%n trace(s)", nullptr, options.traces),
                         Messages::tr("%n service(s)", nullptr, options.services))
                    .arg(options.errorRate)
                    .arg(out.name(), sizeText(out.bytesWritten()))
                    .arg(qlonglong(clock.elapsed()))
             << '\n';
        invocation.succeed();
    }
};

class SendCommand : public Command
{
public:
    SendCommand()
        : Command(u"send"_s, Messages::tr("Send every span of a file to the agent's trace endpoint."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Reads one span or an array of spans and sends them to the agent's trace endpoint "
            "(/com.instana.plugin.generic.trace) within its limits: arrays of at most 1000 spans and 4 MiB, "
            "at most 20 requests a second, 4 in flight. A span over 4 KiB is not sent and is named. A 429 "
            "waits for its Retry-After, 5xx and no answer are retried with backoff, any other 4xx fails "
            "that request with the agent's reason. Progress goes to stderr, the summary to stdout. Exits 0 "
            "only when the agent acknowledged every span. Ctrl+C sends nothing more but waits (at most 30 s) for "
            "the answers of the requests under way, so the summary says what the agent took; Ctrl+C again stops "
            "at once, and what was under way is counted as unknown. With --json the summary lists the spans "
            "acknowledged, not sent and unknown as ranges of their places in the input, from 0.");
    }

    QList<Positional> positionals() const override
    {
        return {{u"FILE"_s,
                 Messages::tr("A JSON file: one span object or an array of spans. With --stream: spans a line "
                              "(JSON lines), - for standard input.")}};
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"agent"_s, Messages::tr("Send to this agent instead of the configured one."), u"URL"_s),
            profileOption(),
            QCommandLineOption(u"json"_s, Messages::tr("Print the summary as one JSON document.")),
            QCommandLineOption(
                u"stream"_s,
                Messages::tr("Send spans as they are read, a span (or an array) a line, as Instana's sensors do: "
                             "up to one second or 500 spans a request, one request in flight, failed spans "
                             "put back and sent again. For a program's output: PROGRAM | iwb trace send "
                             "--stream -")),
        };
    }

    QStringList examples() const override
    {
        return {u"iwb trace send trace.json"_s, u"iwb trace send big.json --agent http://10.0.0.5:42699 --json"_s,
                u"my-instrumented-job | iwb trace send --stream -"_s};
    }

    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        if (arguments.size() != 1)
            return invocation.usageError(Messages::tr("give one FILE to send."));
        const QString &path = arguments.first();
        if (path == u"-"_s && !invocation.isSet(u"stream"_s))
            return invocation.usageError(Messages::tr("standard input is read only with --stream, as spans a line: "
                                                      "iwb trace send --stream -; or give a FILE."));

        const auto agent = agentTargetFor(invocation);
        if (!agent)
            return;
        const QUrl url = AgentEndpoint::traceUrl(agent->url);
        if (invocation.isSet(u"stream"_s))
            return stream(invocation, path, url);

        auto store = std::make_shared<SpanStore>();
        const ReadResult read = SpanJson::readFile(path, *store);
        const QString shown = Io::shownFileName(path);
        if (!read.ok())
            return invocation.fail(read.errorText(shown)
                                   + (read.error.offset >= 0 ? Messages::tr("; nothing was sent.") : QString()));
        if (!read.skipped.isEmpty()) {
            for (const Finding &finding : read.skipped)
                invocation.err() << invocation.commandPath() << ": " << finding.message << '\n';
            return invocation.fail(Messages::tr("%1 holds elements that are no spans; nothing was sent.").arg(shown));
        }
        if (store->isEmpty())
            return invocation.fail(Messages::tr("%1 holds no spans; nothing was sent.").arg(shown));

        auto *state = new State(invocation);
        const bool json = invocation.isSet(u"json"_s);
        const bool tty = isatty(fileno(stderr)) != 0;
        QTextStream &err = invocation.err();
        // Ctrl+C sends nothing more and waits for the answers under way, so the summary says what
        // the agent took; a second Ctrl+C stops at once.
        QObject::connect(&state->signals, &SignalWatcher::stopRequested, state, [state, &err, tty] {
            if (state->sender.isStopping()) {
                state->sender.abort();
                return;
            }
            state->sender.cancel();
            if (!state->sender.isStopping())
                return;
            if (tty && state->width > 0)
                err << '\n';
            state->width = 0;
            err << stoppingText(state->sender.requestsInFlight(), TraceSendOptions().requestTimeout) << '\n';
            err.flush();
        });
        auto line = [](const TraceSendProgress &p) { return p.toString(); };
        if (tty) {
            QObject::connect(
                &state->sender, &TraceSender::progress, state, [state, &err, line](const TraceSendProgress &p) {
                    if (state->shown.isValid() && state->shown.elapsed() < 100 && p.acknowledgedSpans < p.totalSpans)
                        return;
                    state->shown.start();
                    const QString text = line(p);
                    err << '\r' << text;
                    if (text.size() < state->width)
                        err << QString(state->width - text.size(), u' ');
                    state->width = int(text.size());
                    err.flush();
                });
        } else {
            state->timer.setInterval(1000);
            QObject::connect(&state->timer, &QTimer::timeout, state, [state, &err, line] {
                err << line(state->sender.currentProgress()) << '\n';
                err.flush();
            });
            state->timer.start();
        }
        QObject::connect(&state->sender, &TraceSender::finished, state,
                         [&invocation, state, tty, json](const TraceSendSummary &summary) {
                             state->timer.stop();
                             QTextStream &stream = invocation.err();
                             if (tty && state->width > 0)
                                 stream << '\n';
                             for (const Finding &finding : summary.findings)
                                 stream << invocation.commandPath() << ": " << Finding::severityName(finding.severity)
                                        << ": " << finding.message << '\n';
                             if (json)
                                 invocation.printJson(QJsonDocument(summary.toJson()));
                             else
                                 invocation.out() << summary.message() << '\n';
                             if (summary.complete)
                                 invocation.succeed();
                             else
                                 invocation.fail(Messages::tr("not every span was acknowledged."));
                         });
        invocation.err() << Messages::tr("Sending %n span(s) from %1 to %2", nullptr, int(store->size()))
                                .arg(shown, url.toString(QUrl::RemoveUserInfo))
                         << '\n';
        invocation.err().flush();
        state->sender.start(std::move(store), url);
    }

private:
    struct State : QObject
    {
        explicit State(Invocation &owner)
            : QObject(&owner)
            , sender(owner.network(), this)
            , timer(this)
            , signals(this)
        {
        }
        TraceSender sender;
        QTimer timer;
        QElapsedTimer shown;
        int width = 0;
        SignalWatcher signals;
    };

    struct StreamState : QObject
    {
        StreamState(Invocation &owner, const QString &path, const QUrl &url)
            : QObject(&owner)
            , streamer(owner.network(), url, {}, this)
            , reader(path, 2000, this)
            , signals(this)
        {
        }
        SpanStreamer streamer;
        LineReader reader;
        SignalWatcher signals;
        // Spans read but not yet taken by the streamer (it is full), with whether each is the
        // last of its line: the reader gets its slot back when a line is handed over whole.
        struct Waiting
        {
            QByteArray json;
            qsizetype index = 0; // in the order read
            bool lastOfLine = false;
        };
        std::deque<Waiting> waiting;
        qint64 lineNumber = 0;
        qsizetype read = 0;
        qsizetype refused = 0; // too large, or no span
        qsizetype failed = 0; // refused by the agent
        bool ended = false;
        bool cancelled = false;
        bool finished = false;
    };

    void stream(Invocation &invocation, const QString &path, const QUrl &url)
    {
        auto *state = new StreamState(invocation, path, url);
        const bool json = invocation.isSet(u"json"_s);

        auto finish = [&invocation, state, json] {
            if (state->finished)
                return;
            state->finished = true;
            state->reader.stop();
            const qsizetype acknowledged = state->streamer.acknowledged();
            const qsizetype unknown = state->streamer.unknown();
            const qsizetype notSent = state->streamer.pending() + qsizetype(state->waiting.size());
            const bool complete
                = !state->cancelled && acknowledged == state->read && state->refused == 0 && state->failed == 0;
            if (json) {
                invocation.printJson(QJsonDocument(QJsonObject{
                    {u"complete"_s, complete},
                    {u"cancelled"_s, state->cancelled},
                    {u"read"_s, qint64(state->read)},
                    {u"acknowledged"_s, qint64(acknowledged)},
                    {u"refused"_s, qint64(state->refused)},
                    {u"failed"_s, qint64(state->failed)},
                    {u"notSent"_s, qint64(notSent)},
                    {u"unknown"_s, qint64(unknown)},
                    {u"requests"_s, state->streamer.requestsSent()},
                    {u"retries"_s, state->streamer.retries()},
                    // By the spans' places in the order read, from 0.
                    {u"acknowledgedRanges"_s, spanRangesJson(state->streamer.acknowledgedRanges())},
                    {u"unknownRanges"_s, spanRangesJson(state->streamer.unknownRanges())},
                }));
            } else {
                QString text
                    = Messages::tr("%1 of %2 spans acknowledged in %3 requests (%4 retries); %5 refused, %6 failed")
                          .arg(qlonglong(acknowledged))
                          .arg(qlonglong(state->read))
                          .arg(state->streamer.requestsSent())
                          .arg(state->streamer.retries())
                          .arg(qlonglong(state->refused))
                          .arg(qlonglong(state->failed));
                if (state->cancelled)
                    text += u"; "_s + cancelledText(notSent, unknown);
                invocation.out() << text << '.' << '\n';
            }
            if (complete)
                invocation.succeed();
            else
                invocation.fail(Messages::tr("not every span was acknowledged."));
        };
        auto report = [&invocation](const QString &message) {
            invocation.err() << invocation.commandPath() << ": " << message << '\n';
            invocation.err().flush();
        };
        auto done = [state, finish] {
            if (!state->cancelled && state->ended && state->waiting.empty() && state->streamer.pending() == 0)
                finish();
        };
        // Hands waiting spans to the streamer until it is full.
        auto feed = [state, report, done] {
            if (state->cancelled)
                return;
            while (!state->waiting.empty()) {
                const auto &[span, index, lastOfLine] = state->waiting.front();
                const SpanStreamer::AddResult result = state->streamer.add(span, index);
                if (result == SpanStreamer::AddResult::BufferFull)
                    return;
                if (result == SpanStreamer::AddResult::TooLarge) {
                    ++state->refused;
                    report(Messages::tr("a span of %1 bytes is over the agent's limit of 4 KiB; it is not sent.")
                               .arg(span.size()));
                }
                if (lastOfLine)
                    state->reader.taken();
                state->waiting.pop_front();
            }
            if (state->ended) {
                state->streamer.flush();
                done();
            }
        };

        QObject::connect(&state->reader, &LineReader::lineRead, state, [state, report, feed](const QByteArray &line) {
            if (state->cancelled)
                return;
            ++state->lineNumber;
            SpanStore spans;
            const ReadResult read = line.trimmed().isEmpty() ? ReadResult() : SpanJson::read(line, spans);
            if (!read.ok() || !read.skipped.isEmpty()) {
                ++state->refused;
                report(Messages::tr("line %1 is no span: %2; it is not sent.")
                           .arg(state->lineNumber)
                           .arg(read.ok() ? read.skipped.first().message : read.error.toString()));
            }
            if (spans.isEmpty()) {
                state->reader.taken();
                return;
            }
            for (qsizetype i = 0; i < spans.size(); ++i)
                state->waiting.push_back({SpanJson::spanJson(spans, i), state->read + i, i == spans.size() - 1});
            state->read += spans.size();
            feed();
        });
        QObject::connect(&state->reader, &LineReader::ended, state,
                         [&invocation, state, report, feed](const QString &error) {
                             if (state->cancelled)
                                 return;
                             if (!error.isEmpty() && state->lineNumber == 0) {
                                 // Nothing was read, so nothing was sent: an error, not a count.
                                 state->finished = true;
                                 invocation.fail(error);
                                 return;
                             }
                             if (!error.isEmpty()) {
                                 ++state->refused;
                                 report(error);
                             }
                             state->ended = true;
                             feed();
                         });
        QObject::connect(&state->streamer, &SpanStreamer::backPressure, state, [feed](bool full) {
            if (!full)
                feed();
        });
        QObject::connect(&state->streamer, &SpanStreamer::drained, state, done);
        QObject::connect(&state->streamer, &SpanStreamer::stopped, state, finish);
        QObject::connect(&state->streamer, &SpanStreamer::retrying, state,
                         [report](int status, const QString &error, qint64 retryInMs) {
                             report(Messages::tr("the agent did not take a request (%1); sending it again in %2 ms.")
                                        .arg(status > 0 ? QString::number(status) : error)
                                        .arg(retryInMs));
                         });
        QObject::connect(
            &state->streamer, &SpanStreamer::requestRefused, state,
            [state, report](const QList<QByteArray> &spans, int status, const QString &reason) {
                state->failed += spans.size();
                report(Messages::tr("the agent refused %n span(s) for good (%1): %2", nullptr, int(spans.size()))
                           .arg(status)
                           .arg(reason));
            });
        // Ctrl+C: nothing more is read or sent; the answer under way is awaited and counted, then
        // the summary. A second Ctrl+C stops at once.
        QObject::connect(&state->signals, &SignalWatcher::stopRequested, state, [&invocation, state] {
            if (state->finished)
                return;
            if (state->cancelled) {
                state->streamer.abort();
                return;
            }
            state->cancelled = true;
            state->reader.stop();
            state->streamer.cancel();
            if (state->streamer.inFlight() > 0) {
                invocation.err() << stoppingText(1, SpanStreamerOptions().requestTimeout) << '\n';
                invocation.err().flush();
            }
        });
        // A file that cannot be opened is said before anything else, in the words every command uses.
        if (path != u"-"_s && ::access(Io::encodeFileName(path).constData(), R_OK) != 0) {
            invocation.fail(Messages::tr("cannot read %1: %2").arg(Io::shownFileName(path), Io::systemError(errno)));
            return;
        }
        invocation.err() << Messages::tr("Streaming spans from %1 to %2")
                                .arg(Io::InputFile::shownName(path), url.toString(QUrl::RemoveUserInfo))
                         << '\n';
        invocation.err().flush();
        state->reader.start();
    }
};

} // namespace

std::unique_ptr<Command> makeTraceGenerateCommand()
{
    return std::make_unique<GenerateCommand>();
}

std::unique_ptr<Command> makeTraceSendCommand()
{
    return std::make_unique<SendCommand>();
}

} // namespace Workbench::Cli
