// The Events workspace driven with keys and clicks against a real local agent on 127.0.0.1:
// what arrives is exactly what the preview showed, batches go as one array, bad input sends
// nothing, a down agent leaves the request in the outbox until "Retry now", and the history
// finds, reloads and resends what went out.

#include "core/events/eventmodels.h"
#include "core/localagent/localagent.h"
#include "core/target/targetmonitor.h"
#include "tests/support/images.h"
#include "ui/events/eventsworkspace.h"

#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

constexpr int Timeout = 15000;

// The workspace pointed at a running local agent, with every body the agent received.
struct Fixture
{
    Fixture()
        : monitor(QUrl())
        , workspace(monitor, &network)
    {
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        started = agent.start(config, &error);
        if (!started)
            qWarning() << error;
        QObject::connect(&agent, &LocalAgent::captured, &workspace,
                         [this](const CaptureBatch &batch) { bodies.append(batch.request.body); });
        monitor.setAgent(agent.url());
        workspace.resize(1100, 720);
    }

    template<typename T>
    T *find(const QString &name) const
    {
        T *child = workspace.findChild<T *>(name);
        if (!child)
            qWarning() << "no" << name;
        return child;
    }

    QLineEdit *title() const { return find<QLineEdit>(u"event-title"_s); }
    QPlainTextEdit *preview() const { return find<QPlainTextEdit>(u"preview"_s); }
    QString result() const { return find<QLabel>(u"send-result"_s)->text(); }
    QString findings() const { return find<QLabel>(u"event-findings"_s)->text(); }
    OutboxModel *outbox() const { return workspace.findChild<OutboxModel *>(u"outbox-model"_s); }
    HistoryModel *history() const { return workspace.findChild<HistoryModel *>(u"history-model"_s); }
    HistoryFilterModel *historyFilter() const { return workspace.findChild<HistoryFilterModel *>(u"history-filter"_s); }
    QTabWidget *tabs() const { return find<QTabWidget>(u"events-tabs"_s); }

    void click(const QString &name) const
    {
        auto *button = find<QAbstractButton>(name);
        QVERIFY(button);
        QVERIFY2(button->isEnabled(), qPrintable(name));
        QTest::mouseClick(button, Qt::LeftButton);
    }

    // Replaces the title as a person would: select all, type.
    void typeTitle(const QString &text) const
    {
        QLineEdit *edit = title();
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        else
            QTest::keyClicks(edit, text);
    }

    // A chosen time in UTC, to the second.
    void setTime(const QDateTime &utc) const
    {
        QTest::mouseClick(find<QRadioButton>(u"event-time-at"_s), Qt::LeftButton);
        find<QDateTimeEdit>(u"event-time"_s)->setDateTime(utc);
    }

    // Ctrl+Enter, in the active window (a closed dialog may leave none active offscreen).
    void pressSendKeys()
    {
        if (!workspace.isActiveWindow()) {
            workspace.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&workspace));
        }
        QTest::keyClick(title(), Qt::Key_Return, Qt::ControlModifier);
    }

    LocalAgent agent;
    TargetMonitor monitor;
    QNetworkAccessManager network;
    EventsWorkspace workspace;
    QList<QByteArray> bodies;
    bool started = false;
};

QDateTime minutesAgo(int minutes)
{
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-60LL * minutes);
    return now.addMSecs(-now.time().msec());
}

void clickListRow(QListWidget *list, int row)
{
    const QRect rect = list->visualItemRect(list->item(row));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
}

void clickTableRow(QTableView *view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 1));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

// Runs `action` on the next modal dialog of type Dialog once it is open (also when it opens
// later, from a slot).
template<typename Dialog, typename Action>
void whenDialogOpens(Action action)
{
    auto *timer = new QTimer;
    auto *waited = new int(0);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, waited, action] {
        if (auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            delete waited;
            action(dialog);
        } else if (++*waited > Timeout / 20) {
            timer->stop();
            timer->deleteLater();
            delete waited;
            qWarning() << "no dialog opened";
        }
    });
    timer->start();
}

