// SignalWatcher: SIGINT and SIGTERM reach every watcher alive, and the handlers that were
// there before come back once the last one is gone.

#include "iwb/cli/signalwatcher.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <memory>

using Workbench::Cli::SignalWatcher;

class TestSignalWatcher : public QObject
{
    Q_OBJECT

    // The handler in place now (Qt Test has its own for crashes and interruptions).
    static void *handler(int number)
    {
        struct sigaction current = {};
        sigaction(number, nullptr, &current);
        return reinterpret_cast<void *>(current.sa_handler);
    }

private Q_SLOTS:
    void everyWatcherHearsTheSignal()
    {
        void *const before = handler(SIGINT);
        auto first = std::make_unique<SignalWatcher>();
        auto second = std::make_unique<SignalWatcher>();
        QSignalSpy firstSpy(first.get(), &SignalWatcher::stopRequested);
        QSignalSpy secondSpy(second.get(), &SignalWatcher::stopRequested);

        std::raise(SIGINT);
        QTRY_COMPARE(firstSpy.size(), 1);
        QTRY_COMPARE(secondSpy.size(), 1);
        QCOMPARE(firstSpy.at(0).at(0).toInt(), SIGINT);
        QCOMPARE(secondSpy.at(0).at(0).toInt(), SIGINT);

        // The first one gone, the second still hears; nothing is left behind for the first.
        first.reset();
        QVERIFY(handler(SIGINT) != before);
        std::raise(SIGTERM);
        QTRY_COMPARE(secondSpy.size(), 2);
        QCOMPARE(secondSpy.at(1).at(0).toInt(), SIGTERM);

        second.reset();
        QCOMPARE(handler(SIGINT), before);
    }

    void aWatcherAfterTheLastOneWorksAgain()
    {
        {
            SignalWatcher once;
        }
        SignalWatcher again;
        QSignalSpy spy(&again, &SignalWatcher::stopRequested);
        std::raise(SIGTERM);
        QTRY_COMPARE(spy.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
