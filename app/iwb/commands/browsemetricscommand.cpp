#include "iwb/commands/browsemetricscommand.h"

#include "core/browse/metrics.h"
#include "core/profiles/profilechoice.h"
#include "core/rest/restclient.h"
#include "core/settings/settings.h"
#include "iwb/cli/numberoption.h"
#include "iwb/cli/profiletoken.h"
#include "iwb/cli/signalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::BrowseMetricsCommand)
};

const auto pluginName = u"plugin"_s;
const auto metricName = u"metric"_s;
const auto snapshotName = u"snapshot"_s;
const auto queryName = u"query"_s;
const auto applicationName = u"application"_s;
const auto serviceName = u"service"_s;
const auto endpointName = u"endpoint"_s;
const auto rollupName = u"rollup"_s;
const auto windowName = u"window"_s;
const auto toName = u"to"_s;
const auto profileName = u"profile"_s;
const auto jsonName = u"json"_s;

// What one run holds while it waits for the keychain and the answers; owned by the invocation.
struct Run : QObject
{
    explicit Run(Invocation &owner)
        : QObject(&owner)
    {
    }
    SignalWatcher signals;
    std::unique_ptr<Rest::RestClient> client;
    QPointer<Browse::MetricsFetch> fetch;
    bool cancelled = false;
};

QString valueText(double value)
{
    return QString::number(value, 'g', 12);
}

// A column per series, a row per time any series has a point at; a blank where one has none.
QString table(const QList<Browse::MetricSeries> &series)
{
    QMap<qint64, QList<QString>> rows;
    for (qsizetype s = 0; s < series.size(); ++s) {
        for (const Browse::MetricPoint &point : series.at(s).points) {
            QList<QString> &row = rows[point.timeMs];
            row.resize(series.size());
            row[s] = valueText(point.value);
        }
    }
    QList<QStringList> lines;
    QStringList header{Messages::tr("time (UTC)")};
    for (const Browse::MetricSeries &one : series)
        header.append(one.label);
    lines.append(header);
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        QStringList line{QDateTime::fromMSecsSinceEpoch(it.key(), Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s)};
        QList<QString> cells = it.value();
        cells.resize(series.size());
        line.append(cells);
        lines.append(line);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : std::as_const(lines)) {
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line.at(c).size());
    }
    QString text;
    for (const QStringList &line : std::as_const(lines)) {
        QString row;
        for (qsizetype c = 0; c < line.size(); ++c) {
            if (c > 0)
                row += u"  "_s;
            // Times to the left, values to the right, as numbers read.
            row += c == 0 ? line.at(c).leftJustified(widths[c]) : line.at(c).rightJustified(widths[c]);
        }
        // No spaces after the last column (a blank cell at the end).
        while (row.endsWith(u' '))
            row.chop(1);
        text += row + u'\n';
    }
    return text;
}

QJsonObject json(const Browse::MetricsFetch &fetch)
{
    QJsonArray array;
    for (const Browse::MetricSeries &series : fetch.series()) {
        QJsonArray points;
        for (const Browse::MetricPoint &point : series.points)
            points.append(QJsonArray{point.timeMs, point.value});
        array.append(QJsonObject{{u"label"_s, series.label},
                                 {u"metric"_s, series.metric},
                                 {u"entityId"_s, series.entityId},
                                 {u"entityLabel"_s, series.entityLabel},
                                 {u"points"_s, points}});
    }
    const Browse::MetricsQuery &query = fetch.query();
    return QJsonObject{{u"kind"_s, Browse::MetricsQuery::kindName(query.kind)},
                       {u"rollup"_s, query.effectiveRollup()},
                       {u"timeFrame"_s, query.window.timeFrame(fetch.nowMs())},
                       {u"series"_s, array}};
}

class BrowseMetricsCommand : public Command
{
public:
    BrowseMetricsCommand()
        : Command(u"metrics"_s, Messages::tr("Time series of snapshots, applications, services or endpoints."))
    {
    }

