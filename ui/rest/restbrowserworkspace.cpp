#include "ui/rest/restbrowserworkspace.h"

#include "core/browse/entitylink.h"
#include "core/browse/requesthistory.h"
#include "core/browse/viewfetch.h"
#include "core/json/backgroundparse.h"
#include "core/json/jsontable.h"
#include "core/profiles/profilechoice.h"
#include "core/profiles/tokenvault.h"
#include "core/rest/restclient.h"
#include "core/rest/restjob.h"
#include "core/settings/settings.h"
#include "ui/rest/jsonresultview.h"
#include "ui/rest/metricspanel.h"
#include "ui/rest/requesthistoryview.h"
#include "ui/rest/requestline.h"
#include "ui/rest/traceopener.h"
#include "ui/rest/viewform.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr int ViewNameRole = Qt::UserRole + 1;
constexpr const char *SentAtProperty = "workbench.sentAt";
} // namespace

RestBrowserWorkspace::RestBrowserWorkspace(Settings &settings, TokenVault &vault, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_vault(vault)
    , m_catalog(new QTreeWidget(this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_modes(new QStackedWidget(this))
    , m_viewPage(new QWidget(this))
    , m_forms(new QStackedWidget(this))
    , m_requestLine(new RequestLine(this))
    , m_history(new RequestHistoryView(this))
    , m_historyDirectory(Browse::RequestHistory::defaultDirectory())
    , m_run(new QPushButton(tr("&Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_loadMore(new QPushButton(tr("Load &More"), this))
    , m_fetchAll(new QPushButton(tr("Fetch &All"), this))
    , m_chart(new QPushButton(tr("C&hart Metrics"), this))
    , m_status(new QLabel(this))
    , m_results(new JsonResultView(this))
    , m_metrics(new Ui::MetricsPanel(this))
{
    m_catalog->setObjectName(u"rest-catalog"_s);
    m_catalog->setHeaderHidden(true);
    m_catalog->setRootIsDecorated(true);
    m_catalog->setUniformRowHeights(true);
    m_title->setObjectName(u"rest-title"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_summary->setWordWrap(true);
    m_run->setObjectName(u"run"_s);
    m_run->setDefault(true);
    m_run->setToolTip(tr("Send the view's request (Ctrl+Return)."));
    m_cancel->setObjectName(u"cancel"_s);
    m_loadMore->setObjectName(u"load-more"_s);
    m_loadMore->setToolTip(tr("Ask for the next page and add it to the rows."));
    m_fetchAll->setObjectName(u"fetch-all"_s);
    m_fetchAll->setToolTip(tr("Ask for every page left; each page is one call of the rate limit."));
    m_chart->setObjectName(u"chart-metrics"_s);
    m_chart->setToolTip(tr("Chart the metrics of the selected rows (all shown when none is selected): up to 30 "
                           "snapshots of one plugin, or 10 applications, services or endpoints."));
    m_metrics->setObjectName(u"rest-metrics"_s);
    m_metrics->hide();
    m_status->setObjectName(u"rest-status"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results->setObjectName(u"rest-results"_s);

    m_requestLine->setObjectName(u"request-line"_s);
    m_history->setObjectName(u"request-history"_s);
    auto *viewLayout = new QVBoxLayout(m_viewPage);
    viewLayout->setContentsMargins(0, 0, 0, 0);
    viewLayout->addWidget(m_title);
    viewLayout->addWidget(m_summary);
    viewLayout->addWidget(m_forms);
    m_modes->addWidget(m_viewPage);
    m_modes->addWidget(m_requestLine);
    m_modes->addWidget(m_history);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->addWidget(m_modes);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_loadMore);
    buttons->addWidget(m_fetchAll);
    buttons->addStretch(1);
    buttons->addWidget(m_chart);
    pageLayout->addLayout(buttons);
    pageLayout->addWidget(m_status);
    auto *resultSplitter = new QSplitter(Qt::Vertical, page);
    resultSplitter->addWidget(m_results);
    resultSplitter->addWidget(m_metrics);
    resultSplitter->setStretchFactor(0, 3);
    resultSplitter->setStretchFactor(1, 2);
    pageLayout->addWidget(resultSplitter, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_catalog);
    splitter->addWidget(page);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 900});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    buildCatalog();
    connect(m_catalog, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) { onCatalogItem(item); });
    connect(m_run, &QPushButton::clicked, this, &RestBrowserWorkspace::run);
    connect(m_cancel, &QPushButton::clicked, this, &RestBrowserWorkspace::cancel);
    connect(m_loadMore, &QPushButton::clicked, this, &RestBrowserWorkspace::loadMore);
    connect(m_fetchAll, &QPushButton::clicked, this, &RestBrowserWorkspace::fetchAll);
    connect(m_chart, &QPushButton::clicked, this, &RestBrowserWorkspace::chartMetrics);
    auto *runShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(runShortcut, &QShortcut::activated, this, &RestBrowserWorkspace::run);
    connect(m_results, &JsonResultView::linkActivated, this, &RestBrowserWorkspace::openLink);
    connect(m_requestLine, &RequestLine::sendRequested, this, &RestBrowserWorkspace::sendFree);
    connect(m_history, &RequestHistoryView::runAgainRequested, this,
            [this](const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body) {
                showPage(RequestPage);
                m_requestLine->setRequest(method, path, query, body);
                sendFree(method, path, query, body);
            });
    connect(m_history, &RequestHistoryView::editRequested, this,
            [this](const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body) {
                showPage(RequestPage);
                m_requestLine->setRequest(method, path, query, body);
            });
    connect(&m_settings, &Settings::profilesChanged, this, &RestBrowserWorkspace::dropClient);
    connect(&m_settings, &Settings::currentProfileChanged, this, &RestBrowserWorkspace::dropClient);

    showView(Browse::views().constFirst().name);
}

RestBrowserWorkspace::~RestBrowserWorkspace()
{
    // What uses the client goes before it.
    for (const QPointer<Browse::ViewFetch> &fetch : std::as_const(m_fetches))
        delete fetch.data();
    delete m_traceOpener.data();
    m_metrics->cancel();
    m_metrics->setClient(nullptr);
}

Ui::TraceOpener *RestBrowserWorkspace::traceOpener() const
{
    return m_traceOpener.data();
}

void RestBrowserWorkspace::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    dropClient();
}

void RestBrowserWorkspace::buildCatalog()
{
    QHash<QString, QTreeWidgetItem *> groups;
    for (const Browse::ViewInfo &view : Browse::views()) {
        QTreeWidgetItem *group = groups.value(view.group);
        if (!group) {
            group = new QTreeWidgetItem(m_catalog, {view.group});
            group->setFlags(Qt::ItemIsEnabled);
            QFont font = group->font(0);
            font.setBold(true);
            group->setFont(0, font);
            groups.insert(view.group, group);
        }
        auto *item = new QTreeWidgetItem(group, {view.title});
        item->setData(0, ViewNameRole, view.name);
        item->setToolTip(0, view.summary);
    }
    auto *requests = new QTreeWidgetItem(m_catalog, {tr("Requests")});
    requests->setFlags(Qt::ItemIsEnabled);
    QFont font = requests->font(0);
    font.setBold(true);
    requests->setFont(0, font);
    auto *free = new QTreeWidgetItem(requests, {tr("Any request")});
    free->setData(0, ViewNameRole, QString(RequestPage));
    free->setToolTip(0, tr("Any path of the API, with completions, parameters and examples from its specification."));
    auto *history = new QTreeWidgetItem(requests, {tr("History")});
    history->setData(0, ViewNameRole, QString(HistoryPage));
    history->setToolTip(0, tr("The requests sent to the profile's tenant, to run again."));
    m_catalog->expandAll();
}

ViewForm *RestBrowserWorkspace::formFor(const Browse::ViewInfo &view)
{
    ViewForm *form = m_formsByView.value(view.name);
    if (!form) {
        form = new ViewForm(view, m_forms);
        form->setObjectName(u"form-"_s + view.name);
        connect(form, &ViewForm::submitted, this, &RestBrowserWorkspace::run);
        m_forms->addWidget(form);
        m_formsByView.insert(view.name, form);
    }
    return form;
}

void RestBrowserWorkspace::onCatalogItem(QTreeWidgetItem *item)
{
    const QString name = item ? item->data(0, ViewNameRole).toString() : QString();
    if (name == RequestPage || name == HistoryPage)
        showPage(name);
    else if (!name.isEmpty() && name != m_current)
        showView(name);
}

bool RestBrowserWorkspace::showView(const QString &name, bool runIt)
{
    const Browse::ViewInfo *view = Browse::findView(name);
    if (!view)
        return false;
    m_current = view->name;
    m_modes->setCurrentWidget(m_viewPage);
    m_title->setText(view->title);
    m_summary->setText(view->summary);
    m_forms->setCurrentWidget(formFor(*view));
    for (QTreeWidgetItemIterator it(m_catalog); *it; ++it) {
        if ((*it)->data(0, ViewNameRole).toString() == m_current) {
            const QSignalBlocker blocker(m_catalog);
            m_catalog->setCurrentItem(*it);
        }
    }
    Browse::ViewFetch *fetch = m_fetches.value(m_current);
    if (fetch) {
        showFetch(fetch);
    } else {
        m_results->clear();
        setStatus(view->idName.isEmpty() ? tr("Run asks the tenant.") : tr("Give an id, then Run."));
    }
    updateButtons();
    if (runIt)
        run();
    return true;
}

bool RestBrowserWorkspace::runView(const QString &name, const Browse::ViewArguments &arguments)
{
    if (!showView(name))
        return false;
    currentForm()->setArguments(arguments);
    run();
    return true;
}

QString RestBrowserWorkspace::currentViewName() const
{
    return m_current;
}

ViewForm *RestBrowserWorkspace::currentForm() const
{
    return m_formsByView.value(m_current);
}

bool RestBrowserWorkspace::isBusy() const
{
    if (m_current == RequestPage) {
        const Rest::RestJob *job = m_freeJob.data();
        return (job && job->isRunning()) || m_readingToken;
    }
    const Browse::ViewFetch *fetch = m_fetches.value(m_current);
    return (fetch && fetch->isRunning()) || m_readingToken;
}

void RestBrowserWorkspace::setHistoryDirectory(const QString &directory)
{
    m_historyDirectory = directory;
    if (!m_history->profileName().isEmpty())
        m_history->setProfile(m_history->profileName(), m_historyDirectory);
}

void RestBrowserWorkspace::showPage(const QString &page)
{
    m_current = page;
    m_modes->setCurrentWidget(page == HistoryPage ? static_cast<QWidget *>(m_history) : m_requestLine);
    for (QTreeWidgetItemIterator it(m_catalog); *it; ++it) {
        if ((*it)->data(0, ViewNameRole).toString() == page) {
            const QSignalBlocker blocker(m_catalog);
            m_catalog->setCurrentItem(*it);
        }
    }
    const ProfileChoice choice = chooseProfile(m_settings, {}, m_environment);
    if (choice.ok() && choice.profile) {
        m_requestLine->setBaseUrl(choice.profile->baseUrl);
        if (m_history->profileName() != choice.profile->name || page == HistoryPage)
            m_history->setProfile(choice.profile->name, m_historyDirectory);
        setStatus(page == HistoryPage
                      ? tr("The requests sent to %1; a double click sends one again.").arg(choice.profile->name)
                      : tr("Type a path: the API's operations are offered as you type."));
    } else {
        setStatus(choice.ok() ? tr("No connection profile yet: add one in Connection ▸ Profiles….") : choice.error,
                  !choice.ok());
    }
    updateButtons();
}

void RestBrowserWorkspace::sendFree(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                    const QByteArray &body)
{
    if (const Rest::RestJob *running = m_freeJob.data(); m_readingToken || (running && running->isRunning()))
        return;
    withClient([this, method, path, query, body](Rest::RestClient *client) {
        delete m_freeJob.data();
        Rest::RestJob *job = client->request(method, path, query, body);
        m_freeJob = job;
        // Parsed in the thread pool when it came: a large answer never blocks the window.
        job->setParseJson(false);
        job->setCheckJson(false);
        m_freeSentAt = QDateTime::currentMSecsSinceEpoch();
        connect(job, &Rest::RestJob::finished, this, &RestBrowserWorkspace::onFreeFinished);
        setStatus(tr("Asking %1…").arg(client->options().baseUrl.host()));
        job->start();
        updateButtons();
    });
}

void RestBrowserWorkspace::onFreeFinished(Rest::RestJob *job)
{
    if (job != m_freeJob)
        return;
    job->deleteLater();
    const qint64 duration = QDateTime::currentMSecsSinceEpoch() - m_freeSentAt;
    Browse::ViewRequest sent;
    sent.method = job->method();
    sent.path = job->path();
    sent.query = QUrlQuery(job->url());
    sent.body = job->requestBody();
    record(sent, job->httpStatus(), m_freeSentAt, duration);
    const QLocale locale;
    QString outcome = job->httpStatus() > 0 ? tr("HTTP %1 · %2 bytes · %3 ms")
                                                  .arg(job->httpStatus())
                                                  .arg(locale.toString(qlonglong(job->body().size())))
                                                  .arg(duration)
                                            : QString();
    const bool failed = job->error() != Rest::Error::None;
    if (failed)
        outcome = job->errorString();
    const QByteArray answer = job->body();
    updateButtons();
    if (answer.isEmpty()) {
        m_results->clear();
        setStatus(failed ? outcome : tr("%1 · no content").arg(outcome), failed);
        if (m_current == RequestPage)
            Q_EMIT viewFinished(!failed);
        return;
    }
    setStatus(tr("%1 · reading the answer…").arg(outcome), failed);
    Json::parseInBackground(answer, this, [this, answer, outcome, failed](const Json::ParsedJson &parsed) {
        QJsonArray rows;
        if (parsed.ok()) {
            const QJsonDocument &document = *parsed.document;
            const QJsonValue items = document.object().value(u"items"_s);
            if (items.isArray())
                rows = items.toArray();
            else if (document.isArray() && Json::isTableOfObjects(document.array()))
                rows = document.array();
        }
        m_results->setAnswer(answer, parsed.document, rows);
        if (!parsed.ok() && !failed)
            setStatus(tr("%1 · the answer is no JSON: %2 at byte %3.")
                          .arg(outcome, parsed.error.errorString())
                          .arg(parsed.error.offset),
                      true);
        else
            setStatus(outcome, failed);
        if (m_current == RequestPage)
            Q_EMIT viewFinished(!failed && parsed.ok());
    });
}

void RestBrowserWorkspace::record(const Browse::ViewRequest &request, int status, qint64 sentAt, qint64 durationMs)
{
    if (m_clientProfile.isEmpty())
        return;
    Browse::RequestRecord entry;
    entry.method = request.method;
    entry.path = request.path;
    entry.query = request.query;
    entry.body = request.body;
    entry.status = status;
    entry.time = sentAt;
    entry.durationMs = durationMs;
    if (m_history->profileName() != m_clientProfile)
        m_history->setProfile(m_clientProfile, m_historyDirectory);
    m_history->record(entry);
}

QString RestBrowserWorkspace::statusText() const
{
    return m_status->text();
}

void RestBrowserWorkspace::run()
{
    ViewForm *form = currentForm();
    if (!form || m_readingToken)
        return;
    QString error;
    const std::optional<Browse::ViewArguments> arguments = form->arguments(&error);
    if (!arguments) {
        setStatus(error, true);
        Q_EMIT viewFinished(false);
        return;
    }
    const QString viewName = m_current;
    withClient([this, viewName, arguments = *arguments](Rest::RestClient *client) {
        const Browse::ViewInfo *view = Browse::findView(viewName);
        if (!view)
            return;
        delete m_fetches.value(viewName).data();
        auto *fetch = new Browse::ViewFetch(client, *view, arguments, QDateTime::currentMSecsSinceEpoch(), this);
        m_fetches.insert(viewName, fetch);
        m_shownRows.insert(viewName, 0);
        // Its first request goes into the profile's history when it ends.
        fetch->setProperty(SentAtProperty, QDateTime::currentMSecsSinceEpoch());
        start(fetch, [](Browse::ViewFetch *f) { f->start(); });
    });
}

void RestBrowserWorkspace::loadMore()
{
    Browse::ViewFetch *fetch = m_fetches.value(m_current);
    if (fetch && !fetch->isRunning() && fetch->canLoadMore())
        start(fetch, [](Browse::ViewFetch *f) { f->loadMore(); });
}

void RestBrowserWorkspace::fetchAll()
{
    Browse::ViewFetch *fetch = m_fetches.value(m_current);
    if (fetch && !fetch->isRunning() && fetch->canLoadMore())
        start(fetch, [](Browse::ViewFetch *f) { f->fetchAll(); });
}

void RestBrowserWorkspace::cancel()
{
    if (m_readingToken) {
        m_cancelled = true; // the run waits for the token: it does not start when it comes
        return;
    }
    if (m_current == RequestPage) {
        if (Rest::RestJob *job = m_freeJob.data())
            job->abort();
        return;
    }
    if (Browse::ViewFetch *fetch = m_fetches.value(m_current))
        fetch->abort();
}

void RestBrowserWorkspace::start(Browse::ViewFetch *fetch, const std::function<void(Browse::ViewFetch *)> &operation)
{
    fetch->disconnect(this);
    connect(fetch, &Browse::ViewFetch::finished, this, &RestBrowserWorkspace::onFinished);
    connect(fetch, &Browse::ViewFetch::progressed, this, [this, fetch] {
        if (m_fetches.value(m_current) == fetch)
            setStatus(tr("Fetching… %1").arg(describe(fetch)));
    });
    setStatus(tr("Asking %1…").arg(m_client ? m_client->options().baseUrl.host() : QString()));
    operation(fetch);
    updateButtons();
}

void RestBrowserWorkspace::onFinished(Browse::ViewFetch *fetch)
{
    if (m_fetches.value(fetch->view().name) != fetch)
        return;
    const QVariant sentAt = fetch->property(SentAtProperty);
    if (sentAt.isValid()) {
        fetch->setProperty(SentAtProperty, QVariant());
        if (!fetch->request().method.isEmpty() && fetch->error() != Browse::ViewFetch::Error::Cancelled)
            record(fetch->request(), fetch->httpStatus(), sentAt.toLongLong(),
                   QDateTime::currentMSecsSinceEpoch() - sentAt.toLongLong());
    }
    if (fetch->view().name == m_current) {
        showFetch(fetch);
        updateButtons();
        Q_EMIT viewFinished(fetch->error() == Browse::ViewFetch::Error::None);
    }
}

void RestBrowserWorkspace::showFetch(Browse::ViewFetch *fetch)
{
    const QString name = fetch->view().name;
    if (fetch->isRunning()) {
        setStatus(tr("Fetching… %1").arg(describe(fetch)));
        return;
    }
    const qsizetype shown = m_shownRows.value(name, 0);
    const bool list = fetch->view().isList;
    if (fetch->answer() && !fetch->answer()->isNull()) {
        if (shown == 0 || !list || shown > fetch->rows().size()) {
            m_results->setAnswer(fetch->body(), fetch->answer(), list ? fetch->rows() : QJsonArray(),
                                 fetch->view().columns, name);
        } else if (fetch->rows().size() > shown) {
            QJsonArray added;
            for (qsizetype i = shown; i < fetch->rows().size(); ++i)
                added.append(fetch->rows().at(i));
            m_results->appendRows(added);
        }
        m_shownRows.insert(name, list ? fetch->rows().size() : 1);
    } else if (shown == 0) {
        m_results->clear();
    }
    if (fetch->error() == Browse::ViewFetch::Error::None)
        setStatus(describe(fetch));
    else if (fetch->error() == Browse::ViewFetch::Error::Cancelled)
        setStatus(tr("Cancelled. %1").arg(describe(fetch)));
    else
        setStatus(fetch->errorString(), true);
}

QString RestBrowserWorkspace::describe(const Browse::ViewFetch *fetch) const
{
    const Rest::PagerProgress &progress = fetch->progress();
    const QLocale locale;
    QStringList parts;
    if (fetch->view().isList) {
        const qsizetype rows = fetch->rows().size();
        if (fetch->totalHits() >= 0)
            parts << tr("%1 of %2 rows").arg(locale.toString(qlonglong(rows)), locale.toString(fetch->totalHits()));
        else
            parts << tr("%n row(s)", nullptr, int(std::min<qsizetype>(rows, INT_MAX)));
    }
    if (progress.pages > 1)
        parts << tr("%n page(s)", nullptr, progress.pages);
    parts << tr("%n call(s)", nullptr, progress.calls);
    if (!fetch->isRunning() && fetch->canLoadMore())
        parts << tr("more can be loaded");
    return parts.join(u" · "_s);
}

void RestBrowserWorkspace::openLink(const Browse::EntityLink &link)
{
    if (link.kind == Browse::EntityLink::Kind::Trace) {
        openTrace(link.id);
        return;
    }
    Browse::ViewArguments arguments;
    if (const ViewForm *form = currentForm()) {
        if (const auto current = form->arguments())
            arguments.window = current->window; // the same window, where the next view has one
    }
    if (link.kind == Browse::EntityLink::Kind::Application)
        arguments.values.insert(u"application"_s, link.id);
    else
        arguments.id = link.id;
    runView(link.viewName(), arguments);
}

void RestBrowserWorkspace::openTrace(const QString &traceId)
{
    Q_EMIT traceRequested(traceId);
    withClient([this, traceId](Rest::RestClient *client) {
        if (!m_traceOpener) {
            m_traceOpener = new Ui::TraceOpener(client, this);
            connect(m_traceOpener, &Ui::TraceOpener::traceReady, this,
                    [this](Traces::SpanStore store, const QString &source) {
                        setStatus(tr("Opened %1 in the Trace Viewer.").arg(source));
                        Q_EMIT traceReady(std::move(store), source);
                    });
            connect(m_traceOpener, &Ui::TraceOpener::failed, this,
                    [this](const QString &message) { setStatus(message, true); });
            connect(m_traceOpener, &Ui::TraceOpener::cancelled, this, [this] { setStatus(tr("Cancelled.")); });
        }
        setStatus(tr("Fetching trace %1…").arg(traceId));
        m_traceOpener->open(traceId);
    });
}

void RestBrowserWorkspace::chartMetrics()
{
    const Browse::ViewFetch *fetch = m_fetches.value(m_current);
    if (!fetch || fetch->isRunning())
        return;
    const QString view = fetch->view().name;
    const QJsonArray rows = m_results->selectedRows();
    const Browse::TimeWindow window = fetch->arguments().window;
    QStringList ids;
    if (view == u"snapshots"_s || view == u"agents"_s) {
        // One plugin at a time: its metric catalog is what can be chosen.
        QString plugin;
        for (const auto &row : rows) {
            const QJsonObject object = row.toObject();
            const QString rowPlugin = object.value(u"plugin"_s).toString();
            if (plugin.isEmpty())
                plugin = rowPlugin;
            if (rowPlugin == plugin && !object.value(u"snapshotId"_s).toString().isEmpty()
                && ids.size() < Browse::MetricsQuery::MaxSnapshots)
                ids.append(object.value(u"snapshotId"_s).toString());
        }
        if (ids.isEmpty()) {
            setStatus(tr("No snapshot to chart: run the view, then select rows."), true);
            return;
        }
        m_metrics->setClient(m_client);
        m_metrics->show();
        m_metrics->showInfrastructure(plugin, ids, window);
        return;
    }
    const Browse::MetricsQuery::Kind kind = view == u"applications"_s ? Browse::MetricsQuery::Kind::Applications
        : view == u"services"_s                                       ? Browse::MetricsQuery::Kind::Services
                                                                      : Browse::MetricsQuery::Kind::Endpoints;
    for (const auto &row : rows) {
        const QString id = row.toObject().value(u"id"_s).toString();
        if (!id.isEmpty() && ids.size() < Browse::MetricsQuery::MaxEntities)
            ids.append(id);
    }
    if (ids.isEmpty()) {
        setStatus(tr("Nothing to chart: run the view, then select rows."), true);
        return;
    }
    m_metrics->setClient(m_client);
    m_metrics->show();
    m_metrics->showApplications(kind, ids, window);
}

void RestBrowserWorkspace::withClient(const std::function<void(Rest::RestClient *)> &go)
{
    const ProfileChoice choice = chooseProfile(m_settings, {}, m_environment);
    if (!choice.ok()) {
        setStatus(choice.error, true);
        Q_EMIT viewFinished(false);
        return;
    }
    if (!choice.profile) {
        setStatus(tr("No connection profile yet: add one in Connection ▸ Profiles…, then Run."), true);
        Q_EMIT viewFinished(false);
        return;
    }
    const QString profileName = choice.profile->name;
    if (m_client && m_clientProfile == profileName) {
        go(m_client);
        return;
    }
    dropClient();
    m_readingToken = true;
    m_cancelled = false;
    updateButtons();
    setStatus(tr("Reading the API token of %1 from the keychain…").arg(profileName));
    const ConnectionProfile profile = *choice.profile;
    m_vault.readTokenFor(choice, this, [this, profile, go](const SecretStore::Result &result) {
        m_readingToken = false;
        if (!result.ok()) {
            setStatus(TokenVault::explain(result, profile.name), true);
            updateButtons();
            Q_EMIT viewFinished(false);
            return;
        }
        m_client = new Rest::RestClient(profile.options(), result.value, nullptr, this);
        m_clientProfile = profile.name;
        const QString name = profile.name;
        connect(m_client, &Rest::RestClient::rateLimitChanged, this,
                [this, name](const Rest::RateLimit &rateLimit) { Q_EMIT rateLimitSeen(name, rateLimit); });
        if (m_cancelled) {
            m_cancelled = false;
            setStatus(tr("Cancelled."));
            updateButtons();
            Q_EMIT viewFinished(false);
            return;
        }
        go(m_client);
        updateButtons();
    });
}

void RestBrowserWorkspace::dropClient()
{
    // A client is made for one profile (its URL, TLS settings and token): another profile, or
    // the same one changed, gets a new client and connections of its own.
    for (const QPointer<Browse::ViewFetch> &guarded : std::as_const(m_fetches)) {
        if (Browse::ViewFetch *fetch = guarded.data(); fetch && fetch->isRunning())
            fetch->abort();
    }
    // The trace opener and the metrics panel use the client: they go first.
    delete m_traceOpener.data();
    m_metrics->cancel();
    m_metrics->setClient(nullptr);
    if (m_client)
        m_client->deleteLater();
    m_client.clear();
    m_clientProfile.clear();
}

void RestBrowserWorkspace::setStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #c62828;"_s : QString());
}

void RestBrowserWorkspace::updateButtons()
{
    const Browse::ViewFetch *fetch = m_fetches.value(m_current);
    const bool running = isBusy();
    const Browse::ViewInfo *view = Browse::findView(m_current);
    const bool paged = view && view->paging != Browse::Paging::None;
    m_run->setVisible(view != nullptr);
    m_run->setEnabled(!running);
    m_cancel->setVisible(m_current != HistoryPage);
    m_cancel->setEnabled(running);
    m_loadMore->setVisible(paged);
    m_fetchAll->setVisible(paged);
    const bool more = fetch && !running && fetch->canLoadMore();
    m_loadMore->setEnabled(more);
    m_fetchAll->setEnabled(more);
    static const QStringList charted{u"snapshots"_s, u"agents"_s, u"applications"_s, u"services"_s, u"endpoints"_s};
    m_chart->setVisible(charted.contains(m_current));
    m_chart->setEnabled(fetch && !running && !fetch->rows().isEmpty());
}

} // namespace Workbench
