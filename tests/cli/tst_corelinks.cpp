// iwb is built from the core alone: its binary must not need Qt Widgets, Gui, Charts or
// OpenGL, so that it runs on servers without a display stack. The GUI binary, for contrast,
// must need Widgets (which shows that the check reads the right thing).

#include "tests/support/testsupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QStringList neededLibraries(const QString &binary)
{
    QProcess readelf;
    readelf.start(u"readelf"_s, {u"--dynamic"_s, u"--wide"_s, binary});
    if (!readelf.waitForFinished(30000) || readelf.exitCode() != 0)
        return {};
    QStringList needed;
    static const QRegularExpression pattern(u"\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]"_s);
    auto it = pattern.globalMatch(QString::fromUtf8(readelf.readAllStandardOutput()));
    while (it.hasNext())
        needed << it.next().captured(1);
    return needed;
}
} // namespace

class TestCoreLinks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void iwbNeedsNoGuiLibraries()
    {
        const QStringList needed = neededLibraries(TestSupport::iwbBinary());
        QVERIFY2(!needed.isEmpty(), "readelf found no libraries; is binutils installed?");
        QVERIFY(needed.contains(u"libQt6Core.so.6"_s));
        QVERIFY(needed.contains(u"libQt6Network.so.6"_s));
        for (const QString &library : needed) {
            for (const auto forbidden : {"Widgets", "Gui", "Charts", "OpenGL"})
                QVERIFY2(!library.contains(u"Qt6"_s + QString::fromLatin1(forbidden)), qPrintable(library));
        }
    }

    void guiNeedsWidgets()
    {
        const QStringList needed = neededLibraries(TestSupport::guiBinary());
        QVERIFY(needed.contains(u"libQt6Widgets.so.6"_s));
    }
};

QTEST_GUILESS_MAIN(TestCoreLinks)
#include "tst_corelinks.moc"
