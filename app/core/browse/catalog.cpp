#include "core/browse/catalog.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::Catalog)
};

using Kind = ViewParameter::Kind;

ViewParameter text(const QString &name, const QString &apiName, const QString &title, const QString &description)
{
    ViewParameter p;
    p.name = name;
    p.apiName = apiName;
    p.title = title;
    p.description = description;
    return p;
}

ViewParameter flag(const QString &name, const QString &apiName, const QString &title, const QString &description)
{
    ViewParameter p = text(name, apiName, title, description);
    p.kind = Kind::Flag;
    return p;
}

ViewParameter number(const QString &name, const QString &apiName, const QString &title, const QString &description,
                     qint64 defaultValue, qint64 minimum, qint64 maximum)
{
    ViewParameter p = text(name, apiName, title, description);
    p.kind = Kind::Number;
    p.defaultValue = QString::number(defaultValue);
    p.minimum = minimum;
    p.maximum = maximum;
    return p;
}

ViewParameter size(qint64 defaultValue, qint64 maximum)
{
    return number(u"size"_s, u"size"_s, Messages::tr("Size"), Messages::tr("How many items to ask for at most."),
                  defaultValue, 1, maximum);
}

ViewParameter choice(const QString &name, const QString &apiName, const QString &title, const QString &description,
                     const QStringList &choices)
{
    ViewParameter p = text(name, apiName, title, description);
    p.kind = Kind::Choice;
    p.choices = choices;
    return p;
}

ViewParameter pageSize(const QString &apiName, qint64 defaultValue, qint64 maximum)
{
    return number(u"page-size"_s, apiName, Messages::tr("Page size"), Messages::tr("How many items one page holds."),
                  defaultValue, 1, maximum);
}

