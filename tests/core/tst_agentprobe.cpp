#include "core/target/agentprobe.h"

#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::AgentProbe;

namespace {
QUrl loopback(quint16 port)
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port));
}
} // namespace

class TestAgentProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reachableWhenSomethingListens()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        AgentProbe probe(loopback(server.serverPort()));
        QSignalSpy finished(&probe, &AgentProbe::finished);
        probe.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(probe.result(), AgentProbe::Result::Reachable);
        QVERIFY(probe.isReachable());
        QVERIFY(probe.errorString().isEmpty());
        QVERIFY(probe.elapsedMs() >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void refusedWhenNothingListens()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        QVERIFY(port != 0);
        AgentProbe probe(loopback(port));
        QSignalSpy finished(&probe, &AgentProbe::finished);
        probe.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(probe.result(), AgentProbe::Result::Refused);
        QVERIFY2(probe.errorString().contains(u"refused"_s), qPrintable(probe.errorString()));
        QVERIFY(probe.errorString().contains(QString::number(port)));
    }

    void invalidAddressAnswersLater()
    {
        AgentProbe probe{QUrl()};
        QSignalSpy finished(&probe, &AgentProbe::finished);
        probe.start();
        QCOMPARE(finished.count(), 0); // never synchronously
        QVERIFY(finished.wait(5000));
        QCOMPARE(probe.result(), AgentProbe::Result::NetworkError);
    }

    void abortFinishesOnce()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        AgentProbe probe(loopback(server.serverPort()));
        QSignalSpy finished(&probe, &AgentProbe::finished);
        probe.start();
        probe.abort();
        probe.abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(probe.result(), AgentProbe::Result::Aborted);
        QTest::qWait(100); // the connection completing now must not finish it again
        QCOMPARE(finished.count(), 1);
        QCOMPARE(probe.result(), AgentProbe::Result::Aborted);
    }

    void abortBeforeStartIsAnswered()
    {
        AgentProbe probe(loopback(1));
        QSignalSpy finished(&probe, &AgentProbe::finished);
        probe.abort();
        QCOMPARE(finished.count(), 1);
        probe.start(); // a finished probe does not start again
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAgentProbe)
#include "tst_agentprobe.moc"
