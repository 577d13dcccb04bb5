// How `iwb api get` does with a large answer: the fake Instana backend serves a JSON array of
// exactly SIZE MiB (100 unless given) on loopback, made as it is written; `iwb api get` (the
// request, the whole answer read and parsed as JSON, written to standard output) runs with
// standard output to a file and to /dev/null, against `curl -s -o` fetching the same answer with
// the same headers in the same run. Wall time and peak resident memory (wait4's ru_maxrss of the
// child) of each, median of RUNS (3 unless given); the output's size is checked.
// Run from a release build: build/release/tests/bench/bench_api_get [SIZE_MIB] [RUNS]
//
// ru_maxrss of a child counts what it was forked from: the benchmark's own peak is printed too,
// as the floor under every figure.

#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;

namespace {

const QByteArray Token = "bench-api-T0KEN";
const QByteArray Path = "/api/bench/large";

struct Measured
{
    double seconds = 0;
    long peakKiB = 0;
    int exitCode = -1;
    qint64 outputBytes = -1;
};

// Runs `program` with `arguments` and `environment`, standard output to `output`, standard error
// to /dev/null, in a thread of its own, while this thread's event loop lets the fake answer.
Measured measure(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                 const QString &output)
{
    std::vector<QByteArray> argumentBytes{QFile::encodeName(program)};
    argumentBytes.reserve(size_t(arguments.size()) + 1);
    for (const QString &argument : arguments)
        argumentBytes.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    argv.reserve(argumentBytes.size() + 1);
    for (QByteArray &argument : argumentBytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    const QStringList entries = environment.toStringList();
    std::vector<QByteArray> environmentBytes;
    environmentBytes.reserve(size_t(entries.size()));
    for (const QString &entry : entries)
        environmentBytes.push_back(entry.toLocal8Bit());
    std::vector<char *> envp;
    envp.reserve(environmentBytes.size() + 1);
    for (QByteArray &entry : environmentBytes)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    const QByteArray outputName = QFile::encodeName(output);

    Measured result;
    std::atomic<bool> done = false;
    std::thread waiter([&] {
        const auto begin = std::chrono::steady_clock::now();
        const pid_t pid = fork();
        if (pid == 0) {
            // Only what is safe between fork and exec.
            const int out = ::open(outputName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int null = ::open("/dev/null", O_WRONLY);
            if (out < 0 || null < 0)
                _exit(127);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
            ::execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        int status = 0;
        rusage usage{};
        if (pid > 0 && wait4(pid, &status, 0, &usage) == pid) {
            result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            result.peakKiB = usage.ru_maxrss;
            result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        done = true;
    });
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done)
            loop.quit();
    });
    poll.start(5);
    loop.exec();
    waiter.join();
    if (output != u"/dev/null"_s)
        result.outputBytes = QFileInfo(output).size();
    return result;
}

Measured median(std::vector<Measured> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Measured &a, const Measured &b) { return a.seconds < b.seconds; });
    Measured middle = runs.at(runs.size() / 2);
    // The peak of the middle run by time is no fairer than the largest: the largest is shown.
    for (const Measured &run : runs)
        middle.peakKiB = std::max(middle.peakKiB, run.peakKiB);
    return middle;
}

