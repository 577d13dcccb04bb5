#include "ui/shell/guioptions.h"

#include "core/io/filenames.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using Workbench::GuiOptions;
using Action = Workbench::GuiOptions::Action;

class TestGuiOptions : public QObject
{
    Q_OBJECT

    static GuiOptions parse(const QStringList &words)
    {
        return GuiOptions::parse(QStringList{u"/usr/bin/instana-workbench"_s} + words);
    }

private Q_SLOTS:
    void plainRun()
    {
        const GuiOptions options = parse({});
        QCOMPARE(options.action, Action::Run);
        QVERIFY(options.page.isEmpty());
        QVERIFY(options.screenshotFile.isEmpty());
    }

    void help()
    {
        const GuiOptions options = parse({u"--help"_s});
        QCOMPARE(options.action, Action::ShowHelp);
        QVERIFY2(options.text.startsWith(u"Usage: instana-workbench [options]"_s), qPrintable(options.text));
        for (const auto option : {"--page", "--screenshot", "--version"})
            QVERIFY(options.text.contains(QLatin1StringView(option)));
        // The help wraps long lines; the list of workspaces is there, wherever it breaks.
        QVERIFY(options.text.simplified().contains(u"events, spans, viewer, agent, rest"_s));
    }

    void version()
    {
        const GuiOptions options = parse({u"-v"_s});
        QCOMPARE(options.action, Action::ShowVersion);
        QVERIFY(options.text.startsWith(u"instana-workbench 0."_s));
    }

    void pages_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("id");
        QTest::newRow("id") << u"viewer"_s << u"viewer"_s;
        QTest::newRow("alias") << u"span-trees"_s << u"spans"_s;
        QTest::newRow("title") << u"Local Agent"_s << u"agent"_s;
        QTest::newRow("case") << u"REST"_s << u"rest"_s;
        QTest::newRow("unknown") << u"dashboards"_s << QString();
    }

    void pages()
    {
        QFETCH(QString, name);
        QFETCH(QString, id);
        const GuiOptions options = parse({u"--page"_s, name});
        if (id.isEmpty()) {
            QCOMPARE(options.action, Action::UsageError);
            QVERIFY(options.text.contains(u"there is no workspace 'dashboards'"_s));
            QVERIFY(options.text.contains(u"events, spans, viewer, agent, rest"_s));
        } else {
            QCOMPARE(options.action, Action::Run);
            QCOMPARE(options.page, id);
        }
    }

    void screenshot_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("file") << QStringList{u"--screenshot"_s, u"a.png"_s} << QString();
        QTest::newRow("with size") << QStringList{u"--screenshot"_s, u"a.PNG"_s, u"--screenshot-size"_s, u"800x600"_s}
                                   << QString();
        QTest::newRow("not png") << QStringList{u"--screenshot"_s, u"a.jpg"_s} << u"PNG"_s;
        QTest::newRow("no value") << QStringList{u"--screenshot"_s} << u"Missing value"_s;
        QTest::newRow("bad size") << QStringList{u"--screenshot"_s, u"a.png"_s, u"--screenshot-size"_s, u"big"_s}
                                  << u"WIDTHxHEIGHT"_s;
        QTest::newRow("tiny") << QStringList{u"--screenshot"_s, u"a.png"_s, u"--screenshot-size"_s, u"10x10"_s}
                              << u"WIDTHxHEIGHT"_s;
        QTest::newRow("size alone") << QStringList{u"--screenshot-size"_s, u"800x600"_s} << u"goes with"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"Unknown option"_s;
        QTest::newRow("stray argument") << QStringList{u"stray"_s} << u"unexpected argument 'stray'"_s;
    }

    void screenshot()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        const GuiOptions options = parse(words);
        if (error.isEmpty()) {
            QCOMPARE(options.action, Action::Run);
            QVERIFY(options.screenshotFile.startsWith(u"a."_s));
            if (words.contains(u"800x600"_s))
                QCOMPARE(options.screenshotSize, QSize(800, 600));
        } else {
            QCOMPARE(options.action, Action::UsageError);
            QVERIFY2(options.text.startsWith(u"instana-workbench: "_s), qPrintable(options.text));
            QVERIFY2(options.text.contains(error), qPrintable(options.text));
            QVERIFY(!options.text.contains(u'\n'));
        }
    }

    void restViews_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("error");
        QTest::newRow("snapshots") << QStringList{u"--rest-view"_s, u"snapshots"_s} << u"snapshots"_s << QString();
        QTest::newRow("case") << QStringList{u"--rest-view"_s, u"Service-Configs"_s} << u"service-configs"_s
                              << QString();
        QTest::newRow("with its page") << QStringList{u"--page"_s, u"rest"_s, u"--rest-view"_s, u"events"_s}
                                       << u"events"_s << QString();
        QTest::newRow("unknown") << QStringList{u"--rest-view"_s, u"nope"_s} << QString()
                                 << u"there is no REST view 'nope'; the views are: snapshots, "_s;
        QTest::newRow("needs an id") << QStringList{u"--rest-view"_s, u"snapshot"_s} << QString()
                                     << u"shows one thing by its id"_s;
        QTest::newRow("other page") << QStringList{u"--page"_s, u"events"_s, u"--rest-view"_s, u"events"_s} << QString()
                                    << u"does not go with --page events"_s;
    }

    void restViews()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, view);
        QFETCH(QString, error);
        const GuiOptions options = parse(words);
        if (error.isEmpty()) {
            QCOMPARE(options.action, Action::Run);
            QCOMPARE(options.restView, view);
            QCOMPARE(options.page, u"rest"_s);
        } else {
            QCOMPARE(options.action, Action::UsageError);
            QVERIFY2(options.text.contains(error), qPrintable(options.text));
        }
    }

    // The file to open is taken as the system gives it, as iwb takes it: a name that is not
    // UTF-8 and a FIFO open; a folder and a missing file are usage errors.
    void traceFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray latin1 = QFile::encodeName(dir.path()) + "/caf\xe9.json";
        QVERIFY(::close(::open(latin1.constData(), O_CREAT | O_WRONLY, 0600)) == 0);
        const char *argv[] = {"instana-workbench", latin1.constData()};
        const GuiOptions named = GuiOptions::parse(Workbench::Io::decodeArguments(2, argv));
        QCOMPARE(named.action, Action::Run);
        QCOMPARE(Workbench::Io::encodeFileName(named.traceFile), latin1);
        QCOMPARE(named.page, u"viewer"_s);

        const QByteArray fifo = QFile::encodeName(dir.filePath(u"spans.fifo"_s));
        QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
        const GuiOptions piped = parse({dir.filePath(u"spans.fifo"_s)});
        QCOMPARE(piped.action, Action::Run);
        QCOMPARE(piped.traceFile, dir.filePath(u"spans.fifo"_s));

        const GuiOptions folder = parse({dir.path()});
        QCOMPARE(folder.action, Action::UsageError);
        QVERIFY2(folder.text.contains(u"is no file"_s), qPrintable(folder.text));
        const GuiOptions missing = parse({dir.filePath(u"no\u00e9.json"_s)});
        QCOMPARE(missing.action, Action::UsageError);
        QVERIFY2(missing.text.contains(u"no such file"_s), qPrintable(missing.text));
    }
};

QTEST_GUILESS_MAIN(TestGuiOptions)
#include "tst_guioptions.moc"
