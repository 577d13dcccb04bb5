// `iwb api` with a stored profile whose token is in a real Secret Service: run inside
// tests/support/with-keyring.sh (a throwaway GNOME Keyring on a private session bus, HOME and
// XDG dirs of its own). The token goes into the keychain through `iwb profile add --token-stdin`
// and reaches the fake backend from there, in a new process, with neither INSTANA_API_TOKEN nor
// anything on the command line; and never into iwb's output.

#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;

class TestIwbApiKeyring : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"INSTANA_BASE_URL"_s);
        environment.remove(u"INSTANA_API_TOKEN"_s);
        return TestSupport::run(TestSupport::iwbBinary(), arguments, environment, std::chrono::seconds(30), input);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set");
        QVERIFY2(!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(), "run inside with-keyring.sh");
    }

    void tokenFromTheKeychain()
    {
        const QByteArray token = "tok-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        FakeInstana fake(token);
        const QString url = fake.baseUrl().toString();
        const QString name = u"api-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const ProcessResult added
            = iwb({u"profile"_s, u"add"_s, name, u"--url"_s, url, u"--token-stdin"_s}, token + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));

        const ProcessResult byName = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s, u"--profile"_s, name});
        QVERIFY2(byName.exitCode == 0, qPrintable(byName.err));
        QCOMPARE(QJsonDocument::fromJson(byName.out.toUtf8()).object().value(u"imageTag"_s).toString(),
                 u"3.307.417-0"_s);
        QCOMPARE(fake.requests().size(), 1);
        QVERIFY(fake.requests().first().authorized);

        // As the current profile, every page.
        QCOMPARE(iwb({u"profile"_s, u"use"_s, name}).exitCode, 0);
        const ProcessResult all = iwb({u"api"_s, u"get"_s, u"/api/application-monitoring/applications"_s, u"--all"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).object().value(u"totalHits"_s).toInt(), 45);
        for (const ProcessResult &r : {added, byName, all}) {
            QVERIFY(!r.out.contains(QString::fromLatin1(token)));
            QVERIFY(!r.err.contains(QString::fromLatin1(token)));
        }

        // A profile without a token says where to store one; nothing is sent.
        const QString bare = name + u"-bare"_s;
        QCOMPARE(iwb({u"profile"_s, u"add"_s, bare, u"--url"_s, url}).exitCode, 0);
        const qsizetype before = fake.requests().size();
        const ProcessResult none = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s, u"--profile"_s, bare});
        QCOMPARE(none.exitCode, 1);
        QCOMPARE(none.err,
                 u"iwb api get: The keychain holds no token of the profile %1. Store one with: iwb profile "
                 "set-token %1 --token-stdin\n"_s.arg(bare));
        QCOMPARE(fake.requests().size(), before);

        QCOMPARE(iwb({u"profile"_s, u"remove"_s, name}).exitCode, 0);
        QCOMPARE(iwb({u"profile"_s, u"remove"_s, bare}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestIwbApiKeyring)
#include "tst_iwbapi_keyring.moc"
