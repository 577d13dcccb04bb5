// The outbox survives SIGKILL: a writer killed mid-write leaves only whole entries, a window
// killed while it retries leaves nothing stuck, and once the agent is back at its address
// `iwb outbox flush` delivers every queued event exactly once, with the time it was fired.

#include "core/events/outbox.h"
#include "core/localagent/localagent.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::ProcessResult;

class TestOutboxCrash : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, m_environment, std::chrono::seconds(60));
    }

    QString outboxDir() const { return m_home->path() + u"/data/instana-workbench/outbox"_s; }

    // Starts the agent where the events were fired, flushes with iwb, and checks that every
    // entry arrived exactly once.
    void flushAndCheckExactlyOnce(quint16 port, const QSet<QString> &mustArrive)
    {
        QStringList problems;
        const QList<OutboxEntry> queued = Outbox(outboxDir()).entries(&problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QSet<QString> titles;
        for (const OutboxEntry &entry : queued)
            titles.insert(entry.title);
        QCOMPARE(titles.size(), queued.size());
        for (const QString &title : mustArrive)
            QVERIFY2(titles.contains(title), qPrintable(title));

        LocalAgent agent;
        LocalAgentConfig config;
        config.port = port;
        QString error;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        QSignalSpy captured(&agent, &LocalAgent::captured);
        const ProcessResult flushed = iwb({u"outbox"_s, u"flush"_s});
        QVERIFY2(flushed.exitCode == 0, qPrintable(flushed.err));
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), queued.size(), 30000);
        QTest::qWait(200);
        QCOMPARE(captured.size(), queued.size());

        QHash<QString, int> arrivals;
        for (const QList<QVariant> &signal : std::as_const(captured)) {
            const auto batch = signal.first().value<CaptureBatch>();
            QVERIFY(!batch.rejection);
            for (const CapturedItem &item : batch.items)
                ++arrivals[item.title()];
        }
        QCOMPARE(arrivals.size(), queued.size());
        for (auto it = arrivals.cbegin(); it != arrivals.cend(); ++it) {
            QVERIFY2(titles.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(it.value(), 1);
        }
        QCOMPARE(Outbox(outboxDir()).count(), 0);
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_environment = TestSupport::isolatedEnvironment(m_home->path());
    }

    void writerKilledMidWriteLeavesWholeEntries()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        const QString url = u"http://127.0.0.1:%1/com.instana.plugin.generic.event"_s.arg(port);
        const QString writer = QCoreApplication::applicationDirPath() + u"/outbox_writer"_s;
        QSet<QString> confirmed;
        for (int round = 0; round < 5; ++round) {
            QProcess process;
            process.start(writer, {outboxDir(), url, u"round%1-"_s.arg(round)});
            QVERIFY(process.waitForStarted());
            // Let it write for a while, then kill it wherever it is.
            QTRY_VERIFY_WITH_TIMEOUT(process.bytesAvailable() > 0, 10000);
            QTest::qWait(20 + 15 * round);
            ::kill(pid_t(process.processId()), SIGKILL);
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitStatus(), QProcess::CrashExit);
            const QList<QByteArray> ids = process.readAllStandardOutput().split('\n');
            for (const QByteArray &id : ids) {
                if (id.isEmpty())
                    continue;
                const auto entry = Outbox(outboxDir()).entry(QString::fromLatin1(id));
                QVERIFY2(entry, id.constData());
                confirmed.insert(entry->title);
            }
        }
        qInfo("%lld entries confirmed before the kills; %lld files in the outbox", qlonglong(confirmed.size()),
              qlonglong(Outbox(outboxDir()).count()));
        QVERIFY(confirmed.size() >= 5);
        flushAndCheckExactlyOnce(port, confirmed);
        // What a kill left half-written is a temporary file, never an entry.
        const QStringList left = QDir(outboxDir()).entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : left)
            QVERIFY2(!name.endsWith(u".json"_s), qPrintable(name));
    }

    void windowKilledWhileRetryingLosesNothing()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        const QString agent = u"http://127.0.0.1:%1"_s.arg(port);
        QCOMPARE(iwb({u"config"_s, u"set"_s, u"agent.url"_s, agent}).exitCode, 0);
        QCOMPARE(iwb({u"config"_s, u"set"_s, u"agent.local.autostart"_s, u"false"_s}).exitCode, 0);
        QSet<QString> titles;
        for (int i = 0; i < 5; ++i) {
            const QString title = u"down-%1"_s.arg(i);
            const ProcessResult sent = iwb({u"event"_s, u"send"_s, u"--title"_s, title, u"--queue"_s});
            QVERIFY2(sent.exitCode == 0 && sent.err.contains(u"queued"_s), qPrintable(sent.err));
            titles.insert(title);
        }

        // The window retries the shared outbox on its own while the agent is still down.
        QProcess window;
        QProcessEnvironment environment = m_environment;
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"ASAN_OPTIONS"_s, qEnvironmentVariable("ASAN_OPTIONS") + u":intercept_strndup=0"_s);
        window.setProcessEnvironment(environment);
        window.start(TestSupport::guiBinary(), {u"--page"_s, u"events"_s});
        QVERIFY(window.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(Outbox(outboxDir()).entries().value(0).attempts >= 2, 30000);
        ::kill(pid_t(window.processId()), SIGKILL);
        QVERIFY(window.waitForFinished(10000));
        QCOMPARE(window.exitStatus(), QProcess::CrashExit);

        QCOMPARE(Outbox(outboxDir()).count(), 5);
        flushAndCheckExactlyOnce(port, titles);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_environment;
};

QTEST_GUILESS_MAIN(TestOutboxCrash)
#include "tst_outboxcrash.moc"
