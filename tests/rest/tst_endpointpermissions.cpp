// The permission table generated from Instana's REST API specification: what a path and method
// need, and that the generator run on the specification writes the checked-in table again.

#include "core/rest/endpointpermissions.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench::Rest;

class TestEndpointPermissions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void permissionOfPath_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("permission");
        const QString apps = u"/api/application-monitoring/settings/application"_s;
        const QString service = u"/api/application-monitoring/settings/service"_s;
        QTest::newRow("list perspectives") << QByteArray("GET") << apps << u"canConfigureApplications"_s;
        QTest::newRow("trailing slash") << QByteArray("GET") << QString(apps + u'/') << u"canConfigureApplications"_s;
        QTest::newRow("lower-case method") << QByteArray("get") << apps << u"canConfigureApplications"_s;
        QTest::newRow("delete one") << QByteArray("DELETE") << QString(apps + u"/CxJ55sRbQwqBIfw5DzpRmQ"_s)
                                    << u"canConfigureApplications"_s;
        QTest::newRow("with query") << QByteArray("GET") << QString(service + u"/abc?x=1"_s)
                                    << u"canConfigureServiceMapping"_s;
        QTest::newRow("literal before param")
            << QByteArray("PUT") << QString(service + u"/order"_s) << u"canConfigureServiceMapping"_s;
        QTest::newRow("wrapped description")
            << QByteArray("POST") << u"/api/events/settings/alertingChannels/notify/42"_s << u"canInvokeAlertChannel"_s;
        QTest::newRow("synthetic calls") << QByteArray("DELETE") << u"/api/settings/synthetic-calls"_s
                                         << u"canConfigureServiceMapping"_s;
        QTest::newRow("version: none") << QByteArray("GET") << u"/api/instana/version"_s << QString();
        QTest::newRow("other method: none") << QByteArray("POST") << QString(apps + u"/x"_s) << QString();
        QTest::newRow("extra segment: none") << QByteArray("GET") << QString(apps + u"/a/b"_s) << QString();
        QTest::newRow("empty param: none") << QByteArray("DELETE") << QString(apps + u"//"_s) << QString();
        QTest::newRow("prefix only: none")
            << QByteArray("GET") << u"/api/application-monitoring/settings"_s << QString();
        QTest::newRow("empty: none") << QByteArray("GET") << QString() << QString();
    }

    void permissionOfPath()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, permission);
        QCOMPARE(requiredPermission(method, path), permission);
    }

    void tableIsSortedAndWhole()
    {
        const auto table = endpointPermissions();
        QCOMPARE(qsizetype(table.size()), qsizetype(24)); // the operations whose description names one
        QSet<QString> seen;
        for (std::size_t i = 0; i < table.size(); ++i) {
            const QString key
                = QString::fromLatin1(table[i].pathTemplate) + u' ' + QString::fromLatin1(table[i].method);
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
            QVERIFY(QByteArray(table[i].permission).startsWith("can"));
            if (i > 0) {
                const auto previous
                    = std::make_pair(QByteArray(table[i - 1].pathTemplate), QByteArray(table[i - 1].method));
                const auto current = std::make_pair(QByteArray(table[i].pathTemplate), QByteArray(table[i].method));
                QVERIFY2(previous < current, qPrintable(key));
            }
        }
    }

    void generatorReproducesTable()
    {
        const QString spec = qEnvironmentVariable("WORKBENCH_OPENAPI_SPEC");
        if (spec.isEmpty() || !QFile::exists(spec))
            QSKIP(qPrintable(
                u"the specification %1 is absent"_s.arg(spec.isEmpty() ? u"(WORKBENCH_OPENAPI_SPEC unset)"_s : spec)));
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const QString source = qEnvironmentVariable("WORKBENCH_SOURCE_DIR");
        QProcess generator;
        generator.start(python, {source + u"/packaging/endpoint-permissions.py"_s, spec, u"-"_s});
        QVERIFY(generator.waitForFinished(60000));
        QCOMPARE(generator.exitStatus(), QProcess::NormalExit);
        QVERIFY2(generator.exitCode() == 0, generator.readAllStandardError().constData());
        QFile checkedIn(source + u"/app/core/rest/endpointpermissions.cpp"_s);
        QVERIFY(checkedIn.open(QIODevice::ReadOnly));
        const QByteArray expected = checkedIn.readAll();
        const QByteArray generated = generator.readAllStandardOutput();
        QVERIFY(generated.contains("canConfigureApplications"));
        QCOMPARE(generated, expected);
    }
};

QTEST_GUILESS_MAIN(TestEndpointPermissions)
#include "tst_endpointpermissions.moc"
