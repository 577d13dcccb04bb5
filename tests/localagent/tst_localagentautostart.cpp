// The embedded default, over real sockets: the local agent starts where nothing listens, and
// never where something (a real agent) already does.

#include "core/localagent/localagent.h"
#include "core/localagent/localagentautostart.h"

#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using Outcome = Workbench::LocalAgentAutostart::Outcome;

class TestLocalAgentAutostart : public QObject
{
    Q_OBJECT

    static Outcome decide(LocalAgent &agent, const QUrl &target, bool enabled, QString *message = nullptr)
    {
        LocalAgentAutostart autostart(agent);
        QSignalSpy finished(&autostart, &LocalAgentAutostart::finished);
        autostart.run(target, enabled);
        if (!finished.wait(10000))
            return Outcome::Failed;
        if (message)
            *message = autostart.message();
        return autostart.outcome();
    }

private Q_SLOTS:
    void startsWhereNothingListens()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        LocalAgent agent;
        QString message;
        QCOMPARE(decide(agent, QUrl(u"http://127.0.0.1:%1"_s.arg(port)), true, &message), Outcome::Started);
        QVERIFY(agent.isRunning());
        QCOMPARE(agent.port(), port);
        QVERIFY(agent.address().isLoopback());
        QVERIFY(message.contains(u"local agent was started"_s));

        // Once it runs, the next start finds it listening and leaves it alone.
        LocalAgent second;
        QCOMPARE(decide(second, QUrl(u"http://localhost:%1"_s.arg(port)), true), Outcome::RealAgentFound);
        QVERIFY(!second.isRunning());
    }

    void leavesARealAgentAlone()
    {
        QTcpServer realAgent;
        QVERIFY(realAgent.listen(QHostAddress::LocalHost, 0));
        LocalAgent agent;
        QString message;
        QCOMPARE(decide(agent, QUrl(u"http://127.0.0.1:%1"_s.arg(realAgent.serverPort())), true, &message),
                 Outcome::RealAgentFound);
        QVERIFY(!agent.isRunning());
        QVERIFY(message.contains(u"already listens"_s));
    }

    void onlyWhenItShould()
    {
        LocalAgent agent;
        QCOMPARE(decide(agent, QUrl(u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort())), false),
                 Outcome::Disabled);
        // Another machine's agent, or TLS: nothing to stand in for, and nothing is probed.
        QCOMPARE(decide(agent, QUrl(u"http://192.0.2.7:42699"_s), true), Outcome::OtherTarget);
        QCOMPARE(decide(agent, QUrl(u"https://127.0.0.1:443"_s), true), Outcome::OtherTarget);
        QVERIFY(!agent.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestLocalAgentAutostart)
#include "tst_localagentautostart.moc"
