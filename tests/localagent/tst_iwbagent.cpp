// `iwb agent serve` as a separate process: the documentation's examples sent to it (curl for
// real, Ruby and PowerShell as the bytes they send) are printed back field for field; limits
// give rejected lines; SIGTERM ends it with a summary.

#include "tests/localagent/agentexamples.h"
#include "tests/support/rawhttp.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;

class TestIwbAgent : public QObject
{
    Q_OBJECT

    // Starts `iwb agent serve ARGS` and waits for its "listening" line; returns the port.
    quint16 startServe(QProcess &process, const QStringList &extra = {})
    {
        process.setProcessEnvironment(TestSupport::isolatedEnvironment(m_home.path()));
        process.start(TestSupport::iwbBinary(), QStringList{u"agent"_s, u"serve"_s, u"--port"_s, u"0"_s} + extra);
        if (!process.waitForStarted())
            return 0;
        static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
        QString err;
        for (int i = 0; i < 100; ++i) {
            process.waitForReadyRead(100);
            err += QString::fromUtf8(process.readAllStandardError());
            const auto match = listening.match(err);
            if (match.hasMatch())
                return quint16(match.captured(1).toUInt());
        }
        qWarning() << "iwb agent serve did not start:" << err;
        return 0;
    }

    static QList<QJsonObject> jsonLines(const QByteArray &out)
    {
        QList<QJsonObject> lines;
        for (const QByteArray &line : out.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError)
                qWarning() << "not a JSON line:" << line;
            lines.append(document.object());
        }
        return lines;
    }

    static void stop(QProcess &process)
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        process.waitForFinished(10000);
    }

    static int curl(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess curl;
        curl.start(u"curl"_s, QStringList{u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s} + arguments);
        curl.write(input);
        curl.closeWriteChannel();
        curl.waitForFinished(30000);
        return curl.readAllStandardOutput().toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(u"curl"_s).isEmpty(),
                 "curl is missing; run packaging/install-deps.sh");
    }

    void docsExamplesArePrintedBackFieldForField()
    {
        QProcess serve;
        const quint16 port = startServe(serve);
        QVERIFY(port);
        const QString base = u"http://localhost:%1"_s.arg(port);

        // The curl examples, run as the documentation writes them.
        QCOMPARE(curl({u"-XPOST"_s, base + u"/com.instana.plugin.generic.event"_s, u"-H"_s,
                       u"Content-Type: application/json"_s, u"-d"_s, QString::fromUtf8(AgentExamples::curlEventBody)}),
                 200);
        QCOMPARE(curl({u"-0"_s, u"-X"_s, u"POST"_s, base + u"/com.instana.plugin.generic.trace"_s, u"-H"_s,
                       u"Content-Type: application/json; charset=utf-8"_s, u"-d"_s, u"@-"_s},
                      AgentExamples::traceBody),
                 200);
        // Ruby and PowerShell, as the bytes they send.
        RawHttpClient ruby;
        QVERIFY(ruby.connectTo(port));
        QCOMPARE(ruby.send(AgentExamples::rubyEventRequest(port)).status, 200);
        RawHttpClient powerShell;
        QVERIFY(powerShell.connectTo(port));
        QVERIFY(powerShell.write(AgentExamples::powerShellEventHead(port)));
        QVERIFY(powerShell.write(AgentExamples::powerShellEventBody));
        QCOMPARE(powerShell.read().status, 200);

        stop(serve);
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        const QByteArray out = serve.readAllStandardOutput();
        const QString err = QString::fromUtf8(serve.readAllStandardError());
        QVERIFY2(err.contains(u"4 requests (4 accepted, 0 rejected), 3 events, 2 spans in 1 trace"_s), qPrintable(err));
        // Every line on stderr is one of iwb's, the summary the last: its plural forms are its own.
        const QStringList errLines = err.trimmed().split(u'\n');
        for (const QString &line : errLines)
            QVERIFY2(line.startsWith(u"iwb agent serve: "_s), qPrintable(line));
        QVERIFY2(errLines.constLast().startsWith(u"iwb agent serve: 4 requests (4 accepted"_s), qPrintable(err));

        const QList<QJsonObject> lines = jsonLines(out);
        QCOMPARE(lines.size(), 5);
        const QJsonArray spans = QJsonDocument::fromJson(AgentExamples::traceBody).array();
        QCOMPARE(lines.at(0)[u"kind"_s].toString(), u"event"_s);
        QCOMPARE(lines.at(0)[u"event"_s].toObject(), QJsonDocument::fromJson(AgentExamples::curlEventBody).object());
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(lines.at(1 + i)[u"kind"_s].toString(), u"span"_s);
            QCOMPARE(lines.at(1 + i)[u"span"_s].toObject(), spans.at(i).toObject());
            QCOMPARE(lines.at(1 + i)[u"traceId"_s].toString(), u"1368e0592a91fe00"_s);
            // The example's number in data is reported, not refused.
            QCOMPARE(lines.at(1 + i)[u"findings"_s][0][u"rule"_s].toString(), u"data-not-string"_s);
        }
        QCOMPARE(lines.at(3)[u"event"_s].toObject(), QJsonDocument::fromJson(AgentExamples::rubyEventBody).object());
        QCOMPARE(lines.at(4)[u"event"_s].toObject(),
                 QJsonDocument::fromJson(AgentExamples::powerShellEventBody).object());
        QVERIFY(lines.at(4)[u"source"_s].toString().startsWith(u"127.0.0.1:"_s));
        QVERIFY(!lines.at(4)[u"receivedAt"_s].toString().isEmpty());
        // Printed as sent: keys in their order, numbers as written.
        QVERIFY(out.contains("\"event\":{\"title\":\"Custom API Events \",\"text\":\"Failure Redeploying Service "
                             "Duration\",\"duration\":5000,\"severity\":-1}"));
    }

    void rejectionsArePrintedAndLogged()
    {
        const QString log = m_home.filePath(u"capture.jsonl"_s);
        QProcess serve;
        const quint16 port = startServe(serve, {u"--log"_s, log});
        QVERIFY(port);
        RawHttpClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.send(postRequest("/com.instana.plugin.generic.event", "{\"title\":\"ok\"}")).status, 200);
        QCOMPARE(client.send(postRequest("/com.instana.plugin.generic.event", "{\"severity\":7}")).status, 400);
        stop(serve);
        QCOMPARE(serve.exitCode(), 0);

        const QByteArray out = serve.readAllStandardOutput();
        const QList<QJsonObject> lines = jsonLines(out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1)[u"kind"_s].toString(), u"rejected"_s);
        QCOMPARE(lines.at(1)[u"status"_s].toInt(), 400);
        QVERIFY(lines.at(1)[u"reason"_s].toString().contains(u"severity"_s));
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), out); // the log holds the same lines
    }

    void lenientAcceptsAndReports()
    {
        QProcess serve;
        const quint16 port = startServe(serve, {u"--lenient"_s});
        QVERIFY(port);
        RawHttpClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.send(postRequest("/com.instana.plugin.generic.event", "{\"severity\":7}")).status, 200);
        stop(serve);
        const QList<QJsonObject> lines = jsonLines(serve.readAllStandardOutput());
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0)[u"kind"_s].toString(), u"lenient"_s);
        QCOMPARE(lines.at(0)[u"rule"_s].toString(), u"bad-severity"_s);
        QCOMPARE(lines.at(1)[u"kind"_s].toString(), u"event"_s);
    }

    void badOptionsAndBusyPorts()
    {
        auto run = [this](const QStringList &arguments) {
            return TestSupport::run(TestSupport::iwbBinary(), QStringList{u"agent"_s, u"serve"_s} + arguments,
                                    TestSupport::isolatedEnvironment(m_home.path()));
        };
        QCOMPARE(run({u"--port"_s, u"http"_s}).exitCode, 2);
        QCOMPARE(run({u"--port"_s, u"70000"_s}).exitCode, 2);
        QCOMPARE(run({u"--bind"_s, u"everywhere"_s}).exitCode, 2);

        QProcess first;
        const quint16 port = startServe(first);
        QVERIFY(port);
        const auto second = run({u"--port"_s, QString::number(port)});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.startsWith(u"iwb agent serve: Cannot listen"_s), qPrintable(second.err));
        QCOMPARE(second.err.count(u'\n'), 1);
        stop(first);
    }

private:
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestIwbAgent)
#include "tst_iwbagent.moc"
