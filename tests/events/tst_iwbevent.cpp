// `iwb event send`, `iwb outbox ...` and `iwb event history` as separate processes against the
// real local agent on 127.0.0.1: what --dry-run prints is what arrives, a file's batch arrives as
// one array, bad input sends nothing, --queue keeps events in the shared outbox until flushed.

#include "core/events/outbox.h"
#include "core/localagent/localagent.h"
#include "tests/support/testsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::ProcessResult;

class TestIwbEvent : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        if (input.isEmpty())
            return TestSupport::run(TestSupport::iwbBinary(), arguments, m_environment);
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(TestSupport::iwbBinary(), arguments);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        return ProcessResult{process.exitCode(), process.exitStatus() == QProcess::CrashExit, false,
                             QString::fromUtf8(process.readAllStandardOutput()),
                             QString::fromUtf8(process.readAllStandardError())};
    }

    bool startAgent(quint16 port = 0)
    {
        m_agent = std::make_unique<LocalAgent>();
        LocalAgentConfig config;
        config.port = port;
        QString error;
        if (!m_agent->start(config, &error)) {
            qWarning() << error;
            return false;
        }
        m_captured = std::make_unique<QSignalSpy>(m_agent.get(), &LocalAgent::captured);
        return true;
    }

    QString agentArg() const { return m_agent->url().toString(); }

    CaptureBatch batch(qsizetype i) const { return m_captured->at(i).first().value<CaptureBatch>(); }

    QString outboxDir() const { return m_home->path() + u"/data/instana-workbench/outbox"_s; }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_environment = TestSupport::isolatedEnvironment(m_home->path());
        m_environment.insert(u"USER"_s, u"oncall"_s);
    }

    void cleanup()
    {
        m_captured.reset();
        m_agent.reset();
    }

    void dryRunPrintsWhatIsSent()
    {
        QVERIFY(startAgent());
        const QStringList args{
            u"event"_s,      u"send"_s,    u"--title"_s,     u"Deploy by ${user}"_s,    u"--text"_s,     u"shop 4.2"_s,
            u"--severity"_s, u"warning"_s, u"--timestamp"_s, u"2026-11-23T13:42:06Z"_s, u"--duration"_s, u"15m"_s,
            u"--agent"_s,    agentArg()};
        const ProcessResult dry = iwb(args + QStringList{u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QCOMPARE(dry.out,
                 u"{\"title\":\"Deploy by oncall\",\"text\":\"shop 4.2\",\"severity\":5,\"timestamp\":1795441326000,"
                 u"\"duration\":900000}\n"_s);
        QTest::qWait(200);
        QCOMPARE(m_captured->size(), 0);

        const ProcessResult sent = iwb(args);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QVERIFY2(sent.out.startsWith(u"delivered 1 event to "_s), qPrintable(sent.out));
        QTRY_COMPARE(m_captured->size(), 1);
        QCOMPARE(batch(0).request.body + '\n', dry.out.toUtf8());
        QCOMPARE(batch(0).request.path, QByteArray("/com.instana.plugin.generic.event"));
    }

    void eventWithoutTimestampGetsTheTimeItIsSent()
    {
        QVERIFY(startAgent());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const ProcessResult sent
            = iwb({u"event"_s, u"send"_s, u"--title"_s, u"now"_s, u"--agent"_s, agentArg(), u"--json"_s});
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        const QJsonObject result = QJsonDocument::fromJson(sent.out.toUtf8()).object();
        QCOMPARE(result[u"outcome"_s].toString(), u"delivered"_s);
        QCOMPARE(result[u"status"_s].toInt(), 200);
        QCOMPARE(result[u"queued"_s].toBool(), false);
        QTRY_COMPARE(m_captured->size(), 1);
        const qint64 timestamp = batch(0).items.first().fields()[u"timestamp"_s].toInteger();
        QVERIFY(timestamp >= before && timestamp <= after);
        QCOMPARE(batch(0).items.first().fields()[u"severity"_s].toInt(), -1);
    }

    void fileBatchArrivesAsOneArray()
    {
        QVERIFY(startAgent());
        const QByteArray events = "[\n  {\"title\": \"one\", \"timestamp\": 1795441326000},\n"
                                  "  {\"title\": \"two\", \"severity\": 10, \"timestamp\": 1795441326001},\n"
                                  "  {\"title\": \"three\", \"duration\": 5000, \"timestamp\": 1795441326002}\n]\n";
        QFile file(m_home->filePath(u"events.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(events);
        file.close();

        const ProcessResult dry = iwb({u"event"_s, u"send"_s, u"--file"_s, file.fileName(), u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        const ProcessResult sent = iwb({u"event"_s, u"send"_s, u"--file"_s, file.fileName(), u"--agent"_s, agentArg()});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.err));
        QVERIFY(sent.out.contains(u"3 events"_s));
        QTRY_COMPARE(m_captured->size(), 1);
        QCOMPARE(batch(0).items.size(), 3);
        QCOMPARE(batch(0).request.body + '\n', dry.out.toUtf8());
        QVERIFY(batch(0).request.body.startsWith('['));
        QCOMPARE(batch(0).items.at(1).title(), u"two"_s);

        // One object from stdin stays one object.
        const ProcessResult single = iwb({u"event"_s, u"send"_s, u"--file"_s, u"-"_s, u"--agent"_s, agentArg()},
                                         "{\"title\": \"from stdin\", \"timestamp\": 1795441326000}");
        QVERIFY2(single.exitCode == 0, qPrintable(single.err));
        QTRY_COMPARE(m_captured->size(), 2);
        QCOMPARE(batch(1).request.body,
                 QByteArray("{\"title\":\"from stdin\",\"severity\":-1,\"timestamp\":1795441326000}"));
    }

    void badInputSendsNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("no title") << QStringList{} << QByteArray() << u"--title"_s;
        QTest::newRow("empty title") << QStringList{u"--title"_s, u" "_s} << QByteArray() << u"no title"_s;
        QTest::newRow("severity 7") << QStringList{u"--title"_s, u"x"_s, u"--severity"_s, u"7"_s} << QByteArray()
                                    << u"--severity takes"_s;
        QTest::newRow("bad timestamp") << QStringList{u"--title"_s, u"x"_s, u"--timestamp"_s, u"yesterday"_s}
                                       << QByteArray() << u"--timestamp takes"_s;
        QTest::newRow("future") << QStringList{u"--title"_s, u"x"_s, u"--timestamp"_s, u"2099-01-01T00:00:00Z"_s}
                                << QByteArray() << u"ahead of now"_s;
        QTest::newRow("old") << QStringList{u"--title"_s, u"x"_s, u"--timestamp"_s, u"1000"_s} << QByteArray()
                             << u"ago"_s;
        QTest::newRow("negative duration")
            << QStringList{u"--title"_s, u"x"_s, u"--duration"_s, u"-5"_s} << QByteArray() << u"--duration takes"_s;
        QTest::newRow("unknown template")
            << QStringList{u"--template"_s, u"nope"_s} << QByteArray() << u"Deploy started"_s;
        QTest::newRow("file syntax") << QStringList{} << QByteArray("[\n{\"title\": \"a\"},\n{\"title\" \"b\"}\n]")
                                     << u"line 3"_s;
        QTest::newRow("file severity") << QStringList{}
                                       << QByteArray("[{\"title\":\"a\"},{\"title\":\"b\",\"severity\":3}]")
                                       << u"[1] has severity 3"_s;
        QTest::newRow("file and title") << QStringList{u"--title"_s, u"x"_s} << QByteArray("{\"title\":\"a\"}")
                                        << u"cannot be combined"_s;
        QTest::newRow("missing file") << QStringList{u"--file"_s, u"/nonexistent/events.json"_s} << QByteArray()
                                      << u"cannot read"_s;
        QTest::newRow("bad agent") << QStringList{u"--title"_s, u"x"_s, u"--agent"_s, u"http://"_s} << QByteArray()
                                   << u"iwb event send:"_s;
        QTest::newRow("bad timeout") << QStringList{u"--title"_s, u"x"_s, u"--timeout"_s, u"0"_s} << QByteArray()
                                     << u"--timeout"_s;
    }

    void badInputSendsNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        QVERIFY(startAgent());
        QStringList args{u"event"_s, u"send"_s};
        if (!file.isEmpty()) {
            QFile events(m_home->filePath(u"bad.json"_s));
            QVERIFY(events.open(QIODevice::WriteOnly));
            events.write(file);
            args << u"--file"_s << events.fileName();
        }
        args << arguments;
        if (!arguments.contains(u"--agent"_s))
            args << u"--agent"_s << agentArg();
        args << u"--queue"_s;
        const ProcessResult result = iwb(args);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        // One line, as every refusal: the file's name and what is wrong with it together.
        QVERIFY2(result.err.count(u'\n') == 1 && result.err.startsWith(u"iwb event send: "_s), qPrintable(result.err));
        if (!file.isEmpty() && arguments.isEmpty())
            QVERIFY2(result.err.contains(u"bad.json"_s), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        QTest::qWait(200);
        QCOMPARE(m_captured->size(), 0);
        QCOMPARE(Outbox(outboxDir()).count(), 0);
    }

    void queuedEventsWaitUntilFlushed()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        const QString agent = u"http://127.0.0.1:%1"_s.arg(port);

        // Not reachable and not asked to queue: exit 1, nothing kept.
        ProcessResult result = iwb({u"event"_s, u"send"_s, u"--title"_s, u"lost?"_s, u"--agent"_s, agent});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"--queue"_s), qPrintable(result.err));
        QCOMPARE(Outbox(outboxDir()).count(), 0);

        const qint64 firedBefore = QDateTime::currentMSecsSinceEpoch();
        for (const QString &title : {u"first"_s, u"second"_s}) {
            result = iwb({u"event"_s, u"send"_s, u"--title"_s, title, u"--agent"_s, agent, u"--queue"_s});
            QCOMPARE(result.exitCode, 0);
            QVERIFY2(result.err.contains(u"queued"_s), qPrintable(result.err));
        }
        const qint64 firedAfter = QDateTime::currentMSecsSinceEpoch();

        result = iwb({u"outbox"_s, u"list"_s, u"--json"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonArray listed = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0)[u"title"_s].toString(), u"first"_s);
        QCOMPARE(listed.at(0)[u"attempts"_s].toInt(), 1);
        QVERIFY(listed.at(0)[u"lastError"_s].toString().contains(u"reachable"_s));
        result = iwb({u"outbox"_s, u"list"_s});
        QVERIFY(result.out.contains(u"2 waiting"_s));

        // Still down: flush fails and keeps both.
        result = iwb({u"outbox"_s, u"flush"_s, u"--timeout"_s, u"2000"_s});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(Outbox(outboxDir()).count(), 2);

        // The agent comes back where the events were fired.
        QTest::qWait(50);
        QVERIFY(startAgent(port));
        result = iwb({u"outbox"_s, u"flush"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(u"2 delivered, 0 refused, 0 still waiting"_s));
        QTRY_COMPARE(m_captured->size(), 2);
        QCOMPARE(batch(0).items.first().title(), u"first"_s);
        QCOMPARE(batch(1).items.first().title(), u"second"_s);
        // They keep the time they were fired at, not the time they were delivered.
        for (int i = 0; i < 2; ++i) {
            const qint64 timestamp = batch(i).items.first().fields()[u"timestamp"_s].toInteger();
            QVERIFY(timestamp >= firedBefore && timestamp <= firedAfter);
        }
        QCOMPARE(Outbox(outboxDir()).count(), 0);
        result = iwb({u"outbox"_s, u"flush"_s});
        QCOMPARE(result.exitCode, 0);
        QTest::qWait(100);
        QCOMPARE(m_captured->size(), 2);

        // The history tells the story, newest first.
        result = iwb({u"event"_s, u"history"_s, u"--json"_s, u"--limit"_s, u"0"_s});
        const QJsonArray history = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QStringList outcomes;
        for (const auto &entry : history)
            outcomes.append(entry[u"outcome"_s].toString());
        QCOMPARE(outcomes, (QStringList{u"delivered"_s, u"delivered"_s, u"queued"_s, u"queued"_s, u"failed"_s}));
        result = iwb({u"event"_s, u"history"_s, u"--search"_s, u"second delivered"_s});
        QCOMPARE(result.out.count(u'\n'), 1);
        QVERIFY(result.out.contains(u"second"_s));
    }

    void clearDiscardsAndRemembers()
    {
        const QString agent = u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                iwb({u"event"_s, u"send"_s, u"--title"_s, u"t%1"_s.arg(i), u"--agent"_s, agent, u"--queue"_s}).exitCode,
                0);
        ProcessResult result = iwb({u"outbox"_s, u"clear"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"discarded 3 requests"_s));
        QCOMPARE(Outbox(outboxDir()).count(), 0);
        result = iwb({u"event"_s, u"history"_s, u"--search"_s, u"discarded"_s});
        QCOMPARE(result.out.count(u'\n'), 3);
        result = iwb({u"outbox"_s, u"list"_s});
        QVERIFY(result.out.contains(u"empty"_s));
    }

    void templatesAreListedAndUsed()
    {
        QVERIFY(startAgent());
        ProcessResult result = iwb({u"event"_s, u"templates"_s, u"--json"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonArray templates = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QVERIFY(templates.size() >= 4);
        QCOMPARE(templates.at(0)[u"builtIn"_s].toBool(), true);

        result = iwb({u"event"_s, u"send"_s, u"--template"_s, u"health check failed"_s, u"--text"_s, u"by ${user}"_s,
                      u"--agent"_s, agentArg()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QTRY_COMPARE(m_captured->size(), 1);
        const QJsonObject fields = batch(0).items.first().fields();
        QCOMPARE(fields[u"severity"_s].toInt(), 10);
        QVERIFY(fields[u"title"_s].toString().startsWith(u"Health check failed on "_s));
        QVERIFY(!fields[u"title"_s].toString().contains(u"${"_s));
        QCOMPARE(fields[u"text"_s].toString(), u"by oncall"_s);
    }

    void helpNamesTheOptions()
    {
        const ProcessResult result = iwb({u"event"_s, u"send"_s, u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        for (const QString &option : {u"--title"_s, u"--severity"_s, u"--timestamp"_s, u"--duration"_s, u"--file"_s,
                                      u"--dry-run"_s, u"--queue"_s, u"--agent"_s})
            QVERIFY2(result.out.contains(option), qPrintable(option));
        QCOMPARE(iwb({u"outbox"_s, u"flsh"_s}).exitCode, 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_environment;
    std::unique_ptr<LocalAgent> m_agent;
    std::unique_ptr<QSignalSpy> m_captured;
};

QTEST_GUILESS_MAIN(TestIwbEvent)
#include "tst_iwbevent.moc"
