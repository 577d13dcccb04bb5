#include "core/browse/entitylink.h"

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

// The last member name of a key path, without array indexes: "items[3].snapshotIds[0]" ->
// "snapshotIds".
QStringView lastMember(QStringView keyPath)
{
    QStringView path = keyPath;
    while (path.endsWith(u']')) {
        const qsizetype open = path.lastIndexOf(u'[');
        if (open < 0)
            break;
        path.truncate(open);
    }
    const qsizetype dot = path.lastIndexOf(u'.');
    return dot < 0 ? path : path.mid(dot + 1);
}

// The key path without a leading "items[n].", "nodes[n].", "edges[n]." or "[n].": where the value
// lies inside one row.
QStringView withinItem(QStringView keyPath)
{
    QStringView path = keyPath;
    if (path.startsWith(u"items[") || path.startsWith(u"nodes[") || path.startsWith(u"edges["))
        path = path.mid(5);
    if (path.startsWith(u'[')) {
        const qsizetype close = path.indexOf(u']');
        if (close > 0) {
            path = path.mid(close + 1);
            if (path.startsWith(u'.'))
                path = path.mid(1);
        }
    }
    return path;
}

} // namespace

QString EntityLink::viewName() const
{
    switch (kind) {
    case Kind::Snapshot:
        return u"snapshot"_s;
    case Kind::Trace:
        return u"trace"_s;
    case Kind::Website:
        return u"website"_s;
    case Kind::MobileApp:
        return u"mobile-app"_s;
    case Kind::Application:
        return u"services"_s;
    }
    return {};
}

std::optional<EntityLink> linkFor(QStringView viewName, QStringView keyPath, const QJsonValue &value)
{
    if (!value.isString() || value.toString().trimmed().isEmpty())
        return std::nullopt;
    const QString id = value.toString().trimmed();
    const QStringView member = lastMember(keyPath);
    const QStringView inItem = withinItem(keyPath);
    if (member == u"snapshotId" || member == u"snapshotIds")
        return EntityLink{EntityLink::Kind::Snapshot, id};
    // The topology's nodes are snapshots, its edges join two.
    if (viewName.startsWith(u"topology") && (inItem == u"id" || inItem == u"source" || inItem == u"destination"))
        return EntityLink{EntityLink::Kind::Snapshot, id};
    if (member == u"traceId" || (viewName == u"traces" && inItem == u"trace.id"))
        return EntityLink{EntityLink::Kind::Trace, id};
    if (member == u"websiteId" || (viewName == u"websites" && inItem == u"id"))
        return EntityLink{EntityLink::Kind::Website, id};
    if (member == u"mobileAppId" || (viewName == u"mobile-apps" && inItem == u"id"))
        return EntityLink{EntityLink::Kind::MobileApp, id};
    if (member == u"applicationId" || (viewName == u"applications" && inItem == u"id"))
        return EntityLink{EntityLink::Kind::Application, id};
    return std::nullopt;
}

} // namespace Workbench::Browse
