// `iwb profile` where no keychain answers (the session bus points nowhere): the token is
// refused with a sentence that says what to install, never written anywhere in its place, and
// profiles themselves still work.

#include "tests/support/fakeinstana.h"
#include "tests/support/secrets.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::ProcessResult;

class TestIwbProfileNoKeychain : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, m_environment, std::chrono::seconds(60), input);
    }
    QByteArray settingsBytes() const
    {
        QFile file(m_home->path() + u"/config/instana-workbench/workbench.ini"_s);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QStringList filesHolding(const QByteArray &bytes) const { return TestSupport::filesHolding(m_home->path(), bytes); }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_environment = TestSupport::isolatedEnvironment(m_home->path());
        m_environment.insert(u"HOME"_s, m_home->path());
        m_environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/workbench-test-bus"_s);
    }

    void addWithATokenSavesNothing()
    {
        const QByteArray token = "tok-no-keychain-4711";
        const ProcessResult r = iwb(
            {u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://unit-acme.instana.io"_s, u"--token-stdin"_s},
            token + '\n');
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb profile add: No keychain answers"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"gnome-keyring"_s));
        QVERIFY(r.err.contains(u"Nothing was saved"_s));
        QVERIFY(!r.out.contains(QString::fromLatin1(token)));
        QVERIFY(!r.err.contains(QString::fromLatin1(token)));
        QVERIFY(!settingsBytes().contains("acme"));
        QCOMPARE(filesHolding(token), QStringList());
    }

    void profilesWorkWithoutTokens()
    {
        const ProcessResult added
            = iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://unit-acme.instana.io"_s});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        QVERIFY(added.out.contains(u"without a token"_s));
        QCOMPARE(iwb({u"profile"_s, u"use"_s, u"acme"_s}).exitCode, 0);
        const ProcessResult list = iwb({u"profile"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.startsWith(u"* acme  https://unit-acme.instana.io"_s), qPrintable(list.out));

        const ProcessResult set
            = iwb({u"profile"_s, u"set-token"_s, u"acme"_s, u"--token-stdin"_s}, "tok-no-keychain-4712\n");
        QCOMPARE(set.exitCode, 1);
        QVERIFY(set.err.contains(u"gnome-keyring"_s));
        QCOMPARE(filesHolding("tok-no-keychain-4712"), QStringList());

        // Removed from the settings all the same, and the command says what may be left behind.
        const ProcessResult removed = iwb({u"profile"_s, u"remove"_s, u"acme"_s});
        QCOMPARE(removed.exitCode, 1);
        QCOMPARE(removed.err.count(u'\n'), 1);
        QVERIFY2(removed.err.contains(u"may be left in the keychain"_s), qPrintable(removed.err));
        QVERIFY(removed.err.contains(u"iwb profile remove acme' again"_s));
        QVERIFY(!settingsBytes().contains("acme"));
    }

    void proxyIsStoredAndListed_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("url");
        QTest::newRow("system") << u"system"_s << u"system"_s << QString();
        QTest::newRow("none") << u"none"_s << u"none"_s << QString();
        QTest::newRow("http proxy") << u"http://proxy.example:3128"_s << u"manual"_s << u"http://proxy.example:3128"_s;
        QTest::newRow("socks5") << u"socks5://127.0.0.1:1080"_s << u"manual"_s << u"socks5://127.0.0.1:1080"_s;
    }

    void proxyIsStoredAndListed()
    {
        QFETCH(QString, given);
        QFETCH(QString, mode);
        QFETCH(QString, url);
        const ProcessResult added = iwb(
            {u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://unit-acme.instana.io"_s, u"--proxy"_s, given});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const ProcessResult list = iwb({u"profile"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        const QJsonObject profile = QJsonDocument::fromJson(list.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(profile.value(u"proxy"_s).toString(), mode);
        QCOMPARE(profile.value(u"proxyUrl"_s).toString(), url);
    }

    void proxyRefusals_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word") << u"sometimes"_s << u"--proxy takes system, none or a proxy's URL"_s;
        QTest::newRow("manual without url") << u"manual"_s << u"--proxy takes system, none or a proxy's URL"_s;
        QTest::newRow("ftp") << u"ftp://proxy.example:21"_s << u"no http:// or socks5:// URL"_s;
    }

    void proxyRefusals()
    {
        QFETCH(QString, given);
        QFETCH(QString, expected);
        const ProcessResult r = iwb(
            {u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://unit-acme.instana.io"_s, u"--proxy"_s, given});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!settingsBytes().contains("acme"));
    }

    void caBundleMustBeAFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("device") << u"/dev/zero"_s
                                << u"iwb profile add: The CA bundle /dev/zero is no readable file\n"_s;
        QTest::newRow("missing") << u"/nonexistent/ca.pem"_s
                                 << u"iwb profile add: The CA bundle /nonexistent/ca.pem does not exist\n"_s;
        QTest::newRow("empty name") << QString() << u"iwb profile add: --ca-bundle needs a file name\n"_s;
    }

    void caBundleMustBeAFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        const ProcessResult r
            = iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://a.io"_s, u"--ca-bundle"_s, file});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, error);
        QVERIFY(!settingsBytes().contains("acme"));
    }

    void caBundleIsKeptAsAnAbsolutePath()
    {
        QFile pem(m_home->filePath(u"ca.pem"_s));
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.close();
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.setWorkingDirectory(m_home->path());
        process.start(TestSupport::iwbBinary(),
                      {u"profile"_s, u"add"_s, u"lab"_s, u"--url"_s, u"https://instana.lab:8443"_s, u"--ca-bundle"_s,
                       u"ca.pem"_s, u"--no-verify-tls"_s, u"--timeout"_s, u"5000"_s, u"--agent"_s, u"10.0.0.5"_s,
                       u"--allow-http"_s});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const ProcessResult list = iwb({u"profile"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        const QJsonObject row = QJsonDocument::fromJson(list.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(row[u"caBundle"_s].toString(), pem.fileName());
        QCOMPARE(row[u"verifyTls"_s].toBool(), false);
        QCOMPARE(row[u"allowHttp"_s].toBool(), true);
        QCOMPARE(row[u"timeoutMs"_s].toInteger(), 5000);
        QCOMPARE(row[u"agentUrl"_s].toString(), u"http://10.0.0.5:42699"_s);
        QCOMPARE(row[u"baseUrl"_s].toString(), u"https://instana.lab:8443"_s);
    }

    void environmentProfileIsListedAndWins()
    {
        QCOMPARE(iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://unit-acme.instana.io"_s}).exitCode, 0);
        QCOMPARE(iwb({u"profile"_s, u"use"_s, u"acme"_s}).exitCode, 0);
        m_environment.insert(u"INSTANA_BASE_URL"_s, u"https://env.instana.io"_s);
        m_environment.insert(u"INSTANA_API_TOKEN"_s, u"tok-from-environment"_s);
        const ProcessResult list = iwb({u"profile"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(!list.out.contains(u"tok-from-environment"_s));
        const QJsonArray rows = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0)[u"name"_s].toString(), u"acme"_s);
        QCOMPARE(rows.at(0)[u"current"_s].toBool(), true);
        QCOMPARE(rows.at(0)[u"active"_s].toBool(), false);
        QCOMPARE(rows.at(1)[u"name"_s].toString(), u"environment"_s);
        QCOMPARE(rows.at(1)[u"environment"_s].toBool(), true);
        QCOMPARE(rows.at(1)[u"active"_s].toBool(), true);
        QCOMPARE(rows.at(1)[u"baseUrl"_s].toString(), u"https://env.instana.io"_s);
        // Never written anywhere.
        QVERIFY(!settingsBytes().contains("env.instana.io"));
        QCOMPARE(filesHolding("tok-from-environment"), QStringList());
        const ProcessResult reserved = iwb({u"profile"_s, u"add"_s, u"environment"_s, u"--url"_s, u"https://a.io"_s});
        QCOMPARE(reserved.exitCode, 2);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("no url") << QStringList{u"profile"_s, u"add"_s, u"acme"_s}
                                << u"iwb profile add: --url is needed: the tenant's base URL, e.g. "
                                   u"https://unit-tenant.instana.io\n"_s;
        QTest::newRow("bad name") << QStringList{u"profile"_s, u"add"_s, u"a b"_s, u"--url"_s, u"https://a.io"_s}
                                  << u"iwb profile add: The profile name \"a b\" may hold only letters, digits, '.', "
                                     u"'_' and '-'\n"_s;
        QTest::newRow("remote http")
            << QStringList{u"profile"_s, u"add"_s, u"a"_s, u"--url"_s, u"http://instana.corp"_s}
            << u"iwb profile add: --url: Plain http:// to instana.corp would send the token unencrypted; use "
               u"https://, or allow http explicitly\n"_s;
        QTest::newRow("timeout") << QStringList{u"profile"_s,      u"add"_s,       u"a"_s,  u"--url"_s,
                                                u"https://a.io"_s, u"--timeout"_s, u"999"_s}
                                 << u"iwb profile add: --timeout: 999 is out of range (1000–600000 ms)\n"_s;
        QTest::newRow("bad agent") << QStringList{u"profile"_s,      u"add"_s,     u"a"_s,      u"--url"_s,
                                                  u"https://a.io"_s, u"--agent"_s, u"ftp://x"_s}
                                   << u"iwb profile add: --agent: The agent is reached over http or https, not "
                                      u"\"ftp\"\n"_s;
        QTest::newRow("use nothing") << QStringList{u"profile"_s, u"use"_s}
                                     << u"iwb profile use: give a profile's NAME or --none\n"_s;
        QTest::newRow("event --profile with --agent")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"t"_s, u"--profile"_s, u"a"_s, u"--agent"_s, u"x"_s}
            << u"iwb event send: --agent and --profile both choose the agent; give one of them\n"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.err, error);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(settingsBytes().isEmpty());
    }

    void useNamesAStoredProfile()
    {
        const ProcessResult missing = iwb({u"profile"_s, u"use"_s, u"nobody"_s});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.startsWith(u"iwb profile use: There is no profile named \"nobody\""_s),
                 qPrintable(missing.err));
        QCOMPARE(iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://a.io"_s}).exitCode, 0);
        QCOMPARE(iwb({u"profile"_s, u"use"_s, u"acme"_s}).exitCode, 0);
        QVERIFY(settingsBytes().contains("currentProfile=acme"));
        QCOMPARE(iwb({u"profile"_s, u"use"_s, u"--none"_s}).exitCode, 0);
        QVERIFY(!settingsBytes().contains("currentProfile"));
    }

    // A stored profile that is refused is listed with its reason, stops sending while it is the
    // current one, and can be removed.
    void refusedProfilesAreShownNotDropped()
    {
        QVERIFY(QDir().mkpath(m_home->path() + u"/config/instana-workbench"_s));
        QFile ini(m_home->path() + u"/config/instana-workbench/workbench.ini"_s);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[connection]\ncurrentProfile=bad\n[profiles]\nbad\\baseUrl=ftp://x\nbad\\timeoutMs=soon\n");
        ini.close();

        const ProcessResult list = iwb({u"profile"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.startsWith(u"* bad\n    The profile \"bad\" in "_s), qPrintable(list.out));
        QVERIFY(list.out.contains(u"timeoutMs (\"soon\") is not a whole number"_s));
        const ProcessResult json = iwb({u"profile"_s, u"list"_s, u"--json"_s});
        const QJsonObject row = QJsonDocument::fromJson(json.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(row[u"name"_s].toString(), u"bad"_s);
        QVERIFY(row[u"refused"_s].toString().contains(u"soon"_s));

        const ProcessResult send = iwb({u"event"_s, u"send"_s, u"--title"_s, u"t"_s});
        QCOMPARE(send.exitCode, 1);
        QCOMPARE(send.err.count(u'\n'), 1);
        QVERIFY2(send.err.startsWith(u"iwb event send: The profile \"bad\" in "_s), qPrintable(send.err));
        QVERIFY(send.err.contains(u"iwb profile use"_s));
        const ProcessResult use = iwb({u"profile"_s, u"use"_s, u"bad"_s});
        QCOMPARE(use.exitCode, 1);

        // Removed from the settings; the keychain does not answer, which the command says.
        const ProcessResult removed = iwb({u"profile"_s, u"remove"_s, u"bad"_s});
        QCOMPARE(removed.exitCode, 1);
        QVERIFY(!settingsBytes().contains("bad"));
        QCOMPARE(iwb({u"profile"_s, u"list"_s}).out, u"No profiles. Add one with: iwb profile add NAME --url URL\n"_s);
    }

    // Where no keychain answers, a stored profile cannot be tested, and the sentence says why
    // and how to test for this session without a keychain; nothing is sent.
    void testWithoutAKeychainSaysWhy()
    {
        TestSupport::FakeInstana backend;
        QCOMPARE(iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, backend.baseUrl().toString()}).exitCode, 0);
        const ProcessResult r
            = TestSupport::run(TestSupport::iwbBinary(), {u"profile"_s, u"test"_s, u"acme"_s}, m_environment);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb profile test: No keychain answers"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"gnome-keyring"_s));
        QVERIFY(r.err.contains(u"INSTANA_API_TOKEN"_s));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(backend.requests().size(), 0);
    }

    // The environment's profile needs no keychain: its token is INSTANA_API_TOKEN.
    void theEnvironmentsProfileNeedsNoKeychain()
    {
        const QByteArray token = "tok-environment-4713";
        TestSupport::FakeInstana backend(token);
        m_environment.insert(u"INSTANA_BASE_URL"_s, backend.baseUrl().toString());
        m_environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(token));
        const ProcessResult r
            = TestSupport::run(TestSupport::iwbBinary(), {u"profile"_s, u"test"_s, u"--json"_s}, m_environment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(QString::fromLatin1(token)));
        QVERIFY(!r.err.contains(QString::fromLatin1(token)));
        const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(result[u"profile"_s].toString(), u"environment"_s);
        QCOMPARE(result[u"source"_s].toString(), u"environment"_s);
        QCOMPARE(result[u"version"_s][u"imageTag"_s].toString(), u"3.307.417-0"_s);
        QCOMPARE(backend.requests().size(), 2);
        QCOMPARE(backend.requests().at(0).header("authorization"), "apiToken " + token);
        QCOMPARE(filesHolding(token), QStringList());
    }

    void testUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("two names") << QStringList{u"profile"_s, u"test"_s, u"a"_s, u"b"_s}
                                   << u"iwb profile test: unexpected argument 'b'; run 'iwb profile test --help'\n"_s;
        QTest::newRow("missing CA bundle")
            << QStringList{u"profile"_s, u"test"_s, u"acme"_s, u"--ca-bundle"_s, u"/nonexistent/ca.pem"_s}
            << u"iwb profile test: The CA bundle /nonexistent/ca.pem does not exist\n"_s;
        QTest::newRow("empty name") << QStringList{u"profile"_s, u"test"_s, QString()}
                                    << u"iwb profile test: NAME is empty; give a profile's name, or none for the "
                                       u"profile of the session\n"_s;
        QTest::newRow("CA bundle is a device")
            << QStringList{u"profile"_s, u"test"_s, u"acme"_s, u"--ca-bundle"_s, u"/dev/zero"_s}
            << u"iwb profile test: The CA bundle /dev/zero is no readable file\n"_s;
        QTest::newRow("CA bundle without a name")
            << QStringList{u"profile"_s, u"test"_s, u"acme"_s, u"--ca-bundle"_s, QString()}
            << u"iwb profile test: --ca-bundle needs a file name\n"_s;
        QTest::newRow("timeout") << QStringList{u"profile"_s, u"test"_s, u"acme"_s, u"--timeout"_s, u"999"_s}
                                 << u"iwb profile test: --timeout: 999 is out of range (1000–600000 ms)\n"_s;
    }

    void testUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QCOMPARE(iwb({u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, u"https://a.io"_s}).exitCode, 0);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.err, error);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_environment;
};

QTEST_GUILESS_MAIN(TestIwbProfileNoKeychain)
#include "tst_iwbprofile_nokeychain.moc"
