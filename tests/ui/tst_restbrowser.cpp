// The REST Browser driven as a person would: a view chosen in the catalog, run with a click,
// its rows in the table; Load More and Fetch All on a paged view; a snapshotId opens that
// snapshot; a failing backend, an answer of the wrong shape and no profile at all each say so
// in red under the buttons. Against the local fake Instana backend over real sockets, with the
// session's profile from the environment (INSTANA_BASE_URL, INSTANA_API_TOKEN).

#include "core/browse/catalog.h"
#include "core/browse/entitylink.h"
#include "core/browse/requesthistorymodel.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/memorysecretstore.h"
#include "core/settings/settings.h"
#include "tests/support/fakeinstana.h"
#include "ui/rest/jsonresultview.h"
#include "ui/rest/metricspanel.h"
#include "ui/rest/requesthistoryview.h"
#include "ui/rest/requestline.h"
#include "ui/rest/restbrowserworkspace.h"
#include "ui/rest/viewform.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::FakeInstana;

namespace {

constexpr int Timeout = 20000;
const QByteArray Token = "rest-browser-token";

// Pixels of the status line's red (#c62828) or close to it, as text is drawn smoothed.
int reddish(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.green() < 90 && c.blue() < 90)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestRestBrowser : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeInstana> m_fake;
    std::unique_ptr<Settings> m_settings;
    MemorySecretStore m_store;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<RestBrowserWorkspace> m_browser;

