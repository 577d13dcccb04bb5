// With no Secret Service on the session bus, the keychain store answers with a clear error,
// promptly, and never falls back to storing the secret in plain text.

#include "core/secrets/keychainsecretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::SecretStore;

class TestSecretStoreNoBackend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void writeFailsClearly()
    {
        Workbench::KeychainSecretStore store(u"instana-workbench-test"_s);
        const QString token = u"plaintext-must-not-appear-anywhere"_s;
        int answers = 0;
        SecretStore::Result result;
        store.write(u"profile:x"_s, token, this, [&](const SecretStore::Result &r) {
            ++answers;
            result = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, 30000);
        QVERIFY(!result.ok());
        QVERIFY2(result.error == SecretStore::Error::NoBackend || result.error == SecretStore::Error::Other,
                 qPrintable(SecretStore::errorName(result.error)));
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.message.contains(token));
        qInfo() << "answer without a keychain:" << result.message;

        // Nothing was written to disk in its place.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QDirIterator it(config, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token.toUtf8()), qPrintable(file.fileName()));
        }
    }

    void readFailsClearly()
    {
        Workbench::KeychainSecretStore store(u"instana-workbench-test"_s);
        int answers = 0;
        SecretStore::Result result;
        store.read(u"profile:x"_s, this, [&](const SecretStore::Result &r) {
            ++answers;
            result = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, 30000);
        QVERIFY(!result.ok());
        QVERIFY(result.value.isEmpty());
        QVERIFY(!result.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStoreNoBackend)
#include "tst_secretstore_nobackend.moc"
