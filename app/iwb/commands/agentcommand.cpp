#include "iwb/commands/agentcommand.h"

#include "core/localagent/capturelog.h"
#include "core/localagent/localagent.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::AgentCommand)
};
} // namespace

class ServeCommand : public Command
{
public:
    ServeCommand()
        : Command(u"serve"_s, Messages::tr("Run the local agent until stopped, printing what it receives."))
    {
    }

    QString description() const override
    {
        const LocalAgentConfig defaults;
        const QString slowClients
            = Messages::tr("Slow clients are answered 408 and closed: a request head must arrive within %1 s, a body "
                           "at %2 bytes a second at least, a whole request within %3 s. When %4 connections are "
                           "open, a new client takes the place of the slowest one that has been slow for %5 ms.")
                  .arg(defaults.headTimeout.count() / 1000)
                  .arg(defaults.minBodyRate)
                  .arg(defaults.requestTimeout.count() / 1000)
                  .arg(defaults.maxConnections)
                  .arg(defaults.slowAfter.count());
        return Messages::tr(
                   "Runs the local agent: the host agent's event endpoint (/com.instana.plugin.generic.event) "
                   "and trace endpoint (/com.instana.plugin.generic.trace) on this machine. Every request is "
                   "checked against the agent's documented rules and limits (4 MiB per request, 1000 spans per "
                   "request, 4 KiB per span, 20 calls per second to the trace endpoint). Prints one JSON line "
                   "per received event ({\"kind\":\"event\",...}), per received span ({\"kind\":\"span\",...}) "
                   "and per rejected request ({\"kind\":\"rejected\",\"status\":N,\"reason\":...}) on stdout, "
                   "and a summary on stderr when stopped with Ctrl+C (SIGINT) or SIGTERM. %1")
            .arg(slowClients);
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"port"_s, Messages::tr("Listen on this port (default 42699; 0 picks a free one)."),
                               u"N"_s, u"42699"_s),
            QCommandLineOption(u"bind"_s,
                               Messages::tr("Listen on this address (default 127.0.0.1, this machine only)."),
                               u"ADDR"_s, u"127.0.0.1"_s),
            QCommandLineOption(u"lenient"_s, Messages::tr("Accept every request; only report what breaks the rules.")),
            QCommandLineOption(u"log"_s, Messages::tr("Also append the JSON lines to this file."), u"FILE.jsonl"_s),
        };
    }

    QStringList examples() const override
    {
        return {
            u"iwb agent serve"_s,
            u"iwb agent serve --port 42700 --lenient --log capture.jsonl"_s,
            u"iwb agent serve | jq 'select(.kind == \"rejected\")'"_s,
        };
    }

    void run(Invocation &invocation) override
    {
        LocalAgentConfig config;
        const auto port = wholeNumberOption(invocation, u"port"_s, 0, 65535);
        if (!port)
            return;
        config.port = quint16(*port);
        if (!config.address.setAddress(invocation.value(u"bind"_s)))
            return invocation.usageError(
                Messages::tr("--bind takes an IP address, not \"%1\".").arg(invocation.value(u"bind"_s)));
        config.lenient = invocation.isSet(u"lenient"_s);

        auto *state = new State(invocation);
        if (invocation.isSet(u"log"_s)) {
            QString error;
            if (!state->log.open(invocation.value(u"log"_s), &error))
                return invocation.fail(error);
            state->logging = true;
        }

        QString error;
        if (!state->agent.start(config, &error))
            return invocation.fail(error);
        if (!config.address.isLoopback())
            invocation.err() << Messages::tr("iwb agent serve: warning: listening on %1, reachable from other machines")
                                    .arg(config.address.toString())
                             << '\n';
        invocation.err() << Messages::tr("iwb agent serve: listening on %1 (%2); stop with Ctrl+C")
                                .arg(state->agent.url().toString(),
                                     config.lenient ? Messages::tr("lenient") : Messages::tr("strict"))
                         << '\n';
        invocation.err().flush();
        state->run();
    }

private:
    // Lives as long as the command runs; owned by the invocation.
    struct State : QObject
    {
        explicit State(Invocation &owner)
            : QObject(&owner)
            , invocation(owner)
        {
            out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
            printer.attach(&out);
        }

        void run()
        {
            clock.start();
            QObject::connect(&agent, &LocalAgent::captured, this, [this](const CaptureBatch &batch) {
                record(batch);
                if (!printer.write(batch) && !outputFailed) {
                    outputFailed = true;
                    invocation.err()
                        << Messages::tr("iwb agent serve: cannot write to stdout: %1").arg(printer.errorString())
                        << '\n';
                }
                if (logging && !log.write(batch) && !logFailed) {
                    logFailed = true;
                    invocation.err() << Messages::tr("iwb agent serve: cannot write the log: %1").arg(log.errorString())
                                     << '\n';
                }
            });
            QObject::connect(&stopSignals, &SignalWatcher::stopRequested, this, [this] {
                agent.stop();
                invocation.err() << summary() << '\n';
                if (logFailed)
                    return invocation.fail(Messages::tr("the log file is incomplete"));
                invocation.succeed();
            });
        }

        void record(const CaptureBatch &batch)
        {
            ++requests;
            if (batch.rejection) {
                ++rejected;
                return;
            }
            for (const CapturedItem &item : batch.items) {
                if (item.kind == CapturedItem::Kind::Event) {
                    ++events;
                } else {
                    ++spans;
                    traces.insert(item.traceId());
                }
            }
        }

        QString summary() const
        {
            return Messages::tr("iwb agent serve: %n request(s) (%1 accepted, %2 rejected), %3, %4 in %5; ran %6 s",
                                nullptr, int(requests))
                .arg(requests - rejected)
                .arg(rejected)
                .arg(Messages::tr("%n event(s)", nullptr, int(events)), Messages::tr("%n span(s)", nullptr, int(spans)),
                     Messages::tr("%n trace(s)", nullptr, int(traces.size())))
                .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1);
        }

        Invocation &invocation;
        LocalAgent agent;
        SignalWatcher stopSignals;
        QFile out;
        CaptureLog printer;
        CaptureLog log;
        bool logging = false;
        bool outputFailed = false;
        bool logFailed = false;
        QElapsedTimer clock;
        quint64 requests = 0;
        quint64 rejected = 0;
        quint64 events = 0;
        quint64 spans = 0;
        QSet<QString> traces;
    };
};

class AgentGroup : public CommandGroup
{
public:
    AgentGroup()
        : CommandGroup(u"agent"_s,
                       Messages::tr("The local agent: a stand-in for the Instana host agent on this machine."))
    {
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeAgentCommand()
{
    auto group = std::make_unique<AgentGroup>();
    group->add(std::make_unique<ServeCommand>());
    return group;
}

} // namespace Workbench::Cli
