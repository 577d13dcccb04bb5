// Connection profiles: their rules, their round trip through the settings file (never with a
// token), refused stored values, the environment's profile, the order that picks the profile
// of a session and the agent target it gives, and tokens kept through a SecretStore.

#include "core/agentapi/agentendpoint.h"
#include "core/profiles/connectionprofile.h"
#include "core/profiles/profilechoice.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/memorysecretstore.h"
#include "core/settings/settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Workbench::ConnectionProfile;
using Workbench::ProfileChoice;
using Workbench::SecretStore;
using Workbench::Settings;

namespace {

ConnectionProfile tenant(const QString &name = u"acme"_s)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(u"https://unit-acme.instana.io"_s);
    return profile;
}

// Runs one operation of a store to its answer.
SecretStore::Result answerOf(const std::function<void(QObject *, SecretStore::Callback)> &operation)
{
    QObject context;
    int answers = 0;
    SecretStore::Result result;
    operation(&context, [&](const SecretStore::Result &r) {
        ++answers;
        result = r;
    });
    if (answers != 0)
        qWarning("the store answered synchronously");
    if (!QTest::qWaitFor([&answers] { return answers != 0; }, 20000))
        qWarning("the store did not answer");
    QTest::qWait(10);
    if (answers != 1)
        qWarning("the store answered %d times", answers);
    result.error = answers == 1 ? result.error : SecretStore::Error::Other;
    return result;
}

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

    QString path() const { return m_dir->filePath(u"workbench.ini"_s); }
    QByteArray fileBytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void writeFile(const QByteArray &bytes) const
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
    static QProcessEnvironment environment(const QList<std::pair<QString, QString>> &variables)
    {
        QProcessEnvironment env;
        for (const auto &[name, value] : variables)
            env.insert(name, value);
        return env;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("plain") << u"acme"_s << true;
        QTest::newRow("all kinds") << u"eu-1.prod_acme"_s << true;
        QTest::newRow("64 characters") << QString(64, u'a') << true;
        QTest::newRow("65 characters") << QString(65, u'a') << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space") << u"my tenant"_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("leading dash") << u"-acme"_s << false;
        QTest::newRow("leading dot") << u".acme"_s << false;
        QTest::newRow("not ASCII") << u"caf\u00e9"_s << false;
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, accepted);
        QCOMPARE(ConnectionProfile::nameProblem(name).isEmpty(), accepted);
        ConnectionProfile profile = tenant(name);
        QCOMPARE(profile.validate().isEmpty(), accepted);
    }

    void baseUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("allowHttp");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("saas") << u"https://unit-acme.instana.io"_s << false << u"https://unit-acme.instana.io"_s;
        QTest::newRow("trailing slash") << u" https://unit-acme.instana.io/ "_s << false
                                        << u"https://unit-acme.instana.io"_s;
        QTest::newRow("self-hosted port") << u"https://instana.corp:8443"_s << false << u"https://instana.corp:8443"_s;
        QTest::newRow("http loopback") << u"http://127.0.0.1:9000"_s << false << u"http://127.0.0.1:9000"_s;
        QTest::newRow("http localhost") << u"http://localhost:9000"_s << false << u"http://localhost:9000"_s;
        QTest::newRow("http remote refused") << u"http://instana.corp"_s << false << QString();
        QTest::newRow("http remote allowed") << u"http://instana.corp"_s << true << u"http://instana.corp"_s;
        QTest::newRow("no scheme") << u"unit-acme.instana.io"_s << false << QString();
        QTest::newRow("ftp") << u"ftp://unit-acme.instana.io"_s << false << QString();
        QTest::newRow("user info") << u"https://me:secret@unit-acme.instana.io"_s << false << QString();
        QTest::newRow("query") << u"https://unit-acme.instana.io?x=1"_s << false << QString();
        QTest::newRow("fragment") << u"https://unit-acme.instana.io#top"_s << false << QString();
        QTest::newRow("path") << u"https://unit-acme.instana.io/api/instana/version"_s << false << QString();
        QTest::newRow("port 0") << u"https://unit-acme.instana.io:0"_s << false << QString();
        QTest::newRow("empty") << QString() << false << QString();
    }

    void baseUrls()
    {
        QFETCH(QString, text);
        QFETCH(bool, allowHttp);
        QFETCH(QString, expected);
        QString error;
        const auto url = ConnectionProfile::parseBaseUrl(text, allowHttp, &error);
        if (expected.isEmpty()) {
            QVERIFY(!url);
            QVERIFY(!error.isEmpty());
            QVERIFY2(!error.contains(u"secret"_s), qPrintable(error)); // a password is not repeated
        } else {
            QVERIFY2(url, qPrintable(error));
            QCOMPARE(url->toString(), expected);
        }
    }

    void validateNamesEveryProblem()
    {
        ConnectionProfile profile = tenant(u"bad name"_s);
        profile.baseUrl = QUrl(u"http://instana.corp"_s);
        profile.agentUrl = QUrl(u"ftp://agent"_s);
        profile.caBundleFile = m_dir->filePath(u"missing.pem"_s);
        profile.timeout = 999ms;
        const QStringList problems = profile.validate();
        QCOMPARE(problems.size(), 5);
        QVERIFY(problems.at(0).contains(u"bad name"_s));
        QVERIFY(problems.at(1).contains(u"http://"_s));
        QVERIFY(problems.at(2).contains(u"ftp"_s));
        QVERIFY(problems.at(3).contains(u"missing.pem"_s));
        QVERIFY(problems.at(4).contains(u"999"_s));

        profile = tenant();
        profile.timeout = ConnectionProfile::MaxTimeout + 1ms;
        QCOMPARE(profile.validate().size(), 1);
        profile.timeout = ConnectionProfile::MaxTimeout;
        QVERIFY(profile.validate().isEmpty());
        profile.timeout = ConnectionProfile::MinTimeout;
        QVERIFY(profile.validate().isEmpty());
        profile.proxy = Workbench::Rest::ProxyMode::Manual;
        QCOMPARE(profile.validate().size(), 1);
        profile.proxyUrl = QUrl(u"socks5://proxy.corp:1080"_s);
        QVERIFY(profile.validate().isEmpty());
        profile.caBundleFile = m_dir->path(); // a directory
        QCOMPARE(profile.validate().size(), 1);
    }

    void optionsCarryEveryField()
    {
        ConnectionProfile profile = tenant();
        profile.verifyTls = false;
        profile.caBundleFile = u"/etc/ssl/corp.pem"_s;
        profile.allowHttp = true;
        profile.proxy = Workbench::Rest::ProxyMode::None;
        profile.proxyUrl = QUrl(u"http://ignored:3128"_s);
        profile.timeout = 5s;
        profile.maxResponseBytes = 1234;
        const Workbench::Rest::ConnectionOptions options = profile.options();
        QCOMPARE(options.baseUrl, profile.baseUrl);
        QCOMPARE(options.verifyTls, false);
        QCOMPARE(options.caBundleFile, profile.caBundleFile);
        QCOMPARE(options.allowHttp, true);
        QCOMPARE(options.proxy, Workbench::Rest::ProxyMode::None);
        QVERIFY(options.proxyUrl.isEmpty()); // only a manual proxy has a URL
        QCOMPARE(options.timeout, 5000ms);
        QCOMPARE(options.maxResponseBytes, 1234);
        QCOMPARE(ConnectionProfile::tokenKey(u"acme"_s), u"profile/acme"_s);
        QCOMPARE(profile.tokenKey(), u"profile/acme"_s);
    }

    void roundTripKeepsEveryFieldAndNoSecret()
    {
        QFile pem(m_dir->filePath(u"corp.pem"_s));
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.close();
        ConnectionProfile full = tenant(u"corp"_s);
        full.baseUrl = QUrl(u"http://instana.corp:8080"_s);
        full.agentUrl = QUrl(u"http://10.0.0.5:42699"_s);
        full.verifyTls = false;
        full.caBundleFile = pem.fileName();
        full.allowHttp = true;
        full.proxy = Workbench::Rest::ProxyMode::Manual;
        full.proxyUrl = QUrl(u"http://proxy.corp:3128"_s);
        full.timeout = 45s;
        full.maxResponseBytes = 1024;
        {
            Settings settings(path());
            QSignalSpy changed(&settings, &Settings::profilesChanged);
            QSignalSpy current(&settings, &Settings::currentProfileChanged);
            QCOMPARE(settings.setProfile(tenant()), QString());
            QCOMPARE(settings.setProfile(full), QString());
            QCOMPARE(changed.size(), 2);
            // The same again changes nothing, and says so by not emitting.
            QCOMPARE(settings.setProfile(full), QString());
            QCOMPARE(changed.size(), 2);
            QCOMPARE(settings.setCurrentProfileName(u"corp"_s), QString());
            QCOMPARE(settings.setCurrentProfileName(u"corp"_s), QString());
            QCOMPARE(current.size(), 1);
            QVERIFY(settings.sync().isEmpty());
        }
        const QByteArray ini = fileBytes();
        QVERIFY2(ini.contains("corp\\baseUrl=http://instana.corp:8080"), ini.constData());
        QVERIFY(ini.contains("currentProfile=corp"));
        // Nothing but what a profile is: no token, no field that could hold one.
        QVERIFY(!ini.toLower().contains("token"));
        QVERIFY(!ini.toLower().contains("secret"));
        QVERIFY(!ini.toLower().contains("password"));
        // A profile left at its defaults stores its base URL only.
        QVERIFY2(!ini.contains("acme\\verifyTls"), ini.constData());

        const Settings again(path());
        QCOMPARE(again.profileNames(), (QStringList{u"acme"_s, u"corp"_s}));
        QCOMPARE(again.currentProfileName(), u"corp"_s);
        QString refusal;
        const auto read = again.profile(u"corp"_s, &refusal);
        QVERIFY2(read, qPrintable(refusal));
        QCOMPARE(*read, full);
        QCOMPARE(again.profile(u"acme"_s).value(), tenant());
    }

    void setProfileRefusesWhatIsWrong()
    {
        Settings settings(path());
        ConnectionProfile bad = tenant();
        bad.baseUrl = QUrl(u"http://instana.corp"_s);
        QVERIFY(settings.setProfile(bad).contains(u"http://"_s));
        QVERIFY(settings.setProfile(tenant(u"environment"_s)).contains(u"INSTANA_BASE_URL"_s));
        QVERIFY(settings.profileNames().isEmpty());
        QVERIFY(settings.setCurrentProfileName(u"nobody"_s).contains(u"nobody"_s));
        QVERIFY(settings.currentProfileName().isEmpty());
        QVERIFY(settings.sync().isEmpty());
        QVERIFY(!fileBytes().contains("profiles"));
    }

    void replaceAndRemove()
    {
        Settings settings(path());
        ConnectionProfile profile = tenant();
        profile.agentUrl = QUrl(u"http://10.0.0.1:42699"_s);
        profile.timeout = 5s;
        QVERIFY(settings.setProfile(profile).isEmpty());
        QVERIFY(settings.setCurrentProfileName(profile.name).isEmpty());
        QVERIFY(settings.sync().isEmpty());
        // Replacing with defaults drops the fields that were set.
        QVERIFY(settings.setProfile(tenant()).isEmpty());
        QVERIFY(settings.sync().isEmpty());
        QCOMPARE(Settings(path()).profile(u"acme"_s).value(), tenant());
        QVERIFY(!fileBytes().contains("timeoutMs"));

        QSignalSpy current(&settings, &Settings::currentProfileChanged);
        settings.removeProfile(u"acme"_s);
        QCOMPARE(current.size(), 1);
        QVERIFY(settings.currentProfileName().isEmpty());
        QVERIFY(!settings.hasProfile(u"acme"_s));
        QVERIFY(settings.sync().isEmpty());
        QVERIFY2(!fileBytes().contains("acme"), fileBytes().constData());
    }

    void refusedStoredValuesAreReported_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("named");
        QTest::newRow("bad base URL") << QByteArray("[profiles]\nacme\\baseUrl=ftp://x\n") << u"ftp://x"_s;
        QTest::newRow("no base URL") << QByteArray("[profiles]\nacme\\timeoutMs=5000\n") << u"no base URL"_s;
        QTest::newRow("remote http") << QByteArray("[profiles]\nacme\\baseUrl=http://instana.corp\n")
                                     << u"instana.corp"_s;
        QTest::newRow("timeout text") << QByteArray("[profiles]\nacme\\baseUrl=https://a.io\nacme\\timeoutMs=soon\n")
                                      << u"soon"_s;
        QTest::newRow("timeout range") << QByteArray("[profiles]\nacme\\baseUrl=https://a.io\nacme\\timeoutMs=5\n")
                                       << u"5 ms"_s;
        QTest::newRow("verify text") << QByteArray("[profiles]\nacme\\baseUrl=https://a.io\nacme\\verifyTls=maybe\n")
                                     << u"maybe"_s;
        QTest::newRow("proxy mode") << QByteArray("[profiles]\nacme\\baseUrl=https://a.io\nacme\\proxy=pac\n")
                                    << u"pac"_s;
        QTest::newRow("agent") << QByteArray("[profiles]\nacme\\baseUrl=https://a.io\nacme\\agentUrl=http://a:0\n")
                               << u"Port 0"_s;
    }

    void refusedStoredValuesAreReported()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, named);
        writeFile(ini + "[connection]\ncurrentProfile=acme\n");
        Settings settings(path());
        QCOMPARE(settings.profileNames(), QStringList{u"acme"_s}); // listed, not dropped
        QString refusal;
        QVERIFY(!settings.profile(u"acme"_s, &refusal));
        QVERIFY2(refusal.contains(named), qPrintable(refusal));
        QVERIFY(refusal.contains(u"\"acme\""_s));
        QVERIFY(refusal.contains(path()));

        // A refused current profile stops sending, rather than falling back to another agent.
        const ProfileChoice choice = Workbench::chooseProfile(settings, {}, {});
        QCOMPARE(choice.source, ProfileChoice::Source::Current);
        QVERIFY(!choice.ok());
        QVERIFY(choice.error.contains(u"iwb profile use"_s));
        if (qEnvironmentVariableIsEmpty("INSTANA_BASE_URL")) {
            QString targetRefusal;
            QVERIFY(!settings.agentTarget(&targetRefusal));
            QVERIFY2(targetRefusal.contains(named), qPrintable(targetRefusal));
        }
        // The file is kept as it was when something else changes.
        settings.setLastWorkspace(u"viewer"_s);
        QVERIFY(settings.sync().isEmpty());
        QString again;
        QVERIFY(!Settings(path()).profile(u"acme"_s, &again));
        QCOMPARE(again, refusal);
    }

    void badNameInTheFileIsRefused()
    {
        writeFile("[profiles]\nmy%20tenant\\baseUrl=https://a.io\n");
        const Settings settings(path());
        QCOMPARE(settings.profileNames(), QStringList{u"my tenant"_s});
        QString refusal;
        QVERIFY(!settings.profile(u"my tenant"_s, &refusal));
        QVERIFY2(refusal.contains(u"may hold only"_s), qPrintable(refusal));
    }

    void foreignKeysAreNoProfiles()
    {
        writeFile("[profiles]\nnote=kept\nacme\\baseUrl=https://a.io\n");
        Settings settings(path());
        QCOMPARE(settings.profileNames(), QStringList{u"acme"_s});
        QVERIFY(!settings.hasProfile(u"note"_s));
        settings.removeProfile(u"acme"_s);
        QVERIFY(settings.sync().isEmpty());
        QVERIFY2(fileBytes().contains("note=kept"), fileBytes().constData());
        QVERIFY(!fileBytes().contains("acme"));
    }

    void damagedFileHasNoProfiles()
    {
        writeFile(QByteArray("[profiles]\nacme\\baseUrl=https://a.io\n") + '\0');
        Settings settings(path());
        QVERIFY(settings.isDamaged());
        QVERIFY(settings.profileNames().isEmpty());
        QString refusal;
        QVERIFY(!settings.profile(u"acme"_s, &refusal));
        QVERIFY(refusal.contains(u"NUL"_s));
        QVERIFY(!settings.agentTarget(&refusal));
    }

    void environmentProfile_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("verify");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<bool>("verifies");
        QTest::newRow("plain") << u"https://unit-acme.instana.io"_s << QString() << true << true;
        QTest::newRow("verify false") << u"https://unit-acme.instana.io"_s << u"false"_s << true << false;
        QTest::newRow("verify 0") << u"https://unit-acme.instana.io"_s << u"0"_s << true << false;
        QTest::newRow("verify FALSE") << u"https://unit-acme.instana.io"_s << u"FALSE"_s << true << false;
        QTest::newRow("verify true") << u"https://unit-acme.instana.io"_s << u"true"_s << true << true;
        QTest::newRow("verify 1") << u"https://unit-acme.instana.io"_s << u"1"_s << true << true;
        QTest::newRow("verify junk") << u"https://unit-acme.instana.io"_s << u"maybe"_s << false << true;
        QTest::newRow("remote http") << u"http://instana.corp"_s << QString() << false << true;
        QTest::newRow("no scheme") << u"unit-acme.instana.io"_s << QString() << false << true;
    }

    void environmentProfile()
    {
        QFETCH(QString, base);
        QFETCH(QString, verify);
        QFETCH(bool, accepted);
        QFETCH(bool, verifies);
        QProcessEnvironment env = environment({{u"INSTANA_BASE_URL"_s, base}, {u"INSTANA_API_TOKEN"_s, u"tok-1"_s}});
        if (!verify.isEmpty())
            env.insert(u"INSTANA_SSL_VERIFY"_s, verify);
        QString token;
        QString error;
        const auto profile = Workbench::environmentProfile(env, &token, &error);
        QCOMPARE(bool(profile), accepted);
        if (!accepted) {
            QVERIFY(!error.isEmpty());
            QVERIFY(!error.contains(u"tok-1"_s));
            QVERIFY(token.isEmpty());
            return;
        }
        QCOMPARE(profile->name, u"environment"_s);
        QCOMPARE(profile->verifyTls, verifies);
        QCOMPARE(token, u"tok-1"_s);
        QVERIFY(profile->agentUrl.isEmpty());
    }

    void environmentCaBundle()
    {
        QString error;
        auto env = environment(
            {{u"INSTANA_BASE_URL"_s, u"https://a.io"_s}, {u"INSTANA_CA_BUNDLE"_s, m_dir->filePath(u"none.pem"_s)}});
        QVERIFY(!Workbench::environmentProfile(env, nullptr, &error));
        QVERIFY2(error.contains(u"none.pem"_s), qPrintable(error));
        QFile pem(m_dir->filePath(u"none.pem"_s));
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.close();
        const auto profile = Workbench::environmentProfile(env, nullptr, &error);
        QVERIFY(profile);
        QCOMPARE(profile->caBundleFile, pem.fileName());
        QVERIFY(!Workbench::environmentProfile({}, nullptr, &error)); // unset: none
    }

    void choiceOrder()
    {
        Settings settings(path());
        ConnectionProfile current = tenant(u"current"_s);
        current.agentUrl = QUrl(u"http://10.0.0.1:42699"_s);
        ConnectionProfile other = tenant(u"other"_s);
        other.agentUrl = QUrl(u"http://10.0.0.2:42699"_s);
        QVERIFY(settings.setProfile(current).isEmpty());
        QVERIFY(settings.setProfile(other).isEmpty());
        const QProcessEnvironment none;
        const auto withEnv = environment({{u"INSTANA_BASE_URL"_s, u"https://env.instana.io"_s}});

        // Nothing chosen: no profile.
        ProfileChoice choice = Workbench::chooseProfile(settings, {}, none);
        QCOMPARE(choice.source, ProfileChoice::Source::None);
        QVERIFY(choice.ok());
        QVERIFY(!choice.profile);

        QVERIFY(settings.setCurrentProfileName(u"current"_s).isEmpty());
        choice = Workbench::chooseProfile(settings, {}, none);
        QCOMPARE(choice.source, ProfileChoice::Source::Current);
        QCOMPARE(choice.profile->name, u"current"_s);

        // The environment wins over the current profile...
        choice = Workbench::chooseProfile(settings, {}, withEnv);
        QCOMPARE(choice.source, ProfileChoice::Source::Environment);
        QCOMPARE(choice.profile->baseUrl, QUrl(u"https://env.instana.io"_s));

        // ... and a requested one over both.
        choice = Workbench::chooseProfile(settings, u"other"_s, withEnv);
        QCOMPARE(choice.source, ProfileChoice::Source::Requested);
        QCOMPARE(choice.profile->name, u"other"_s);
        choice = Workbench::chooseProfile(settings, u"environment"_s, withEnv);
        QCOMPARE(choice.source, ProfileChoice::Source::Environment);

        // A requested profile that is not there is an error, never the next in order.
        choice = Workbench::chooseProfile(settings, u"nobody"_s, withEnv);
        QVERIFY(!choice.ok());
        QVERIFY(!choice.profile);
        QVERIFY(choice.error.contains(u"nobody"_s));
        choice = Workbench::chooseProfile(settings, u"environment"_s, none);
        QVERIFY(!choice.ok());
        QVERIFY(choice.error.contains(u"INSTANA_BASE_URL"_s));
        // A refused environment is not passed over for the current profile.
        choice = Workbench::chooseProfile(settings, {}, environment({{u"INSTANA_BASE_URL"_s, u"ftp://x"_s}}));
        QCOMPARE(choice.source, ProfileChoice::Source::Environment);
        QVERIFY(!choice.ok());
    }

    void agentTargetOrder()
    {
        Settings settings(path());
        ConnectionProfile withAgent = tenant(u"with-agent"_s);
        withAgent.agentUrl = QUrl(u"http://10.0.0.1:42699"_s);
        const ConnectionProfile withoutAgent = tenant(u"without-agent"_s);
        QVERIFY(settings.setProfile(withAgent).isEmpty());
        QVERIFY(settings.setProfile(withoutAgent).isEmpty());

        // No profile, no agent.url: the default.
        QCOMPARE(settings.agentTarget(nullptr, nullptr), std::optional<QUrl>(Workbench::AgentEndpoint::defaultUrl()));
        settings.setAgentUrl(QUrl(u"http://10.9.9.9:42699"_s));
        QCOMPARE(settings.agentTarget(nullptr, nullptr), std::optional<QUrl>(QUrl(u"http://10.9.9.9:42699"_s)));
        // A profile without an agent of its own: agent.url.
        QCOMPARE(settings.agentTarget(&withoutAgent, nullptr), std::optional<QUrl>(QUrl(u"http://10.9.9.9:42699"_s)));
        // The profile's agent wins.
        QCOMPARE(settings.agentTarget(&withAgent, nullptr), std::optional<QUrl>(withAgent.agentUrl));

        // agentTarget() follows the current profile (when the environment names none).
        if (qEnvironmentVariableIsEmpty("INSTANA_BASE_URL")) {
            QCOMPARE(settings.agentTarget(), std::optional<QUrl>(QUrl(u"http://10.9.9.9:42699"_s)));
            QVERIFY(settings.setCurrentProfileName(u"with-agent"_s).isEmpty());
            QCOMPARE(settings.agentTarget(), std::optional<QUrl>(withAgent.agentUrl));
            // A current profile that another program removed stops sending.
            QVERIFY(settings.sync().isEmpty());
            writeFile("[connection]\ncurrentProfile=with-agent\n");
            const Settings reread(path());
            QString refusal;
            QVERIFY(!reread.agentTarget(&refusal));
            QVERIFY2(refusal.contains(u"with-agent"_s), qPrintable(refusal));
        }
    }

    void tokensGoThroughTheStore()
    {
        Workbench::MemorySecretStore keychain;
        Workbench::TokenVault vault(keychain);
        QVERIFY(!vault.isSessionOnly());
        const QString token = u"abc.DEF-123_token"_s;
        QVERIFY(
            answerOf([&](QObject *c, SecretStore::Callback cb) { vault.writeToken(u"acme"_s, token, c, cb); }).ok());
        // Under the profile's key in the store itself.
        const auto direct
            = answerOf([&](QObject *c, SecretStore::Callback cb) { keychain.read(u"profile/acme"_s, c, cb); });
        QCOMPARE(direct.value, token);
        QCOMPARE(answerOf([&](QObject *c, SecretStore::Callback cb) { vault.readToken(u"acme"_s, c, cb); }).value,
                 token);
        QVERIFY(answerOf([&](QObject *c, SecretStore::Callback cb) { vault.removeToken(u"acme"_s, c, cb); }).ok());
        const auto gone = answerOf([&](QObject *c, SecretStore::Callback cb) { vault.readToken(u"acme"_s, c, cb); });
        QCOMPARE(gone.error, SecretStore::Error::NotFound);
        QVERIFY(Workbench::TokenVault::explain(gone, u"acme"_s).contains(u"acme"_s));
    }

    void badTokensAreNeverStored_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << u"abc def"_s;
        QTest::newRow("newline") << u"abc\ndef"_s;
        QTest::newRow("control") << u"abc\u0001"_s;
        QTest::newRow("too long") << QString(Workbench::TokenVault::MaxTokenBytes + 1, u'x');
    }

    void badTokensAreNeverStored()
    {
        QFETCH(QString, token);
        Workbench::MemorySecretStore keychain;
        Workbench::TokenVault vault(keychain);
        const auto refused
            = answerOf([&](QObject *c, SecretStore::Callback cb) { vault.writeToken(u"acme"_s, token, c, cb); });
        QVERIFY(!refused.ok());
        QVERIFY(!refused.message.isEmpty());
        if (!token.isEmpty())
            QVERIFY(!refused.message.contains(token));
        const auto read
            = answerOf([&](QObject *c, SecretStore::Callback cb) { keychain.read(u"profile/acme"_s, c, cb); });
        QCOMPARE(read.error, SecretStore::Error::NotFound);
        QVERIFY(Workbench::TokenVault::tokenProblem(QString(Workbench::TokenVault::MaxTokenBytes, u'x')).isEmpty());
    }

    void explanationsSayWhatToDo()
    {
        using Workbench::TokenVault;
        const QString noBackend = TokenVault::explain({SecretStore::Error::NoBackend, u"x"_s, {}}, u"acme"_s);
        QVERIFY2(noBackend.contains(u"gnome-keyring"_s), qPrintable(noBackend));
        QVERIFY(noBackend.contains(u"Secret Service"_s));
        const QString denied = TokenVault::explain({SecretStore::Error::AccessDenied, u"x"_s, {}}, u"acme"_s);
        QVERIFY(denied.contains(u"\"login\""_s));
        QVERIFY(denied.contains(u"KWallet"_s));
        QVERIFY(TokenVault::isUnavailable({SecretStore::Error::NoBackend, {}, {}}));
        QVERIFY(TokenVault::isUnavailable({SecretStore::Error::AccessDenied, {}, {}}));
        QVERIFY(!TokenVault::isUnavailable({SecretStore::Error::NotFound, {}, {}}));
        QVERIFY(TokenVault::explain({}, u"acme"_s).isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
