// Saving and removing a profile with its token: the token goes to the store first and the
// profile to the settings file after it, never one without the other; a damaged or unwritable
// settings file keeps nothing, and the token never reaches the file.

#include "core/profiles/connectionprofile.h"
#include "core/profiles/profilewriter.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/memorysecretstore.h"
#include "core/settings/settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

ConnectionProfile tenant(const QString &name = u"acme"_s)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(u"https://unit-acme.instana.io"_s);
    return profile;
}

// Runs one write to its answer, which must come once and not before the call returns.
ProfileWriteResult answerOf(const std::function<void(QObject *, ProfileWriteCallback)> &operation)
{
    QObject context;
    int answers = 0;
    ProfileWriteResult result;
    operation(&context, [&](const ProfileWriteResult &r) {
        ++answers;
        result = r;
    });
    const bool synchronous = answers != 0;
    if (!QTest::qWaitFor([&answers] { return answers != 0; }, 20000))
        qWarning("no answer");
    QTest::qWait(10);
    if (synchronous || answers != 1)
        return {false, false, u"answered %1 times%2"_s.arg(answers).arg(synchronous ? u", at once"_s : QString())};
    return result;
}

SecretStore::Result readToken(TokenVault &vault, const QString &name)
{
    QObject context;
    std::optional<SecretStore::Result> result;
    vault.readToken(name, &context, [&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return {SecretStore::Error::Other, u"no answer"_s, {}};
    return *result;
}

} // namespace

class TestProfileWriter : public QObject
{
    Q_OBJECT

    QString path() const { return m_dir->filePath(u"workbench.ini"_s); }
    QByteArray fileBytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void savesTheTokenInTheStoreAndTheProfileInTheFile()
    {
        Settings settings(path());
        MemorySecretStore store;
        TokenVault vault(store);
        const QString token = u"tok-writer-4711"_s;
        const ProfileWriteResult saved = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, tenant(), token, context, std::move(done));
        });
        QVERIFY2(saved.ok, qPrintable(saved.message));
        QVERIFY(saved.message.contains(u"acme"_s));
        QVERIFY(!saved.message.contains(token));
        QCOMPARE(readToken(vault, u"acme"_s).value, token);
        QVERIFY(fileBytes().contains("unit-acme.instana.io"));
        QVERIFY(!fileBytes().contains(token.toUtf8()));
        QCOMPARE(Settings(path()).profile(u"acme"_s), tenant());

        // Saved again without a token: the stored one stays.
        ConnectionProfile changed = tenant();
        changed.timeout = std::chrono::milliseconds(5000);
        const ProfileWriteResult again = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, changed, std::nullopt, context, std::move(done));
        });
        QVERIFY2(again.ok, qPrintable(again.message));
        QCOMPARE(Settings(path()).profile(u"acme"_s), changed);
        QCOMPARE(readToken(vault, u"acme"_s).value, token);
    }

    void refusedProfileOrTokenSavesNothing()
    {
        Settings settings(path());
        MemorySecretStore store;
        TokenVault vault(store);
        ConnectionProfile bad = tenant();
        bad.baseUrl = QUrl(u"http://unit-acme.instana.io"_s);
        const ProfileWriteResult refused = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, bad, u"tok-1"_s, context, std::move(done));
        });
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(u"unencrypted"_s), qPrintable(refused.message));
        QVERIFY(refused.message.contains(u"Nothing was saved"_s));
        QCOMPARE(readToken(vault, u"acme"_s).error, SecretStore::Error::NotFound);
        QVERIFY(!settings.hasProfile(u"acme"_s));

        const ProfileWriteResult badToken = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, tenant(), u"two words"_s, context, std::move(done));
        });
        QVERIFY(!badToken.ok);
        QVERIFY(!badToken.keychainUnavailable);
        QVERIFY2(badToken.message.contains(u"spaces"_s), qPrintable(badToken.message));
        QVERIFY(!badToken.message.contains(u"two words"_s));
        QVERIFY(!settings.hasProfile(u"acme"_s));
        QVERIFY(!fileBytes().contains("acme"));
    }

    void damagedFileKeepsEverythingAsItIs()
    {
        const QByteArray junk("[profiles]\nacme\\baseUrl=https://a.io\n\x00\xff junk\n", 40);
        {
            QFile file(path());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(junk);
        }
        Settings settings(path());
        QVERIFY(settings.isDamaged());
        MemorySecretStore store;
        TokenVault vault(store);
        const ProfileWriteResult saved = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, tenant(), u"tok-2"_s, context, std::move(done));
        });
        QVERIFY(!saved.ok);
        QVERIFY2(saved.message.startsWith(settings.damage()), qPrintable(saved.message));
        QVERIFY(saved.message.contains(u"Nothing was saved"_s));
        QCOMPARE(readToken(vault, u"acme"_s).error, SecretStore::Error::NotFound);
        const ProfileWriteResult removed = answerOf([&](QObject *context, ProfileWriteCallback done) {
            removeProfileAndToken(settings, vault, u"acme"_s, context, std::move(done));
        });
        QVERIFY(!removed.ok);
        QVERIFY(removed.message.startsWith(settings.damage()));
        QVERIFY(useProfile(settings, u"acme"_s).startsWith(settings.damage()));
        QCOMPARE(fileBytes(), junk);
    }

    void unwritableFileTakesTheTokenBack()
    {
        // A file where the settings' folder would be: nothing can be written.
        const QString blocked = m_dir->filePath(u"blocked"_s);
        {
            QFile blocker(blocked);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        Settings settings(blocked + u"/workbench.ini"_s);
        MemorySecretStore store;
        TokenVault vault(store);
        const ProfileWriteResult saved = answerOf([&](QObject *context, ProfileWriteCallback done) {
            saveProfileAndToken(settings, vault, tenant(), u"tok-3"_s, context, std::move(done));
        });
        QVERIFY(!saved.ok);
        QVERIFY2(saved.message.contains(u"Cannot write the settings file"_s), qPrintable(saved.message));
        QVERIFY(saved.message.contains(u"taken out of the keychain again"_s));
        QCOMPARE(readToken(vault, u"acme"_s).error, SecretStore::Error::NotFound);
    }

    void removeTakesTheTokenWithIt()
    {
        Settings settings(path());
        MemorySecretStore store;
        TokenVault vault(store);
        QVERIFY(answerOf([&](QObject *context, ProfileWriteCallback done) {
                    saveProfileAndToken(settings, vault, tenant(), u"tok-4"_s, context, std::move(done));
                }).ok);
        QVERIFY(useProfile(settings, u"acme"_s).isEmpty());
        QCOMPARE(Settings(path()).currentProfileName(), u"acme"_s);
        QVERIFY(!useProfile(settings, u"nobody"_s).isEmpty());

        const ProfileWriteResult removed = answerOf([&](QObject *context, ProfileWriteCallback done) {
            removeProfileAndToken(settings, vault, u"acme"_s, context, std::move(done));
        });
        QVERIFY2(removed.ok, qPrintable(removed.message));
        QCOMPARE(readToken(vault, u"acme"_s).error, SecretStore::Error::NotFound);
        Settings reread(path());
        QVERIFY(!reread.hasProfile(u"acme"_s));
        QVERIFY(reread.currentProfileName().isEmpty());
        QVERIFY(!fileBytes().contains("acme"));

        // A profile without a token is removed too.
        QVERIFY(answerOf([&](QObject *context, ProfileWriteCallback done) {
                    saveProfileAndToken(settings, vault, tenant(u"bare"_s), std::nullopt, context, std::move(done));
                }).ok);
        QVERIFY(answerOf([&](QObject *context, ProfileWriteCallback done) {
                    removeProfileAndToken(settings, vault, u"bare"_s, context, std::move(done));
                }).ok);
        QVERIFY(!Settings(path()).hasProfile(u"bare"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestProfileWriter)
#include "tst_profilewriter.moc"
