// The contract every SecretStore keeps, run against the store named by
// WORKBENCH_SECRET_BACKEND: "memory", or "keychain" (inside tests/support/with-keyring.sh,
// so against a real GNOME Keyring on a private session bus).

#include "core/secrets/keychainsecretstore.h"
#include "core/secrets/memorysecretstore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using Workbench::SecretStore;

namespace {

// Waits for one answer of the store, and checks that there is exactly one.
class Answer : public QObject
{
    Q_OBJECT
public:
    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Result &answer) {
            ++count;
            result = answer;
            Q_EMIT answered();
        };
    }
    bool wait()
    {
        if (count == 0) {
            QSignalSpy spy(this, &Answer::answered);
            if (!spy.wait(20000))
                return false;
        }
        QTest::qWait(20);
        return count == 1;
    }

    int count = 0;
    SecretStore::Result result;

Q_SIGNALS:
    void answered();
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString backend = qEnvironmentVariable("WORKBENCH_SECRET_BACKEND", u"memory"_s);
        if (backend == u"keychain"_s) {
            QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                     "the keychain test must run inside tests/support/with-keyring.sh");
            // A service name of its own, so the test never meets a real profile's secrets.
            m_store = std::make_unique<Workbench::KeychainSecretStore>(u"instana-workbench-test"_s);
            QVERIFY(m_store->isPersistent());
        } else {
            m_store = std::make_unique<Workbench::MemorySecretStore>();
            QVERIFY(!m_store->isPersistent());
        }
        QVERIFY(!m_store->backendName().isEmpty());
        qInfo() << "secret store:" << m_store->backendName();
    }

    void init() { m_key = u"profile:test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces); }

    void readMissing()
    {
        Answer answer;
        m_store->read(m_key, this, answer.callback());
        QCOMPARE(answer.count, 0); // never synchronously
        QVERIFY(answer.wait());
        QCOMPARE(answer.result.error, SecretStore::Error::NotFound);
        QVERIFY(answer.result.value.isEmpty());
        QVERIFY(answer.result.message.contains(m_key));
    }

    void writeReadOverwriteRemove()
    {
        const QString first = u"tok-"_s + QUuid::createUuid().toString();
        const QString second = u"tök-ŝecond ✓ "_s + QUuid::createUuid().toString();

        Answer written;
        m_store->write(m_key, first, this, written.callback());
        QVERIFY(written.wait());
        QVERIFY2(written.result.ok(), qPrintable(written.result.message));
        QVERIFY(!written.result.message.contains(first));

        Answer read;
        m_store->read(m_key, this, read.callback());
        QVERIFY(read.wait());
        QVERIFY2(read.result.ok(), qPrintable(read.result.message));
        QCOMPARE(read.result.value, first);

        Answer overwritten;
        m_store->write(m_key, second, this, overwritten.callback());
        QVERIFY(overwritten.wait());
        QVERIFY(overwritten.result.ok());

        Answer readAgain;
        m_store->read(m_key, this, readAgain.callback());
        QVERIFY(readAgain.wait());
        QCOMPARE(readAgain.result.value, second);

        Answer removed;
        m_store->remove(m_key, this, removed.callback());
        QVERIFY(removed.wait());
        QVERIFY2(removed.result.ok(), qPrintable(removed.result.message));

        Answer gone;
        m_store->read(m_key, this, gone.callback());
        QVERIFY(gone.wait());
        QCOMPARE(gone.result.error, SecretStore::Error::NotFound);
    }

    void keysAreSeparate()
    {
        const QString otherKey = m_key + u"-other"_s;
        Answer a;
        Answer b;
        m_store->write(m_key, u"a-value"_s, this, a.callback());
        m_store->write(otherKey, u"b-value"_s, this, b.callback());
        QVERIFY(a.wait());
        QVERIFY(b.wait());

        Answer readA;
        Answer readB;
        m_store->read(m_key, this, readA.callback());
        m_store->read(otherKey, this, readB.callback());
        QVERIFY(readA.wait());
        QVERIFY(readB.wait());
        QCOMPARE(readA.result.value, u"a-value"_s);
        QCOMPARE(readB.result.value, u"b-value"_s);

        Answer cleanA;
        Answer cleanB;
        m_store->remove(m_key, this, cleanA.callback());
        m_store->remove(otherKey, this, cleanB.callback());
        QVERIFY(cleanA.wait());
        QVERIFY(cleanB.wait());
    }

    void answerIsDroppedWhenTheContextIsGone()
    {
        auto context = std::make_unique<QObject>();
        bool called = false;
        m_store->read(m_key, context.get(), [&called](const SecretStore::Result &) { called = true; });
        context.reset();
        QTest::qWait(500);
        QVERIFY(!called);
    }

private:
    std::unique_ptr<SecretStore> m_store;
    QString m_key;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
