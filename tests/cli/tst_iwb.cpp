// The iwb executable as people and scripts use it: real process, real settings file, real
// sockets on 127.0.0.1.

#include "core/settings/settings.h"

#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::ProcessResult;

class TestIwb : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, TestSupport::isolatedEnvironment(m_home->path()));
    }
    QString settingsFile() const { return m_home->path() + u"/config/instana-workbench/workbench.ini"_s; }

    static QJsonObject parseObject(const QString &text)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << "not JSON:" << text << error.errorString();
        return document.object();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void versionAndHelp()
    {
        const ProcessResult version = iwb({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(u"iwb 0."_s));
        QVERIFY(version.err.isEmpty());

        const ProcessResult json = iwb({u"--version"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(parseObject(json.out).value(u"qtRuntime"_s).toString(), QString::fromLatin1(qVersion()));

        const ProcessResult help = iwb({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"status"_s));
        QVERIFY(help.out.contains(u"config"_s));

        for (const QString &command : {u"status"_s, u"config"_s, u"config set"_s}) {
            const ProcessResult commandHelp = iwb(command.split(u' ') + QStringList{u"--help"_s});
            QCOMPARE(commandHelp.exitCode, 0);
            QVERIFY2(commandHelp.out.startsWith(u"Usage: iwb "_s + command), qPrintable(commandHelp.out));
        }
    }

    void usageErrorsExitTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown command") << QStringList{u"deploy"_s};
        QTest::newRow("unknown option") << QStringList{u"status"_s, u"--frob"_s};
        QTest::newRow("bad agent") << QStringList{u"status"_s, u"--agent"_s, u"ftp://x"_s};
        QTest::newRow("bad timeout") << QStringList{u"status"_s, u"--timeout"_s, u"soon"_s};
        QTest::newRow("unknown key") << QStringList{u"config"_s, u"get"_s, u"agent.colour"_s};
        QTest::newRow("bad value") << QStringList{u"config"_s, u"set"_s, u"agent.url"_s, u"http://a:1/x"_s};
        QTest::newRow("missing value") << QStringList{u"config"_s, u"set"_s, u"agent.url"_s};
    }

    void usageErrorsExitTwoWithOneLine()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.crashed);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb"_s), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(settingsFile())); // nothing was written
    }

    // One wording and one rule for each kind of bad command line, in every command.
    void usageErrorsHaveOneWording_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        const QString huge = u"99999999999999999999"_s;
        QTest::newRow("unknown program option")
            << QStringList{u"--foo"_s} << u"iwb: unknown option --foo; run 'iwb --help' to see the options"_s;
        QTest::newRow("option typo") << QStringList{u"status"_s, u"--agnet"_s, u"x"_s}
                                     << u"iwb status: unknown option --agnet; did you mean --agent?"_s;
        QTest::newRow("port twice") << QStringList{u"agent"_s, u"serve"_s, u"--port"_s, u"1"_s, u"--port"_s, u"2"_s}
                                    << u"iwb agent serve: --port given twice"_s;
        QTest::newRow("title twice") << QStringList{u"event"_s,   u"send"_s, u"--title"_s,  u"a"_s,
                                                    u"--title"_s, u"b"_s,    u"--dry-run"_s}
                                     << u"iwb event send: --title given twice"_s;
        QTest::newRow("output twice") << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s,  u"1"_s,
                                                     u"-o"_s,    u"a.json"_s,   u"--output"_s, u"b.json"_s}
                                      << u"iwb trace generate: --output given twice"_s;
        QTest::newRow("port out of range") << QStringList{u"agent"_s, u"serve"_s, u"--port"_s, huge}
                                           << u"iwb agent serve: --port: %1 is out of range (0–65535)"_s.arg(huge);
        QTest::newRow("port not a number")
            << QStringList{u"agent"_s, u"serve"_s, u"--port"_s, u"http"_s}
            << u"iwb agent serve: --port takes a whole number from 0 to 65535, not \"http\""_s;
        QTest::newRow("timeout out of range") << QStringList{u"status"_s, u"--timeout"_s, huge}
                                              << u"iwb status: --timeout: %1 is out of range (1–600000 ms)"_s.arg(huge);
        QTest::newRow("timeout not a number")
            << QStringList{u"status"_s, u"--timeout"_s, u"soon"_s}
            << u"iwb status: --timeout takes a whole number of milliseconds from 1 to 600000, not \"soon\""_s;
        QTest::newRow("event timeout out of range")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--timeout"_s, huge, u"--dry-run"_s}
            << u"iwb event send: --timeout: %1 is out of range (1–600000 ms)"_s.arg(huge);
        QTest::newRow("limit out of range")
            << QStringList{u"event"_s, u"history"_s, u"--limit"_s, huge}
            << u"iwb event history: --limit: %1 is out of range (0–2147483647)"_s.arg(huge);
        QTest::newRow("spans out of range")
            << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s, huge, u"-o"_s, u"x.json"_s}
            << u"iwb trace generate: --spans: %1 is out of range (1–50000000)"_s.arg(huge);
        QTest::newRow("seed out of range")
            << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s, u"1"_s, u"--seed"_s, huge, u"-o"_s, u"x.json"_s}
            << u"iwb trace generate: --seed: %1 is out of range (0–18446744073709551615)"_s.arg(huge);
        QTest::newRow("duration out of range")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--duration"_s, huge + u"s"_s, u"--dry-run"_s}
            << u"iwb event send: --duration: %1s is out of range (at most 9223372036854775807 ms)"_s.arg(huge);
        QTest::newRow("timestamp out of range")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--timestamp"_s, huge, u"--dry-run"_s}
            << u"iwb event send: --timestamp: %1 is out of range (-9223372036854775808–9223372036854775807 ms)"_s.arg(
                   huge);
        QTest::newRow("empty title") << QStringList{u"event"_s, u"send"_s, u"--title"_s, QString(), u"--dry-run"_s}
                                     << u"iwb event send: the event has no title; Instana lists events by title; "
                                        "nothing was sent"_s;
    }

    void usageErrorsHaveOneWording()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, error + u'\n');
    }

    void statusOfAReachableAgent()
    {
        QTcpServer agent;
        QVERIFY(agent.listen(QHostAddress::LocalHost, 0));
        const QString url = u"http://127.0.0.1:%1"_s.arg(agent.serverPort());

        // The kernel completes iwb's connection from the listen backlog, so the server needs
        // no event loop while this test blocks on the process.
        const ProcessResult r = iwb({u"status"_s, u"--agent"_s, url, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = parseObject(r.out);
        QCOMPARE(json[u"agent"_s][u"url"_s].toString(), url);
        QCOMPARE(json[u"agent"_s][u"source"_s].toString(), u"option"_s);
        QCOMPARE(json[u"agent"_s][u"reachable"_s].toBool(), true);
        QVERIFY(json[u"agent"_s][u"latencyMs"_s].toInteger(-1) >= 0);
        QCOMPARE(json[u"settingsFile"_s].toString(), settingsFile());
    }

    void statusOfAnUnreachableAgent()
    {
        const quint16 port = TestSupport::closedLoopbackPort();
        const ProcessResult r = iwb({u"status"_s, u"--agent"_s, u"127.0.0.1:%1"_s.arg(port)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(u"reachable: no"_s));
        QCOMPARE(r.err, u"iwb status: the agent at 127.0.0.1:%1 is not reachable\n"_s.arg(port));
    }

    void configIsSharedWithTheSettingsClass()
    {
        QTcpServer agent;
        QVERIFY(agent.listen(QHostAddress::LocalHost, 0));
        const QString url = u"http://127.0.0.1:%1"_s.arg(agent.serverPort());

        ProcessResult r = iwb({u"config"_s, u"get"_s, u"agent.url"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"http://127.0.0.1:42699\n"_s);

        r = iwb({u"config"_s, u"set"_s, u"agent.url"_s, u"127.0.0.1:%1"_s.arg(agent.serverPort())});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QCOMPARE(Workbench::Settings(settingsFile()).agentUrl().toString(), url);

        r = iwb({u"config"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), Workbench::Settings::preferences().size());
        QCOMPARE(rows.at(0)[u"key"_s].toString(), u"agent.url"_s);
        QCOMPARE(rows.at(0)[u"value"_s].toString(), url);
        QCOMPARE(rows.at(0)[u"default"_s].toBool(), false);

        // status uses what config set.
        r = iwb({u"status"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(parseObject(r.out)[u"agent"_s][u"source"_s].toString(), u"settings"_s);
        QCOMPARE(parseObject(r.out)[u"agent"_s][u"url"_s].toString(), url);

        // What the window writes, iwb reads.
        {
            Workbench::Settings window(settingsFile());
            window.setAgentUrl(QUrl(u"http://192.0.2.10:42699"_s));
            QVERIFY(window.sync().isEmpty());
        }
        r = iwb({u"config"_s, u"get"_s, u"agent.url"_s});
        QCOMPARE(r.out, u"http://192.0.2.10:42699\n"_s);

        // The local agent's autostart, a yes-or-no preference.
        r = iwb({u"config"_s, u"get"_s, u"agent.local.autostart"_s});
        QCOMPARE(r.out, u"true\n"_s);
        QCOMPARE(iwb({u"config"_s, u"set"_s, u"agent.local.autostart"_s, u"off"_s}).exitCode, 0);
        QVERIFY(!Workbench::Settings(settingsFile()).localAgentAutostart());
        r = iwb({u"config"_s, u"set"_s, u"agent.local.autostart"_s, u"maybe"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"not true or false"_s));

        r = iwb({u"config"_s, u"unset"_s, u"agent.url"_s});
        QCOMPARE(r.exitCode, 0);
        r = iwb({u"config"_s, u"list"_s});
        QVERIFY(r.out.contains(u"agent.url = http://127.0.0.1:42699  (default)"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestIwb)
#include "tst_iwb.moc"
