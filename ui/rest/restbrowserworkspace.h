#pragma once

#include "core/browse/catalog.h"
#include "core/rest/ratelimit.h"
#include "core/traces/spanstore.h"

#include <QHash>
#include <QPointer>
#include <QProcessEnvironment>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace Workbench {

class JsonResultView;
class RequestHistoryView;
class RequestLine;
class Settings;
class TokenVault;
class ViewForm;

namespace Browse {
class ViewFetch;
struct EntityLink;
} // namespace Browse
namespace Rest {
class RestClient;
class RestJob;
} // namespace Rest
namespace Ui {
class MetricsPanel;
class TraceOpener;
} // namespace Ui

// The REST Browser: the catalog of views of Instana data (core/browse/catalog.h) on the left, the
// chosen view's parameters, its answer as a table, tree or raw text, Load More and Fetch All
// for paged views. It talks to the tenant of the session's connection profile (chooseProfile:
// the environment's or the current one) with the token from the keychain, through a client of
// its own made for that profile, and drops it when the profile changes.
class RestBrowserWorkspace : public QWidget
{
    Q_OBJECT
public:
    RestBrowserWorkspace(Settings &settings, TokenVault &vault, QWidget *parent = nullptr);
    ~RestBrowserWorkspace() override;

    // The environment chooseProfile() reads (INSTANA_BASE_URL, ...); the system's unless set.
    void setEnvironment(const QProcessEnvironment &environment);
    // Where the profiles' request histories are kept; the data dir's rest-history unless set.
    void setHistoryDirectory(const QString &directory);

    // The catalog's own entries besides the views: the free request line and the history.
    static constexpr QLatin1StringView RequestPage{"@request"};
    static constexpr QLatin1StringView HistoryPage{"@history"};
    RequestLine *requestLine() const { return m_requestLine; }
    RequestHistoryView *historyView() const { return m_history; }

    // Shows the view of that catalog name and, with `run`, runs it as its form says. False
    // for a name the catalog does not have.
    bool showView(const QString &name, bool run = false);
    // Shows the view with these arguments and runs it.
    bool runView(const QString &name, const Browse::ViewArguments &arguments);
    QString currentViewName() const;
    ViewForm *currentForm() const;
    JsonResultView *resultView() const { return m_results; }
    Ui::MetricsPanel *metricsPanel() const { return m_metrics; }
    // The opener of the latest trace link; null before the first.
    Ui::TraceOpener *traceOpener() const;
    // Whether a request of the shown view runs.
    bool isBusy() const;
    // The line under the buttons: what came, or why nothing did.
    QString statusText() const;

Q_SIGNALS:
    // Every answer carries the tenant's rate limit.
    void rateLimitSeen(const QString &profileName, const Workbench::Rest::RateLimit &rateLimit);
    // A trace id was activated: it is fetched (every call, then each call's spans)...
    void traceRequested(const QString &traceId);
    // ... and here it is, in the agent's span format, for the Trace Viewer.
    void traceReady(Workbench::Traces::SpanStore store, QString source);
    // After every run, Load More or Fetch All of the shown view, ok or not.
    void viewFinished(bool ok);

private:
    void buildCatalog();
    ViewForm *formFor(const Browse::ViewInfo &view);
    void onCatalogItem(QTreeWidgetItem *item);
    void run();
    void loadMore();
    void fetchAll();
    void cancel();
    void start(Browse::ViewFetch *fetch, const std::function<void(Browse::ViewFetch *)> &operation);
    void onFinished(Browse::ViewFetch *fetch);
    void showFetch(Browse::ViewFetch *fetch);
    void openLink(const Browse::EntityLink &link);
    void openTrace(const QString &traceId);
    void chartMetrics();
    void showPage(const QString &page);
    void sendFree(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body);
    void onFreeFinished(Rest::RestJob *job);
    void record(const Browse::ViewRequest &request, int status, qint64 sentAt, qint64 durationMs);
    void withClient(const std::function<void(Rest::RestClient *)> &go);
    void dropClient();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();
    QString describe(const Browse::ViewFetch *fetch) const;

    Settings &m_settings;
    TokenVault &m_vault;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QTreeWidget *m_catalog;
    QLabel *m_title;
    QLabel *m_summary;
    QStackedWidget *m_modes;
    QWidget *m_viewPage;
    QStackedWidget *m_forms;
    RequestLine *m_requestLine;
    RequestHistoryView *m_history;
    QPointer<Rest::RestJob> m_freeJob;
    qint64 m_freeSentAt = 0;
    QString m_historyDirectory;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_loadMore;
    QPushButton *m_fetchAll;
    QPushButton *m_chart;
    QLabel *m_status;
    JsonResultView *m_results;
    Ui::MetricsPanel *m_metrics;
    QPointer<Ui::TraceOpener> m_traceOpener;
    QHash<QString, ViewForm *> m_formsByView;
    // The latest fetch of each view, kept so that coming back to a view shows what it got.
    QHash<QString, QPointer<Browse::ViewFetch>> m_fetches;
    QHash<QString, qsizetype> m_shownRows;
    QString m_current;
    QPointer<Rest::RestClient> m_client;
    QString m_clientProfile;
    bool m_readingToken = false;
    bool m_cancelled = false; // Cancel came while the token was read
    bool m_statusIsError = false;
};

} // namespace Workbench
