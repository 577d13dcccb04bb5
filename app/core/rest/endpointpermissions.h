#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <span>

namespace Workbench::Rest {

// The permission of an API token one endpoint needs, as the description of the endpoint in
// Instana's REST API specification says ("This endpoint requires `canConfigureApplications`
// permission"). The table is generated from openapi.yaml by packaging/endpoint-permissions.py.
struct EndpointPermission
{
    const char *method; // "GET", "POST", ...
    const char *pathTemplate; // "/api/application-monitoring/settings/application/{id}"
    const char *permission; // "canConfigureApplications"
};

// Sorted by path template, then method.
std::span<const EndpointPermission> endpointPermissions();

// The permission `method` on `path` needs, or an empty string when the specification names none.
// `path` is the API path ("/api/..."), with or without a query; each "{param}" of a template
// matches one segment; a template without parameters wins over one with.
QString requiredPermission(QByteArrayView method, QStringView path);

} // namespace Workbench::Rest
