// Benchmark: reading, checking and writing a large file of spans.
//
//   bench_trace_parse [SPANS]        (default 1,000,000)
//
// Generates SPANS spans, writes them to a temporary file (compact JSON, the agent's format),
// then, in a child process of its own so that its peak memory is its own: reads the file into
// a SpanStore, builds the trace graph and validates it. Prints the times, the bytes per span
// the store and graph hold and the child's peak resident memory per span, and compares in the
// same run with `python3 -c 'import json; json.load(open(F))'` on the same file. Prints
// figures; never fails on timing.

#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracegraph.h"
#include "core/traces/tracevalidator.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace {

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// The child: read, graph, validate; prints one line of figures for the parent.
int parseChild(const QString &path)
{
    const long before = TestSupport::peakResidentKiB();
    QElapsedTimer timer;
    timer.start();
    SpanStore store;
    const ReadResult read = SpanJson::readFile(path, store);
    const double readSeconds = seconds(timer);
    if (!read.ok()) {
        std::fprintf(stderr, "parse error: %s\n", qPrintable(read.error.toString()));
        return 1;
    }
    timer.restart();
    const TraceGraph graph(store);
    const double graphSeconds = seconds(timer);
    timer.restart();
    ValidationOptions options;
    options.requestLimits = false;
    const ValidationReport report = TraceValidator::validate(store, graph, options);
    const double validateSeconds = seconds(timer);
    std::printf("%lld %.6f %.6f %.6f %lld %lld %lld %ld %ld\n", qlonglong(store.size()), readSeconds, graphSeconds,
                validateSeconds, qlonglong(store.memoryUsed()), qlonglong(graph.memoryUsed()), qlonglong(report.errors),
                before, TestSupport::peakResidentKiB());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == u"--parse-child"_s)
        return parseChild(args[2]);

    const qsizetype spans = args.size() > 1 ? args[1].toLongLong() : 1'000'000;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"spans.json"_s);

    QElapsedTimer timer;
    timer.start();
    GeneratorOptions options;
    options.spans = spans;
    options.traces = int(std::max<qsizetype>(1, spans / 1000));
    const SpanStore generated = SpanGenerator::generate(options);
    const double generateSeconds = seconds(timer);

    timer.restart();
    const QByteArray compact = SpanJson::write(generated);
    const double serializeSeconds = seconds(timer);
    timer.restart();
    const QByteArray pretty = SpanJson::write(generated, SpanJson::Format::Pretty);
    const double prettySeconds = seconds(timer);
    timer.restart();
    QString error;
    if (!SpanJson::writeFile(path, generated, SpanJson::Format::Compact, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double writeFileSeconds = seconds(timer);
    const double megabytes = double(compact.size()) / (1024.0 * 1024.0);

    std::printf("spans: %lld in %d traces, file %.1f MiB (%.0f bytes a span), generated in %.2f s\n",
                qlonglong(generated.size()), options.traces, megabytes, double(compact.size()) / double(spans),
                generateSeconds);
    std::printf("serialize compact: %.3f s (%.0f MiB/s); pretty: %.3f s (%.1f MiB); to file: %.3f s\n",
                serializeSeconds, megabytes / serializeSeconds, prettySeconds,
                double(pretty.size()) / (1024.0 * 1024.0), writeFileSeconds);

    // Our reader, in a child process.
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {u"--parse-child"_s, path});
    child.waitForFinished(-1);
    const QList<QByteArray> figures = child.readAllStandardOutput().trimmed().split(' ');
    if (child.exitCode() != 0 || figures.size() != 9) {
        std::fprintf(stderr, "the parsing child failed: %s\n", child.readAllStandardError().constData());
        return 1;
    }
    const double read = figures[1].toDouble();
    const double graph = figures[2].toDouble();
    const double validate = figures[3].toDouble();
    const double storeBytes = figures[4].toDouble();
    const double graphBytes = figures[5].toDouble();
    const long childPeakKiB = figures[8].toLong();
    const double total = read + graph + validate;
    std::printf("parse: %.3f s (%.0f MiB/s), graph: %.3f s, validate: %.3f s; parse + validate: %.3f s, %s errors\n",
                read, megabytes / read, graph, validate, total, figures[6].constData());
    const long childStartKiB = figures[7].toLong();
    std::printf(
        "memory: store %.0f + graph %.0f = %.0f bytes a span; peak resident memory of the reading process "
        "%.0f bytes a span (%.0f MiB: %.0f MiB at start, then the store, the graph and the mapped file's pages)\n",
        storeBytes / double(spans), graphBytes / double(spans), (storeBytes + graphBytes) / double(spans),
        double(childPeakKiB) * 1024.0 / double(spans), double(childPeakKiB) / 1024.0, double(childStartKiB) / 1024.0);

    // The baseline: Python's json module on the same file, timed as a whole command.
    QProcess python;
    timer.restart();
    python.start(u"python3"_s,
                 {u"-c"_s,
                  u"import json, sys, time; t = time.perf_counter(); json.load(open(sys.argv[1])); "
                  u"print(time.perf_counter() - t)"_s,
                  path});
    if (!python.waitForFinished(-1) || python.exitCode() != 0) {
        std::printf("python3: not available (%s)\n", qPrintable(python.errorString()));
        return 0;
    }
    const double pythonWall = seconds(timer);
    const double pythonLoad = python.readAllStandardOutput().trimmed().toDouble();
    std::printf("python3 json.load: %.3f s (whole command %.3f s); parse + validate is %.2fx faster than "
                "json.load alone\n",
                pythonLoad, pythonWall, pythonLoad / total);
    return 0;
}
