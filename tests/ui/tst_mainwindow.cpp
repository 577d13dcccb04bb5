// The main window driven as a person would: keys, clicks, dialogs; grabbed to images.

#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"
#include "core/settings/settings.h"
#include "core/target/targetmonitor.h"
#include "tests/support/images.h"
#include "ui/events/eventsworkspace.h"
#include "ui/localagent/localagentworkspace.h"
#include "ui/rest/restbrowserworkspace.h"
#include "ui/shell/aboutdialog.h"
#include "ui/shell/agenttargetdialog.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/workspaces.h"
#include "ui/traces/spansworkspace.h"
#include "ui/viewer/traceviewerworkspace.h"

#include "tests/support/testsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

// A main window with everything it works with, as main() wires it.
struct Window
{
    explicit Window(const QString &settingsFile)
        : settings(settingsFile)
        , monitor(settings.agentUrl())
        , window(settings, monitor, localAgent, captures, &network)
    {
    }

    Settings settings;
    TargetMonitor monitor;
    LocalAgent localAgent;
    CaptureStore captures;
    QNetworkAccessManager network;
    MainWindow window;
};

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

QImage grabAndKeep(QWidget &widget, const QString &name)
{
    QImage image = widget.grab().toImage();
    TestSupport::keepImage(image, u"mainwindow-"_s + name);
    return image;
}