QStringList titlesOf(const QByteArray &body)
{
    QStringList titles;
    const QJsonArray array = QJsonDocument::fromJson(body).array();
    for (const auto &value : array)
        titles << value.toObject().value("title"_L1).toString();
    return titles;
}

} // namespace

class TestEventsWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // Outbox, history and templates live under the data directory: a fresh one per test.
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home->filePath(u"data"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home->filePath(u"config"_s)));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home->filePath(u"cache"_s)));
    }

    void cleanup() { m_home.reset(); }

    void sendsExactlyWhatThePreviewShows()
    {
        Fixture f;
        QVERIFY(f.started);
        QAbstractItemModelTester outboxTester(f.outbox(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester historyTester(f.history(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.workspace.show();
        f.workspace.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.workspace));
        // It says where it sends.
        QVERIFY2(f.find<QLabel>(u"preview-url"_s)->text().contains(f.agent.url().toString()),
                 qPrintable(f.find<QLabel>(u"preview-url"_s)->text()));

        f.typeTitle(u"Deploy of checkout 1.4.2 "_s);
        f.title()->insert(u"— Überprüfung ✓"_s); // keys are ASCII only in QTest; pasted text is not
        auto *text = f.find<QPlainTextEdit>(u"event-text"_s);
        text->setFocus();
        QTest::keyClicks(text, u"Rolled out by the night shift."_s);
        QTest::keyClick(text, Qt::Key_Return);
        QTest::keyClicks(text, u"Second line with \"quotes\"."_s);
        // Severity by name, with the keyboard: Change -> Warning -> Critical.
        auto *severity = f.find<QComboBox>(u"event-severity"_s);
        severity->setFocus();
        QTest::keyClick(severity, Qt::Key_Down);
        QTest::keyClick(severity, Qt::Key_Down);
        QCOMPARE(severity->currentText(), u"Critical"_s);
        // A chosen time, and 15 minutes long.
        const QDateTime when = minutesAgo(10);
        f.setTime(when);
        auto *value = f.find<QSpinBox>(u"event-duration-value"_s);
        value->setFocus();
        value->selectAll();
        QTest::keyClicks(value, u"15"_s);
        QVERIFY(f.find<QRadioButton>(u"event-lasts"_s)->isChecked());
        QVERIFY2(f.findings().contains(u"Ready to send"_s), qPrintable(f.findings()));

        const QByteArray preview = f.preview()->toPlainText().toUtf8();
        const QJsonObject shown = QJsonDocument::fromJson(preview).object();
        QCOMPARE(shown.value("severity"_L1).toInt(), 10);
        QCOMPARE(shown.value("timestamp"_L1).toInteger(), when.toMSecsSinceEpoch());
        QCOMPARE(shown.value("duration"_L1).toInteger(), 15LL * 60 * 1000);
        QCOMPARE(shown.value("text"_L1).toString(), u"Rolled out by the night shift.\nSecond line with \"quotes\"."_s);
        QCOMPARE(f.workspace.previewBody(), preview);

        // Ctrl+Enter sends, also from the multi-line text.
        text->setFocus();
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QCOMPARE(f.bodies.first(), preview); // byte for byte
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"Delivered"_s), Timeout);
        QVERIFY2(f.result().contains(u"HTTP 200"_s), qPrintable(f.result()));
        QVERIFY(!f.find<QPlainTextEdit>(u"send-response"_s)->toPlainText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
        QCOMPARE(f.history()->entry(0).outcome, HistoryEntry::Outcome::Delivered);
        QCOMPARE(f.history()->entry(0).body, preview);

        // An event timed "now" gets its time when it is fired, as Ctrl+Return on the keypad too.
        QTest::mouseClick(f.find<QRadioButton>(u"event-time-now"_s), Qt::LeftButton);
        QVERIFY(f.preview()->toPlainText().contains(u"\"timestamp\":"_s));
        QVERIFY(f.find<QLabel>(u"preview-info"_s)->text().contains(u"fixed when sent"_s));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QTest::keyClick(f.title(), Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 2, Timeout);
        const qint64 stamped = QJsonDocument::fromJson(f.bodies.at(1)).object().value("timestamp"_L1).toInteger();
        QVERIFY(stamped >= before && stamped <= QDateTime::currentMSecsSinceEpoch());

        // Copy as curl: the same request for a terminal.
        f.click(u"copy-curl"_s);
        const QString curl = QApplication::clipboard()->text();
        QVERIFY2(curl.startsWith(u"curl"_s), qPrintable(curl));
        QVERIFY(curl.contains(f.agent.url().toString() + u"/com.instana.plugin.generic.event"_s));
        QVERIFY(curl.contains(u"Deploy of checkout 1.4.2"_s));
        f.click(u"copy-python"_s);
        QVERIFY(QApplication::clipboard()->text().contains(u"urllib"_s));

        QTest::qWait(50);
        const QImage image = f.workspace.grab().toImage();
        TestSupport::keepImage(image, u"events"_s);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), f.workspace.size() * image.devicePixelRatio());
        // The composer fits a 1280x800 window next to the side bar without scrolling; a
        // narrower window scrolls it instead of being forced wider.
        auto *scroll = f.find<QScrollArea>(u"composer-scroll"_s);
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width()
                     && scroll->widget()->minimumSizeHint().height() <= scroll->viewport()->height(),
                 qPrintable(u"%1x%2 in %3x%4"_s.arg(scroll->widget()->minimumSizeHint().width())
                                .arg(scroll->widget()->minimumSizeHint().height())
                                .arg(scroll->viewport()->width())
                                .arg(scroll->viewport()->height())));
        QVERIFY(f.workspace.minimumSizeHint().width() < 700);
    }

    void aBatchGoesAsOneArray()
    {
        Fixture f;
        QVERIFY(f.started);
        f.workspace.show();
        f.workspace.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.workspace));
        auto *list = f.find<QListWidget>(u"batch-list"_s);
        f.setTime(minutesAgo(5));

        for (const QString &name : {u"one"_s, u"two"_s, u"three"_s}) {
            f.typeTitle(name);
            f.click(u"batch-add"_s);
        }
        QCOMPARE(list->count(), 3);
        QVERIFY(f.find<QLabel>(u"batch-hint"_s)->text().contains(u"3 events"_s));
        QCOMPARE(titlesOf(f.preview()->toPlainText().toUtf8()), (QStringList{u"one"_s, u"two"_s, u"three"_s}));

        // Selecting an event loads it into the form; editing it changes it in the batch.
        clickListRow(list, 2);
        QCOMPARE(f.title()->text(), u"three"_s);
        QVERIFY(f.find<QLabel>(u"form-mode"_s)->text().contains(u"Editing event 3 of 3"_s));
        f.title()->setFocus();
        f.title()->end(false);
        QTest::keyClicks(f.title(), u" (edited)"_s);
        QVERIFY(list->item(2)->text().contains(u"three (edited)"_s));
        // Up, duplicate, remove.
        f.click(u"batch-up"_s);
        QCOMPARE(titlesOf(f.preview()->toPlainText().toUtf8()), (QStringList{u"one"_s, u"three (edited)"_s, u"two"_s}));
        f.click(u"batch-duplicate"_s);
        QCOMPARE(list->count(), 4);
        QCOMPARE(list->currentRow(), 2);
        auto *severity = f.find<QComboBox>(u"event-severity"_s);
        severity->setFocus();
        QTest::keyClick(severity, Qt::Key_Down);
        const QJsonArray edited = QJsonDocument::fromJson(f.preview()->toPlainText().toUtf8()).array();
        QCOMPARE(edited.at(2).toObject().value("severity"_L1).toInt(), 5);
        QCOMPARE(edited.at(1).toObject().value("severity"_L1).toInt(), -1);
        clickListRow(list, 0);
        f.click(u"batch-remove"_s);
        QCOMPARE(list->count(), 3);
        const QByteArray preview = f.preview()->toPlainText().toUtf8();
        QCOMPARE(titlesOf(preview), (QStringList{u"three (edited)"_s, u"three (edited)"_s, u"two"_s}));
        QVERIFY(f.find<QLabel>(u"send-summary"_s)->text().contains(u"batch of 3 events"_s));

        f.click(u"send"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QCOMPARE(f.bodies.first(), preview);
        QVERIFY(preview.startsWith('['));
        QCOMPARE(QJsonDocument::fromJson(f.bodies.first()).array().size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"Delivered the batch of 3 events"_s), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
        QCOMPARE(f.history()->entry(0).eventCount, 3);

        // "New" leaves the batch alone and starts an empty event, which is then not sent.
        f.click(u"batch-new"_s);
        QVERIFY(f.title()->text().isEmpty());
        f.typeTitle(u"left out"_s);
        QVERIFY(f.findings().contains(u"not in the batch"_s));
        QCOMPARE(titlesOf(f.preview()->toPlainText().toUtf8()).size(), 3);
    }

    void badInputSendsNothing()
    {
        Fixture f;
        QVERIFY(f.started);
        f.workspace.show();
        f.workspace.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.workspace));

        // No title.
        f.title()->setFocus();
        QVERIFY(f.findings().contains(u"no title"_s));
        f.pressSendKeys();
        QVERIFY2(f.result().contains(u"Nothing was sent"_s), qPrintable(f.result()));
        QVERIFY(f.result().contains(u"no title"_s));

        // Two days ahead.
        f.typeTitle(u"From the future"_s);
        f.setTime(QDateTime::currentDateTimeUtc().addDays(2));
        QVERIFY2(f.findings().contains(u"ahead of now"_s), qPrintable(f.findings()));
        f.title()->setFocus();
        f.pressSendKeys();
        QVERIFY2(f.result().contains(u"Nothing was sent"_s), qPrintable(f.result()));
        QVERIFY(f.result().contains(u"ahead of now"_s));

        // An address that is no agent.
        f.setTime(minutesAgo(1));
        auto *url = f.find<QLineEdit>(u"send-url"_s);
        url->setFocus();
        QTest::keyClicks(url, u"ftp://nowhere"_s);
        QVERIFY(f.find<QLabel>(u"preview-url"_s)->text().contains(u"http"_s));
        f.pressSendKeys();
        QVERIFY2(f.result().contains(u"Nothing was sent"_s), qPrintable(f.result()));

        // A presence event is only a warning.
        url->clear();
        f.typeTitle(u"Server back online"_s);
        QVERIFY(f.findings().contains(u"presence"_s));
        QVERIFY(!f.findings().contains(u"Cannot be sent"_s));
        f.pressSendKeys();
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QVERIFY(f.bodies.first().contains("online"));
        // Only that one went out: one send in the history.
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
    }

    void aDownAgentQueuesUntilRetried()
    {
        Fixture f;
        QVERIFY(f.started);
        f.workspace.show();
        f.workspace.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.workspace));
        QVERIFY(f.workspace.autoRetry());
        const quint16 closed = TestSupport::closedLoopbackPort();
        QVERIFY(closed != 0);
        f.monitor.setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(closed)));
        QVERIFY(f.find<QLabel>(u"preview-url"_s)->text().contains(u":%1/"_s.arg(closed)));

        f.typeTitle(u"Queued while the agent is down"_s);
        const QByteArray preview = f.preview()->toPlainText().toUtf8();
        f.pressSendKeys();
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"Agent not reachable — queued in the outbox, retrying "
                                                     u"automatically"_s),
                                 Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.outbox()->rowCount(), 1, Timeout);
        QCOMPARE(f.tabs()->tabText(1), u"Outbox (1)"_s);
        QVERIFY(f.find<QLabel>(u"outbox-notice"_s)->isVisible());
        const QByteArray queued = f.outbox()->entry(0).body;
        QCOMPARE(QJsonDocument::fromJson(queued).object().value("title"_L1).toString(),
                 u"Queued while the agent is down"_s);
        // Its time was fixed when it was fired, not when it will arrive.
        QVERIFY(QJsonDocument::fromJson(queued).object().contains("timestamp"_L1));
        QCOMPARE(QJsonDocument::fromJson(queued).object().value("title"_L1),
                 QJsonDocument::fromJson(preview).object().value("title"_L1));

        // The agent is back, at another address: Retry now, sending there.
        f.monitor.setAgent(f.agent.url());
        f.tabs()->setCurrentIndex(1);
        bool asked = false;
        whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
            asked = true;
            QVERIFY(box->text().contains(u"queued for"_s));
            auto *toCurrent = box->findChild<QPushButton *>(u"outbox-send-to-current"_s);
            QVERIFY(toCurrent);
            QTest::mouseClick(toCurrent, Qt::LeftButton);
        });
        f.click(u"outbox-retry"_s);
        QTRY_VERIFY_WITH_TIMEOUT(asked, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QCOMPARE(f.bodies.first(), queued);
        QTRY_COMPARE_WITH_TIMEOUT(f.outbox()->rowCount(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.tabs()->tabText(1), u"Outbox"_s, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(f.find<QLabel>(u"outbox-status"_s)->text().contains(u"1 delivered"_s), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 2, Timeout);
        QCOMPARE(f.history()->entry(0).outcome, HistoryEntry::Outcome::Delivered); // newest first
        QCOMPARE(f.history()->entry(1).outcome, HistoryEntry::Outcome::Queued);
        QCOMPARE(f.history()->entry(0).outboxId, f.history()->entry(1).outboxId);

        // Another one queued, then discarded after the question; the history records it.
        f.workspace.setAutoRetry(false); // no automatic retry under way when Discard is clicked
        f.monitor.setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(closed)));
        f.tabs()->setCurrentIndex(0);
        f.typeTitle(u"Never mind"_s);
        f.pressSendKeys();
        QTRY_COMPARE_WITH_TIMEOUT(f.outbox()->rowCount(), 1, Timeout);
        QVERIFY2(f.result().contains(u"queued in the outbox; press Retry Now"_s), qPrintable(f.result()));
        f.tabs()->setCurrentIndex(1);
        clickTableRow(f.find<QTableView>(u"outbox-table"_s), 0);
        QVERIFY(f.find<QPlainTextEdit>(u"outbox-details"_s)->toPlainText().contains(u"Never mind"_s));
        bool confirmed = false;
        whenDialogOpens<QMessageBox>([&confirmed](QMessageBox *box) {
            confirmed = true;
            QTest::mouseClick(box->findChild<QPushButton *>(u"outbox-discard-confirm"_s), Qt::LeftButton);
        });
        f.click(u"outbox-discard"_s);
        QVERIFY(confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(f.outbox()->rowCount(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 4, Timeout);
        QCOMPARE(f.history()->entry(0).outcome, HistoryEntry::Outcome::Discarded);
        QCOMPARE(f.bodies.size(), 1);

        const QImage image = f.workspace.grab().toImage();
        TestSupport::keepImage(image, u"events-outbox"_s);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), f.workspace.size() * image.devicePixelRatio());
    }

    void historyFindsLoadsAndResends()
    {
        Fixture f;
        QVERIFY(f.started);
        QAbstractItemModelTester filterTester(f.historyFilter(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.workspace.show();
        f.workspace.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&f.workspace));

        // One event, then a batch of two.
        f.typeTitle(u"Deploy alpha"_s);
        f.setTime(minutesAgo(20));
        f.pressSendKeys();
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(f.find<QPushButton>(u"send"_s)->isEnabled(), Timeout);
        f.typeTitle(u"Beta one"_s);
        f.click(u"batch-add"_s);
        f.typeTitle(u"Beta two"_s);
        f.click(u"batch-add"_s);
        f.pressSendKeys();
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 2, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 2, Timeout);

        // Search.
        f.tabs()->setCurrentIndex(2);
        auto *search = f.find<QLineEdit>(u"history-search"_s);
        auto *table = f.find<QTableView>(u"history-table"_s);
        search->setFocus();
        QTest::keyClicks(search, u"alpha"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY(f.find<QLabel>(u"history-count"_s)->text().contains(u"1 of 2"_s));
        search->selectAll();
        QTest::keyClicks(search, u"delivered beta"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        search->selectAll();
        QTest::keyClicks(search, u"nothing-like-this"_s);
        QCOMPARE(table->model()->rowCount(), 0);
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), 2);

        // The alpha send in full, loaded back into the composer (replacing the batch, asked).
        search->setFocus();
        QTest::keyClicks(search, u"alpha"_s);
        clickTableRow(table, 0);
        auto *details = f.find<QPlainTextEdit>(u"history-details"_s);
        QVERIFY(details->toPlainText().contains(u"\"title\": \"Deploy alpha\""_s));
        QVERIFY(details->toPlainText().contains(u"delivered"_s));
        bool asked = false;
        whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
            asked = true;
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        });
        f.click(u"history-load"_s);
        QVERIFY(asked);
        QCOMPARE(f.tabs()->currentIndex(), 0);
        QCOMPARE(f.title()->text(), u"Deploy alpha"_s);
        QCOMPARE(f.find<QListWidget>(u"batch-list"_s)->count(), 0);
        QCOMPARE(f.preview()->toPlainText().toUtf8(), f.bodies.at(0)); // round trip

        // The batch, loaded back: the same array.
        f.tabs()->setCurrentIndex(2);
        search->selectAll();
        QTest::keyClicks(search, u"beta"_s);
        clickTableRow(table, 0);
        f.click(u"history-load"_s);
        QCOMPARE(f.find<QListWidget>(u"batch-list"_s)->count(), 2);
        QCOMPARE(f.title()->text(), u"Beta one"_s);
        QCOMPARE(f.preview()->toPlainText().toUtf8(), f.bodies.at(1));

        // Send again: the same body once more.
        f.tabs()->setCurrentIndex(2);
        search->selectAll();
        QTest::keyClicks(search, u"alpha"_s);
        clickTableRow(table, 0);
        f.click(u"history-send-again"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 3, Timeout);
        QCOMPARE(f.bodies.at(2), f.bodies.at(0));
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 3, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"Delivered"_s), Timeout);

        search->clear();
        const QImage image = f.workspace.grab().toImage();
        TestSupport::keepImage(image, u"events-history"_s);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), f.workspace.size() * image.devicePixelRatio());
    }

    void anEventTimedNowLoadsBackToTheMillisecond()
    {
        Fixture f;
        QVERIFY(f.started);
        f.workspace.show();
        f.typeTitle(u"Fired now"_s);
        f.click(u"send"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
        f.click(u"batch-new"_s);
        f.tabs()->setCurrentIndex(2);
        clickTableRow(f.find<QTableView>(u"history-table"_s), 0);
        f.click(u"history-load"_s);
        QVERIFY(f.find<QRadioButton>(u"event-time-at"_s)->isChecked());
        QCOMPARE(f.preview()->toPlainText().toUtf8(), f.bodies.first());
    }

    void templatesFillTheFormAndExpandWhenSent()
    {
        Fixture f;
        QVERIFY(f.started);
        f.workspace.show();
        auto *templates = f.find<QComboBox>(u"template-list"_s);
        QVERIFY(templates->count() >= 5);
        const int rollback = templates->findText(u"Rollback"_s);
        QVERIFY(rollback >= 0);
        QVERIFY(!f.find<QPushButton>(u"template-delete"_s)->isEnabled());
        // Chosen with the keyboard; each template is loaded as it is reached.
        templates->setFocus();
        while (templates->currentIndex() < rollback)
            QTest::keyClick(templates, Qt::Key_Down);
        QCOMPARE(f.title()->text(), u"Rollback on ${host}"_s);
        QCOMPARE(f.find<QComboBox>(u"event-severity"_s)->currentText(), u"Warning"_s);
        // The preview shows what will go out: the variables filled in.
        QVERIFY(!f.preview()->toPlainText().contains(u"${"_s));
        QVERIFY(f.title()->toolTip().contains(u"${user}"_s));

        // Save as template, under a name of our own; then delete it.
        f.typeTitle(u"Cache flushed on ${host}"_s);
        whenDialogOpens<QInputDialog>([](QInputDialog *dialog) {
            dialog->setTextValue(u"Cache flush"_s);
            dialog->accept();
        });
        f.click(u"template-save"_s);
        QCOMPARE(templates->currentText(), u"Cache flush"_s);
        QVERIFY(f.find<QPushButton>(u"template-delete"_s)->isEnabled());
        QCOMPARE(TemplateStore().find(u"Cache flush"_s)->event.title, u"Cache flushed on ${host}"_s);
        whenDialogOpens<QMessageBox>(
            [](QMessageBox *box) { QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton); });
        f.click(u"template-delete"_s);
        QCOMPARE(templates->findText(u"Cache flush"_s), -1);
        QVERIFY(!TemplateStore().find(u"Cache flush"_s));

        // Sent, the variables are expanded.
        f.setTime(minutesAgo(1));
        f.click(u"send"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.bodies.size(), 1, Timeout);
        QVERIFY(!f.bodies.first().contains("${"));
        QVERIFY(f.bodies.first().startsWith("{\"title\":\"Cache flushed on "));
    }

    void aRefusalShowsTheAgentsReason()
    {
        // An agent that refuses every event with a reason, as the host agent's 4xx answers do.
        QTcpServer refusing;
        QVERIFY(refusing.listen(QHostAddress::LocalHost, 0));
        connect(&refusing, &QTcpServer::newConnection, &refusing, [&refusing] {
            QTcpSocket *socket = refusing.nextPendingConnection();
            auto request = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, request] {
                request->append(socket->readAll());
                const qsizetype end = request->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = request->left(end).toLower();
                const qsizetype at = head.indexOf("content-length:");
                const qsizetype length = at < 0 ? 0 : head.mid(at + 15).split('\r').first().trimmed().toLongLong();
                if (request->size() < end + 4 + length)
                    return;
                const QByteArray body = R"({"status":400,"rule":"bad-host","reason":"host is not known here"})";
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n"
                              "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        });
        Fixture f;
        f.workspace.show();
        f.monitor.setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(refusing.serverPort())));
        f.typeTitle(u"Refused"_s);
        f.click(u"send"_s);
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"refused"_s), Timeout);
        QVERIFY2(f.result().contains(u"HTTP 400"_s), qPrintable(f.result()));
        QVERIFY(f.result().contains(u"host is not known here"_s));
        QVERIFY(f.result().contains(u"Nothing was queued"_s));
        QCOMPARE(f.outbox()->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
        QCOMPARE(f.history()->entry(0).outcome, HistoryEntry::Outcome::Rejected);
    }

    void aSendCanBeCancelled()
    {
        // An agent that takes the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        Fixture f;
        f.workspace.show();
        f.monitor.setAgent(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
        f.typeTitle(u"Waiting forever"_s);
        auto *cancel = f.find<QPushButton>(u"send-cancel"_s);
        QVERIFY(!cancel->isEnabled());
        f.click(u"send"_s);
        QVERIFY(cancel->isEnabled());
        QVERIFY(!f.find<QPushButton>(u"send"_s)->isEnabled());
        QVERIFY(f.result().contains(u"Sending the event"_s));
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), Timeout);
        f.click(u"send-cancel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(f.result().contains(u"Cancelled"_s), Timeout);
        QVERIFY(f.find<QPushButton>(u"send"_s)->isEnabled());
        QCOMPARE(f.outbox()->rowCount(), 0); // a cancelled send is not queued
        QTRY_COMPARE_WITH_TIMEOUT(f.history()->rowCount(), 1, Timeout);
        QCOMPARE(f.history()->entry(0).outcome, HistoryEntry::Outcome::Cancelled);
    }

    void durationsAsValueAndUnitOrStartAndEnd()
    {
        Fixture f;
        f.workspace.show();
        f.typeTitle(u"Maintenance"_s);
        auto *until = f.find<QRadioButton>(u"event-until"_s);
        QVERIFY(!until->isEnabled()); // an end needs a chosen start
        auto durationShown = [&f] {
            const QJsonObject event = QJsonDocument::fromJson(f.preview()->toPlainText().toUtf8()).object();
            return event.contains("duration"_L1) ? event.value("duration"_L1).toInteger() : -1;
        };
        QCOMPARE(durationShown(), -1); // instant

        // 2 hours, with the unit helper.
        auto *value = f.find<QSpinBox>(u"event-duration-value"_s);
        value->setFocus();
        value->selectAll();
        QTest::keyClicks(value, u"2"_s);
        auto *unit = f.find<QComboBox>(u"event-duration-unit"_s);
        unit->setFocus();
        QTest::keyClick(unit, Qt::Key_Down);
        QCOMPARE(unit->currentText(), u"hours"_s);
        QCOMPARE(durationShown(), 2LL * 60 * 60 * 1000);

        // From a start to an end.
        const QDateTime start = minutesAgo(50);
        f.setTime(start);
        QVERIFY(until->isEnabled());
        QTest::mouseClick(until, Qt::LeftButton);
        // Until now, to begin with, for a start in the past.
        QVERIFY(durationShown() >= 50LL * 60 * 1000 && durationShown() < 60LL * 60 * 1000);
        f.find<QDateTimeEdit>(u"event-end"_s)->setDateTime(start.addSecs(45 * 60));
        QCOMPARE(durationShown(), 45LL * 60 * 1000);
        f.find<QDateTimeEdit>(u"event-end"_s)->setDateTime(start.addSecs(-60));
        QVERIFY(f.findings().contains(u"negative duration"_s));

        // Back to "now": an end time no longer makes sense, the span is kept as a length.
        QTest::mouseClick(f.find<QRadioButton>(u"event-time-now"_s), Qt::LeftButton);
        QVERIFY(!until->isEnabled());
        QVERIFY(f.find<QRadioButton>(u"event-lasts"_s)->isChecked());
        QCOMPARE(durationShown(), 2LL * 60 * 60 * 1000);
        QTest::mouseClick(f.find<QRadioButton>(u"event-instant"_s), Qt::LeftButton);
        QCOMPARE(durationShown(), -1);
    }

    void advancedFieldsAreFoldedAway()
    {
        Fixture f;
        f.workspace.show();
        auto *plugin = f.find<QLineEdit>(u"event-plugin"_s);
        QVERIFY(!plugin->isVisible());
        f.click(u"event-advanced"_s);
        QVERIFY(plugin->isVisible());
        plugin->setFocus();
        QTest::keyClicks(plugin, u"com.instana.forge.connection.http.logical.LogicalWebApp"_s);
        QVERIFY(f.findings().contains(u"only one of plugin and id"_s));
        auto *id = f.find<QLineEdit>(u"event-id"_s);
        id->setFocus();
        QTest::keyClicks(id, u"checkout"_s);
        f.typeTitle(u"Tied to a service"_s);
        QVERIFY(f.findings().contains(u"Ready to send"_s));
        QVERIFY(f.preview()->toPlainText().endsWith(
            u",\"plugin\":\"com.instana.forge.connection.http.logical.LogicalWebApp\",\"id\":\"checkout\"}"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_MAIN(TestEventsWorkspace)
#include "tst_eventsworkspace.moc"
