#include "iwb/commands/tracecommand.h"

#include "core/io/inputfile.h"
#include "core/io/outputfile.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracevalidator.h"
#include "iwb/commands/tracefetchcommand.h"
#include "iwb/commands/tracesendcommands.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::TraceCommand)
};
} // namespace

// Reads FILE, or standard input for "-"; `name` is how messages call it.
ReadResult readSpans(const QString &path, SpanStore &store, QString *name)
{
    Io::InputFile input(path, Io::Dash::StandardStream);
    *name = input.name();
    return SpanJson::readInput(input, store);
}

class ValidateCommand : public Command
{
public:
    ValidateCommand()
        : Command(u"validate"_s, Messages::tr("Check a file of spans against the agent's format, rules and limits."))
    {
    }

    QString description() const override
    {
        return Messages::tr(
            "Reads one span or an array of spans in the agent's format and prints every finding, one a "
            "line: severity, rule and a sentence naming the span. Errors are what the agent refuses or "
            "what breaks the trace (missing or mistyped fields, ids that are no 64-bit hex, repeated "
            "spanIds, a trace without exactly one root, parents that do not exist or belong to another "
            "trace, cycles, spans over 4 KiB); warnings are what goes through but probably not as meant. "
            "Exits with 1 when there is any error (a file that is no JSON is one), 0 otherwise.");
    }

    QList<Positional> positionals() const override
    {
        return {{u"FILE"_s, Messages::tr("A JSON file: one span object or an array of spans; - for standard input.")}};
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"json"_s,
                               Messages::tr("Print {\"errors\",\"warnings\",\"findings\":[…]} as one JSON "
                                            "document.")),
            QCommandLineOption(u"no-request-limits"_s,
                               Messages::tr("Do not warn that the file as one request breaks the 1000-span or 4 MiB "
                                            "limit.")),
        };
    }

    QStringList examples() const override
    {
        return {u"iwb trace validate trace.json"_s, u"iwb trace validate --json trace.json | jq .errors"_s};
    }

    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        if (arguments.size() != 1)
            return invocation.usageError(Messages::tr("give one FILE to validate."));
        const bool json = invocation.isSet(u"json"_s);

        SpanStore store;
        QString path;
        const ReadResult read = readSpans(arguments.first(), store, &path);
        if (!read.ok()) {
            const QString message = read.errorText(path);
            if (json) {
                QJsonObject finding{{u"severity"_s, u"error"_s},
                                    {u"rule"_s, u"parse-error"_s},
                                    {u"spanId"_s, QJsonValue()},
                                    {u"message"_s, message}};
                if (read.error.offset >= 0) {
                    finding.insert(u"line"_s, qint64(read.error.line));
                    finding.insert(u"column"_s, qint64(read.error.column));
                    finding.insert(u"offset"_s, qint64(read.error.offset));
                }
                invocation.printJson(QJsonDocument(
                    QJsonObject{{u"errors"_s, 1}, {u"warnings"_s, 0}, {u"findings"_s, QJsonArray{finding}}}));
            }
            return invocation.fail(message);
        }

        ValidationOptions options;
        options.requestLimits = !invocation.isSet(u"no-request-limits"_s);
        ValidationReport report = TraceValidator::validate(store, options);
        // Elements that are no span object are errors too; they come first, as they come first
        // in reading.
        for (qsizetype k = read.skipped.size() - 1; k >= 0; --k) {
            ++report.errors;
            report.findings.prepend(read.skipped[k]);
        }

        if (json) {
            invocation.printJson(QJsonDocument(report.toJson()));
        } else {
            for (const Finding &finding : std::as_const(report.findings))
                invocation.out() << Finding::severityName(finding.severity) << "  " << finding.rule << "  "
                                 << finding.message << '\n';
            if (report.omitted > 0)
                invocation.out() << Messages::tr("… and %n more finding(s) not shown.", nullptr, int(report.omitted))
                                 << '\n';
            invocation.err() << Messages::tr("%1: %2, %3, %4")
                                    .arg(path, Messages::tr("%n span(s)", nullptr, int(store.size())),
                                         Messages::tr("%n error(s)", nullptr, int(report.errors)),
                                         Messages::tr("%n warning(s)", nullptr, int(report.warnings)))
                             << '\n';
        }
        if (report.hasErrors())
            return invocation.fail(Messages::tr("%1 has %n error(s).", nullptr, int(report.errors)).arg(path));
        invocation.succeed();
    }
};

class FormatCommand : public Command
{
public:
    FormatCommand()
        : Command(u"format"_s, Messages::tr("Rewrite a file of spans pretty or compact, keeping every field."))
    {
    }

    QString description() const override
    {
        return Messages::tr("Reads one span or an array of spans and writes them back in the agent's format: known "
                            "fields in the documented order, data keys in their order, unknown fields and values of "
                            "the wrong type kept as written. Pretty (a member a line) unless --compact. Writes to "
                            "standard output, or to -o FILE, replaced whole only once written.");
    }

    QList<Positional> positionals() const override
    {
        return {{u"FILE"_s, Messages::tr("A JSON file of spans; - for standard input.")}};
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(u"compact"_s, Messages::tr("One line, no spaces: what is sent to the agent.")),
            QCommandLineOption({u"o"_s, u"output"_s},
                               Messages::tr("Write to this file instead of standard output (- is standard output)."),
                               u"FILE"_s),
        };
    }

    QStringList examples() const override
    {
        return {u"iwb trace format --compact trace.json -o body.json"_s, u"curl -s … | iwb trace format -"_s};
    }

    void run(Invocation &invocation) override
    {
        const QStringList arguments = invocation.positionalArguments();
        if (arguments.size() != 1)
            return invocation.usageError(Messages::tr("give one FILE to format."));
        std::optional<QString> output;
        if (invocation.isSet(u"output"_s))
            output = invocation.value(u"o"_s); // "-" is standard output; never empty (CommandLine)
        SpanStore store;
        QString name;
        const ReadResult read = readSpans(arguments.first(), store, &name);
        if (!read.ok())
            return invocation.fail(read.errorText(name));
        if (!read.skipped.isEmpty())
            return invocation.fail(read.skipped.first().message);
        const SpanJson::Format format
            = invocation.isSet(u"compact"_s) ? SpanJson::Format::Compact : SpanJson::Format::Pretty;
        Io::OutputFile out(output.value_or(u"-"_s), Io::Dash::StandardStream);
        bool written = out.open();
        if (out.isStandardOutput()) {
            // As read: one span stays one object.
            invocation.out().flush();
            written = written && out.write(SpanJson::write(store, format, read.isArray)) && out.write("\n");
        } else {
            written = written && SpanJson::writeArray(out, store, format);
        }
        if (!written || !out.commit())
            return invocation.fail(out.errorString());
        invocation.succeed();
    }
};

class TraceGroup : public CommandGroup
{
public:
    TraceGroup()
        : CommandGroup(u"trace"_s,
                       Messages::tr("Spans in the agent's native format: validate, format, generate, send, fetch."))
    {
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeTraceCommand()
{
    auto group = std::make_unique<TraceGroup>();
    group->add(std::make_unique<ValidateCommand>());
    group->add(std::make_unique<FormatCommand>());
    group->add(makeTraceGenerateCommand());
    group->add(makeTraceSendCommand());
    group->add(makeTraceFetchCommand());
    return group;
}

} // namespace Workbench::Cli
