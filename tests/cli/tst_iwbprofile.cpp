// `iwb profile` end to end against a real Secret Service: run inside tests/support/with-keyring.sh
// (a throwaway GNOME Keyring on a private session bus, HOME and XDG dirs of its own). Tokens go
// in through iwb's standard input or its prompt, are read back by this process (a new process
// to iwb) through KeychainSecretStore, and are found nowhere else under HOME and the XDG dirs.

#include "core/localagent/localagent.h"
#include "core/secrets/keychainsecretstore.h"

#include "tests/support/secrets.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using TestSupport::keyringFilesHolding;
using TestSupport::ProcessResult;
using TestSupport::readSecret;
using Workbench::SecretStore;

namespace {

QString freshToken()
{
    return u"tok-"_s + QUuid::createUuid().toString(QUuid::Id128);
}

// A pseudo terminal whose slave end is iwb's standard input.
class Terminal
{
public:
    Terminal()
    {
        m_master = posix_openpt(O_RDWR | O_NOCTTY);
        if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0)
            return;
        m_slaveName = QString::fromLocal8Bit(ptsname(m_master));
        // Held open here too, so that its settings can be read after iwb is gone.
        m_slave = ::open(ptsname(m_master), O_RDWR | O_NOCTTY);
        fcntl(m_master, F_SETFL, fcntl(m_master, F_GETFL) | O_NONBLOCK);
    }
    ~Terminal()
    {
        if (m_slave >= 0)
            ::close(m_slave);
        if (m_master >= 0)
            ::close(m_master);
    }
    Terminal(const Terminal &) = delete;
    Terminal &operator=(const Terminal &) = delete;

    bool isValid() const { return m_slave >= 0; }
    QString slaveName() const { return m_slaveName; }
    void type(const QByteArray &bytes) const
    {
        QVERIFY(::write(m_master, bytes.constData(), bytes.size()) == bytes.size());
    }
    // What the terminal shows: what iwb wrote to it and what it echoed of what was typed.
    QByteArray shown()
    {
        char buffer[4096];
        ssize_t got = 0;
        while ((got = ::read(m_master, buffer, sizeof buffer)) > 0)
            m_shown.append(buffer, got);
        return m_shown;
    }
    bool echoes() const
    {
        termios settings{};
        return tcgetattr(m_slave, &settings) == 0 && (settings.c_lflag & ECHO) != 0;
    }

private:
    int m_master = -1;
    int m_slave = -1;
    QString m_slaveName;
    QByteArray m_shown;
};

} // namespace

class TestIwbProfile : public QObject
{
    Q_OBJECT

