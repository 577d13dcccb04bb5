#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Workbench {

// One thing a check found in an event or a span: an error (the agent would refuse it) or a
// warning (it goes through, but probably not as meant).
struct Finding
{
    enum class Severity {
        Error,
        Warning,
    };

    Severity severity = Severity::Error;
    QString rule; // stable identifier, e.g. "span-too-large"
    QString message; // a sentence for people
    QString spanId; // when it concerns one span
    int index = -1; // position in the request's array, when there is one

    bool isError() const { return severity == Severity::Error; }
    QJsonObject toJson() const;
    static QString severityName(Severity severity);
};

using Findings = QList<Finding>;

} // namespace Workbench
