// TokenVault over the real keychain store where no Secret Service answers: the answer says
// what to install, and a token for this session only is kept in memory, never on disk.

#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::SecretStore;
using Workbench::TokenVault;

class TestTokenVaultNoBackend : public QObject
{
    Q_OBJECT

    SecretStore::Result answerOf(const std::function<void(SecretStore::Callback)> &operation)
    {
        int answers = 0;
        SecretStore::Result result;
        operation([&](const SecretStore::Result &r) {
            ++answers;
            result = r;
        });
        if (!QTest::qWaitFor([&answers] { return answers > 0; }, 30000))
            qWarning("no answer");
        QTest::qWait(10);
        if (answers != 1)
            result.error = SecretStore::Error::Other;
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void unavailableThenSessionOnly()
    {
        Workbench::KeychainSecretStore keychain(u"instana-workbench-test"_s);
        TokenVault vault(keychain);
        const QString token = u"tok-session-only-0815"_s;
        const auto refused = answerOf([&](SecretStore::Callback cb) { vault.writeToken(u"acme"_s, token, this, cb); });
        QCOMPARE(refused.error, SecretStore::Error::NoBackend);
        QVERIFY(TokenVault::isUnavailable(refused));
        const QString sentence = TokenVault::explain(refused, u"acme"_s);
        QVERIFY2(sentence.contains(u"gnome-keyring"_s), qPrintable(sentence));
        QVERIFY(!sentence.contains(token));

        vault.useSessionOnly();
        QVERIFY(vault.isSessionOnly());
        QVERIFY(vault.backendName() != keychain.backendName());
        QVERIFY(answerOf([&](SecretStore::Callback cb) { vault.writeToken(u"acme"_s, token, this, cb); }).ok());
        QCOMPARE(answerOf([&](SecretStore::Callback cb) { vault.readToken(u"acme"_s, this, cb); }).value, token);

        // The next run does not have it: it was in memory only.
        TokenVault nextRun(keychain);
        QVERIFY(!answerOf([&](SecretStore::Callback cb) { nextRun.readToken(u"acme"_s, this, cb); }).ok());
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QDirIterator it(config, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token.toUtf8()), qPrintable(file.fileName()));
        }

        QVERIFY(answerOf([&](SecretStore::Callback cb) { vault.removeToken(u"acme"_s, this, cb); }).ok());
        QCOMPARE(answerOf([&](SecretStore::Callback cb) { vault.readToken(u"acme"_s, this, cb); }).error,
                 SecretStore::Error::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTokenVaultNoBackend)
#include "tst_tokenvault_nobackend.moc"
