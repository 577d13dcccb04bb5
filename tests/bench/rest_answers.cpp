// How the REST Browser's result view does with large answers, against the fake Instana backend
// on loopback: a 10,000-snapshot answer of GET /api/infrastructure-monitoring/snapshots (items
// shaped as the spec's SnapshotItem) shown in the table, and a JSON answer of SIZE MiB (100
// unless given) shown in the tree. Each is fetched with RestClient (setParseJson(false): the body
// as it came), parsed with Json::parseInBackground, then given to JsonResultView and painted.
// Printed: the time to fetch, to parse, to show; the longest time the GUI thread was blocked
// meanwhile (a 5 ms timer in the GUI thread, the largest gap between its ticks, from the request
// to the first paint, and the step it ended in); the peak resident memory (VmHWM, reset before
// the request) of the process, and that peak less the process's resident memory before the
// request, per MiB of answer. Each answer is measured in a
// process of its own (this program run again), so that one peak does not hide the other.
// Run from a release build:
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_rest_answers [SIZE_MIB] [RUNS]

#include "core/json/backgroundparse.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"
#include "ui/rest/jsonresultview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {

const QByteArray Token = "bench-rest-T0KEN";
const QByteArray SnapshotsPath = "/api/infrastructure-monitoring/snapshots";
const QByteArray LargePath = "/api/bench/large";

long residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

QByteArray snapshots(int count)
{
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        const QString host = u"host-%1.example.com"_s.arg(i % 500, 3, 10, QLatin1Char('0'));
        items.append(QJsonObject{
            {u"snapshotId"_s, u"snap%1"_s.arg(i, 8, 16, QLatin1Char('0'))},
            {u"plugin"_s, i % 3 == 0 ? u"host"_s : (i % 3 == 1 ? u"jvmRuntimePlatform"_s : u"process"_s)},
            {u"label"_s, u"%1 (%2)"_s.arg(host).arg(i)},
            {u"host"_s, host},
            {u"from"_s, 1725600000000.0 + i * 1000.0},
            {u"tags"_s, QJsonArray{u"zone:eu-%1"_s.arg(i % 4), u"team:payments"_s}},
            {u"data"_s, QJsonObject{{u"cpu.count"_s, 4 + i % 13}, {u"os.name"_s, u"linux"_s}}},
        });
    }
    return QJsonDocument(QJsonObject{{u"items"_s, items}}).toJson(QJsonDocument::Compact);
}

struct Figures
{
    qint64 bytes = 0;
    double fetchMs = 0;
    double parseMs = 0; // the answer's arrival to the parsed document in the GUI thread
    double showMs = 0; // setAnswer() and the first paint
    double paintMs = 0; // of which the first paint
    double blockedMs = 0; // the largest gap between the ticks of a 5 ms timer
    const char *blockedIn = "fetch"; // the step it ended in: fetch, parse or show
    long baseKiB = 0;
    long peakKiB = 0;
    int rows = 0;
    bool ok = false;
};

Figures measure(const QUrl &baseUrl, const QByteArray &path, bool table)
{
    Figures figures;
    Workbench::Rest::ConnectionOptions options;
    options.baseUrl = baseUrl;
    options.proxy = Workbench::Rest::ProxyMode::None;
    options.timeout = 120s;
    Workbench::Rest::RestClient client(options, QString::fromLatin1(Token));
    Workbench::JsonResultView view;
    view.resize(1200, 800);
    view.show();
    QCoreApplication::processEvents();
    // The peak from here on (Linux resets VmHWM to VmRSS on "5"): not that of making the answer.
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
    clearRefs.close();
    figures.baseKiB = residentKiB();

    QElapsedTimer clock;
    QElapsedTimer tick;
    qint64 largestGap = 0;
    qint64 largestGapEnd = 0;
    qint64 arrivedAt = 0;
    qint64 parsedAt = -1;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 gap = tick.restart();
        if (gap > largestGap) {
            largestGap = gap;
            largestGapEnd = clock.elapsed();
        }
    });

    QEventLoop loop;
    Workbench::Rest::RestJob *job = client.request("GET", QString::fromLatin1(path));
    job->setParseJson(false);
    job->setCheckJson(false); // as the REST Browser asks: looked at only in the thread pool
    QByteArray body;
    QObject::connect(job, &Workbench::Rest::RestJob::finished, &loop, [&](Workbench::Rest::RestJob *done) {
        arrivedAt = clock.elapsed();
        figures.fetchMs = double(arrivedAt);
        body = done->body();
        done->deleteLater();
        if (done->error() != Workbench::Rest::Error::None) {
            std::fprintf(stderr, "bench_rest_answers: %s\n", qPrintable(done->errorString()));
            loop.quit();
            return;
        }
        figures.bytes = body.size();
        Workbench::Json::parseInBackground(body, &loop, [&](Workbench::Json::ParsedJson parsed) {
            parsedAt = clock.elapsed();
            figures.parseMs = double(parsedAt - arrivedAt);
            if (!parsed.ok()) {
                std::fprintf(stderr, "bench_rest_answers: the answer is no JSON\n");
                loop.quit();
                return;
            }
            QJsonArray rows;
            if (table)
                rows = parsed.document->object().value(u"items"_s).toArray();
            view.setAnswer(body, parsed.document, rows, {u"snapshotId"_s, u"label"_s, u"plugin"_s, u"host"_s},
                           u"snapshots"_s);
            const qint64 paintFrom = clock.elapsed();
            view.repaint();
            figures.paintMs = double(clock.elapsed() - paintFrom);
            figures.showMs = double(clock.elapsed() - parsedAt);
            figures.rows = int(rows.size());
            figures.ok = true;
            // A few more ticks after the first paint, then the end.
            QTimer::singleShot(50, &loop, &QEventLoop::quit);
        });
    });
    clock.start();
    tick.start();
    ticker.start();
    job->start();
    loop.exec();
    ticker.stop();
    figures.blockedMs = double(largestGap);
    // A gap ends at the first tick after the work that made it.
    if (parsedAt >= 0 && largestGapEnd > parsedAt)
        figures.blockedIn = "show";
    else if (largestGapEnd > arrivedAt)
        figures.blockedIn = "parse";
    figures.peakKiB = TestSupport::peakResidentKiB();
    return figures;
}

