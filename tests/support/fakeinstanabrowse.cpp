// The REST Browser catalog's endpoints of FakeInstana (fakeinstana.h), apart from the paging
// endpoints the rest of the suite already used.

#include "tests/support/fakeinstana.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace TestSupport {

namespace {

constexpr int MaxBrowsePageSize = 200;
constexpr qint64 DayMs = 24 * 3600000LL;
constexpr qint64 MaxWindowMs = 31 * DayMs;
const QStringList SnapshotPlugins{u"host"_s, u"jvmRuntimePlatform"_s, u"docker"_s};

QByteArray errorsOf(const QString &message)
{
    return QJsonDocument(QJsonObject{{u"errors"_s, QJsonArray{message}}}).toJson(QJsonDocument::Compact);
}

QByteArray compactJson(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QString indexed(const QString &prefix, qint64 index)
{
    return prefix + u"%1"_s.arg(index, 4, 10, QChar(u'0'));
}

// The index in an id made by indexed(), or -1.
qint64 indexOf(const QString &prefix, const QString &id, qint64 count)
{
    if (!id.startsWith(prefix) || id.size() < prefix.size() + 4)
        return -1;
    bool ok = false;
    const qint64 index = id.mid(prefix.size()).toLongLong(&ok);
    if (!ok || index < 0 || index >= count || indexed(prefix, index) != id)
        return -1;
    return index;
}

struct Window
{
    qint64 to = 0;
    qint64 size = 3600000;
};

// The request's to and windowSize; nothing, with the 400 sentence, when they are wrong.
std::optional<Window> windowOf(const QUrlQuery &query, QString *error)
{
    Window window;
    window.to = QDateTime::currentMSecsSinceEpoch();
    bool ok = true;
    if (const QString to = query.queryItemValue(u"to"_s); !to.isEmpty())
        window.to = to.toLongLong(&ok);
    if (!ok || window.to < 1) {
        *error = u"to must be epoch milliseconds"_s;
        return std::nullopt;
    }
    if (const QString size = query.queryItemValue(u"windowSize"_s); !size.isEmpty())
        window.size = size.toLongLong(&ok);
    if (!ok || window.size < 1 || window.size > MaxWindowMs) {
        *error = u"windowSize must be from 1 to 2678400000 ms"_s;
        return std::nullopt;
    }
    return window;
}

} // namespace

FakeInstana::Answer FakeInstana::jsonAnswer(const QJsonValue &value)
{
    Answer result;
    result.body = compactJson(value);
    return result;
}

FakeInstana::Answer FakeInstana::errorAnswer(int status, const QString &message)
{
    Answer result;
    result.status = status;
    result.body = errorsOf(message);
    return result;
}

QJsonObject FakeInstana::snapshotItem(qint64 index, qint64 to, bool withData) const
{
    const QString &plugin = SnapshotPlugins.at(int(index % SnapshotPlugins.size()));
    const qint64 hostIndex = index / SnapshotPlugins.size();
    const bool offline = index % 10 == 9;
    QJsonObject item{{u"snapshotId"_s, indexed(u"snap-"_s, index)},
                     {u"plugin"_s, plugin},
                     {u"from"_s, to - DayMs + index},
                     {u"to"_s, offline ? QJsonValue(to - 60000) : QJsonValue(QJsonValue::Null)},
                     {u"tags"_s, index % 2 == 0 ? QJsonArray{u"zone:production"_s} : QJsonArray()},
                     {u"label"_s, u"%1 %2"_s.arg(plugin).arg(index)},
                     {u"host"_s, indexed(u"host-"_s, hostIndex)}};
    if (withData) {
        item.insert(u"entityId"_s,
                    QJsonObject{{u"host"_s, indexed(u"host-"_s, hostIndex)},
                                {u"pluginId"_s, u"com.instana.plugin.%1"_s.arg(plugin)},
                                {u"steadyId"_s, u"%1"_s.arg(index)}});
        item.insert(
            u"data"_s,
            QJsonObject{{u"hostname"_s, u"host%1.example.com"_s.arg(hostIndex)},
                        {u"cpu"_s, QJsonObject{{u"count"_s, 4 + index % 4}, {u"model"_s, u"Fake CPU"_s}}},
                        {u"interfaces"_s,
                         QJsonObject{{u"eth0"_s, QJsonArray{u"10.0.%1.%2"_s.arg(hostIndex % 256).arg(index % 256)}}}}});
    }
    return item;
}

bool FakeInstana::snapshotMatches(const QJsonObject &snapshot, const QString &query, const QString &plugin)
{
    if (!plugin.isEmpty() && snapshot.value(u"plugin"_s).toString() != plugin)
        return false;
    const QStringList terms = query.split(u' ', Qt::SkipEmptyParts);
    for (const QString &term : terms) {
        const qsizetype colon = term.indexOf(u':');
        const QString key = colon < 0 ? QString() : term.left(colon);
        const QString value = colon < 0 ? term : term.mid(colon + 1);
        if (key == u"entity.type"_s || key == u"entity.plugin"_s) {
            if (snapshot.value(u"plugin"_s).toString().compare(value, Qt::CaseInsensitive) != 0)
                return false;
        } else if (key == u"entity.host"_s) {
            if (snapshot.value(u"host"_s).toString() != value)
                return false;
        } else if (key == u"entity.tag"_s) {
            if (!snapshot.value(u"tags"_s).toArray().contains(QJsonValue(value)))
                return false;
        } else if (!snapshot.value(u"label"_s).toString().contains(colon < 0 ? term : value, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

FakeInstana::Answer FakeInstana::searchSnapshots(const Request &request, qint64 count, bool agents) const
{
    QString problem;
    const auto window = windowOf(request.query, &problem);
    if (!window)
        return errorAnswer(400, problem);
    bool ok = true;
    const QString sizeText = request.query.queryItemValue(u"size"_s);
    const qint64 size = sizeText.isEmpty() ? 100 : sizeText.toLongLong(&ok);
    if (!ok || size < 1)
        return errorAnswer(400, u"size must be 1 or more"_s);
    const bool offline = request.query.queryItemValue(u"offline"_s) == u"true"_s;
    const QString query = request.query.queryItemValue(u"query"_s, QUrl::FullyDecoded);
    const QString plugin = request.query.queryItemValue(u"plugin"_s, QUrl::FullyDecoded);
    QJsonArray items;
    for (qint64 i = 0; i < count && items.size() < size; ++i) {
        QJsonObject item = snapshotItem(i, window->to, false);
        if (agents) {
            item.insert(u"snapshotId"_s, indexed(u"agent-"_s, i));
            item.insert(u"plugin"_s, u"instanaAgent"_s);
            item.insert(u"label"_s, u"Instana Agent @ host-%1"_s.arg(i));
            item.insert(u"host"_s, indexed(u"host-"_s, i));
        }
        if (!offline && !item.value(u"to"_s).isNull())
            continue;
        if (!snapshotMatches(item, query, agents ? QString() : plugin))
            continue;
        items.append(item);
    }
    return jsonAnswer(QJsonObject{{u"items"_s, items}});
}

FakeInstana::Answer FakeInstana::pageOf(const Request &request, qint64 count,
                                        const std::function<QJsonObject(qint64)> &item) const
{
    bool pageOk = true;
    bool sizeOk = true;
    const QString pageText = request.query.queryItemValue(u"page"_s);
    const QString sizeText = request.query.queryItemValue(u"pageSize"_s);
    const qint64 page = pageText.isEmpty() ? 1 : pageText.toLongLong(&pageOk);
    const qint64 pageSize = sizeText.isEmpty() ? 20 : sizeText.toLongLong(&sizeOk);
    if (!pageOk || !sizeOk || page < 1 || pageSize < 1)
        return errorAnswer(400, u"page must be 1 or more and pageSize from 1 to 200"_s);
    QString problem;
    if (!windowOf(request.query, &problem))
        return errorAnswer(400, problem);
    const QString nameFilter = request.query.queryItemValue(u"nameFilter"_s, QUrl::FullyDecoded);
    QList<qint64> matching;
    for (qint64 i = 0; i < count; ++i) {
        if (nameFilter.isEmpty() || item(i).value(u"label"_s).toString().contains(nameFilter, Qt::CaseInsensitive))
            matching.append(i);
    }
    const qint64 size = std::min<qint64>(pageSize, MaxBrowsePageSize);
    const qint64 first = m_pagingStuck ? 0 : (page - 1) * size;
    QJsonArray items;
    for (qint64 i = first; i < std::min<qint64>(matching.size(), first + size); ++i)
        items.append(item(matching.at(i)));
    return jsonAnswer(QJsonObject{
        {u"items"_s, items}, {u"page"_s, page}, {u"pageSize"_s, size}, {u"totalHits"_s, qint64(matching.size())}});
}

QJsonObject FakeInstana::serviceItem(qint64 index) const
{
    return QJsonObject{{u"entityType"_s, u"SERVICE"_s},
                       {u"id"_s, indexed(u"service-"_s, index)},
                       {u"label"_s, u"Service %1"_s.arg(index)},
                       {u"snapshotIds"_s, QJsonArray{indexed(u"snap-"_s, index)}},
                       {u"technologies"_s,
                        QJsonArray{index % 2 == 0 ? u"springbootApplicationContainer"_s : u"nodeJsRuntimePlatform"_s}},
                       {u"types"_s, QJsonArray{u"HTTP"_s}}};
}

std::optional<FakeInstana::Answer> FakeInstana::browse(const Request &request) const
{
    if (request.method != "GET")
        return std::nullopt;
    const QByteArray &path = request.path;
    const QString id = QUrl::fromPercentEncoding(path.mid(path.lastIndexOf('/') + 1));
    if (path == "/api/infrastructure-monitoring/snapshots")
        return searchSnapshots(request, m_snapshots, false);
    if (path.startsWith("/api/infrastructure-monitoring/snapshots/") && path.count('/') == 4) {
        QString problem;
        const auto window = windowOf(request.query, &problem);
        if (!window)
            return errorAnswer(400, problem);
        const qint64 index = indexOf(u"snap-"_s, id, m_snapshots);
        if (index < 0)
            return errorAnswer(404, u"Snapshot %1 not found"_s.arg(id));
        return jsonAnswer(snapshotItem(index, window->to, true));
    }
    if (path == "/api/host-agent")
        return searchSnapshots(request, m_agents, true);
    if (path == "/api/infrastructure-monitoring/topology") {
        const bool withData = request.query.queryItemValue(u"includeData"_s) == u"true"_s;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QJsonArray nodes;
        QJsonArray edges;
        for (qint64 i = 0; i < m_snapshots; ++i) {
            const QJsonObject snapshot = snapshotItem(i, now, true);
            QJsonObject node{{u"id"_s, snapshot.value(u"snapshotId"_s)},
                             {u"plugin"_s, snapshot.value(u"plugin"_s)},
                             {u"label"_s, snapshot.value(u"label"_s)},
                             {u"entityId"_s, snapshot.value(u"entityId"_s)}};
            if (withData)
                node.insert(u"data"_s, snapshot.value(u"data"_s));
            nodes.append(node);
            // Each snapshot that is no host runs in the host of its group.
            if (i % SnapshotPlugins.size() != 0) {
                edges.append(QJsonObject{{u"source"_s, snapshot.value(u"snapshotId"_s)},
                                         {u"destination"_s, indexed(u"snap-"_s, i - i % SnapshotPlugins.size())},
                                         {u"relation"_s, u"in"_s}});
            }
        }
        return jsonAnswer(QJsonObject{{u"nodes"_s, nodes}, {u"edges"_s, edges}});
    }
    if (path == "/api/application-monitoring/services")
        return pageOf(request, m_services, [this](qint64 i) { return serviceItem(i); });
    if (path.startsWith("/api/application-monitoring/applications;id=") && path.endsWith("/services")
        && path.count('/') == 4) {
        const QByteArray scope = path.mid(path.indexOf(";id=") + 4);
        const QString application = QUrl::fromPercentEncoding(scope.left(scope.indexOf('/')));
        const qint64 app = indexOf(u"app-"_s, application, m_applications);
        if (app < 0)
            return errorAnswer(404, u"Application %1 not found"_s.arg(application));
        // Service i belongs to application i modulo the applications.
        QList<qint64> own;
        for (qint64 i = app; i < m_services; i += std::max(1, m_applications))
            own.append(i);
        return pageOf(request, own.size(), [this, own](qint64 i) { return serviceItem(own.at(i)); });
    }
    if (path == "/api/application-monitoring/applications/services/endpoints") {
        return pageOf(request, m_endpoints, [this](qint64 i) {
            return QJsonObject{{u"entityType"_s, u"ENDPOINT"_s},
                               {u"id"_s, indexed(u"endpoint-"_s, i)},
                               {u"label"_s, u"GET /api/items/%1"_s.arg(i)},
                               {u"serviceId"_s, indexed(u"service-"_s, i % std::max(1, m_services))},
                               {u"synthetic"_s, false},
                               {u"syntheticType"_s, u"NON_SYNTHETIC"_s},
                               {u"technologies"_s, QJsonArray{u"springbootApplicationContainer"_s}},
                               {u"type"_s, u"HTTP"_s}};
        });
    }
    const auto website = [](qint64 i) {
        return QJsonObject{
            {u"id"_s, indexed(u"website-"_s, i)},
            {u"name"_s, u"Website %1"_s.arg(i)},
            {u"appName"_s, u"website_%1"_s.arg(i)},
            {u"rbacTags"_s, QJsonArray{QJsonObject{{u"id"_s, u"team"_s}, {u"displayName"_s, u"Team"_s}}}}};
    };
    const auto mobileApp = [](qint64 i) {
        return QJsonObject{
            {u"id"_s, indexed(u"mobile-"_s, i)}, {u"name"_s, u"Mobile app %1"_s.arg(i)}, {u"rbacTags"_s, QJsonArray()}};
    };
    if (path == "/api/website-monitoring/config" || path == "/api/mobile-app-monitoring/config") {
        const bool websites = path.startsWith("/api/website");
        QJsonArray all;
        for (qint64 i = 0; i < (websites ? m_websites : m_mobileApps); ++i)
            all.append(websites ? website(i) : mobileApp(i));
        return jsonAnswer(all);
    }
    if ((path.startsWith("/api/website-monitoring/config/") || path.startsWith("/api/mobile-app-monitoring/config/"))
        && path.count('/') == 4) {
        const bool websites = path.startsWith("/api/website");
        const qint64 index
            = websites ? indexOf(u"website-"_s, id, m_websites) : indexOf(u"mobile-"_s, id, m_mobileApps);
        if (index < 0)
            return errorAnswer(404, (websites ? u"Website %1 not found"_s : u"Mobile app %1 not found"_s).arg(id));
        return jsonAnswer(websites ? website(index) : mobileApp(index));
    }
    if (path == "/api/application-monitoring/settings/service") {
        QJsonArray rules;
        for (qint64 i = 0; i < m_serviceConfigs; ++i) {
            rules.append(QJsonObject{
                {u"id"_s, indexed(u"rule-"_s, i)},
                {u"name"_s, u"Rule %1"_s.arg(i)},
                {u"comment"_s, i % 2 == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(u"Comment %1"_s.arg(i))},
                {u"label"_s, u"{docker.container.name}-%1"_s.arg(i)},
                {u"enabled"_s, i % 2 == 0},
                {u"matchSpecification"_s,
                 QJsonArray{QJsonObject{{u"key"_s, u"docker.container.name"_s}, {u"value"_s, u".*-%1"_s.arg(i)}}}}});
        }
        return jsonAnswer(rules);
    }
    if (path == "/api/application-monitoring/settings/manual-service") {
        QJsonArray mappings;
        for (qint64 i = 0; i < m_manualServices; ++i) {
            const QJsonObject filter{{u"type"_s, u"TAG_FILTER"_s},
                                     {u"name"_s, u"call.database.connection"_s},
                                     {u"stringValue"_s, u"redis:%1"_s.arg(6379 + i)},
                                     {u"value"_s, u"redis:%1"_s.arg(6379 + i)},
                                     {u"operator"_s, u"EQUALS"_s},
                                     {u"entity"_s, u"NOT_APPLICABLE"_s}};
            mappings.append(QJsonObject{{u"id"_s, indexed(u"mapping-"_s, i)},
                                        {u"tagFilterExpression"_s, filter},
                                        {u"unmonitoredServiceName"_s, u"redis-%1"_s.arg(i)},
                                        {u"existingServiceId"_s, QJsonValue::Null},
                                        {u"description"_s, u"Mapping %1"_s.arg(i)},
                                        {u"enabled"_s, true}});
        }
        return jsonAnswer(mappings);
    }
    if (path == "/api/events") {
        QString problem;
        const auto window = windowOf(request.query, &problem);
        if (!window)
            return errorAnswer(400, problem);
        const QStringList types = request.query.allQueryItemValues(u"eventTypeFilters"_s);
        static const QStringList kinds{u"incident"_s, u"issue"_s, u"change"_s};
        QJsonArray events;
        for (qint64 i = 0; i < m_events; ++i) {
            const QString &type = kinds.at(int(i % kinds.size()));
            if (!types.isEmpty() && !types.contains(type.toUpper()))
                continue;
            // Spread over the window, the newest last.
            const qint64 start = window->to - window->size + (window->size * (i + 1)) / (m_events + 1);
            events.append(QJsonObject{{u"eventId"_s, indexed(u"event-"_s, i)},
                                      {u"start"_s, start},
                                      {u"end"_s, type == u"change"_s ? QJsonValue(start) : QJsonValue(start + 60000)},
                                      {u"type"_s, type},
                                      {u"state"_s, i % 4 == 0 ? u"open"_s : u"closed"_s},
                                      {u"problem"_s, u"Problem %1"_s.arg(i)},
                                      {u"detail"_s, u"Detail of event %1"_s.arg(i)},
                                      {u"severity"_s, type == u"change"_s ? -1 : (i % 2 == 0 ? 10 : 5)},
                                      {u"entityName"_s, u"Host"_s},
                                      {u"entityLabel"_s, u"host %1"_s.arg(i)},
                                      {u"entityType"_s, u"INFRASTRUCTURE"_s},
                                      {u"snapshotId"_s, indexed(u"snap-"_s, i % std::max<qint64>(1, m_snapshots))}});
        }
        return jsonAnswer(events);
    }
    return std::nullopt;
}

} // namespace TestSupport
