#pragma once

#include <QAbstractItemModel>
#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>

class QProcess;

namespace TestSupport {

// Whether this build runs under AddressSanitizer, which reserves terabytes of address space and
// keeps freed memory in quarantine: limits on a child's memory allow for it.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool Sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool Sanitized = true;
#else
inline constexpr bool Sanitized = false;
#endif
#else
inline constexpr bool Sanitized = false;
#endif

// The binaries under test, as built by this tree (set by workbench_add_test).
QString iwbBinary();
QString guiBinary();

// An environment for a child process that cannot touch the user's files: XDG config, data
// and cache below `root`, no display, no session bus.
QProcessEnvironment isolatedEnvironment(const QString &root);

struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QString out;
    QString err;
};

// Runs `program` with `input` on its standard input to its end, or kills it after `timeout`;
// the event loop runs meanwhile, so a server of the test's own process (a local agent) can
// answer it.
ProcessResult run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30), const QByteArray &input = {});

// Waits for a started `process` to end, or kills it after `timeout`, in the event loop as run()
// does, and returns what it did and wrote.
ProcessResult finish(QProcess &process, std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A loopback port on which nothing listens (bound once by us, then released).
quint16 closedLoopbackPort();

// This process's peak resident memory in KiB (VmHWM from /proc/self/status), 0 when unknown.
// Unlike getrusage's ru_maxrss, which Linux carries across fork and exec, it starts afresh in
// a child process, so a benchmark can measure one step in a child of its own.
long peakResidentKiB();

// A model as text, in the manner of hotspot's tests: the header, then one line a row with its
// columns' display texts joined by " | ", children indented by two spaces under their parent.
QString modelText(const QAbstractItemModel &model, int role = Qt::DisplayRole);

} // namespace TestSupport
