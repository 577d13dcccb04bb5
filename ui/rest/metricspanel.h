#pragma once

#include "core/browse/metrics.h"
#include "core/browse/timewindow.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace Workbench::Rest {
class RestClient;
class RestJob;
} // namespace Workbench::Rest

namespace Workbench::Ui {

class MetricsChart;

// A metrics chart for what a REST Browser page has selected: the metrics to choose from (the
// plugin's metric catalog for snapshots, calls, latency and errors for applications, services
// and endpoints; up to five checked), the rollup, and Show, which asks the backend and draws
// the answer in a MetricsChart. Everything asked goes through the client set; a Show cancels the
// one before it.
class MetricsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsPanel(QWidget *parent = nullptr);
    ~MetricsPanel() override;

    // The client must outlive the panel or be set again; null clears it.
    void setClient(Rest::RestClient *client);

    // Snapshots of `plugin`: the chooser is filled from its metric catalog, the first metric
    // checked, and the chart shown.
    void showInfrastructure(const QString &plugin, const QStringList &snapshotIds, const Browse::TimeWindow &window);
    // Applications, services or endpoints by id: calls, latency and errors to choose from,
    // calls and mean latency checked, and the chart shown.
    void showApplications(Browse::MetricsQuery::Kind kind, const QStringList &ids, const Browse::TimeWindow &window);

    // Asks for the checked metrics now (the Show button).
    void refresh();
    void cancel();
    bool isLoading() const;

    // The query Show sends now.
    Browse::MetricsQuery query() const;
    MetricsChart *chart() const { return m_chart; }
    QListWidget *metricList() const { return m_metrics; }
    QComboBox *rollupBox() const { return m_rollup; }
    QPushButton *showButton() const { return m_show; }
    QString statusText() const;

Q_SIGNALS:
    // The chooser was filled (from the catalog, or with the application metrics).
    void metricsListed();
    // A Show ended: the chart shows the series, or why there are none.
    void loaded();

private:
    void listMetrics(const QList<Browse::MetricChoice> &choices, int checked);
    void onCatalog(Rest::RestJob *job);
    void onFetched(Browse::MetricsFetch *fetch);
    void cancelCatalog();

    QPointer<Rest::RestClient> m_client;
    Browse::MetricsQuery m_base;
    QPointer<Rest::RestJob> m_catalogJob;
    QPointer<Browse::MetricsFetch> m_fetch;
    QListWidget *m_metrics;
    QComboBox *m_rollup;
    QPushButton *m_show;
    QLabel *m_status;
    MetricsChart *m_chart;
};

} // namespace Workbench::Ui
