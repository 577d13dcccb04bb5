#include "core/validation/finding.h"

using namespace Qt::StringLiterals;

namespace Workbench {

QString Finding::severityName(Severity severity)
{
    return severity == Severity::Error ? u"error"_s : u"warning"_s;
}

QJsonObject Finding::toJson() const
{
    QJsonObject json{{u"severity"_s, severityName(severity)}, {u"rule"_s, rule}, {u"message"_s, message}};
    if (!spanId.isEmpty())
        json.insert(u"spanId"_s, spanId);
    if (index >= 0)
        json.insert(u"index"_s, index);
    return json;
}

} // namespace Workbench
