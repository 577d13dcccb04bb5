#pragma once

#include "core/browse/timewindow.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

namespace Workbench::Rest {
class RestClient;
class RestJob;
} // namespace Workbench::Rest

namespace Workbench::Browse {

// Time series of Instana metrics for the REST Browser's charts and `iwb browse metrics`: of
// infrastructure snapshots (`POST /api/infrastructure-monitoring/metrics`) and of applications,
// services and endpoints (`POST /api/application-monitoring/metrics/{applications,services,
// endpoints}`), with the metric catalog of a plugin
// (`GET /api/infrastructure-monitoring/catalog/metrics/{plugin}`).

struct MetricPoint
{
    qint64 timeMs = 0; // epoch ms
    double value = 0;

    friend bool operator==(const MetricPoint &, const MetricPoint &) = default;
};

// One line of a chart: one metric of one entity, its points in time order.
struct MetricSeries
{
    QString label; // "host-0 · cpu.user": for a legend
    QString metric; // "cpu.user", "latency.mean"
    QString entityId; // the snapshot's, application's, service's or endpoint's id
    QString entityLabel;
    QList<MetricPoint> points;

    friend bool operator==(const MetricSeries &, const MetricSeries &) = default;
};

// A metric one can ask for.
struct MetricChoice
{
    QString id; // "cpu.user", "latency.p90"
    QString label; // "CPU user"
    QString unit; // the catalog's formatter: "PERCENTAGE", "BYTES", "MILLIS", ...; empty when unknown

    friend bool operator==(const MetricChoice &, const MetricChoice &) = default;
};

// What to ask for, with the API's limits checked before anything is sent.
struct MetricsQuery
{
    enum class Kind {
        Infrastructure, // snapshots of a plugin
        Applications,
        Services,
        Endpoints,
    };

    static constexpr int MaxMetrics = 5;
    static constexpr int MaxSnapshots = 30;
    static constexpr int MaxEntities = 10; // applications, services or endpoints: one request each
    static constexpr int MaxPoints = 600; // per metric, as the API gives them
    // The rollups (seconds between points) the API takes.
    static const QList<int> &rollups();

    Kind kind = Kind::Infrastructure;
    QString plugin; // Infrastructure: "host", "jvmRuntimePlatform", ...
    QStringList metrics; // 1 to MaxMetrics ids
    QStringList entityIds; // snapshot ids (1 to MaxSnapshots, or a query), or application, service or endpoint ids
    QString query; // Infrastructure: a Dynamic Focus query instead of snapshot ids
    int rollupSeconds = 0; // 0: the smallest of rollups() that keeps to MaxPoints
    TimeWindow window;

    // "infrastructure", "applications", "services", "endpoints".
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(QStringView name);
    // The metrics of applications, services and endpoints: calls (sum), latency (mean, p90, p99)
    // and errors (mean), with their ids as the API's answer names them ("latency.p90").
    static QList<MetricChoice> applicationMetrics();

    // Why the query cannot be sent, one sentence; empty when it can.
    QString problem() const;
    // The rollup sent: rollupSeconds, or the one chosen for the window; 0 when none fits.
    int effectiveRollup() const;

    struct Request
    {
        QByteArray method = "POST";
        QString path;
        QByteArray body; // compact JSON
        QString entityId; // the id asked for; empty for all or for a query
    };
    // The requests that answer the query (one, or one per application, service or endpoint).
    // Only for a query without problem().
    QList<Request> requests(qint64 nowMs) const;
};

// The series of one answer to a request of `kind`, in the answer's order and each metric's order;
// nothing, with one sentence in *error, when the answer is not shaped as the specification says
// (no "items" array, metrics that are no object, points that are no [time, value] pairs). A point
// whose value is null is left out.
std::optional<QList<MetricSeries>> parseMetrics(MetricsQuery::Kind kind, const QJsonDocument &answer,
                                                QString *error = nullptr);

QString catalogPath(const QString &plugin);
// The catalog's metrics, in its order; nothing, with a sentence, for an answer that is no array
// of objects with a "metricId".
std::optional<QList<MetricChoice>> parseCatalog(const QJsonDocument &answer, QString *error = nullptr);

// Runs a query's requests one after the other and collects their series. Starts once, ends
// with exactly one finished(), never before start() returns; abort() ends it at once.
class MetricsFetch : public QObject
{
    Q_OBJECT
public:
    // The client must outlive the fetch.
    MetricsFetch(Rest::RestClient *client, MetricsQuery query, QObject *parent = nullptr);
    ~MetricsFetch() override;

    const MetricsQuery &query() const { return m_query; }
    void start();
    void abort();
    bool isFinished() const { return m_finished; }
    bool isRunning() const { return m_started && !m_finished; }

    bool ok() const { return m_finished && m_errorString.isEmpty(); }
    bool wasCancelled() const { return m_cancelled; }
    // One sentence; empty when it went well.
    QString errorString() const { return m_errorString; }
    const QList<MetricSeries> &series() const { return m_series; }
    // When the fetch started: the `to` of a window that ends now.
    qint64 nowMs() const { return m_nowMs; }

Q_SIGNALS:
    void finished(Workbench::Browse::MetricsFetch *fetch);

private:
    void next();
    void onAnswer(Rest::RestJob *job);
    void finishWith(const QString &error);

    QPointer<Rest::RestClient> m_client;
    MetricsQuery m_query;
    QList<MetricsQuery::Request> m_requests;
    QPointer<Rest::RestJob> m_job;
    QList<MetricSeries> m_series;
    QString m_errorString;
    qint64 m_nowMs = 0;
    qsizetype m_next = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace Workbench::Browse

Q_DECLARE_METATYPE(Workbench::Browse::MetricSeries)