QList<ViewInfo> makeViews()
{
    const QString infrastructure = Messages::tr("Infrastructure");
    const QString applications = Messages::tr("Applications");
    const QString eum = Messages::tr("End-user monitoring");
    const QString services = Messages::tr("Service extraction configs");
    const QString events = Messages::tr("Events");
    const QString traces = Messages::tr("Traces");
    const QString backend = Messages::tr("Backend");
    const ViewParameter query = text(u"query"_s, u"query"_s, Messages::tr("Query"),
                                     Messages::tr("A Dynamic Focus query, such as entity.zone:production."));
    const ViewParameter nameFilter = text(u"name"_s, u"nameFilter"_s, Messages::tr("Name"),
                                          Messages::tr("Only those whose name contains this text."));
    const ViewParameter boundaryScope = choice(
        u"boundary-scope"_s, u"applicationBoundaryScope"_s, Messages::tr("Boundary scope"),
        Messages::tr("ALL: every call of the application; INBOUND: only the calls into it."), {u"ALL"_s, u"INBOUND"_s});
    const ViewParameter offline = flag(u"offline"_s, u"offline"_s, Messages::tr("Offline too"),
                                       Messages::tr("Include snapshots that went offline within the time window."));

    QList<ViewInfo> all;
    ViewInfo v;

    v = {};
    v.name = u"snapshots"_s;
    v.group = infrastructure;
    v.title = Messages::tr("Snapshots");
    v.summary = Messages::tr("The snapshots that match a query, of one plugin or all.");
    v.path = u"/api/infrastructure-monitoring/snapshots"_s;
    v.usesWindow = true;
    v.parameters = {query,
                    text(u"plugin"_s, u"plugin"_s, Messages::tr("Plugin"),
                         Messages::tr("Only snapshots of this plugin, such as host, jvmRuntimePlatform or docker.")),
                    offline, size(100, 100000)};
    v.rowsKey = u"items"_s;
    v.columns = {u"snapshotId"_s, u"label"_s, u"plugin"_s, u"host"_s, u"from"_s, u"to"_s, u"tags"_s};
    all.append(v);

    v = {};
    v.name = u"snapshot"_s;
    v.group = infrastructure;
    v.title = Messages::tr("Snapshot");
    v.summary = Messages::tr("One snapshot with its data.");
    v.path = u"/api/infrastructure-monitoring/snapshots/{id}"_s;
    v.idName = u"SNAPSHOT_ID"_s;
    v.usesWindow = true;
    v.isList = false;
    v.columns = {u"snapshotId"_s, u"label"_s, u"plugin"_s, u"host"_s, u"from"_s, u"to"_s};
    all.append(v);

    v = {};
    v.name = u"agents"_s;
    v.group = infrastructure;
    v.title = Messages::tr("Host agents");
    v.summary = Messages::tr("The host agents that report to the tenant.");
    v.path = u"/api/host-agent"_s;
    v.usesWindow = true;
    v.parameters = {query, offline, size(100, 100000)};
    v.rowsKey = u"items"_s;
    v.columns = {u"snapshotId"_s, u"label"_s, u"host"_s, u"plugin"_s, u"from"_s, u"to"_s, u"tags"_s};
    all.append(v);

    v = {};
    v.name = u"topology"_s;
    v.group = infrastructure;
    v.title = Messages::tr("Topology");
    v.summary = Messages::tr("The infrastructure's entities and how they relate.");
    v.path = u"/api/infrastructure-monitoring/topology"_s;
    v.parameters = {flag(u"include-data"_s, u"includeData"_s, Messages::tr("With data"),
                         Messages::tr("Include each node's snapshot data."))};
    v.rowsKey = u"nodes"_s;
    v.columns = {u"id"_s, u"label"_s, u"plugin"_s, u"entityId.host"_s, u"entityId.pluginId"_s};
    all.append(v);

    v = {};
    v.name = u"topology-edges"_s;
    v.group = infrastructure;
    v.title = Messages::tr("Topology edges");
    v.summary = Messages::tr("How the infrastructure's entities relate: each edge from one snapshot to another.");
    v.path = u"/api/infrastructure-monitoring/topology"_s;
    v.rowsKey = u"edges"_s;
    v.columns = {u"source"_s, u"relation"_s, u"destination"_s};
    all.append(v);

    v = {};
    v.name = u"applications"_s;
    v.group = applications;
    v.title = Messages::tr("Application perspectives");
    v.summary = Messages::tr("The application perspectives that had calls in the time window.");
    v.path = u"/api/application-monitoring/applications"_s;
    v.usesWindow = true;
    v.paging = Paging::Pages;
    v.pageSizeName = u"page-size"_s;
    v.parameters = {nameFilter, boundaryScope, pageSize(u"pageSize"_s, 50, 200)};
    v.rowsKey = u"items"_s;
    v.columns = {u"id"_s, u"label"_s, u"boundaryScope"_s, u"entityType"_s};
    all.append(v);

    v = {};
    v.name = u"services"_s;
    v.group = applications;
    v.title = Messages::tr("Services");
    v.summary = Messages::tr("The services that had calls in the time window, of one application or all.");
    v.path = u"/api/application-monitoring/services"_s;
    v.scopeParameter = u"application"_s;
    v.scopedPath = u"/api/application-monitoring/applications;id={scope}/services"_s;
    v.usesWindow = true;
    v.paging = Paging::Pages;
    v.pageSizeName = u"page-size"_s;
    v.parameters = {text(u"application"_s, QString(), Messages::tr("Application"),
                         Messages::tr("The id of an application perspective: only its services.")),
                    nameFilter,
                    flag(u"snapshot-ids"_s, u"includeSnapshotIds"_s, Messages::tr("With snapshot ids"),
                         Messages::tr("Include the ids of the snapshots that make up each service.")),
                    pageSize(u"pageSize"_s, 50, 200)};
    v.rowsKey = u"items"_s;
    v.columns = {u"id"_s, u"label"_s, u"types"_s, u"technologies"_s, u"entityType"_s, u"snapshotIds"_s};
    all.append(v);

    v = {};
    v.name = u"endpoints"_s;
    v.group = applications;
    v.title = Messages::tr("Endpoints");
    v.summary = Messages::tr("The endpoints of the services that had calls in the time window.");
    v.path = u"/api/application-monitoring/applications/services/endpoints"_s;
    v.usesWindow = true;
    v.paging = Paging::Pages;
    v.pageSizeName = u"page-size"_s;
    v.parameters = {nameFilter, boundaryScope, pageSize(u"pageSize"_s, 50, 200)};
    v.rowsKey = u"items"_s;
    v.columns = {u"id"_s, u"label"_s, u"serviceId"_s, u"type"_s, u"technologies"_s, u"entityType"_s};
    all.append(v);

    v = {};
    v.name = u"websites"_s;
    v.group = eum;
    v.title = Messages::tr("Websites");
    v.summary = Messages::tr("The websites set up for end-user monitoring.");
    v.path = u"/api/website-monitoring/config"_s;
    v.columns = {u"id"_s, u"name"_s, u"appName"_s};
    all.append(v);

    v = {};
    v.name = u"website"_s;
    v.group = eum;
    v.title = Messages::tr("Website");
    v.summary = Messages::tr("One website's configuration.");
    v.path = u"/api/website-monitoring/config/{id}"_s;
    v.idName = u"WEBSITE_ID"_s;
    v.isList = false;
    all.append(v);

    v = {};
    v.name = u"mobile-apps"_s;
    v.group = eum;
    v.title = Messages::tr("Mobile apps");
    v.summary = Messages::tr("The mobile apps set up for end-user monitoring.");
    v.path = u"/api/mobile-app-monitoring/config"_s;
    v.columns = {u"id"_s, u"name"_s};
    all.append(v);

    v = {};
    v.name = u"mobile-app"_s;
    v.group = eum;
    v.title = Messages::tr("Mobile app");
    v.summary = Messages::tr("One mobile app's configuration.");
    v.path = u"/api/mobile-app-monitoring/config/{id}"_s;
    v.idName = u"MOBILE_APP_ID"_s;
    v.isList = false;
    all.append(v);

    v = {};
    v.name = u"service-configs"_s;
    v.group = services;
    v.title = Messages::tr("Custom service rules");
    v.summary = Messages::tr("The service extraction configs in the order they apply, enabled or not.");
    v.path = u"/api/application-monitoring/settings/service"_s;
    v.columns = {u"name"_s, u"enabled"_s, u"label"_s, u"matchSpecification"_s, u"comment"_s, u"id"_s};
    all.append(v);

    v = {};
    v.name = u"manual-services"_s;
    v.group = services;
    v.title = Messages::tr("Manual service mappings");
    v.summary = Messages::tr("The manual service configurations: tag filters mapped to services.");
    v.path = u"/api/application-monitoring/settings/manual-service"_s;
    v.columns = {u"id"_s,
                 u"enabled"_s,
                 u"unmonitoredServiceName"_s,
                 u"existingServiceId"_s,
                 u"description"_s,
                 u"tagFilterExpression"_s};
    all.append(v);

    v = {};
    v.name = u"events"_s;
    v.group = events;
    v.title = Messages::tr("Events");
    v.summary = Messages::tr("The events of the time window: issues, incidents and changes.");
    v.path = u"/api/events"_s;
    v.usesWindow = true;
    v.parameters
        = {choice(u"type"_s, u"eventTypeFilters"_s, Messages::tr("Type"), Messages::tr("Only events of this type."),
                  {u"INCIDENT"_s, u"ISSUE"_s, u"CHANGE"_s}),
           flag(u"exclude-triggered-before"_s, u"excludeTriggeredBefore"_s, Messages::tr("Started in the window"),
                Messages::tr("Only events that started within the time window, not before it.")),
           flag(u"filter-updates"_s, u"filterEventUpdates"_s, Messages::tr("Updated in the window"),
                Messages::tr("Only events whose state changed within the time window.")),
           flag(u"agent-issues"_s, u"includeAgentMonitoringIssues"_s, Messages::tr("Agent issues"),
                Messages::tr("Include the agent monitoring issues.")),
           flag(u"kubernetes-info"_s, u"includeKubernetesInfoEvents"_s, Messages::tr("Kubernetes info"),
                Messages::tr("Include Kubernetes info events."))};
    v.columns = {u"start"_s,       u"end"_s,        u"type"_s,    u"state"_s,  u"severity"_s,   u"entityName"_s,
                 u"entityLabel"_s, u"entityType"_s, u"problem"_s, u"detail"_s, u"snapshotId"_s, u"eventId"_s};
    all.append(v);

    v = {};
    v.name = u"traces"_s;
    v.group = traces;
    v.title = Messages::tr("Traces");
    v.summary = Messages::tr("The traces of the time window, newest first, with filters.");
    v.method = "POST";
    v.path = u"/api/application-monitoring/analyze/traces"_s;
    v.usesWindow = true;
    v.paging = Paging::Cursors;
    v.pageSizeName = u"page-size"_s;
    v.parameters = {text(u"service"_s, u"service.name"_s, Messages::tr("Service"),
                         Messages::tr("Only traces through this service.")),
                    text(u"endpoint"_s, u"endpoint.name"_s, Messages::tr("Endpoint"),
                         Messages::tr("Only traces through this endpoint.")),
                    flag(u"erroneous"_s, u"call.erroneous"_s, Messages::tr("Erroneous only"),
                         Messages::tr("Only traces with an erroneous call.")),
                    pageSize(u"retrievalSize"_s, 100, 200)};
    v.rowsKey = u"items"_s;
    v.columns = {u"trace.id"_s,       u"trace.label"_s,     u"trace.startTime"_s,
                 u"trace.duration"_s, u"trace.erroneous"_s, u"trace.service.label"_s};
    all.append(v);

    v = {};
    v.name = u"trace"_s;
    v.group = traces;
    v.title = Messages::tr("Trace");
    v.summary = Messages::tr("The calls of one trace.");
    v.path = u"/api/application-monitoring/v2/analyze/traces/{id}"_s;
    v.idName = u"TRACE_ID"_s;
    v.paging = Paging::Cursors;
    v.pageSizeName = u"page-size"_s;
    v.parameters = {pageSize(u"retrievalSize"_s, 200, 200)};
    v.rowsKey = u"items"_s;
    v.columns = {u"id"_s,
                 u"parentId"_s,
                 u"name"_s,
                 u"timestamp"_s,
                 u"duration"_s,
                 u"errorCount"_s,
                 u"destination.service.label"_s,
                 u"destination.endpoint.label"_s};
    all.append(v);

    v = {};
    v.name = u"version"_s;
    v.group = backend;
    v.title = Messages::tr("Version");
    v.summary = Messages::tr("The backend's version.");
    v.path = u"/api/instana/version"_s;
    v.isList = false;
    all.append(v);

    v = {};
    v.name = u"health"_s;
    v.group = backend;
    v.title = Messages::tr("Health");
    v.summary = Messages::tr("The backend's health: a traffic light and messages.");
    v.path = u"/api/instana/health"_s;
    v.isList = false;
    all.append(v);

    return all;
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QJsonObject tagFilter(const QString &name, const QJsonValue &value)
{
    return QJsonObject{{u"type"_s, u"TAG_FILTER"_s},
                       {u"name"_s, name},
                       {u"operator"_s, u"EQUALS"_s},
                       {u"entity"_s, u"DESTINATION"_s},
                       {u"value"_s, value}};
}

} // namespace