// Runs `action` once the next modal dialog is open, on that dialog.
template<typename Dialog, typename Action>
void whenDialogOpens(Action action)
{
    QTimer::singleShot(0, [action] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        action(dialog);
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    QString settingsPath() const { return m_dir->filePath(u"workbench.ini"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        // The Events workspace keeps its outbox, history and templates under the data directory.
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath(u"cache"_s)));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void oneWorkspacePerCapability()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *navigation = window.findChild<QListWidget *>(u"workspace-navigation"_s);
        QVERIFY(navigation);
        QStringList titles;
        for (int i = 0; i < navigation->count(); ++i)
            titles << navigation->item(i)->text();
        QCOMPARE(titles,
                 (QStringList{u"Events"_s, u"Span Trees"_s, u"Trace Viewer"_s, u"Local Agent"_s, u"REST Browser"_s}));
        QCOMPARE(window.currentWorkspace(), u"events"_s);

        // Every workspace is built: no page says "not built yet".
        QVERIFY(qobject_cast<LocalAgentWorkspace *>(window.workspaceWidget(u"agent"_s)));
        QVERIFY(qobject_cast<EventsWorkspace *>(window.workspaceWidget(u"events"_s)));
        QVERIFY(qobject_cast<SpansWorkspace *>(window.workspaceWidget(u"spans"_s)));
        QVERIFY(qobject_cast<TraceViewerWorkspace *>(window.workspaceWidget(u"viewer"_s)));
        QVERIFY(qobject_cast<RestBrowserWorkspace *>(window.workspaceWidget(u"rest"_s)));
        QCOMPARE(window.restBrowserWorkspace(), window.workspaceWidget(u"rest"_s));
        for (const WorkspaceInfo &info : workspaces())
            QVERIFY(!window.workspaceWidget(info.id)->findChild<QLabel *>(u"features"_s));
    }

    void aCapturedTraceOpensInTheViewer()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        CaptureBatch batch;
        batch.request.id = 1;
        for (int i = 0; i < 3; ++i) {
            const QByteArray json = "{\"spanId\":\"000000000000000" + QByteArray::number(i + 1)
                + "\",\"traceId\":\"0000000000000001\","
                + (i > 0 ? QByteArray("\"parentId\":\"0000000000000001\",") : QByteArray())
                + "\"timestamp\":1700000000000,\"duration\":5,\"name\":\"s\"}";
            CapturedItem item{CapturedItem::Kind::Span, 1, i, 1700000000000, u"127.0.0.1:1"_s, {}, {}, {}};
            item.setJson(json);
            batch.items.append(item);
        }
        captures.add(batch);
        window.show();
        QVERIFY(window.showWorkspace(u"agent"_s));
        auto *agentPage = qobject_cast<LocalAgentWorkspace *>(window.workspaceWidget(u"agent"_s));
        auto *traces = agentPage->findChild<QTableView *>(u"agent-traces"_s);
        auto *open = agentPage->findChild<QPushButton *>(u"agent-open-trace"_s);
        QVERIFY(traces && open);
        QVERIFY(!open->isEnabled());
        traces->setCurrentIndex(traces->model()->index(0, 0));
        QCOMPARE(agentPage->selectedTraceId(), u"0000000000000001"_s);
        QVERIFY(open->isEnabled());

        auto *viewer = qobject_cast<TraceViewerWorkspace *>(window.workspaceWidget(u"viewer"_s));
        QSignalSpy loaded(viewer, &TraceViewerWorkspace::documentLoaded);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(window.currentWorkspace(), u"viewer"_s);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(viewer->document()->spanCount(), 3);
    }

    void switchingWithKeysAndClicks()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *stack = window.findChild<QStackedWidget *>(u"workspace-stack"_s);
        auto *navigation = window.findChild<QListWidget *>(u"workspace-navigation"_s);

        const QImage events = grabAndKeep(window, u"events"_s);

        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentWorkspace(), u"viewer"_s);
        QCOMPARE(stack->currentWidget(), window.workspaceWidget(u"viewer"_s));
        QVERIFY(window.windowTitle().startsWith(u"Trace Viewer"_s));
        const QImage viewer = grabAndKeep(window, u"viewer"_s);
        QVERIFY(viewer != events);

        const QRect agentRow = navigation->visualItemRect(navigation->item(3));
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, agentRow.center());
        QCOMPARE(window.currentWorkspace(), u"agent"_s);

        navigation->setFocus();
        QTest::keyClick(navigation, Qt::Key_Down);
        QCOMPARE(window.currentWorkspace(), u"rest"_s);
        QTest::keyClick(navigation, Qt::Key_Home);
        QCOMPARE(window.currentWorkspace(), u"events"_s);

        QVERIFY(window.showWorkspace(u"span-trees"_s));
        QCOMPARE(window.currentWorkspace(), u"spans"_s);
        QVERIFY(!window.showWorkspace(u"nope"_s));
        QCOMPARE(window.currentWorkspace(), u"spans"_s);
    }

    void grabbedWindowIsNotBlank()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QImage image = grabAndKeep(window, u"main"_s);
        QCOMPARE(image.size(), QSize(1000, 700) * image.devicePixelRatio());
        QVERIFY2(distinctColours(image) > 20, "the grabbed window is (nearly) one colour");
    }

    void geometryAndWorkspaceAreRestored()
    {
        {
            Window fixture(settingsPath());
            auto &[settings, monitor, localAgent, captures, network, window] = fixture;
            window.restoreFromSettings();
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(900, 640);
            QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
            QVERIFY(window.close());
        }
        Settings settings(settingsPath());
        QCOMPARE(settings.lastWorkspace(), u"agent"_s);
        QVERIFY(!settings.mainWindowGeometry().isEmpty());

        TargetMonitor monitor(settings.agentUrl());
        LocalAgent localAgent;
        CaptureStore captures;
        QNetworkAccessManager network;
        MainWindow window(settings, monitor, localAgent, captures, &network);
        window.restoreFromSettings();
        QCOMPARE(window.currentWorkspace(), u"agent"_s);
        QCOMPARE(window.size(), QSize(900, 640));
    }

    void notPersistentWritesNothing()
    {
        {
            Window fixture(settingsPath());
            auto &[settings, monitor, localAgent, captures, network, window] = fixture;
            window.setPersistent(false);
            window.show();
            window.showWorkspace(u"rest"_s);
            window.close();
        }
        QVERIFY(Settings(settingsPath()).lastWorkspace().isEmpty());
    }

    void statusBarShowsTheAgentAndWhetherItAnswers()
    {
        QTcpServer agent;
        QVERIFY(agent.listen(QHostAddress::LocalHost, 0));
        Settings settings(settingsPath());
        settings.setAgentUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(agent.serverPort())));
        TargetMonitor monitor(settings.agentUrl());
        LocalAgent localAgent;
        CaptureStore captures;
        QNetworkAccessManager network;
        MainWindow window(settings, monitor, localAgent, captures, &network);
        window.show();
        auto *indicator = window.statusBar()->findChild<QToolButton *>(u"target-indicator"_s);
        QVERIFY(indicator);
        QVERIFY(indicator->text().contains(u"not checked"_s));

        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(indicator->text().endsWith(u"reachable"_s) && !indicator->text().contains(u"not"_s),
                                 5000);
        QVERIFY(indicator->text().contains(u"127.0.0.1:%1"_s.arg(agent.serverPort())));
        // The green dot of an agent that answers.
        QVERIFY(
            TestSupport::pixelsOf(grabAndKeep(*window.statusBar(), u"statusbar-reachable"_s), {qRgb(0x2e, 0xa0, 0x43)})
            > 4);

        agent.close();
        monitor.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(indicator->text().endsWith(u"not reachable"_s), 5000);
        QVERIFY(indicator->toolTip().contains(u"refused"_s));
    }

    void statusBarSaysWhenTheTargetIsTheLocalAgent()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        LocalAgentConfig config;
        config.port = 0;
        QVERIFY(localAgent.start(config));
        settings.setAgentUrl(localAgent.url());
        monitor.start();
        auto *indicator = window.statusBar()->findChild<QToolButton *>(u"target-indicator"_s);
        QTRY_VERIFY_WITH_TIMEOUT(indicator->text().endsWith(u"local agent (capture only)"_s), 5000);
        QVERIFY(indicator->toolTip().contains(u"forwards nothing"_s));
        // The blue dot of the local agent, not the green one of a real agent.
        const QImage bar = grabAndKeep(*window.statusBar(), u"statusbar-local-agent"_s);
        QVERIFY(TestSupport::pixelsOf(bar, {qRgb(0x2f, 0x6f, 0xde)}) > 4);
        QCOMPARE(TestSupport::pixelsOf(bar, {qRgb(0x2e, 0xa0, 0x43)}), 0);
        localAgent.stop();
        monitor.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(indicator->text().endsWith(u"not reachable"_s), 5000);
    }

    void choosingAnotherAgentInTheDialog()
    {
        QTcpServer agent;
        QVERIFY(agent.listen(QHostAddress::LocalHost, 0));
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        monitor.start();

        bool checkedDialog = false;
        whenDialogOpens<AgentTargetDialog>([&](AgentTargetDialog *dialog) {
            auto *edit = dialog->findChild<QLineEdit *>(u"agent-address"_s);
            auto *message = dialog->findChild<QLabel *>(u"agent-message"_s);
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QCOMPARE(edit->text(), u"http://127.0.0.1:42699"_s);

            edit->selectAll();
            QTest::keyClicks(edit, u"ftp://nowhere"_s);
            QVERIFY(!ok->isEnabled());
            QVERIFY(message->text().contains(u"http or https"_s));
            grabAndKeep(*dialog, u"agent-dialog-refused"_s);

            edit->selectAll();
            QTest::keyClicks(edit, u"127.0.0.1:%1"_s.arg(agent.serverPort()));
            QVERIFY(ok->isEnabled());
            QVERIFY(message->text().contains(u"/com.instana.plugin.generic.event"_s));
            checkedDialog = true;
            QTest::mouseClick(ok, Qt::LeftButton);
        });
        // The status bar's indicator opens the dialog.
        QTest::mouseClick(window.statusBar()->findChild<QToolButton *>(u"target-indicator"_s), Qt::LeftButton);
        QVERIFY(checkedDialog);

        const QUrl expected(u"http://127.0.0.1:%1"_s.arg(agent.serverPort()));
        QCOMPARE(settings.agentUrl(), expected);
        QCOMPARE(monitor.agent(), expected);
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), TargetMonitor::State::Reachable, 5000);
        QCOMPARE(Settings(settingsPath()).agentUrl(), expected); // written to disk at once
    }

    void cancellingTheDialogChangesNothing()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        whenDialogOpens<AgentTargetDialog>([](AgentTargetDialog *dialog) {
            auto *edit = dialog->findChild<QLineEdit *>(u"agent-address"_s);
            edit->selectAll();
            QTest::keyClicks(edit, u"10.9.8.7"_s);
            QTest::keyClick(dialog, Qt::Key_Escape);
        });
        window.chooseAgentTarget();
        QVERIFY(!settings.hasAgentUrl());
        QCOMPARE(monitor.agent(), settings.agentUrl());
    }

    void aboutShowsVersionsAndCopiesThem()
    {
        Window fixture(settingsPath());
        auto &[settings, monitor, localAgent, captures, network, window] = fixture;
        window.show();
        bool seen = false;
        whenDialogOpens<AboutDialog>([&seen](AboutDialog *dialog) {
            QString allText;
            for (const QLabel *label : dialog->findChildren<QLabel *>())
                allText += label->text() + u'\n';
            QVERIFY(allText.contains(QString::fromLatin1(qVersion())));
            QVERIFY(allText.contains(u"QtKeychain"_s));
            grabAndKeep(*dialog, u"about"_s);
            auto *copy = dialog->findChild<QPushButton *>(u"copy-versions"_s);
            QVERIFY(copy);
            QTest::mouseClick(copy, Qt::LeftButton);
            seen = true;
            dialog->reject();
        });
        // Through the Help menu, as a person would reach it.
        QAction *about = window.findChild<QAction *>(u"about"_s);
        QVERIFY(about);
        about->trigger();
        QVERIFY(seen);
        QCOMPARE(QGuiApplication::clipboard()->text(), AboutDialog::versionsText());
        QVERIFY(AboutDialog::versionsText().contains(u"Qt (runtime): "_s + QString::fromLatin1(qVersion())));
    }

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
