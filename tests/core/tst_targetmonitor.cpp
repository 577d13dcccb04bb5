#include "core/target/targetmonitor.h"

#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::TargetMonitor;
using State = Workbench::TargetMonitor::State;

namespace {
QUrl loopback(quint16 port)
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port));
}
} // namespace

class TestTargetMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unknownUntilStarted()
    {
        TargetMonitor monitor(loopback(1));
        QCOMPARE(monitor.state(), State::Unknown);
        QVERIFY(!monitor.hasAnswer());
        QVERIFY(!monitor.lastChecked().isValid());
    }

    void reachableAgent()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        TargetMonitor monitor(loopback(server.serverPort()));
        QSignalSpy states(&monitor, &TargetMonitor::stateChanged);
        QSignalSpy checked(&monitor, &TargetMonitor::checked);
        monitor.start();
        QCOMPARE(monitor.state(), State::Checking);
        QVERIFY(checked.wait(5000));
        QCOMPARE(monitor.state(), State::Reachable);
        QVERIFY(monitor.lastError().isEmpty());
        QVERIFY(monitor.lastChecked().isValid());
        QVERIFY(monitor.lastLatencyMs() >= 0);
        QCOMPARE(states.count(), 2);
        QCOMPARE(states.at(0).at(0).value<State>(), State::Checking);
        QCOMPARE(states.at(1).at(0).value<State>(), State::Reachable);
    }

    void unreachableAgent()
    {
        TargetMonitor monitor(loopback(TestSupport::closedLoopbackPort()));
        QSignalSpy checked(&monitor, &TargetMonitor::checked);
        monitor.start();
        QVERIFY(checked.wait(5000));
        QCOMPARE(monitor.state(), State::Unreachable);
        QVERIFY(!monitor.lastError().isEmpty());
        QCOMPARE(monitor.lastLatencyMs(), -1);
    }

    void changingTheTargetChecksAgain()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        TargetMonitor monitor(loopback(TestSupport::closedLoopbackPort()));
        QSignalSpy checked(&monitor, &TargetMonitor::checked);
        QSignalSpy agentChanged(&monitor, &TargetMonitor::agentChanged);
        monitor.start();
        QVERIFY(checked.wait(5000));
        QCOMPARE(monitor.state(), State::Unreachable);

        monitor.setAgent(loopback(server.serverPort()));
        QCOMPARE(agentChanged.count(), 1);
        QCOMPARE(monitor.state(), State::Checking); // the old answer no longer applies
        QVERIFY(checked.wait(5000));
        QCOMPARE(monitor.state(), State::Reachable);

        monitor.setAgent(loopback(server.serverPort())); // same target: nothing happens
        QCOMPARE(agentChanged.count(), 1);
    }

    void periodicCheckNoticesAnAgentGoingAway()
    {
        auto server = std::make_unique<QTcpServer>();
        QVERIFY(server->listen(QHostAddress::LocalHost, 0));
        TargetMonitor monitor(loopback(server->serverPort()));
        monitor.setInterval(std::chrono::milliseconds(100));
        QSignalSpy states(&monitor, &TargetMonitor::stateChanged);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), State::Reachable, 5000);
        const auto changesSoFar = states.count();

        // Re-checks of a reachable agent do not flicker through Checking.
        QTest::qWait(350);
        QCOMPARE(states.count(), changesSoFar);

        server.reset();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), State::Unreachable, 5000);
    }

    void refreshWhileCheckingKeepsOnlyTheNewestAnswer()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        TargetMonitor monitor(loopback(server.serverPort()));
        QSignalSpy checked(&monitor, &TargetMonitor::checked);
        monitor.start();
        monitor.refresh();
        monitor.refresh();
        QVERIFY(checked.wait(5000));
        QTest::qWait(100);
        QCOMPARE(checked.count(), 1);
        QCOMPARE(monitor.state(), State::Reachable);
    }
};

QTEST_GUILESS_MAIN(TestTargetMonitor)
#include "tst_targetmonitor.moc"
