// The window and state it cannot read: a damaged settings file is offered to be moved aside
// (bytes kept) or kept untouched for a session that saves nothing, also when the window
// closes; a refused agent setting shows in the status bar and sends nothing; the outbox view
// names damaged files and moves them aside.

#include "core/events/eventdelivery.h"
#include "core/events/eventhistory.h"
#include "core/events/eventmodels.h"
#include "core/events/outbox.h"
#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"
#include "core/settings/settings.h"
#include "core/target/targetmonitor.h"
#include "tests/support/images.h"
#include "tests/support/testsupport.h"
#include "ui/events/eventsworkspace.h"
#include "ui/events/outboxpanel.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/settingsrecovery.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

constexpr int Timeout = 10000;

// Runs `action` on the next modal message box once it is open.
template<typename Action>
void whenBoxOpens(Action action)
{
    auto *timer = new QTimer;
    auto *waited = new int(0);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, waited, action] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            delete waited;
            action(box);
        } else if (++*waited > Timeout / 20) {
            timer->stop();
            timer->deleteLater();
            delete waited;
            qWarning() << "no dialog opened";
        }
    });
    timer->start();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

const QByteArray Junk = QByteArrayLiteral("[mainwindow]\nworkspace=events\n\x00\xff\xfe\x01 junk\n");

} // namespace

class TestDamagedState : public QObject
{
    Q_OBJECT

    QString settingsPath() const { return m_dir->filePath(u"workbench.ini"_s); }
    QStringList files() const { return QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void startWithDefaultsMovesTheFileAside()
    {
        writeFile(settingsPath(), Junk);
        Settings settings(settingsPath());
        QVERIFY(settings.isDamaged());
        QImage picture;
        whenBoxOpens([&picture](QMessageBox *box) {
            QCOMPARE(box->objectName(), u"settings-damaged-question"_s);
            QVERIFY(box->informativeText().contains(u"NUL bytes"_s));
            picture = box->grab().toImage();
            QTest::mouseClick(box->findChild<QPushButton *>(u"settings-damaged-move-aside"_s), Qt::LeftButton);
        });
        QString message;
        QCOMPARE(SettingsRecovery::ask(settings, nullptr, &message), SettingsRecovery::Outcome::MovedAside);
        QVERIFY(!picture.isNull() && picture.width() > 100);
        TestSupport::keepImage(picture, u"settings-damaged-question"_s);
        QVERIFY2(message.contains(u".damaged-"_s), qPrintable(message));

        // The damaged bytes are kept next to it; the settings start afresh and are saved again.
        QStringList aside = files().filter(u"workbench.ini.damaged-"_s);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readAll(m_dir->filePath(aside.first())), Junk);
        QVERIFY(!settings.isDamaged());
        settings.setLastWorkspace(u"viewer"_s);
        QVERIFY(settings.sync().isEmpty());
        QCOMPARE(Settings(settingsPath()).lastWorkspace(), u"viewer"_s);
    }

    void keepingItWritesNothingAlsoWhenTheWindowCloses()
    {
        writeFile(settingsPath(), Junk);
        Settings settings(settingsPath());
        whenBoxOpens([](QMessageBox *box) {
            QTest::mouseClick(box->findChild<QPushButton *>(u"settings-damaged-keep"_s), Qt::LeftButton);
        });
        QString message;
        QCOMPARE(SettingsRecovery::ask(settings, nullptr, &message), SettingsRecovery::Outcome::KeptUnsaved);
        QVERIFY(message.contains(u"not saved"_s));

        {
            TargetMonitor monitor(settings.agentUrl());
            LocalAgent localAgent;
            CaptureStore captures;
            QNetworkAccessManager network;
            MainWindow window(settings, monitor, localAgent, captures, &network);
            window.restoreFromSettings();
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(800, 600);
            window.showWorkspace(u"agent"_s);
            QVERIFY(window.close());
        }
        QCOMPARE(readAll(settingsPath()), Junk);
        QCOMPARE(files(), QStringList{u"workbench.ini"_s});
    }

