#include "iwb/cli/signalwatcher.h"

#include <QList>
#include <QPointer>
#include <QSocketNotifier>

#include <csignal>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace Workbench::Cli {

#ifdef Q_OS_UNIX
namespace {
int signalPipe[2] = {-1, -1};

void onSignal(int number)
{
    const char byte = char(number);
    // Only async-signal-safe calls here.
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

// A process has one handler per signal, so every watcher shares one pipe and one notifier;
// the first watcher sets them up, the last one puts the previous handlers back.
struct Shared
{
    QList<SignalWatcher *> watchers;
    QSocketNotifier *notifier = nullptr;
    struct sigaction previousInt = {};
    struct sigaction previousTerm = {};
};

Shared &shared()
{
    static Shared instance;
    return instance;
}

void deliver()
{
    char byte = 0;
    if (::read(signalPipe[1], &byte, 1) != 1)
        return;
    // A receiver may delete watchers (its own or others): each is looked at only while it lives.
    QList<QPointer<SignalWatcher>> receivers;
    for (SignalWatcher *watcher : std::as_const(shared().watchers))
        receivers.append(watcher);
    for (const QPointer<SignalWatcher> &watcher : std::as_const(receivers)) {
        if (watcher)
            Q_EMIT watcher->stopRequested(int(byte));
    }
}
} // namespace
#endif

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    Shared &s = shared();
    if (s.watchers.isEmpty()) {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
            return;
        s.notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read);
        QObject::connect(s.notifier, &QSocketNotifier::activated, s.notifier, &deliver);
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, &s.previousInt);
        sigaction(SIGTERM, &action, &s.previousTerm);
    }
    s.watchers.append(this);
#endif
}

SignalWatcher::~SignalWatcher()
{
#ifdef Q_OS_UNIX
    Shared &s = shared();
    if (!s.watchers.removeOne(this) || !s.watchers.isEmpty())
        return;
    sigaction(SIGINT, &s.previousInt, nullptr);
    sigaction(SIGTERM, &s.previousTerm, nullptr);
    delete s.notifier;
    s.notifier = nullptr;
    for (int &fd : signalPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
#endif
}

} // namespace Workbench::Cli
