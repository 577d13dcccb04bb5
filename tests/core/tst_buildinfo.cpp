#include "core/about/buildinfo.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::BuildInfo;

class TestBuildInfo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionsAreFilledIn()
    {
        const BuildInfo info = BuildInfo::current();
        QVERIFY(QRegularExpression(u"^\\d+\\.\\d+\\.\\d+$"_s).match(info.applicationVersion).hasMatch());
        QCOMPARE(info.qtRuntimeVersion, QString::fromLatin1(qVersion()));
        QVERIFY(info.qtKeychainVersion.startsWith(u"0."_s) || info.qtKeychainVersion.startsWith(u"1."_s));
        QVERIFY(!info.compiler.isEmpty());
        QVERIFY(!info.platform.isEmpty());
    }

    void summaryAndJsonAgree()
    {
        const BuildInfo info = BuildInfo::current();
        QCOMPARE(info.summaryLine(u"iwb"_s),
                 u"iwb %1 (Qt %2, QtKeychain %3)"_s.arg(info.applicationVersion, info.qtRuntimeVersion,
                                                        info.qtKeychainVersion));
        const QJsonObject json = info.toJson();
        QCOMPARE(json.value(u"version"_s).toString(), info.applicationVersion);
        QCOMPARE(json.value(u"qtRuntime"_s).toString(), info.qtRuntimeVersion);
        QCOMPARE(json.value(u"qtKeychain"_s).toString(), info.qtKeychainVersion);
    }
};

QTEST_GUILESS_MAIN(TestBuildInfo)
#include "tst_buildinfo.moc"