    // iwb with the keyring's environment, `input` on its standard input.
    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, m_environment, std::chrono::seconds(30), input);
    }

    QString settingsFile() const
    {
        return qEnvironmentVariable("XDG_CONFIG_HOME") + u"/instana-workbench/workbench.ini"_s;
    }
    QByteArray settingsBytes() const
    {
        QFile file(settingsFile());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void verifyNotShown(const ProcessResult &r, const QString &token)
    {
        QVERIFY2(!r.out.contains(token), qPrintable(r.out));
        QVERIFY2(!r.err.contains(token), qPrintable(r.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "this test runs inside tests/support/with-keyring.sh");
        QVERIFY(!qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME"));
        m_environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"INSTANA_BASE_URL"_s, u"INSTANA_API_TOKEN"_s, u"QT_QPA_PLATFORM"_s})
            m_environment.remove(name);
    }

    void init()
    {
        m_name = u"p"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QFile::remove(settingsFile());
    }

    void addStoresTheTokenInTheKeychainOnly()
    {
        const QString token = freshToken();
        const ProcessResult added
            = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://unit-acme.instana.io"_s, u"--token-stdin"_s},
                  token.toUtf8() + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        verifyNotShown(added, token);
        QVERIFY(added.out.contains(m_name));

        // Read back in a new process: this one.
        const SecretStore::Result secret = readSecret(m_name);
        QVERIFY2(secret.ok(), qPrintable(secret.message));
        QCOMPARE(secret.value, token);

        // The settings file has the profile, and the token is in no file outside the keyring.
        QVERIFY(settingsBytes().contains("baseUrl=https://unit-acme.instana.io"));
        QCOMPARE(keyringFilesHolding(token.toUtf8()), QStringList());

        const ProcessResult list = iwb({u"profile"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        verifyNotShown(list, token);
        const QJsonArray rows = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0)[u"name"_s].toString(), m_name);
        QCOMPARE(rows.at(0)[u"current"_s].toBool(), false);
        const ProcessResult text = iwb({u"profile"_s, u"list"_s});
        QVERIFY(text.out.contains(m_name));
        verifyNotShown(text, token);

        // Replacing needs --replace; without a new token the old one stays.
        const ProcessResult again = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://other.instana.io"_s});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(u"--replace"_s));
        const ProcessResult replaced
            = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://other.instana.io"_s, u"--replace"_s});
        QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.err));
        QVERIFY(settingsBytes().contains("baseUrl=https://other.instana.io"));
        QCOMPARE(readSecret(m_name).value, token);
    }

    // A profile that cannot be saved leaves no token behind in the keychain.
    void addTakesTheTokenBackWhenTheSettingsCannotBeWritten()
    {
        const QString folder = QFileInfo(settingsFile()).absolutePath();
        QVERIFY(QDir(folder).removeRecursively());
        QFile blocker(folder); // a file where the settings' folder would be: nothing can be written
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString token = freshToken();
        const ProcessResult r
            = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s, u"--token-stdin"_s}, token.toUtf8());
        QVERIFY(QFile::remove(folder));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(u"Cannot write the settings file"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"taken out of the keychain again"_s));
        verifyNotShown(r, token);
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
    }

    void setTokenReplacesIt()
    {
        QCOMPARE(iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://unit-acme.instana.io"_s}).exitCode, 0);
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
        const QString token = freshToken();
        // A terminal's line ending, "\r\n", is stripped as well.
        const ProcessResult set
            = iwb({u"profile"_s, u"set-token"_s, m_name, u"--token-stdin"_s}, token.toUtf8() + "\r\n");
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        verifyNotShown(set, token);
        QCOMPARE(readSecret(m_name).value, token);
        QCOMPARE(keyringFilesHolding(token.toUtf8()), QStringList());

        const ProcessResult unknown
            = iwb({u"profile"_s, u"set-token"_s, u"nobody"_s, u"--token-stdin"_s}, token.toUtf8());
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(u"nobody"_s));
        QCOMPARE(readSecret(u"nobody"_s).error, SecretStore::Error::NotFound);

        // Without --token-stdin and without a terminal, nothing is read.
        const ProcessResult noWay = iwb({u"profile"_s, u"set-token"_s, m_name}, token.toUtf8());
        QCOMPARE(noWay.exitCode, 2);
        QVERIFY(noWay.err.contains(u"--token-stdin"_s));
    }

    void removeTakesTheSecretWithIt()
    {
        const QString token = freshToken();
        QCOMPARE(
            iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://unit-acme.instana.io"_s, u"--token-stdin"_s},
                token.toUtf8())
                .exitCode,
            0);
        QCOMPARE(iwb({u"profile"_s, u"use"_s, m_name}).exitCode, 0);
        QVERIFY(settingsBytes().contains(QByteArray("currentProfile=" + m_name.toUtf8())));
        QCOMPARE(readSecret(m_name).value, token);

        const ProcessResult removed = iwb({u"profile"_s, u"remove"_s, m_name});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        verifyNotShown(removed, token);
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
        QVERIFY2(!settingsBytes().contains(m_name.toUtf8()), settingsBytes().constData());

        const ProcessResult again = iwb({u"profile"_s, u"remove"_s, m_name});
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(again.err, u"iwb profile remove: there is no profile named \"%1\"\n"_s.arg(m_name));
    }

    // A token the settings lost (a profile removed while the keychain did not answer, or by an
    // older version) is removed by name.
    void removeFindsALeftToken()
    {
        const QString token = freshToken();
        QCOMPARE(
            iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s, u"--token-stdin"_s}, token.toUtf8())
                .exitCode,
            0);
        QFile::remove(settingsFile());
        const ProcessResult removed = iwb({u"profile"_s, u"remove"_s, m_name});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        QVERIFY(removed.out.contains(u"left"_s));
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
    }

    void badTokenInputStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("nothing") << QByteArray() << u"holds no token"_s;
        QTest::newRow("empty line") << QByteArray("\n") << u"holds no token"_s;
        QTest::newRow("two lines") << QByteArray("tok-one\ntok-two\n") << u"more than one line"_s;
        QTest::newRow("space") << QByteArray("tok one\n") << u"spaces"_s;
        QTest::newRow("too long") << QByteArray(4097, 'x') << u"longer than 4096 bytes"_s;
        QTest::newRow("endless") << QByteArray(1024 * 1024, 'x') << u"longer than 4096 bytes"_s;
        QTest::newRow("not UTF-8") << QByteArray("tok\xff\n") << u"UTF-8"_s;
    }

    void badTokenInputStoresNothing()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        const ProcessResult r
            = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s, u"--token-stdin"_s}, input);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb profile add: "_s) && r.err.contains(error), qPrintable(r.err));
        QVERIFY(!r.err.trimmed().endsWith(u'.'));
        if (input.size() > 4)
            QVERIFY(!r.err.contains(QString::fromLatin1(input.left(5))));
        QVERIFY(!settingsBytes().contains(m_name.toUtf8()));
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
    }

    void theCommandLineNeverCarriesAToken_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("add --token") << QStringList{u"profile"_s,      u"add"_s,     u"x"_s,         u"--url"_s,
                                                    u"https://a.io"_s, u"--token"_s, u"tok-secret"_s};
        QTest::newRow("add --token=") << QStringList{u"profile"_s, u"add"_s, u"x"_s, u"--token=tok-secret"_s};
        QTest::newRow("set-token --token")
            << QStringList{u"profile"_s, u"set-token"_s, u"x"_s, u"--token"_s, u"tok-secret"_s};
        QTest::newRow("event send --api-token")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"t"_s, u"--api-token"_s, u"tok-secret"_s};
    }

    void theCommandLineNeverCarriesAToken()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(u"is refused: every user of this machine can read a command line"_s),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(u"tok-secret"_s));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFileInfo::exists(settingsFile()));
    }

    // On a terminal the token is asked for with the echo off, and the echo is back afterwards.
    void promptHidesTheToken()
    {
        Terminal terminal;
        QVERIFY(terminal.isValid());
        QVERIFY(terminal.echoes());
        const QString token = freshToken();
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.setStandardInputFile(terminal.slaveName());
        process.setReadChannel(QProcess::StandardError);
        process.start(TestSupport::iwbBinary(), {u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.peek(1024).contains("(not shown; Enter for none)"), 20000);
        QVERIFY(!terminal.echoes());
        terminal.type(token.toUtf8() + '\n');
        const ProcessResult r = TestSupport::finish(process);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(terminal.echoes());
        QVERIFY2(!terminal.shown().contains(token.toUtf8()), terminal.shown().constData());
        verifyNotShown(r, token);
        QCOMPARE(readSecret(m_name).value, token);
    }

    void ctrlCAtThePromptRestoresTheEcho()
    {
        Terminal terminal;
        QVERIFY(terminal.isValid());
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.setStandardInputFile(terminal.slaveName());
        process.setReadChannel(QProcess::StandardError);
        process.start(TestSupport::iwbBinary(), {u"profile"_s, u"set-token"_s, m_name});
        QVERIFY(process.waitForStarted());
        // The profile does not exist: set-token says so before asking. Add it first.
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 1);
        QCOMPARE(iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s}).exitCode, 0);

        process.start(TestSupport::iwbBinary(), {u"profile"_s, u"set-token"_s, m_name});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.peek(1024).contains("(not shown)"), 20000);
        QVERIFY(!terminal.echoes());
        terminal.type("tok-half");
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit); // ended by SIGINT, as it would have been
        QVERIFY(terminal.echoes());
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
    }

    // --profile picks the profile's agent for event send and trace send.
    void profileChoosesTheAgent()
    {
        Workbench::LocalAgent agent;
        Workbench::LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        QSignalSpy captured(&agent, &Workbench::LocalAgent::captured);
        const QString url = agent.url().toString();
        QCOMPARE(iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, u"https://a.io"_s, u"--agent"_s, url}).exitCode, 0);

        const ProcessResult event
            = iwb({u"event"_s, u"send"_s, u"--title"_s, u"via profile"_s, u"--profile"_s, m_name});
        QVERIFY2(event.exitCode == 0, qPrintable(event.err));
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 1, 20000);

        QTemporaryDir dir;
        QFile spans(dir.filePath(u"span.json"_s));
        QVERIFY(spans.open(QIODevice::WriteOnly));
        spans.write(R"({"spanId":"a1","traceId":"b1","timestamp":1700000000000,"duration":5,"name":"op","data":{}})");
        spans.close();
        const ProcessResult trace = iwb({u"trace"_s, u"send"_s, spans.fileName(), u"--profile"_s, m_name});
        QVERIFY2(trace.exitCode == 0, qPrintable(trace.err + trace.out));
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 2, 20000);
        const ProcessResult stream
            = iwb({u"trace"_s, u"send"_s, u"--stream"_s, u"-"_s, u"--profile"_s, m_name},
                  R"({"spanId":"a2","traceId":"b2","timestamp":1700000000000,"duration":5,"name":"op","data":{}})"
                  "\n");
        QVERIFY2(stream.exitCode == 0, qPrintable(stream.err + stream.out));
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 3, 20000);

        // The current profile's agent is the target without --profile too.
        QCOMPARE(iwb({u"profile"_s, u"use"_s, m_name}).exitCode, 0);
        const ProcessResult current = iwb({u"event"_s, u"send"_s, u"--title"_s, u"via current"_s});
        QVERIFY2(current.exitCode == 0, qPrintable(current.err));
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 4, 20000);

        const ProcessResult unknown = iwb({u"event"_s, u"send"_s, u"--title"_s, u"t"_s, u"--profile"_s, u"nobody"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.startsWith(u"iwb event send: There is no profile named \"nobody\""_s),
                 qPrintable(unknown.err));
        const ProcessResult both
            = iwb({u"trace"_s, u"send"_s, spans.fileName(), u"--profile"_s, m_name, u"--agent"_s, url});
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains(u"give one of them"_s));
        QCOMPARE(captured.size(), 4);
    }

private:
    QProcessEnvironment m_environment;
    QString m_name;
};

QTEST_GUILESS_MAIN(TestIwbProfile)
#include "tst_iwbprofile.moc"
