#include "tests/localagent/agentexamples.h"
#include "tests/support/testsupport.h"
#include "tests/traces/holdingrelay.h"
#include "tests/traces/jsonquotes.h"

#include "core/localagent/localagent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {
constexpr int Patience = 30000; // ms, for QTRY_: generous, never a measurement

// An iwb run that the test talks to while it runs: standard input open, output collected as it
// comes, signals sent by the test.
struct RunningIwb
{
    QProcess process;
    QString out;
    QString err;

    RunningIwb(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        process.setProcessEnvironment(environment);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                         [this] { out += QString::fromUtf8(process.readAllStandardOutput()); });
        QObject::connect(&process, &QProcess::readyReadStandardError, &process,
                         [this] { err += QString::fromUtf8(process.readAllStandardError()); });
        process.start(TestSupport::iwbBinary(), arguments);
    }
    ~RunningIwb()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
    bool running() const { return process.state() != QProcess::NotRunning; }
    void interrupt()
    {
        // Never pid 0, which is the whole process group.
        if (running() && process.processId() > 0)
            ::kill(pid_t(process.processId()), SIGINT);
    }
};

// The spans of the captured batches.
qsizetype capturedSpans(const QSignalSpy &captured)
{
    qsizetype spans = 0;
    for (const QList<QVariant> &arguments : captured)
        spans += arguments.first().value<Workbench::CaptureBatch>().items.size();
    return spans;
}

qsizetype rangesCount(const QJsonArray &ranges)
{
    qsizetype count = 0;
    for (const auto &range : ranges)
        count += qsizetype(range.toArray().at(1).toInteger() - range.toArray().at(0).toInteger() + 1);
    return count;
}
} // namespace

class TestIwbTrace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write test file");
        return file.fileName();
    }

    TestSupport::ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        if (input.isNull())
            return TestSupport::run(TestSupport::iwbBinary(), arguments,
                                    TestSupport::isolatedEnvironment(m_dir.path()));
        QProcess process;
        process.setProcessEnvironment(TestSupport::isolatedEnvironment(m_dir.path()));
        process.start(TestSupport::iwbBinary(), arguments);
        process.write(input);
        process.closeWriteChannel();
        // The local agent answers from its own thread; this one only waits.
        process.waitForFinished(60000);
        return TestSupport::ProcessResult{process.exitCode(), process.exitStatus() == QProcess::CrashExit, false,
                                          QString::fromUtf8(process.readAllStandardOutput()),
                                          QString::fromUtf8(process.readAllStandardError())};
    }

    QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The spanIds the agent captured, each as often as it arrived.
    static QStringList capturedIds(const QSignalSpy &captured)
    {
        QStringList ids;
        for (const QList<QVariant> &arguments : captured) {
            for (const Workbench::CapturedItem &item : arguments.first().value<Workbench::CaptureBatch>().items)
                ids.append(item.spanId());
        }
        return ids;
    }