const ViewParameter *ViewInfo::parameter(QStringView parameterName) const
{
    for (const ViewParameter &p : parameters) {
        if (p.name == parameterName)
            return &p;
    }
    return nullptr;
}

const QList<ViewInfo> &views()
{
    static const QList<ViewInfo> all = makeViews();
    return all;
}

const ViewInfo *findView(QStringView name)
{
    for (const ViewInfo &view : views()) {
        if (view.name.compare(name, Qt::CaseInsensitive) == 0)
            return &view;
    }
    return nullptr;
}

QString viewNames()
{
    QStringList names;
    for (const ViewInfo &view : views())
        names.append(view.name);
    return names.join(u", "_s);
}

QStringList viewGroups()
{
    QStringList groups;
    for (const ViewInfo &view : views()) {
        if (!groups.contains(view.group))
            groups.append(view.group);
    }
    return groups;
}

std::optional<ViewRequest> requestFor(const ViewInfo &view, const ViewArguments &arguments, qint64 nowMs,
                                      QString *error)
{
    for (auto it = arguments.values.constBegin(); it != arguments.values.constEnd(); ++it) {
        if (!view.parameter(it.key())) {
            setError(error, Messages::tr("The view %1 takes no parameter %2.").arg(view.name, it.key()));
            return std::nullopt;
        }
    }
    ViewRequest request;
    request.method = view.method;
    request.paging = view.paging;
    QString path = view.path;
    if (!view.idName.isEmpty()) {
        const QString id = arguments.id.trimmed();
        if (id.isEmpty()) {
            setError(error, Messages::tr("The view %1 needs an id (%2).").arg(view.name, view.idName));
            return std::nullopt;
        }
        path.replace(u"{id}"_s, QString::fromLatin1(QUrl::toPercentEncoding(id)));
    }
    const QString scope
        = view.scopeParameter.isEmpty() ? QString() : arguments.values.value(view.scopeParameter).trimmed();
    if (!scope.isEmpty())
        path = QString(view.scopedPath).replace(u"{scope}"_s, QString::fromLatin1(QUrl::toPercentEncoding(scope)));
    request.path = path;

    QJsonObject body;
    QJsonArray filters;
    for (const ViewParameter &p : view.parameters) {
        if (p.apiName.isEmpty())
            continue; // in the path
        const bool given = arguments.values.contains(p.name);
        QString value = given ? arguments.values.value(p.name).trimmed() : p.defaultValue;
        if (p.name == view.pageSizeName && arguments.pageSize)
            value = QString::number(*arguments.pageSize);
        if (value.isEmpty())
            continue;
        QJsonValue json = value;
        switch (p.kind) {
        case Kind::Text:
            break;
        case Kind::Number: {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < p.minimum || n > p.maximum) {
                setError(error,
                         Messages::tr("%1 is a whole number from %2 to %3; \"%4\" is not.")
                             .arg(p.title)
                             .arg(p.minimum)
                             .arg(p.maximum)
                             .arg(value));
                return std::nullopt;
            }
            json = n;
            value = QString::number(n);
            break;
        }
        case Kind::Flag: {
            const QString lower = value.toLower();
            if (lower == u"false"_s || lower == u"0"_s || lower == u"no"_s)
                continue;
            if (lower != u"true"_s && lower != u"1"_s && lower != u"yes"_s) {
                setError(error, Messages::tr("%1 is true or false; \"%2\" is neither.").arg(p.title, value));
                return std::nullopt;
            }
            json = true;
            value = u"true"_s;
            break;
        }
        case Kind::Choice:
            if (!p.choices.contains(value)) {
                setError(error,
                         Messages::tr("%1 is one of %2; \"%3\" is not.").arg(p.title, p.choices.join(u", "_s), value));
                return std::nullopt;
            }
            break;
        }
        if (view.method == "POST") {
            if (p.name == view.pageSizeName)
                body.insert(u"pagination"_s, QJsonObject{{p.apiName, json}});
            else
                filters.append(tagFilter(p.apiName, json));
        } else {
            request.query.addQueryItem(p.apiName, value);
        }
    }
    if (view.usesWindow) {
        if (view.method == "POST")
            body.insert(u"timeFrame"_s, arguments.window.timeFrame(nowMs));
        else
            arguments.window.addTo(request.query, nowMs);
    }
    if (view.method == "POST") {
        if (!filters.isEmpty()) {
            body.insert(
                u"tagFilterExpression"_s,
                QJsonObject{{u"type"_s, u"EXPRESSION"_s}, {u"logicalOperator"_s, u"AND"_s}, {u"elements"_s, filters}});
        }
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return request;
}

std::optional<QJsonArray> rowsOf(const ViewInfo &view, const QJsonDocument &answer, QString *error)
{
    if (view.rowsKey.isEmpty()) {
        if (answer.isArray())
            return answer.array();
        setError(error, Messages::tr("The answer for %1 is no JSON array.").arg(view.title));
        return std::nullopt;
    }
    const QJsonValue rows = answer.object().value(view.rowsKey);
    if (!answer.isObject() || !rows.isArray()) {
        setError(error, Messages::tr("The answer for %1 has no \"%2\" array.").arg(view.title, view.rowsKey));
        return std::nullopt;
    }
    return rows.toArray();
}

} // namespace Workbench::Browse