    QString description() const override
    {
        QStringList applicationMetrics;
        for (const Browse::MetricChoice &choice : Browse::MetricsQuery::applicationMetrics())
            applicationMetrics.append(choice.id);
        return Messages::tr(
                   "Asks the Instana backend of a connection profile for metrics and prints them as a table: a row "
                   "per time (UTC), a column per series (entity · metric); with --json as {\"kind\", \"rollup\", "
                   "\"timeFrame\", \"series\": [{\"label\", \"metric\", \"entityId\", \"entityLabel\", \"points\": "
                   "[[ms, value], ...]}]}. Infrastructure metrics (POST /api/infrastructure-monitoring/metrics) "
                   "need --plugin, 1 to %1 --metric and 1 to %2 --snapshot ids or a --query. Application metrics "
                   "(POST /api/application-monitoring/metrics/applications, services or endpoints) are asked for "
                   "with --application, --service or --endpoint ids (up to %3, one request each); their metrics "
                   "are %4 (all unless --metric says). --rollup is the seconds between points (1, 5, 60, 300 or "
                   "3600; by default the smallest that keeps to %5 points); --window and --to the time window "
                   "(default the last hour).")
            .arg(Browse::MetricsQuery::MaxMetrics)
            .arg(Browse::MetricsQuery::MaxSnapshots)
            .arg(Browse::MetricsQuery::MaxEntities)
            .arg(applicationMetrics.join(u", "_s))
            .arg(Browse::MetricsQuery::MaxPoints);
    }

    QList<QCommandLineOption> options() const override
    {
        return {
            QCommandLineOption(pluginName, Messages::tr("The snapshots' plugin, such as host."), u"PLUGIN"_s),
            QCommandLineOption(metricName, Messages::tr("A metric id, such as cpu.user (repeatable)."), u"ID"_s),
            QCommandLineOption(snapshotName, Messages::tr("A snapshot's id (repeatable)."), u"ID"_s),
            QCommandLineOption(queryName, Messages::tr("A Dynamic Focus query choosing the snapshots."), u"QUERY"_s),
            QCommandLineOption(applicationName, Messages::tr("An application perspective's id (repeatable)."), u"ID"_s),
            QCommandLineOption(serviceName, Messages::tr("A service's id (repeatable)."), u"ID"_s),
            QCommandLineOption(endpointName, Messages::tr("An endpoint's id (repeatable)."), u"ID"_s),
            QCommandLineOption(rollupName, Messages::tr("Seconds between points: 1, 5, 60, 300 or 3600."), u"S"_s),
            QCommandLineOption(windowName, Messages::tr("The window's length: 90s, 15m, 1h, 24h, 7d (default 1h)."),
                               u"DURATION"_s),
            QCommandLineOption(
                toName, Messages::tr("The window's end: now (the default), epoch ms or an ISO 8601 time."), u"TIME"_s),
            QCommandLineOption(profileName,
                               Messages::tr("Use this connection profile ('iwb profile list' shows them; "
                                            "\"environment\" is the one INSTANA_BASE_URL makes)."),
                               u"NAME"_s),
            QCommandLineOption(jsonName, Messages::tr("Print the series as one JSON document.")),
        };
    }
    QStringList repeatableOptions() const override
    {
        return {metricName, snapshotName, applicationName, serviceName, endpointName};
    }
    QStringList examples() const override
    {
        return {u"iwb browse metrics --plugin host --metric cpu.user --metric memory.used --snapshot "
                "2kPz4O2CkFGHd6PBrUGWNTfHFuA --window 24h"_s,
                u"iwb browse metrics --application Jv83WpUmSKiiCWIpi-reSQ --metric latency.p99 --json"_s};
    }