private Q_SLOTS:
    void validateTheOfficialExample()
    {
        const QString path = write(u"example.json"_s, AgentExamples::traceBody);
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.count(u'\n'), 2);
        QVERIFY(
            result.out.startsWith(u"warning  data-not-string  span 8165b19a37094800 ([0]): data.http.status_code"_s));
        QVERIFY(result.err.contains(u"2 spans, 0 errors, 2 warnings"_s));

        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report[u"errors"_s].toInt(), 0);
        QCOMPARE(report[u"warnings"_s].toInt(), 2);
        const QJsonObject finding = report[u"findings"_s].toArray()[1].toObject();
        QCOMPARE(finding[u"severity"_s].toString(), u"warning"_s);
        QCOMPARE(finding[u"rule"_s].toString(), u"data-not-string"_s);
        QCOMPARE(finding[u"spanId"_s].toString(), u"7ddf6b31b320cc00"_s);
        QVERIFY(!finding[u"message"_s].toString().isEmpty());
    }

    void errorsExitWithOne()
    {
        const QString path
            = write(u"bad.json"_s, J("[{'spanId':'1','traceId':'1','timestamp':1,'duration':-1,'name':'x'},7]"));
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains(u"error  not-a-span  Element [1] is a number"_s));
        QVERIFY(result.out.contains(u"error  negative-duration"_s));
        QVERIFY(result.err.contains(u"has 3 errors"_s));
        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8())[u"errors"_s].toInt(), 3);
    }

    void countsAreSaidInTheirPluralForm()
    {
        // One span with one error: the counts read as English does, not "1 errors".
        const QString path = write(
            u"one.json"_s, J("[{'spanId':'1','traceId':'1','timestamp':1767225600000,'duration':-1,'name':'x'}]"));
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u": 1 span, 1 error, "_s), qPrintable(result.err));
        QVERIFY2(result.err.contains(path + u" has 1 error\n"_s), qPrintable(result.err));
        QVERIFY2(!result.err.contains(u"(s)"_s), qPrintable(result.err));
    }

    void parseErrorsNameTheirPosition()
    {
        const QString path = write(u"broken.json"_s, "[\n  {\"spanId\": \"ab\",\n   \"name\" 5}\n]");
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"line 3, column 11: expected ':'"_s), qPrintable(result.err));
        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject finding = QJsonDocument::fromJson(json.out.toUtf8())[u"findings"_s][0].toObject();
        QCOMPARE(finding[u"rule"_s].toString(), u"parse-error"_s);
        QCOMPARE(finding[u"line"_s].toInt(), 3);

        const auto missing = iwb({u"trace"_s, u"validate"_s, m_dir.filePath(u"none.json"_s)});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(u"cannot read"_s));
        QCOMPARE(iwb({u"trace"_s, u"validate"_s}).exitCode, 2);
    }

    void formatWritesPrettyOrCompact()
    {
        const QString path = write(u"example.json"_s, AgentExamples::traceBody);
        const auto pretty = iwb({u"trace"_s, u"format"_s, path});
        QCOMPARE(pretty.exitCode, 0);
        QVERIFY(pretty.out.startsWith(u"[\n    {\n        \"spanId\": \"8165b19a37094800\",\n"_s));
        QCOMPARE(QJsonDocument::fromJson(pretty.out.toUtf8()), QJsonDocument::fromJson(AgentExamples::traceBody));

        const QString output = m_dir.filePath(u"compact.json"_s);
        const auto compact = iwb({u"trace"_s, u"format"_s, u"--compact"_s, path, u"-o"_s, output});
        QCOMPARE(compact.exitCode, 0);
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QCOMPARE(written.count('\n'), 1);
        QVERIFY(written.contains(J("'http.status_code':200,")));
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(AgentExamples::traceBody));

        const QString broken = write(u"broken.json"_s, "[{]");
        const auto failed = iwb({u"trace"_s, u"format"_s, broken, u"-o"_s, output});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY(failed.err.contains(u"line 1, column 3"_s));
        file.seek(0);
        QCOMPARE(file.readAll(), written); // left as it was
    }

    void generateIsReproducibleAndValid()
    {
        const QString a = m_dir.filePath(u"a.json"_s);
        const QString b = m_dir.filePath(u"b.json"_s);
        const QString c = m_dir.filePath(u"c.json"_s);
        const QStringList common{u"trace"_s,        u"generate"_s, u"--spans"_s,    u"2500"_s, u"--depth"_s,  u"5"_s,
                                 u"--fanout"_s,     u"4"_s,        u"--services"_s, u"7"_s,    u"--traces"_s, u"3"_s,
                                 u"--error-rate"_s, u"0.1"_s};
        QCOMPARE(iwb(common + QStringList{u"--seed"_s, u"9"_s, u"-o"_s, a}).exitCode, 0);
        QCOMPARE(iwb(common + QStringList{u"--seed"_s, u"9"_s, u"-o"_s, b}).exitCode, 0);
        QCOMPARE(iwb(common + QStringList{u"--seed"_s, u"10"_s, u"-o"_s, c}).exitCode, 0);
        QCOMPARE(read(a), read(b));
        QVERIFY(read(a) != read(c));
        const QJsonArray spans = QJsonDocument::fromJson(read(a)).array();
        QCOMPARE(spans.size(), 2500);
        const auto validate = iwb({u"trace"_s, u"validate"_s, u"--json"_s, u"--no-request-limits"_s, a});
        QCOMPARE(validate.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(validate.out.toUtf8())[u"warnings"_s].toInt(), 0);

        const auto bad = iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"many"_s, u"-o"_s, a});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(u"--spans"_s));
        QCOMPARE(iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"10"_s}).exitCode, 2); // no -o
    }

    void sendDeliversEverySpanOnce()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        const QString path = m_dir.filePath(u"send.json"_s);
        QCOMPARE(
            iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"4321"_s, u"--traces"_s, u"4"_s, u"-o"_s, path}).exitCode,
            0);
        const auto result = iwb({u"trace"_s, u"send"_s, path, u"--agent"_s, agent.url().toString(), u"--json"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(summary[u"complete"_s].toBool(), true);
        QCOMPARE(summary[u"acknowledged"_s].toInt(), 4321);
        QCOMPARE(summary[u"requests"_s].toInt(), 5);
        QTRY_COMPARE(captured.size(), 5);
        const QStringList ids = capturedIds(captured);
        QCOMPARE(ids.size(), 4321);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 4321);

        // A file that is no JSON sends nothing.
        const QString broken = write(u"broken-send.json"_s, "[{\"spanId\":");
        const auto failed = iwb({u"trace"_s, u"send"_s, broken, u"--agent"_s, agent.url().toString()});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY(failed.err.contains(u"nothing was sent"_s));
        QTest::qWait(100);
        QCOMPARE(captured.size(), 5);
    }

    void streamSendsSpansAsTheyAreRead()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        // JSON lines on standard input: 1200 spans, one line holding an array of two, one line
        // that is no span.
        QByteArray lines;
        for (int i = 1; i <= 1198; ++i)
            lines += J("{'spanId':'%1','traceId':'%1','timestamp':1700000000000,'duration':1,'name':'s'}\n")
                         .replace("%1", QByteArray::number(0x1000 + i, 16).rightJustified(16, '0'));
        lines += J("[{'spanId':'00000000000000a1','traceId':'00000000000000a1','timestamp':1700000000000,"
                   "'duration':1,'name':'a'},{'spanId':'00000000000000a2','traceId':'00000000000000a2',"
                   "'timestamp':1700000000000,'duration':1,'name':'b'}]\n");
        lines += "not a span\n\n";
        const auto result = iwb(
            {u"trace"_s, u"send"_s, u"--stream"_s, u"-"_s, u"--agent"_s, agent.url().toString(), u"--json"_s}, lines);
        QCOMPARE(result.exitCode, 1); // the line that is no span
        QVERIFY(result.err.contains(u"line 1200 is no span"_s));
        const QJsonObject summary = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(summary[u"read"_s].toInt(), 1200);
        QCOMPARE(summary[u"acknowledged"_s].toInt(), 1200);
        QCOMPARE(summary[u"refused"_s].toInt(), 1);
        QTRY_VERIFY(capturedIds(captured).size() == 1200);
        for (const QList<QVariant> &arguments : captured)
            QVERIFY(arguments.first().value<Workbench::CaptureBatch>().items.size() <= 500);
    }

    // Ctrl+C while requests are under way: their answers are awaited and counted, so the summary
    // says exactly what the agent took, and what was not sent can be sent again.
    void cancelCountsWhatTheAgentTook()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        HoldingRelay relay(agent.url());
        const QString path = m_dir.filePath(u"cancel.json"_s);
        QCOMPARE(
            iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"20000"_s, u"--traces"_s, u"4"_s, u"-o"_s, path}).exitCode,
            0);
        RunningIwb run({u"trace"_s, u"send"_s, path, u"--agent"_s, relay.url().toString(), u"--json"_s},
                       TestSupport::isolatedEnvironment(m_dir.path()));
        // Some go through; then the agent takes four more whose answers the relay holds.
        QTRY_VERIFY_WITH_TIMEOUT(captured.size() >= 3, Patience);
        relay.hold();
        QTRY_COMPARE_WITH_TIMEOUT(relay.answersHeld(), 4, Patience);
        run.interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(run.err.contains(u"Ctrl+C again"_s) || !run.running(), Patience);
        relay.release();
        QTRY_VERIFY_WITH_TIMEOUT(!run.running(), Patience);
        QCOMPARE(run.process.exitCode(), 1);
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY2(summary[u"cancelled"_s].toBool(), qPrintable(run.out + run.err));
        QTRY_COMPARE(qsizetype(summary[u"acknowledged"_s].toInteger()), capturedSpans(captured));
        QCOMPARE(summary[u"unknown"_s].toInteger(), 0);
        QCOMPARE(summary[u"acknowledged"_s].toInteger() + summary[u"notSent"_s].toInteger(), 20000);
        // What was taken, and what was not, as ranges of the file's spans.
        const QJsonArray acknowledged = summary[u"acknowledgedRanges"_s].toArray();
        QCOMPARE(acknowledged.size(), 1);
        QCOMPARE(acknowledged.at(0).toArray().at(0).toInteger(), 0);
        QCOMPARE(rangesCount(acknowledged), summary[u"acknowledged"_s].toInteger());
        QCOMPARE(rangesCount(summary[u"notSentRanges"_s].toArray()), summary[u"notSent"_s].toInteger());
        QVERIFY2(summary[u"message"_s].toString().contains(u"not sent"_s), qPrintable(run.out));
        QTest::qWait(200);
        QCOMPARE(qsizetype(summary[u"acknowledged"_s].toInteger()), capturedSpans(captured));
    }

    // A second Ctrl+C stops at once: what was under way is unknown, neither taken nor not.
    void secondCancelStopsAtOnce()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        HoldingRelay relay(agent.url());
        const QString path = m_dir.filePath(u"abort.json"_s);
        QCOMPARE(iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"10000"_s, u"-o"_s, path}).exitCode, 0);
        relay.hold();
        RunningIwb run({u"trace"_s, u"send"_s, path, u"--agent"_s, relay.url().toString(), u"--json"_s},
                       TestSupport::isolatedEnvironment(m_dir.path()));
        QTRY_COMPARE_WITH_TIMEOUT(relay.answersHeld(), 4, Patience);
        run.interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(run.err.contains(u"Ctrl+C again"_s) || !run.running(), Patience);
        run.interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(!run.running(), Patience);
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY2(summary[u"cancelled"_s].toBool(), qPrintable(run.out + run.err));
        QCOMPARE(summary[u"acknowledged"_s].toInteger(), 0);
        QCOMPARE(qsizetype(summary[u"unknown"_s].toInteger()), capturedSpans(captured));
        QCOMPARE(summary[u"unknown"_s].toInteger(), 4000);
        QCOMPARE(summary[u"notSent"_s].toInteger(), 6000);
        QCOMPARE(rangesCount(summary[u"unknownRanges"_s].toArray()), 4000);
    }

    // The same for a stream: Ctrl+C reads and sends nothing more, the request under way is
    // answered and counted.
    void streamCancelCountsWhatTheAgentTook()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        HoldingRelay relay(agent.url());
        RunningIwb run(
            {u"trace"_s, u"send"_s, u"--stream"_s, u"-"_s, u"--agent"_s, relay.url().toString(), u"--json"_s},
            TestSupport::isolatedEnvironment(m_dir.path()));
        QByteArray lines;
        for (int i = 1; i <= 3000; ++i)
            lines += J("{'spanId':'%1','traceId':'%1','timestamp':1700000000000,'duration':1,'name':'s'}\n")
                         .replace("%1", QByteArray::number(0x1000 + i, 16).rightJustified(16, '0'));
        run.process.write(lines); // and standard input stays open
        QTRY_VERIFY_WITH_TIMEOUT(captured.size() >= 1, Patience);
        relay.hold();
        QTRY_COMPARE_WITH_TIMEOUT(relay.answersHeld(), 1, Patience);
        const qsizetype taken = capturedSpans(captured);
        run.interrupt();
        QTRY_VERIFY_WITH_TIMEOUT(run.err.contains(u"Ctrl+C again"_s) || !run.running(), Patience);
        relay.release();
        QTRY_VERIFY_WITH_TIMEOUT(!run.running(), Patience);
        QCOMPARE(run.process.exitCode(), 1);
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY2(summary[u"cancelled"_s].toBool(), qPrintable(run.out + run.err));
        QTest::qWait(200);
        // Nothing was sent after Ctrl+C, and what the agent took is what the summary says.
        QCOMPARE(capturedSpans(captured), taken);
        QCOMPARE(qsizetype(summary[u"acknowledged"_s].toInteger()), taken);
        QCOMPARE(summary[u"unknown"_s].toInteger(), 0);
        QCOMPARE(summary[u"acknowledged"_s].toInteger() + summary[u"notSent"_s].toInteger(),
                 summary[u"read"_s].toInteger());
        const QJsonArray acknowledged = summary[u"acknowledgedRanges"_s].toArray();
        QCOMPARE(acknowledged.size(), 1);
        QCOMPARE(rangesCount(acknowledged), taken);
    }

    // Standard input is read only as a stream, and the message says so.
    void sendFromStandardInputNeedsStream()
    {
        const auto result = iwb({u"trace"_s, u"send"_s, u"-"_s, u"--agent"_s, u"http://127.0.0.1:1"_s}, "[]");
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith(u"iwb trace send: "_s), qPrintable(result.err));
        QVERIFY2(result.err.contains(u"--stream -"_s), qPrintable(result.err));
        QCOMPARE(result.err.count(u'\n'), 1);
    }

    // A stream that cannot be opened is an error naming the file and why, not a count.
    void streamOfAMissingFileIsAnError()
    {
        const QString missing = m_dir.filePath(u"nosuch.json"_s);
        const auto result = iwb({u"trace"_s, u"send"_s, u"--stream"_s, missing, u"--agent"_s,
                                 u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort())});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QCOMPARE(result.err, u"iwb trace send: cannot read "_s + missing + u": No such file or directory\n"_s);
    }

    void aCorpusOfMalformedFilesNeverCrashes()
    {
        QByteArrayList corpus{"",
                              "[",
                              "{",
                              "[{}",
                              "[1,2,3]",
                              "nul",
                              "{\"name\":\"\\ud800\"}",
                              "\xff\xfe[]",
                              QByteArray(100000, '['),
                              "[" + QByteArray(2000, '{'),
                              "[{\"spanId\":\"" + QByteArray(1 << 20, 'a') + "\"}]"};
        const QByteArray example = AgentExamples::traceBody;
        for (qsizetype cut = 1; cut < example.size(); cut += 37)
            corpus.append(example.left(cut));
        for (qsizetype i = 0; i < corpus.size(); ++i) {
            const QString path = write(u"corpus-%1.json"_s.arg(i), corpus[i]);
            const auto result = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
            QVERIFY2(!result.crashed && !result.timedOut, qPrintable(path));
            QVERIFY2(result.exitCode == 0 || result.exitCode == 1, qPrintable(path));
            QVERIFY2(QJsonDocument::fromJson(result.out.toUtf8()).isObject(), qPrintable(path + result.out));
        }
    }
};

QTEST_GUILESS_MAIN(TestIwbTrace)
#include "tst_iwbtrace.moc"