    QProcessEnvironment environment(bool withProfile = true) const
    {
        QProcessEnvironment env;
        if (withProfile) {
            env.insert(u"INSTANA_BASE_URL"_s, m_fake->baseUrl().toString());
            env.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(Token));
        }
        return env;
    }

    QTableView *table() const
    {
        const auto views = m_browser->resultView()->findChildren<QTableView *>();
        for (QTableView *view : views) {
            if (view->isVisibleTo(m_browser.get()))
                return view;
        }
        return views.isEmpty() ? nullptr : views.constFirst();
    }

    // Clicks Run (or another button) and waits for the view to finish; its outcome.
    bool click(const QString &button)
    {
        auto *push = m_browser->findChild<QPushButton *>(button);
        if (!push || !push->isEnabled()) {
            qWarning() << button << "cannot be clicked";
            return false;
        }
        QSignalSpy finished(m_browser.get(), &RestBrowserWorkspace::viewFinished);
        QTest::mouseClick(push, Qt::LeftButton);
        if (finished.isEmpty() && !finished.wait(Timeout)) {
            qWarning() << "no end for" << m_browser->currentViewName() << m_browser->statusText();
            return false;
        }
        return finished.constFirst().constFirst().toBool();
    }

    QLabel *status() const { return m_browser->findChild<QLabel *>(u"rest-status"_s); }

    void choose(const QString &entry)
    {
        auto *catalog = m_browser->findChild<QTreeWidget *>(u"rest-catalog"_s);
        for (QTreeWidgetItemIterator it(catalog); *it; ++it) {
            if ((*it)->data(0, Qt::UserRole + 1).toString() == entry)
                catalog->setCurrentItem(*it);
        }
    }

    QByteArray historyFile() const
    {
        QFile file(m_dir->filePath(u"history/environment.json"_s));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
        m_settings = std::make_unique<Settings>(m_dir->filePath(u"workbench.ini"_s));
        m_vault = std::make_unique<TokenVault>(m_store);
        m_browser = std::make_unique<RestBrowserWorkspace>(*m_settings, *m_vault);
        m_browser->setEnvironment(environment());
        m_browser->setHistoryDirectory(m_dir->filePath(u"history"_s));
        m_browser->resize(1200, 800);
        m_browser->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_browser.get()));
    }

    void cleanup()
    {
        m_browser.reset();
        m_vault.reset();
        m_settings.reset();
        m_fake.reset();
        m_dir.reset();
    }

    // The catalog lists every view under its group; choosing one shows its form.
    void catalogListsEveryView()
    {
        auto *catalog = m_browser->findChild<QTreeWidget *>(u"rest-catalog"_s);
        QVERIFY(catalog);
        // The groups of views, then Requests: any request and the history.
        QCOMPARE(catalog->topLevelItemCount(), int(Browse::viewGroups().size()) + 1);
        int views = 0;
        for (int g = 0; g < catalog->topLevelItemCount(); ++g)
            views += catalog->topLevelItem(g)->childCount();
        QCOMPARE(views, int(Browse::views().size()) + 2);
        // "Events" is a group and its one view: the view is the group's child.
        const QList<QTreeWidgetItem *> named
            = catalog->findItems(u"Events"_s, Qt::MatchExactly | Qt::MatchRecursive, 0);
        QCOMPARE(named.size(), 2);
        catalog->setCurrentItem(named.constLast());
        QCOMPARE(m_browser->currentViewName(), u"events"_s);
        QVERIFY(m_browser->currentForm()->field(u"window"_s));
    }

    // Every list view that needs no id, run with a click, shows what the backend served.
    void everyListViewShowsItsRows_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("served");
        // Of 45 snapshots, every tenth (9, 19, 29, 39) went offline: listed only with Offline too.
        QTest::newRow("snapshots") << u"snapshots"_s << 41 << u"snap-0007"_s;
        QTest::newRow("agents") << u"agents"_s << 3 << u"agent-0001"_s;
        QTest::newRow("topology") << u"topology"_s << 45 << u"snap-0003"_s;
        QTest::newRow("applications") << u"applications"_s << 45 << u"app-0044"_s;
        QTest::newRow("services") << u"services"_s << 45 << QString();
        QTest::newRow("endpoints") << u"endpoints"_s << 45 << QString();
        QTest::newRow("websites") << u"websites"_s << 3 << QString();
        QTest::newRow("mobile-apps") << u"mobile-apps"_s << 2 << QString();
        QTest::newRow("service-configs") << u"service-configs"_s << 4 << QString();
        QTest::newRow("manual-services") << u"manual-services"_s << 2 << QString();
        QTest::newRow("events") << u"events"_s << 12 << u"event-0011"_s; // of every type
        QTest::newRow("traces") << u"traces"_s << 45 << u"0000000000000001"_s;
    }

    void everyListViewShowsItsRows()
    {
        QFETCH(QString, view);
        QFETCH(int, rows);
        QFETCH(QString, served);
        QVERIFY(m_browser->showView(view));
        QVERIFY2(click(u"run"_s), qPrintable(m_browser->statusText()));
        QTableView *shown = table();
        QVERIFY(shown);
        QTRY_COMPARE_WITH_TIMEOUT(shown->model()->rowCount(), rows, Timeout);
        if (!served.isEmpty()) {
            bool found = false;
            const QAbstractItemModel *model = shown->model();
            for (int r = 0; r < model->rowCount() && !found; ++r) {
                for (int c = 0; c < model->columnCount() && !found; ++c)
                    found = model->index(r, c).data().toString() == served;
            }
            QVERIFY2(found, qPrintable(served));
        }
        QCOMPARE(reddish(status()->grab().toImage()), 0);
    }

    // A paged view: a page, the next one with Load More, the rest with Fetch All.
    void loadMoreThenFetchAll()
    {
        m_fake->setApplicationCount(120);
        QVERIFY(m_browser->showView(u"applications"_s));
        auto *pageSize = m_browser->currentForm()->findChild<QSpinBox *>(u"page-size"_s);
        QVERIFY(pageSize);
        pageSize->setValue(50);
        QVERIFY(click(u"run"_s));
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 50, Timeout);
        QVERIFY2(m_browser->statusText().contains(u"50 of 120"_s), qPrintable(m_browser->statusText()));
        QVERIFY(click(u"load-more"_s));
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 100, Timeout);
        QVERIFY(click(u"fetch-all"_s));
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 120, Timeout);
        QVERIFY(!m_browser->findChild<QPushButton *>(u"load-more"_s)->isEnabled());
        QCOMPARE(m_fake->requestsTo("/api/application-monitoring/applications").size(), 3);
    }

    // A snapshotId in the table opens that snapshot's view and loads it.
    void aSnapshotLinkOpensTheSnapshot()
    {
        QVERIFY(m_browser->showView(u"snapshots"_s));
        QVERIFY(click(u"run"_s));
        QSignalSpy finished(m_browser.get(), &RestBrowserWorkspace::viewFinished);
        Q_EMIT m_browser->resultView()->linkActivated(
            Browse::EntityLink{Browse::EntityLink::Kind::Snapshot, u"snap-0004"_s});
        QVERIFY(finished.wait(Timeout));
        QCOMPARE(m_browser->currentViewName(), u"snapshot"_s);
        QVERIFY2(finished.constFirst().constFirst().toBool(), qPrintable(m_browser->statusText()));
        QCOMPARE(m_fake->requestsTo("/api/infrastructure-monitoring/snapshots/snap-0004").size(), 1);
    }

    // A trace id in the traces view is fetched whole and handed over in the agent's format.
    void aTraceLinkOpensTheTrace()
    {
        m_fake->setCallCount(7);
        QSignalSpy asked(m_browser.get(), &RestBrowserWorkspace::traceRequested);
        QSignalSpy ready(m_browser.get(), &RestBrowserWorkspace::traceReady);
        const QString traceId = u"00000000000000aa"_s;
        Q_EMIT m_browser->resultView()->linkActivated(Browse::EntityLink{Browse::EntityLink::Kind::Trace, traceId});
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.constFirst().constFirst().toString(), traceId);
        QVERIFY(ready.wait(Timeout));
        const auto store = ready.constFirst().constFirst().value<Traces::SpanStore>();
        QVERIFY(store.size() >= 7); // every call made at least one span
        QVERIFY2(ready.constFirst().at(1).toString().contains(traceId),
                 qPrintable(ready.constFirst().at(1).toString()));
        QCOMPARE(m_fake->requestsTo("/api/application-monitoring/v2/analyze/traces/" + traceId.toLatin1()).size(), 1);
    }

    // The selected snapshots' metrics are charted from the plugin's catalog.
    void chartMetricsOfTheSelectedSnapshots()
    {
        QVERIFY(m_browser->showView(u"snapshots"_s));
        auto *chart = m_browser->findChild<QPushButton *>(u"chart-metrics"_s);
        QVERIFY(chart->isVisible());
        QVERIFY(!chart->isEnabled());
        QVERIFY(click(u"run"_s));
        QVERIFY(chart->isEnabled());
        QTableView *shown = table();
        shown->selectRow(0);
        QSignalSpy loaded(m_browser->metricsPanel(), &Ui::MetricsPanel::loaded);
        QTest::mouseClick(chart, Qt::LeftButton);
        QVERIFY(loaded.wait(Timeout));
        QVERIFY(m_browser->metricsPanel()->isVisible());
        const auto bodies = m_fake->requestsTo("/api/infrastructure-monitoring/metrics");
        QCOMPARE(bodies.size(), 1);
        QVERIFY2(bodies.constFirst().body.contains("snap-0000"), bodies.constFirst().body.constData());
        QVERIFY2(bodies.constFirst().body.contains("\"plugin\":\"host\""), bodies.constFirst().body.constData());
    }

    // A failing backend, an answer of the wrong shape: a sentence in red, no rows made up.
    void badAnswersSaySo_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("500") << 500 << QByteArray(R"({"errors":["database on fire"]})") << u"database on fire"_s;
        QTest::newRow("no items") << 200 << QByteArray(R"({"things":[]})") << u"\"items\""_s;
        QTest::newRow("not json") << 200 << QByteArray("<html>") << u"JSON"_s;
        QTest::newRow("items no array") << 200 << QByteArray(R"({"items":7})") << u"\"items\""_s;
    }

    void badAnswersSaySo()
    {
        QFETCH(int, code);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        m_fake->answerWith("/api/infrastructure-monitoring/snapshots", code, body);
        QVERIFY(m_browser->showView(u"snapshots"_s));
        QVERIFY(!click(u"run"_s));
        QVERIFY2(m_browser->statusText().contains(says), qPrintable(m_browser->statusText()));
        QVERIFY(reddish(status()->grab().toImage()) > 20);
        QVERIFY(m_browser->findChild<QPushButton *>(u"run"_s)->isEnabled());
    }

    void noProfileSaysWhatToDo()
    {
        m_browser->setEnvironment(environment(false));
        QVERIFY(m_browser->showView(u"version"_s));
        QVERIFY(!click(u"run"_s));
        QVERIFY2(m_browser->statusText().contains(u"No connection profile"_s), qPrintable(m_browser->statusText()));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void theRateLimitIsReported()
    {
        QSignalSpy seen(m_browser.get(), &RestBrowserWorkspace::rateLimitSeen);
        QVERIFY(m_browser->showView(u"health"_s));
        QVERIFY(click(u"run"_s));
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.constLast().constFirst().toString(), u"environment"_s);
    }

    // Cancel ends a request that hangs; Run works again.
    void cancelEndsAHangingRequest()
    {
        m_fake->hang("/api/instana/version", 1);
        QVERIFY(m_browser->showView(u"version"_s));
        QSignalSpy finished(m_browser.get(), &RestBrowserWorkspace::viewFinished);
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"run"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/api/instana/version").size(), 1, Timeout);
        QVERIFY(m_browser->findChild<QPushButton *>(u"cancel"_s)->isEnabled());
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"cancel"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Timeout);
        QVERIFY(!finished.constFirst().constFirst().toBool());
        QVERIFY2(m_browser->statusText().contains(u"Cancelled"_s), qPrintable(m_browser->statusText()));
        QVERIFY(click(u"run"_s));
    }

    // Any path of the API from the request line: its answer in the result view, the request in
    // the profile's history (without the token), from where it runs again.
    void aFreeRequestAndItsHistory()
    {
        choose(QString(RestBrowserWorkspace::RequestPage));
        QVERIFY(m_browser->requestLine()->isVisible());
        m_browser->requestLine()->setRequest("GET", u"/api/application-monitoring/applications"_s);
        QVERIFY2(click(u"send"_s), qPrintable(m_browser->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 20, Timeout); // the fake's page
        QVERIFY2(m_browser->statusText().contains(u"HTTP 200"_s), qPrintable(m_browser->statusText()));
        QVERIFY(!historyFile().isEmpty());
        QVERIFY(!historyFile().contains(Token));

        choose(QString(RestBrowserWorkspace::HistoryPage));
        RequestHistoryView *history = m_browser->historyView();
        QVERIFY(history->isVisible());
        QCOMPARE(history->model()->rowCount(), 1);
        QSignalSpy finished(m_browser.get(), &RestBrowserWorkspace::viewFinished);
        const QModelIndex first = history->table()->model()->index(0, 0);
        QTRY_VERIFY(history->table()->visualRect(first).isValid() && history->table()->viewport()->isVisible());
        const QRect cell = history->table()->visualRect(first);
        QSignalSpy again(history, &RequestHistoryView::runAgainRequested);
        QTest::mouseClick(history->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(history->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(again.size(), 1);
        QVERIFY(finished.wait(Timeout));
        QCOMPARE(m_fake->requestsTo("/api/application-monitoring/applications").size(), 2);
        QCOMPARE(history->model()->rowCount(), 2);
    }

    // A view's run is kept in the history too.
    void aViewRunIsKept()
    {
        QVERIFY(m_browser->showView(u"websites"_s));
        QVERIFY(click(u"run"_s));
        QVERIFY(historyFile().contains("/api/website-monitoring/config"));
    }

    // Cancel while the token is still being read: nothing is sent.
    void cancelBeforeTheTokenCame()
    {
        QVERIFY(m_browser->showView(u"version"_s));
        QSignalSpy finished(m_browser.get(), &RestBrowserWorkspace::viewFinished);
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"run"_s), Qt::LeftButton);
        QVERIFY(m_browser->isBusy()); // the token comes from the vault, later
        QTest::mouseClick(m_browser->findChild<QPushButton *>(u"cancel"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Timeout);
        QVERIFY(!finished.constFirst().constFirst().toBool());
        QTest::qWait(100);
        QVERIFY(m_fake->requests().isEmpty());
        QVERIFY(click(u"run"_s));
        QCOMPARE(m_fake->requests().size(), 1);
    }
};

QTEST_MAIN(TestRestBrowser)
#include "tst_restbrowser.moc"
