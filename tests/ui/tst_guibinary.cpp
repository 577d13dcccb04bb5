// The instana-workbench executable with no display: --version, --help, usage errors, and
// --screenshot rendering a real PNG.

#include "tests/support/testsupport.h"
#include "ui/viewer/spancolors.h"

#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::ProcessResult;

class TestGuiBinary : public QObject
{
    Q_OBJECT

    ProcessResult gui(const QStringList &arguments)
    {
        // No DISPLAY and no QT_QPA_PLATFORM: as on a build server.
        return TestSupport::run(TestSupport::guiBinary(), arguments, TestSupport::isolatedEnvironment(m_home->path()));
    }

    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        }
        return int(colours.size());
    }

    // Pixels painted in one of the waterfall's service colours: bars of spans.
    static int serviceColouredPixels(const QImage &image)
    {
        const auto &palette = Workbench::SpanColors::palette();
        const QSet<QRgb> colours(palette.begin(), palette.end());
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                count += colours.contains(image.pixel(x, y) | 0xff000000u) ? 1 : 0;
        }
        return count;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::guiBinary()), "WORKBENCH_GUI_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void versionWithoutDisplay()
    {
        const ProcessResult r = gui({u"--version"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(u"instana-workbench 0."_s), qPrintable(r.out + r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void helpWithoutDisplay()
    {
        const ProcessResult r = gui({u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(u"Usage: instana-workbench [options]"_s));
        QVERIFY(r.out.contains(u"--screenshot"_s));
    }

    void usageError()
    {
        const ProcessResult r = gui({u"--page"_s, u"nowhere"_s});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(r.err.startsWith(u"instana-workbench: there is no workspace 'nowhere'"_s));
    }

    void noDisplayIsSaidPlainly()
    {
        const ProcessResult r = gui({});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.crashed);
        QVERIFY2(r.err.contains(u"no display"_s), qPrintable(r.err));
    }

    void screenshotWritesAPicture()
    {
        const QString events = m_home->filePath(u"events.png"_s);
        ProcessResult r = gui({u"--screenshot"_s, events});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.crashed);
        QImage image(events);
        QVERIFY2(!image.isNull(), qPrintable(r.err));
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY2(distinctColours(image) > 20, "the screenshot is (nearly) one colour");

        // --page is applied before the picture is taken, and shows a different workspace.
        const QString agent = m_home->filePath(u"sub/dir/agent.png"_s);
        r = gui({u"--page"_s, u"agent"_s, u"--screenshot"_s, agent, u"--screenshot-size"_s, u"1024x640"_s});
        QCOMPARE(r.exitCode, 0);
        const QImage agentImage(agent);
        QCOMPARE(agentImage.size(), QSize(1024, 640));
        QVERIFY(agentImage != image.scaled(1024, 640));

        // Screenshots leave the settings alone.
        QVERIFY(!QFileInfo::exists(m_home->path() + u"/config/instana-workbench/workbench.ini"_s));
    }

    void screenshotWaitsForTheTraceToLoad()
    {
        // Large enough that the agent target has answered long before the file is read.
        const QString trace = m_home->filePath(u"large.json"_s);
        const ProcessResult generated = TestSupport::run(
            TestSupport::iwbBinary(), {u"trace"_s, u"generate"_s, u"--spans"_s, u"100000"_s, u"-o"_s, trace},
            TestSupport::isolatedEnvironment(m_home->path()));
        QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));

        const QString shot = m_home->filePath(u"viewer.png"_s);
        const ProcessResult r
            = TestSupport::run(TestSupport::guiBinary(), {u"--page"_s, u"viewer"_s, u"--screenshot"_s, shot, trace},
                               TestSupport::isolatedEnvironment(m_home->path()), std::chrono::seconds(100));
        QCOMPARE(r.exitCode, 0);
        const QImage image(shot);
        QVERIFY2(!image.isNull(), qPrintable(r.err));
        // The waterfall with its bars, not the progress bar over "No trace open": the root
        // span's bar alone is some thousand pixels of its service's colour.
        const int bars = serviceColouredPixels(image);
        QVERIFY2(bars > 2000, qPrintable(u"%1 pixels in service colours"_s.arg(bars)));
    }

    void screenshotIntoAnUnwritablePlaceFails()
    {
        QFile blocker(m_home->filePath(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const ProcessResult r = gui({u"--screenshot"_s, m_home->filePath(u"blocker/shot.png"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Cannot write"_s), qPrintable(r.err));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestGuiBinary)
#include "tst_guibinary.moc"