    void run(Invocation &invocation) override
    {
        if (!invocation.positionalArguments().isEmpty())
            return invocation.usageError(
                Messages::tr("unexpected argument \"%1\".").arg(invocation.positionalArguments().first()));
        const QCommandLineParser &parser = invocation.parser();
        Browse::MetricsQuery query;
        int kinds = 0;
        for (const auto &[option, kind] : {std::pair{applicationName, Browse::MetricsQuery::Kind::Applications},
                                           std::pair{serviceName, Browse::MetricsQuery::Kind::Services},
                                           std::pair{endpointName, Browse::MetricsQuery::Kind::Endpoints}}) {
            if (invocation.isSet(option)) {
                ++kinds;
                query.kind = kind;
                query.entityIds = parser.values(option);
            }
        }
        if (kinds > 1)
            return invocation.usageError(Messages::tr("give --application, --service or --endpoint ids, one kind at "
                                                      "once."));
        const bool infrastructure = kinds == 0;
        if (infrastructure) {
            query.plugin = invocation.value(pluginName);
            query.entityIds = parser.values(snapshotName);
            query.query = invocation.value(queryName);
            if (!invocation.isSet(pluginName))
                return invocation.usageError(
                    Messages::tr("give the snapshots' --plugin and --snapshot ids or a --query, or "
                                 "--application, --service or --endpoint ids."));
        } else if (invocation.isSet(pluginName) || invocation.isSet(snapshotName) || invocation.isSet(queryName)) {
            return invocation.usageError(Messages::tr("--plugin, --snapshot and --query are for infrastructure "
                                                      "metrics, not with --application, --service or --endpoint."));
        }
        query.metrics = parser.values(metricName);
        if (!infrastructure && query.metrics.isEmpty()) {
            for (const Browse::MetricChoice &choice : Browse::MetricsQuery::applicationMetrics())
                query.metrics.append(choice.id);
        }
        if (invocation.isSet(rollupName)) {
            const auto rollup = wholeNumberOption(invocation, rollupName, 1, 3600, NumberUnit::None);
            if (!rollup)
                return;
            query.rollupSeconds = int(*rollup);
        }
        if (invocation.isSet(windowName)) {
            QString error;
            const auto window = Browse::TimeWindow::parseDuration(invocation.value(windowName), &error);
            if (!window)
                return invocation.usageError(u"--window: "_s + error);
            query.window.windowSizeMs = *window;
        }
        if (invocation.isSet(toName)) {
            QString error;
            if (!Browse::TimeWindow::parseTo(invocation.value(toName), &query.window.toMs, &error))
                return invocation.usageError(u"--to: "_s + error);
        }
        if (const QString problem = query.problem(); !problem.isEmpty())
            return invocation.usageError(problem);
        const bool asJson = invocation.isSet(jsonName);

        const Settings settings;
        // Not isSet(): empty is a value given, and refused.
        const bool profileGiven = parser.optionNames().contains(profileName);
        const QString requested = profileGiven ? invocation.value(profileName) : QString();
        if (profileGiven && requested.isEmpty())
            return invocation.usageError(Messages::tr("--profile needs a profile's name"));
        const auto choice = tenantProfile(invocation, settings, requested);
        if (!choice)
            return;
        const ConnectionProfile profile = *choice->profile;
        auto *state = new Run(invocation);
        withProfileToken(invocation, *choice, [&invocation, state, profile, query, asJson](const QString &token) {
            fetch(invocation, *state, profile, token, query, asJson);
        });
    }

private:
    static void fetch(Invocation &invocation, Run &state, const ConnectionProfile &profile, const QString &token,
                      const Browse::MetricsQuery &query, bool asJson)
    {
        state.client = std::make_unique<Rest::RestClient>(profile.options(), token, invocation.network());
        auto *fetch = new Browse::MetricsFetch(state.client.get(), query, &state);
        state.fetch = fetch;
        QObject::connect(&state.signals, &SignalWatcher::stopRequested, &state, [&invocation, &state] {
            state.cancelled = true;
            if (state.fetch)
                state.fetch->abort();
            invocation.fail(Messages::tr("cancelled; nothing was printed"));
        });
        QObject::connect(fetch, &Browse::MetricsFetch::finished, &state,
                         [&invocation, &state, asJson](Browse::MetricsFetch *done) {
                             if (state.cancelled)
                                 return;
                             if (!done->ok())
                                 return invocation.fail(done->errorString());
                             if (asJson) {
                                 invocation.printJson(QJsonDocument(json(*done)));
                             } else if (done->series().isEmpty()) {
                                 invocation.err() << Messages::tr("No series: the backend has no such metrics in "
                                                                  "that window.")
                                                  << '\n';
                             } else {
                                 invocation.out() << table(done->series());
                             }
                             invocation.succeed();
                         });
        fetch->start();
    }
};

} // namespace

std::unique_ptr<Command> makeBrowseMetricsCommand()
{
    return std::make_unique<BrowseMetricsCommand>();
}

} // namespace Workbench::Cli
