#include "core/browse/metrics.h"

#include "core/rest/restclient.h"
#include "core/rest/restjob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::Metrics)
};

constexpr qsizetype MaxIdLength = 256;

// The member of an application metrics item that names its entity.
QString entityMember(MetricsQuery::Kind kind)
{
    switch (kind) {
    case MetricsQuery::Kind::Applications:
        return u"application"_s;
    case MetricsQuery::Kind::Services:
        return u"service"_s;
    case MetricsQuery::Kind::Endpoints:
        return u"endpoint"_s;
    case MetricsQuery::Kind::Infrastructure:
        break;
    }
    return {};
}

qint64 pointsFor(qint64 windowMs, int rollupSeconds)
{
    return rollupSeconds > 0 ? windowMs / (qint64(rollupSeconds) * 1000) : 0;
}

void fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace

const QList<int> &MetricsQuery::rollups()
{
    static const QList<int> values{1, 5, 60, 300, 3600};
    return values;
}

QString MetricsQuery::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Infrastructure:
        return u"infrastructure"_s;
    case Kind::Applications:
        return u"applications"_s;
    case Kind::Services:
        return u"services"_s;
    case Kind::Endpoints:
        return u"endpoints"_s;
    }
    return {};
}

std::optional<MetricsQuery::Kind> MetricsQuery::kindFromName(QStringView name)
{
    for (Kind kind : {Kind::Infrastructure, Kind::Applications, Kind::Services, Kind::Endpoints}) {
        if (name == kindName(kind))
            return kind;
    }
    return std::nullopt;
}

QList<MetricChoice> MetricsQuery::applicationMetrics()
{
    return {{u"calls.sum"_s, Messages::tr("Calls"), u"NUMBER"_s},
            {u"latency.mean"_s, Messages::tr("Latency, mean"), u"MILLIS"_s},
            {u"latency.p90"_s, Messages::tr("Latency, 90th percentile"), u"MILLIS"_s},
            {u"latency.p99"_s, Messages::tr("Latency, 99th percentile"), u"MILLIS"_s},
            {u"errors.mean"_s, Messages::tr("Erroneous calls, share"), u"PERCENTAGE"_s}};
}

int MetricsQuery::effectiveRollup() const
{
    if (rollupSeconds > 0)
        return rollupSeconds;
    for (int rollup : rollups()) {
        if (pointsFor(window.windowSizeMs, rollup) <= MaxPoints)
            return rollup;
    }
    return 0;
}

QString MetricsQuery::problem() const
{
    const bool infrastructure = kind == Kind::Infrastructure;
    if (metrics.isEmpty())
        return Messages::tr("Choose at least one metric.");
    if (metrics.size() > MaxMetrics)
        return Messages::tr("%1 metrics were chosen; the API takes at most %2 at once.")
            .arg(metrics.size())
            .arg(MaxMetrics);
    QSet<QString> seen;
    for (const QString &metric : metrics) {
        if (metric.trimmed().isEmpty() || metric.size() > MaxIdLength)
            return Messages::tr("\"%1\" is no metric id.").arg(metric.left(MaxIdLength));
        if (seen.contains(metric))
            return Messages::tr("The metric %1 was chosen twice.").arg(metric);
        seen.insert(metric);
    }
    if (!infrastructure) {
        const QList<MetricChoice> known = applicationMetrics();
        for (const QString &metric : metrics) {
            if (std::none_of(known.cbegin(), known.cend(), [&](const MetricChoice &c) { return c.id == metric; })) {
                QStringList ids;
                for (const MetricChoice &choice : known)
                    ids.append(choice.id);
                return Messages::tr("%1 is no metric of %2; they are %3.")
                    .arg(metric, kindName(kind), ids.join(u", "_s));
            }
        }
    }
    for (const QString &id : entityIds) {
        if (id.trimmed().isEmpty() || id.size() > MaxIdLength)
            return Messages::tr("\"%1\" is no id.").arg(id.left(MaxIdLength));
    }
    if (infrastructure) {
        if (plugin.trimmed().isEmpty())
            return Messages::tr("Infrastructure metrics need the snapshots' plugin, such as host.");
        if (!entityIds.isEmpty() && !query.isEmpty())
            return Messages::tr("Give snapshot ids or a query, not both.");
        if (entityIds.isEmpty() && query.trimmed().isEmpty())
            return Messages::tr("Give the snapshots: their ids or a query.");
        if (entityIds.size() > MaxSnapshots)
            return Messages::tr("%1 snapshots were chosen; the API takes at most %2 at once.")
                .arg(entityIds.size())
                .arg(MaxSnapshots);
    } else {
        if (!query.isEmpty())
            return Messages::tr("A query is for infrastructure metrics; give the ids of %1.").arg(kindName(kind));
        if (entityIds.size() > MaxEntities)
            return Messages::tr("%1 ids were given; at most %2 %3 are asked for at once.")
                .arg(entityIds.size())
                .arg(MaxEntities)
                .arg(kindName(kind));
    }
    if (window.windowSizeMs < 1000 || window.windowSizeMs > TimeWindow::MaxWindowMs)
        return Messages::tr("The time window must be from 1 s to 31 d.");
    if (rollupSeconds > 0 && !rollups().contains(rollupSeconds)) {
        QStringList values;
        for (int rollup : rollups())
            values.append(QString::number(rollup));
        return Messages::tr("A rollup of %1 s is none the API takes; it takes %2 seconds.")
            .arg(rollupSeconds)
            .arg(values.join(u", "_s));
    }
    const int rollup = effectiveRollup();
    const qint64 points = pointsFor(window.windowSizeMs, rollup);
    if (rollup == 0 || points > MaxPoints) {
        int fitting = 0;
        for (int candidate : rollups()) {
            if (pointsFor(window.windowSizeMs, candidate) <= MaxPoints) {
                fitting = candidate;
                break;
            }
        }
        const QString length = TimeWindow::durationText(window.windowSizeMs);
        if (rollup == 0 || fitting == 0)
            return Messages::tr("A window of %1 has more than %2 points even at a rollup of %3 s; choose a shorter "
                                "window.")
                .arg(length)
                .arg(MaxPoints)
                .arg(rollups().constLast());
        return Messages::tr("A window of %1 at a rollup of %2 s has %3 points; the API gives at most %4: choose a "
                            "rollup of %5 s or more, or a shorter window.")
            .arg(length)
            .arg(rollup)
            .arg(QLocale().toString(points))
            .arg(MaxPoints)
            .arg(fitting);
    }
    return {};
}

