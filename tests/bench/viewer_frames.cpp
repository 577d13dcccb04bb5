// Benchmark: opening a large trace in the viewer and painting frames of the waterfall.
//
//   QT_QPA_PLATFORM=offscreen bench_viewer_frames [SPANS ...]   (default 10000 100000 1000000)
//
// For each size: generates one trace of SPANS spans, writes it to a temporary file (compact
// JSON) and then, in a child process of its own so that its peak memory is its own, times
// opening it (SpanJson::readFile, TraceDocument::build, WaterfallRows, WaterfallView::
// setDocument) and painting one full frame of a 1600x1000 WaterfallView into a QImage through
// paintView, at several zoom levels (the whole trace, 10 %, 1 %, 0.01 %) and scroll positions
// (top, middle, bottom): the median of 20 frames each. Prints the peak resident memory
// (VmHWM) and the document's memoryUsed() per span. Prints figures; never fails on timing.

#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/viewer/tracedocument.h"
#include "core/viewer/waterfallrows.h"
#include "tests/support/testsupport.h"
#include "ui/viewer/waterfallview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

constexpr int FrameWidth = 1600;
constexpr int FrameHeight = 1000;
constexpr int Frames = 20;

double millis(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

int child(int argc, char **argv, const QString &path)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    QElapsedTimer timer;
    timer.start();
    SpanStore store;
    const ReadResult read = SpanJson::readFile(path, store);
    const double readMs = millis(timer);
    if (!read.ok()) {
        std::fprintf(stderr, "read error: %s\n", qPrintable(read.error.toString()));
        return 1;
    }
    const qsizetype spans = store.size();
    timer.restart();
    const Viewer::TraceDocumentPtr document = Viewer::TraceDocument::build(std::move(store), path);
    const double buildMs = millis(timer);
    timer.restart();
    const Viewer::WaterfallRows rows(document->store(), document->graph());
    const double rowsMs = millis(timer);

    WaterfallView view;
    view.resize(FrameWidth, FrameHeight);
    view.show();
    QApplication::processEvents();
    timer.restart();
    view.setDocument(document);
    const double setMs = millis(timer);

    std::printf("%9lld spans  open: read %8.1f ms  build %8.1f ms  rows %6.1f ms  view %6.1f ms  total %8.1f ms\n",
                qlonglong(spans), readMs, buildMs, rowsMs, setMs, readMs + buildMs + rowsMs + setMs);

    QImage image(FrameWidth, FrameHeight, QImage::Format_ARGB32_Premultiplied);
    const auto &shown = view.rows();
    const qsizetype count = shown.rowCount();
    const double total = view.totalDuration();
    struct Zoom
    {
        const char *name;
        double share;
    };
    const Zoom zooms[] = {{"whole", 1.0}, {"10%", 0.1}, {"1%", 0.01}, {"0.01%", 0.0001}};
    struct Position
    {
        const char *name;
        qsizetype row;
    };
    const int visible = FrameHeight / WaterfallView::RowHeight;
    const Position positions[]
        = {{"top", 0}, {"middle", count / 2}, {"bottom", std::max<qsizetype>(0, count - visible)}};
    std::vector<double> times;
    times.reserve(Frames);
    double worst = 0;
    std::printf("           frame %dx%d, median of %d (ms):", FrameWidth, FrameHeight, Frames);
    for (const Position &position : positions)
        std::printf("  %8s", position.name);
    std::printf("\n");
    for (const Zoom &zoom : zooms) {
        std::printf("           zoom %-6s %26s", zoom.name, "");
        for (const Position &position : positions) {
            view.scrollToRow(position.row);
            // The window starts a little before the first row's span, so its bars show.
            const qint32 node = shown.row(position.row).node;
            const double at = double(shown.start(node) - shown.startTime());
            const double width = total * zoom.share;
            view.setVisibleRange(at - width * 0.1, at + width * 0.9);
            times.clear();
            for (int frame = 0; frame < Frames + 2; ++frame) {
                QElapsedTimer frameTimer;
                frameTimer.start();
                QPainter painter(&image);
                view.paintView(&painter, image.rect());
                painter.end();
                if (frame >= 2) // the first two warm caches (fonts, glyphs)
                    times.push_back(millis(frameTimer));
            }
            std::sort(times.begin(), times.end());
            const double median = times[times.size() / 2];
            worst = std::max(worst, median);
            std::printf("  %8.2f", median);
        }
        std::printf("\n");
    }
    std::printf("           worst median frame %.2f ms; peak RSS %.1f MiB (%.0f B/span); document %.0f B/span\n", worst,
                double(TestSupport::peakResidentKiB()) / 1024,
                double(TestSupport::peakResidentKiB()) * 1024 / double(spans),
                double(document->memoryUsed()) / double(spans));
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--child") == 0)
        return child(argc, argv, QString::fromLocal8Bit(argv[2]));

    QCoreApplication app(argc, argv);
    std::vector<qsizetype> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(QByteArray(argv[i]).toLongLong());
    if (sizes.empty())
        sizes = {10'000, 100'000, 1'000'000};

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 1;
    }
    for (const qsizetype spans : sizes) {
        GeneratorOptions options;
        options.spans = spans;
        options.depth = 10;
        options.fanout = 5;
        options.services = 12;
        options.traces = 1;
        const SpanStore store = SpanGenerator::generate(options);
        const QString path = dir.filePath(u"trace-%1.json"_s.arg(qlonglong(spans)));
        QString error;
        if (!SpanJson::writeFile(path, store, SpanJson::Format::Compact, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(path), qPrintable(error));
            return 1;
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start(QCoreApplication::applicationFilePath(), {u"--child"_s, path});
        if (!process.waitForFinished(-1) || process.exitCode() != 0) {
            std::fprintf(stderr, "the child for %lld spans failed\n", qlonglong(spans));
            return 1;
        }
        QFile::remove(path);
    }
    return 0;
}
