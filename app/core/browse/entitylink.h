#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace Workbench::Browse {

// A value in an answer that names another thing the REST Browser can show: a snapshotId opens
// that snapshot, a trace id the trace, a website id its configuration.
struct EntityLink
{
    enum class Kind {
        Snapshot, // the "snapshot" view
        Trace, // the trace, fetched and opened in the Trace Viewer ("trace" view in iwb)
        Website, // the "website" view
        MobileApp, // the "mobile-app" view
        Application, // the "services" view scoped to the application
    };
    Kind kind = Kind::Snapshot;
    QString id;

    // The catalog view that shows it ("snapshot", "trace", "website", "mobile-app", "services").
    QString viewName() const;
    friend bool operator==(const EntityLink &, const EntityLink &) = default;
};

// The link a value makes, by the key path it is at (core/json/jsontable.h) in an answer of the
// view `viewName`: snapshotId anywhere, and an item's "id" in the views whose items are such
// things ("trace.id" in traces, "id" in websites, mobile-apps, applications; a node's "id" and an
// edge's "source" and "destination" in topology and topology-edges, which are snapshot ids); also each string of a
// "snapshotIds" array. Only a non-empty string value links.
std::optional<EntityLink> linkFor(QStringView viewName, QStringView keyPath, const QJsonValue &value);

} // namespace Workbench::Browse