QList<MetricsQuery::Request> MetricsQuery::requests(qint64 nowMs) const
{
    QList<Request> result;
    const int rollup = effectiveRollup();
    const QJsonObject timeFrame = window.timeFrame(nowMs);
    if (kind == Kind::Infrastructure) {
        QJsonObject body{{u"metrics"_s, QJsonArray::fromStringList(metrics)},
                         {u"plugin"_s, plugin},
                         {u"rollup"_s, rollup},
                         {u"timeFrame"_s, timeFrame}};
        if (entityIds.isEmpty())
            body.insert(u"query"_s, query);
        else
            body.insert(u"snapshotIds"_s, QJsonArray::fromStringList(entityIds));
        result.append({"POST",
                       u"/api/infrastructure-monitoring/metrics"_s,
                       QJsonDocument(body).toJson(QJsonDocument::Compact),
                       {}});
        return result;
    }
    QJsonArray configs;
    for (const QString &metric : metrics) {
        const qsizetype dot = metric.indexOf(u'.');
        configs.append(QJsonObject{{u"metric"_s, metric.left(dot)},
                                   {u"aggregation"_s, metric.mid(dot + 1).toUpper()},
                                   {u"granularity"_s, rollup}});
    }
    const QString path = u"/api/application-monitoring/metrics/"_s + kindName(kind);
    const QString idField = entityMember(kind) + u"Id"_s;
    const QStringList ids = entityIds.isEmpty() ? QStringList{QString()} : entityIds;
    for (const QString &id : ids) {
        QJsonObject body{{u"metrics"_s, configs}, {u"timeFrame"_s, timeFrame}};
        if (!id.isEmpty())
            body.insert(idField, id);
        result.append({"POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), id});
    }
    return result;
}

std::optional<QList<MetricSeries>> parseMetrics(MetricsQuery::Kind kind, const QJsonDocument &answer, QString *error)
{
    const QJsonValue itemsValue = answer.object().value(u"items"_s);
    if (!answer.isObject() || !itemsValue.isArray()) {
        fail(error, Messages::tr("The metrics answer has no \"items\" array."));
        return std::nullopt;
    }
    const QJsonArray items = itemsValue.toArray();
    const bool infrastructure = kind == MetricsQuery::Kind::Infrastructure;
    QList<MetricSeries> result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            fail(error, Messages::tr("Item [%1] of the metrics answer is no object.").arg(i));
            return std::nullopt;
        }
        const QJsonObject item = items.at(i).toObject();
        QString id;
        QString label;
        if (infrastructure) {
            id = item.value(u"snapshotId"_s).toString();
            label = item.value(u"label"_s).toString();
        } else {
            const QJsonObject entity = item.value(entityMember(kind)).toObject();
            id = entity.value(u"id"_s).toString();
            label = entity.value(u"label"_s).toString();
        }
        if (label.isEmpty())
            label = id.isEmpty() ? Messages::tr("item %1").arg(i) : id;
        const QJsonValue metricsValue = item.value(u"metrics"_s);
        if (!metricsValue.isObject()) {
            fail(error, Messages::tr("Item [%1] of the metrics answer has no \"metrics\" object.").arg(i));
            return std::nullopt;
        }
        const QJsonObject metrics = metricsValue.toObject();
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            if (!it.value().isArray()) {
                fail(error, Messages::tr("Metric %1 of item [%2] is no array of points.").arg(it.key()).arg(i));
                return std::nullopt;
            }
            MetricSeries series;
            series.metric = it.key();
            series.entityId = id;
            series.entityLabel = label;
            series.label = label + u" · "_s + it.key();
            const QJsonArray points = it.value().toArray();
            series.points.reserve(points.size());
            for (qsizetype k = 0; k < points.size(); ++k) {
                const QJsonArray pair = points.at(k).toArray();
                const QJsonValue time = pair.at(0);
                const QJsonValue value = pair.at(1);
                if (!points.at(k).isArray() || pair.size() != 2 || !time.isDouble()
                    || !(value.isDouble() || value.isNull()) || !std::isfinite(time.toDouble())) {
                    fail(error,
                         Messages::tr("Point [%1] of metric %2 of item [%3] is no [time, value] pair.")
                             .arg(k)
                             .arg(it.key())
                             .arg(i));
                    return std::nullopt;
                }
                if (value.isNull())
                    continue;
                series.points.append({qint64(time.toDouble()), value.toDouble()});
            }
            std::stable_sort(series.points.begin(), series.points.end(),
                             [](const MetricPoint &a, const MetricPoint &b) { return a.timeMs < b.timeMs; });
            result.append(series);
        }
    }
    return result;
}

