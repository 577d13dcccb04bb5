#include "core/rest/endpointpermissions.h"

#include <QLatin1StringView>
#include <QList>

namespace Workbench::Rest {

namespace {

// How well `pathTemplate` matches the segments of a path: -1 when it does not, otherwise the
// number of its "{param}" segments (fewer is a closer match).
int matchScore(QLatin1StringView pathTemplate, const QList<QStringView> &segments)
{
    const QList<QLatin1StringView> parts = pathTemplate.tokenize(QLatin1Char('/')).toContainer();
    if (parts.size() != segments.size())
        return -1;
    int params = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QLatin1StringView part = parts.at(i);
        if (part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}'))) {
            if (segments.at(i).isEmpty())
                return -1;
            ++params;
        } else if (segments.at(i) != part) {
            return -1;
        }
    }
    return params;
}

} // namespace

QString requiredPermission(QByteArrayView method, QStringView path)
{
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    if (query >= 0)
        path = path.left(query);
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QList<QStringView> segments = path.tokenize(QLatin1Char('/')).toContainer();
    const EndpointPermission *best = nullptr;
    int bestScore = -1;
    for (const EndpointPermission &entry : endpointPermissions()) {
        if (method.compare(QByteArrayView(entry.method), Qt::CaseInsensitive) != 0)
            continue;
        const int score = matchScore(QLatin1StringView(entry.pathTemplate), segments);
        if (score >= 0 && (!best || score < bestScore)) {
            best = &entry;
            bestScore = score;
        }
    }
    return best ? QString::fromLatin1(best->permission) : QString();
}

} // namespace Workbench::Rest
