#include "ui/rest/metricspanel.h"

#include "core/rest/restclient.h"
#include "core/rest/restjob.h"
#include "ui/rest/metricschart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench::Ui {

namespace {
constexpr int IdRole = Qt::UserRole;
constexpr int UnitRole = Qt::UserRole + 1;
} // namespace

MetricsPanel::MetricsPanel(QWidget *parent)
    : QWidget(parent)
    , m_metrics(new QListWidget(this))
    , m_rollup(new QComboBox(this))
    , m_show(new QPushButton(tr("Show"), this))
    , m_status(new QLabel(this))
    , m_chart(new MetricsChart(this))
{
    setObjectName(u"metrics-panel"_s);
    m_metrics->setObjectName(u"metrics-panel-metrics"_s);
    m_metrics->setMaximumWidth(260);
    m_metrics->setToolTip(tr("Check up to %n metric(s) to draw.", nullptr, Browse::MetricsQuery::MaxMetrics));
    m_rollup->setObjectName(u"metrics-panel-rollup"_s);
    m_rollup->addItem(tr("Rollup: automatic"), 0);
    for (int rollup : Browse::MetricsQuery::rollups())
        m_rollup->addItem(rollup < 60 ? tr("Rollup: %n second(s)", nullptr, rollup)
                                      : tr("Rollup: %n minute(s)", nullptr, rollup / 60),
                          rollup);
    m_show->setObjectName(u"metrics-panel-show"_s);
    m_show->setEnabled(false);
    m_status->setObjectName(u"metrics-panel-status"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    connect(m_show, &QPushButton::clicked, this, &MetricsPanel::refresh);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_rollup);
    controls->addWidget(m_show);
    controls->addWidget(m_status, 1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_metrics, 1);
    auto *body = new QHBoxLayout;
    body->addLayout(side);
    body->addWidget(m_chart, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(body, 1);
}

MetricsPanel::~MetricsPanel()
{
    cancel();
}

void MetricsPanel::setClient(Rest::RestClient *client)
{
    cancel();
    m_client = client;
}

void MetricsPanel::cancelCatalog()
{
    if (Rest::RestJob *job = m_catalogJob.data()) {
        m_catalogJob.clear();
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
}

void MetricsPanel::cancel()
{
    cancelCatalog();
    if (Browse::MetricsFetch *fetch = m_fetch.data()) {
        m_fetch.clear();
        fetch->disconnect(this);
        fetch->abort();
        fetch->deleteLater();
    }
}

bool MetricsPanel::isLoading() const
{
    return m_catalogJob || m_fetch;
}

QString MetricsPanel::statusText() const
{
    return m_status->text();
}

void MetricsPanel::showInfrastructure(const QString &plugin, const QStringList &snapshotIds,
                                      const Browse::TimeWindow &window)
{
    cancel();
    m_base = {};
    m_base.kind = Browse::MetricsQuery::Kind::Infrastructure;
    m_base.plugin = plugin;
    m_base.entityIds = snapshotIds;
    m_base.window = window;
    m_metrics->clear();
    m_show->setEnabled(false);
    Rest::RestClient *client = m_client.data();
    if (!client) {
        m_chart->showError(tr("No connection profile is in use."));
        return;
    }
    m_status->setText(tr("Reading the metrics of %1…").arg(plugin));
    m_chart->showMessage(tr("Reading the metrics of %1…").arg(plugin));
    Rest::RestJob *job = client->request("GET", Browse::catalogPath(plugin));
    job->setParent(this);
    m_catalogJob = job;
    connect(job, &Rest::RestJob::finished, this, &MetricsPanel::onCatalog);
    job->start();
}

void MetricsPanel::showApplications(Browse::MetricsQuery::Kind kind, const QStringList &ids,
                                    const Browse::TimeWindow &window)
{
    cancel();
    m_base = {};
    m_base.kind = kind;
    m_base.entityIds = ids;
    m_base.window = window;
    listMetrics(Browse::MetricsQuery::applicationMetrics(), 2);
    refresh();
}

void MetricsPanel::onCatalog(Rest::RestJob *job)
{
    if (job != m_catalogJob.data())
        return;
    m_catalogJob.clear();
    job->deleteLater();
    if (job->error() != Rest::Error::None) {
        m_status->setText(QString());
        m_chart->showError(job->errorString());
        return;
    }
    QString error;
    const auto choices = Browse::parseCatalog(job->json(), &error);
    if (!choices) {
        m_status->setText(QString());
        m_chart->showError(
            tr("The metric catalog of %1 is not shaped as the API promises: %2").arg(m_base.plugin, error));
        return;
    }
    if (choices->isEmpty()) {
        m_status->setText(QString());
        m_chart->showMessage(tr("The plugin %1 reports no metrics.").arg(m_base.plugin));
        return;
    }
    listMetrics(*choices, 1);
    refresh();
}

void MetricsPanel::listMetrics(const QList<Browse::MetricChoice> &choices, int checked)
{
    m_metrics->clear();
    for (const Browse::MetricChoice &choice : choices) {
        auto *item = new QListWidgetItem(choice.label, m_metrics);
        item->setData(IdRole, choice.id);
        item->setData(UnitRole, choice.unit);
        item->setToolTip(choice.unit.isEmpty() ? choice.id : choice.id + u" ("_s + choice.unit + u')');
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(m_metrics->count() <= checked ? Qt::Checked : Qt::Unchecked);
    }
    m_show->setEnabled(true);
    Q_EMIT metricsListed();
}

Browse::MetricsQuery MetricsPanel::query() const
{
    Browse::MetricsQuery query = m_base;
    query.metrics.clear();
    for (int i = 0; i < m_metrics->count(); ++i) {
        const QListWidgetItem *item = m_metrics->item(i);
        if (item->checkState() == Qt::Checked)
            query.metrics.append(item->data(IdRole).toString());
    }
    query.rollupSeconds = m_rollup->currentData().toInt();
    return query;
}

void MetricsPanel::refresh()
{
    if (Browse::MetricsFetch *old = m_fetch.data()) {
        m_fetch.clear();
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    const Browse::MetricsQuery asked = query();
    Rest::RestClient *client = m_client.data();
    if (!client) {
        m_chart->showError(tr("No connection profile is in use."));
        Q_EMIT loaded();
        return;
    }
    if (const QString problem = asked.problem(); !problem.isEmpty()) {
        // Nothing is sent; the chart keeps what it shows, and the line says why.
        m_status->setText(problem);
        Q_EMIT loaded();
        return;
    }
    m_status->setText(tr("Asking for %n metric(s)…", nullptr, int(asked.metrics.size())));
    auto *fetch = new Browse::MetricsFetch(client, asked, this);
    m_fetch = fetch;
    connect(fetch, &Browse::MetricsFetch::finished, this, &MetricsPanel::onFetched);
    fetch->start();
}

void MetricsPanel::onFetched(Browse::MetricsFetch *fetch)
{
    if (fetch != m_fetch.data())
        return;
    m_fetch.clear();
    fetch->deleteLater();
    if (!fetch->ok()) {
        m_status->setText(QString());
        m_chart->showError(fetch->errorString());
        Q_EMIT loaded();
        return;
    }
    const Browse::MetricsQuery &asked = fetch->query();
    const QString title
        = tr("%1, %2, a point every %3")
              .arg(asked.kind == Browse::MetricsQuery::Kind::Infrastructure
                       ? asked.plugin
                       : Browse::MetricsQuery::kindName(asked.kind),
                   asked.window.text(), Browse::TimeWindow::durationText(asked.effectiveRollup() * 1000LL));
    m_chart->setSeries(fetch->series(), title);
    m_status->setText(tr("%n series", nullptr, int(fetch->series().size())));
    Q_EMIT loaded();
}

} // namespace Workbench::Ui