QString catalogPath(const QString &plugin)
{
    return u"/api/infrastructure-monitoring/catalog/metrics/"_s + QString::fromLatin1(QUrl::toPercentEncoding(plugin));
}

std::optional<QList<MetricChoice>> parseCatalog(const QJsonDocument &answer, QString *error)
{
    if (!answer.isArray()) {
        fail(error, Messages::tr("The metric catalog is no array."));
        return std::nullopt;
    }
    const QJsonArray array = answer.array();
    QList<MetricChoice> result;
    result.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QString id = object.value(u"metricId"_s).toString();
        if (id.isEmpty()) {
            fail(error, Messages::tr("Entry [%1] of the metric catalog has no \"metricId\".").arg(i));
            return std::nullopt;
        }
        const QString label = object.value(u"label"_s).toString();
        result.append({id, label.isEmpty() ? id : label, object.value(u"formatter"_s).toString()});
    }
    return result;
}

MetricsFetch::MetricsFetch(Rest::RestClient *client, MetricsQuery query, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_query(std::move(query))
{
}

MetricsFetch::~MetricsFetch()
{
    if (Rest::RestJob *job = m_job.data()) {
        job->disconnect(this);
        job->abort();
    }
}

void MetricsFetch::start()
{
    if (m_started)
        return;
    m_started = true;
    m_nowMs = QDateTime::currentMSecsSinceEpoch();
    QString problem = m_query.problem();
    if (problem.isEmpty() && !m_client)
        problem = Messages::tr("There is no REST client to ask for metrics with.");
    if (!problem.isEmpty()) {
        // finished() still comes after start() returns.
        QMetaObject::invokeMethod(
            this, [this, problem] { finishWith(problem); }, Qt::QueuedConnection);
        return;
    }
    m_requests = m_query.requests(m_nowMs);
    next();
}

void MetricsFetch::abort()
{
    if (m_finished)
        return;
    m_started = true;
    m_cancelled = true;
    finishWith(Messages::tr("Cancelled."));
}

void MetricsFetch::next()
{
    if (m_next >= m_requests.size())
        return finishWith({});
    Rest::RestClient *client = m_client.data();
    if (!client)
        return finishWith(Messages::tr("There is no REST client to ask for metrics with."));
    const MetricsQuery::Request &request = m_requests.at(m_next++);
    Rest::RestJob *job = client->request(request.method, request.path, {}, request.body);
    job->setParent(this);
    m_job = job;
    connect(job, &Rest::RestJob::finished, this, &MetricsFetch::onAnswer);
    job->start();
}

void MetricsFetch::onAnswer(Rest::RestJob *job)
{
    if (job != m_job.data() || m_finished)
        return;
    m_job.clear();
    job->deleteLater();
    if (job->error() != Rest::Error::None)
        return finishWith(job->errorString());
    QString error;
    const auto series = parseMetrics(m_query.kind, job->json(), &error);
    if (!series)
        return finishWith(Messages::tr("%1 answered in a shape the API does not promise: %2")
                              .arg(QString::fromLatin1(job->method()) + u' ' + job->path(), error));
    m_series.append(*series);
    next();
}

void MetricsFetch::finishWith(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_errorString = error;
    if (Rest::RestJob *job = m_job.data()) {
        m_job.clear();
        job->disconnect(this);
        job->abort();
        job->deleteLater();
    }
    if (!error.isEmpty())
        m_series.clear();
    Q_EMIT finished(this);
}

} // namespace Workbench::Browse