    void refusedAgentShowsInTheStatusBar()
    {
        writeFile(settingsPath(), "[agent]\nurl=ftp://evil\n");
        Settings settings(settingsPath());
        QString refusal;
        QVERIFY(!settings.agentTarget(&refusal));
        TargetMonitor monitor(QUrl{});
        monitor.setRefusal(refusal);
        LocalAgent localAgent;
        CaptureStore captures;
        QNetworkAccessManager network;
        MainWindow window(settings, monitor, localAgent, captures, &network);
        window.setPersistent(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        monitor.start();
        auto *indicator = window.findChild<QToolButton *>(u"target-indicator"_s);
        QVERIFY(indicator);
        QVERIFY2(indicator->text().contains(u"refused"_s), qPrintable(indicator->text()));
        QVERIFY(indicator->toolTip().contains(u"ftp://evil"_s));
        QVERIFY(indicator->toolTip().contains(settingsPath()));
        QVERIFY(monitor.agent().isEmpty()); // nothing is sent to a fallback
        QCOMPARE(monitor.state(), TargetMonitor::State::Unreachable);
        TestSupport::keepImage(window.statusBar()->grab().toImage(), u"agent-setting-refused"_s);
        // The composer has no address to send to, and says why.
        QString why;
        QVERIFY(!window.eventsWorkspace()->eventUrl(&why));
        QVERIFY2(why.contains(u"agent.url"_s), qPrintable(why));

        // Choosing an agent ends the refusal.
        monitor.setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort())));
        QVERIFY(monitor.refusal().isEmpty());
        QVERIFY(!indicator->text().contains(u"refused"_s));
    }

    void outboxViewNamesDamagedFilesAndMovesThemAside()
    {
        Outbox outbox(m_dir->filePath(u"outbox"_s));
        QVERIFY(QDir().mkpath(outbox.directory()));
        OutboxEntry entry;
        entry.target = QUrl(u"http://127.0.0.1:1/com.instana.plugin.generic.event"_s);
        entry.body = R"({"title":"good"})";
        entry.eventCount = 1;
        entry.title = u"good"_s;
        QString error;
        QVERIFY2(outbox.enqueue(entry, &error), qPrintable(error));
        const QByteArray half = entry.toJson().left(40);
        writeFile(outbox.directory() + u"/1700000000000-00000000000a.json"_s, half);
        writeFile(outbox.directory() + u"/notes.txt"_s, "mine");

        EventHistory history(m_dir->filePath(u"history.jsonl"_s));
        QNetworkAccessManager network;
        OutboxRetrier retrier(&network, outbox, history, u"gui"_s);
        OutboxPanel panel(outbox, history, retrier);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.count(), 1); // the damaged file is not waiting
        auto *problems = panel.findChild<QLabel *>(u"outbox-problems"_s);
        auto *moveAside = panel.findChild<QPushButton *>(u"outbox-move-damaged"_s);
        QVERIFY(problems && moveAside);
        QVERIFY(problems->isVisible() && moveAside->isVisible());
        QVERIFY2(problems->text().contains(u"1700000000000-00000000000a.json"_s), qPrintable(problems->text()));
        QVERIFY(problems->text().contains(u"not JSON"_s));
        TestSupport::keepImage(panel.grab().toImage(), u"outbox-damaged"_s);

        QTest::mouseClick(moveAside, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!problems->isVisible(), Timeout);
        QCOMPARE(readAll(outbox.damagedDirectory() + u"/1700000000000-00000000000a.json"_s), half);
        QCOMPARE(readAll(outbox.directory() + u"/notes.txt"_s), QByteArray("mine"));
        QCOMPARE(panel.count(), 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestDamagedState)
#include "tst_damagedstate.moc"