void print(const char *what, const Measured &m, qint64 bytes)
{
    std::printf("  %-34s %7.3f s  %7.1f MiB/s  peak %7.1f MiB  exit %d\n", what, m.seconds,
                double(bytes) / (1024.0 * 1024.0) / std::max(m.seconds, 1e-9), double(m.peakKiB) / 1024.0, m.exitCode);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 mib = argc > 1 ? std::max<qint64>(1, QByteArray(argv[1]).toLongLong()) : 100;
    const int runs = argc > 2 ? std::max(1, QByteArray(argv[2]).toInt()) : 3;
    const qint64 bytes = mib * 1024 * 1024;

    QString iwb = qEnvironmentVariable("IWB_BINARY");
    if (iwb.isEmpty())
        iwb = QDir(QCoreApplication::applicationDirPath()).filePath(u"../../app/iwb/iwb"_s);
    iwb = QFileInfo(iwb).absoluteFilePath();
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (!QFileInfo(iwb).isExecutable()) {
        std::fprintf(stderr, "bench_api_get: no iwb at %s (set IWB_BINARY)\n", qPrintable(iwb));
        return 1;
    }

    QTemporaryDir dir;
    FakeInstana fake(Token);
    fake.answerLarge(Path, bytes);
    // The rate budget must not run out over the runs.
    fake.setRateLimit(1000000, 1000000, QDateTime::currentSecsSinceEpoch() + 3600);

    QProcessEnvironment environment = TestSupport::isolatedEnvironment(dir.path());
    environment.insert(u"HOME"_s, dir.path());
    environment.insert(u"INSTANA_BASE_URL"_s, fake.baseUrl().toString());
    environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(Token));
    const QStringList iwbArguments{u"api"_s, u"get"_s, QString::fromLatin1(Path)};
    // The token goes to curl in a file, not on its command line.
    const QString headers = dir.filePath(u"headers"_s);
    {
        QFile file(headers);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write("authorization: apiToken " + Token + "\nAccept: application/json\n");
    }
    const QString output = dir.filePath(u"answer.json"_s);
    const QString curlOutput = dir.filePath(u"curl.json"_s);
    const QString url = fake.url(QString::fromLatin1(Path)).toString();
    const QStringList curlArguments{u"-s"_s, u"-f"_s, u"-H"_s, u'@' + headers, u"-o"_s, curlOutput, url};
    const QStringList curlNullArguments{u"-s"_s, u"-f"_s, u"-H"_s, u'@' + headers, u"-o"_s, u"/dev/null"_s, url};

    std::vector<Measured> toFile;
    std::vector<Measured> toNull;
    std::vector<Measured> curlToFile;
    std::vector<Measured> curlToNull;
    for (int i = 0; i < runs; ++i) {
        toFile.push_back(measure(iwb, iwbArguments, environment, output));
        toNull.push_back(measure(iwb, iwbArguments, environment, u"/dev/null"_s));
        if (!curl.isEmpty()) {
            curlToFile.push_back(measure(curl, curlArguments, environment, u"/dev/null"_s));
            curlToFile.back().outputBytes = QFileInfo(curlOutput).size();
            curlToNull.push_back(measure(curl, curlNullArguments, environment, u"/dev/null"_s));
        }
    }

    const Measured iwbFile = median(toFile);
    const Measured iwbNull = median(toNull);
    std::printf("iwb api get of a %lld MiB JSON answer from the fake backend on loopback, median of %d:\n",
                qlonglong(mib), runs);
    print("iwb api get > FILE", iwbFile, bytes);
    print("iwb api get > /dev/null", iwbNull, bytes);
    bool ok = iwbFile.exitCode == 0 && iwbNull.exitCode == 0 && iwbFile.outputBytes == bytes + 1;
    if (!curl.isEmpty()) {
        const Measured curlFile = median(curlToFile);
        const Measured curlNull = median(curlToNull);
        print("curl -s -o FILE", curlFile, bytes);
        print("curl -s -o /dev/null", curlNull, bytes);
        std::printf("  ratio iwb / curl: %.2fx time to a file, %.2fx to /dev/null; %.1fx peak memory\n",
                    iwbFile.seconds / std::max(curlFile.seconds, 1e-9),
                    iwbNull.seconds / std::max(curlNull.seconds, 1e-9),
                    double(iwbFile.peakKiB) / double(std::max(curlFile.peakKiB, 1L)));
        ok = ok && curlFile.exitCode == 0 && curlFile.outputBytes == bytes;
    } else {
        std::printf("  curl: not found, no comparison\n");
    }
    std::printf("  this benchmark's own peak (the floor under each child's figure): %.1f MiB\n",
                double(TestSupport::peakResidentKiB()) / 1024.0);
    std::printf("  answer %s: %lld bytes written by iwb (the answer and a line break)\n", ok ? "complete" : "WRONG",
                qlonglong(iwbFile.outputBytes));
    return ok ? 0 : 1;
}