int child(const QString &which, qint64 mib)
{
    // The fake answers from a thread of its own: what blocks the GUI thread is the client's.
    const bool table = which == u"snapshots";
    const QByteArray body = table ? snapshots(10000) : QByteArray();
    QThread serverThread;
    serverThread.start();
    QObject anchor;
    anchor.moveToThread(&serverThread);
    FakeInstana *fake = nullptr;
    QUrl baseUrl;
    QString error;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            fake = new FakeInstana(Token);
            if (!fake->isListening())
                error = fake->errorString();
            if (table)
                fake->answerWith(SnapshotsPath, 200, body);
            else
                fake->answerLarge(LargePath, mib * 1024 * 1024);
            baseUrl = fake->baseUrl();
        },
        Qt::BlockingQueuedConnection);
    const auto stopServer = [&] {
        QMetaObject::invokeMethod(
            &anchor, [&] { delete fake; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    };
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_rest_answers: %s\n", qPrintable(error));
        stopServer();
        return 1;
    }
    const Figures f = measure(baseUrl, table ? SnapshotsPath : LargePath, table);
    stopServer();
    if (!f.ok)
        return 1;
    const double answerMiB = double(f.bytes) / (1024.0 * 1024.0);
    std::printf("%-9s %8.1f MiB  fetch %7.1f ms  parse %7.1f ms  show %6.1f ms (paint %.1f)  GUI blocked at most %5.1f "
                "ms (in %s)  "
                "peak %6.1f MiB (+%.1f MiB, %.2f MiB per MiB of answer)%s\n",
                table ? "table" : "tree", answerMiB, f.fetchMs, f.parseMs, f.showMs, f.paintMs, f.blockedMs,
                f.blockedIn, double(f.peakKiB) / 1024.0, double(f.peakKiB - f.baseKiB) / 1024.0,
                double(f.peakKiB - f.baseKiB) / 1024.0 / std::max(answerMiB, 1e-9),
                table ? qPrintable(u"  %1 rows"_s.arg(f.rows)) : "");
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 2 && arguments.at(1).startsWith(u"--child="_s))
        return child(arguments.at(1).mid(8), std::max<qint64>(1, arguments.at(2).toLongLong()));

    const qint64 mib = arguments.size() > 1 ? std::max<qint64>(1, arguments.at(1).toLongLong()) : 100;
    const int runs = arguments.size() > 2 ? std::max(1, arguments.at(2).toInt()) : 1;
    std::printf("JsonResultView against the fake backend on loopback (%d run(s))\n", runs);
    std::fflush(stdout);
    int failures = 0;
    for (int run = 0; run < runs; ++run) {
        for (const QString &which : {u"snapshots"_s, u"large"_s}) {
            QProcess process;
            process.setProcessChannelMode(QProcess::ForwardedChannels);
            process.start(QCoreApplication::applicationFilePath(), {u"--child="_s + which, QString::number(mib)});
            if (!process.waitForFinished(-1) || process.exitCode() != 0)
                ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}
