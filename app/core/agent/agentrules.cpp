#include "agent/agentrules.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::AgentRules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workbench::AgentRules", text);
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("a boolean");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        return tr("nothing");
    }
    return tr("nothing");
}

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return std::isfinite(number) && std::floor(number) == number && std::abs(number) < 9.3e18;
}

// Collects findings about one element, naming it in every message.
class Checker
{
public:
    Checker(int index, const QString &what)
        : m_index(index)
        , m_where(index >= 0 ? u"[%1]"_s.arg(index) : what)
    {
    }

    void error(const QString &rule, const QString &message) { add(Finding::Severity::Error, rule, message); }
    void warning(const QString &rule, const QString &message) { add(Finding::Severity::Warning, rule, message); }
    QString field(const QString &name) const { return m_where + u'.' + name; }
    QString where() const { return m_where; }
    void setSpanId(const QString &spanId) { m_spanId = spanId; }

    // Type checks; each adds an error and returns false when the field has the wrong type.
    bool string(const QJsonObject &object, const QString &name, bool required)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined()) {
            if (required)
                error(u"missing-field"_s, tr("%1 is missing.").arg(field(name)));
            return false;
        }
        if (!value.isString()) {
            error(u"wrong-type"_s, tr("%1 must be a string, not %2.").arg(field(name), typeName(value)));
            return false;
        }
        return true;
    }

    bool wholeNumber(const QJsonObject &object, const QString &name, bool required, const QString &unit)
    {
        const QJsonValue value = object.value(name);
        if (value.isUndefined()) {
            if (required)
                error(u"missing-field"_s, tr("%1 is missing.").arg(field(name)));
            return false;
        }
        if (!isWholeNumber(value)) {
            error(u"wrong-type"_s,
                  tr("%1 must be a whole number of %2, not %3.")
                      .arg(field(name), unit, value.isDouble() ? QString::number(value.toDouble()) : typeName(value)));
            return false;
        }
        return true;
    }

    Findings take() { return std::move(m_findings); }

private:
    void add(Finding::Severity severity, const QString &rule, const QString &message)
    {
        m_findings.append(Finding{severity, rule, message, m_spanId, m_index});
    }

    int m_index;
    QString m_where;
    QString m_spanId;
    Findings m_findings;
};

const QStringList eventFields{u"title"_s,    u"text"_s,   u"severity"_s, u"timestamp"_s,
                              u"duration"_s, u"plugin"_s, u"id"_s,       u"host"_s};
const QStringList spanFields{u"spanId"_s, u"parentId"_s, u"traceId"_s, u"timestamp"_s, u"duration"_s,
                             u"name"_s,   u"type"_s,     u"error"_s,   u"data"_s,      u"backendTrace"_s};
const QStringList spanTypes{u"ENTRY"_s, u"EXIT"_s, u"INTERMEDIATE"_s, u"EUM"_s};

} // namespace

bool hasErrors(const Findings &findings)
{
    return std::any_of(findings.begin(), findings.end(), [](const Finding &f) { return f.isError(); });
}

Findings checkEvent(const QJsonValue &value, int index)
{
    Checker check(index, tr("the event"));
    if (!value.isObject()) {
        check.error(u"wrong-type"_s, tr("%1 must be an event object, not %2.").arg(check.where(), typeName(value)));
        return check.take();
    }
    const QJsonObject event = value.toObject();

    if (check.string(event, u"title"_s, false)) {
        if (event.value(u"title"_s).toString().trimmed().isEmpty())
            check.warning(u"empty-title"_s,
                          tr("%1 is empty; Instana shows the event without a name.").arg(check.field(u"title"_s)));
    } else if (event.value(u"title"_s).isUndefined()) {
        check.warning(u"missing-title"_s,
                      tr("%1 is missing; Instana shows the event without a name.").arg(check.field(u"title"_s)));
    }
    check.string(event, u"text"_s, false);

    bool isChange = true;
    if (check.wholeNumber(event, u"severity"_s, false, tr("levels"))) {
        const qint64 severity = event.value(u"severity"_s).toInteger();
        if (severity != -1 && severity != 5 && severity != 10)
            check.error(u"bad-severity"_s,
                        tr("%1 is %2; it must be -1 (change), 5 (warning) or 10 (critical).")
                            .arg(check.field(u"severity"_s))
                            .arg(severity));
        isChange = severity == -1;
    }
    if (check.wholeNumber(event, u"timestamp"_s, false, tr("milliseconds"))
        && event.value(u"timestamp"_s).toInteger() < 0)
        check.error(u"negative-timestamp"_s, tr("%1 must not be negative.").arg(check.field(u"timestamp"_s)));
    if (check.wholeNumber(event, u"duration"_s, false, tr("milliseconds"))
        && event.value(u"duration"_s).toInteger() < 0)
        check.error(u"negative-duration"_s, tr("%1 must not be negative.").arg(check.field(u"duration"_s)));
    for (const QString &name : {u"plugin"_s, u"id"_s, u"host"_s})
        check.string(event, name, false);

    const QString title = event.value(u"title"_s).toString();
    if (isChange
        && (title.contains(u"online"_s, Qt::CaseInsensitive) || title.contains(u"offline"_s, Qt::CaseInsensitive)))
        check.warning(
            u"presence-event"_s,
            tr("%1 is a change whose title contains \"online\" or \"offline\": Instana treats it as a presence "
               "event.")
                .arg(check.where()));

    for (auto it = event.begin(); it != event.end(); ++it) {
        if (!eventFields.contains(it.key()))
            check.warning(
                u"unknown-field"_s,
                tr("%1 is not a field of the event endpoint; the agent ignores it.").arg(check.field(it.key())));
    }
    return check.take();
}

Findings checkSpan(const QJsonValue &value, int index, qsizetype jsonBytes)
{
    Checker check(index, tr("the span"));
    if (!value.isObject()) {
        check.error(u"wrong-type"_s, tr("%1 must be a span object, not %2.").arg(check.where(), typeName(value)));
        return check.take();
    }
    const QJsonObject span = value.toObject();
    const QString spanId = span.value(u"spanId"_s).toString();
    check.setSpanId(spanId);
    const QString named = spanId.isEmpty() ? check.where() : tr("span %1 (%2)").arg(spanId, check.where());

    if (jsonBytes > MaxSpanBytes)
        check.error(u"span-too-large"_s,
                    tr("%1 is %2 bytes of JSON; a span must not exceed %3 bytes (4 KiB).")
                        .arg(named)
                        .arg(jsonBytes)
                        .arg(MaxSpanBytes));

    check.string(span, u"spanId"_s, true);
    check.string(span, u"traceId"_s, true);
    check.string(span, u"parentId"_s, false);
    check.string(span, u"name"_s, true);
    if (check.wholeNumber(span, u"timestamp"_s, true, tr("milliseconds")) && span.value(u"timestamp"_s).toInteger() < 0)
        check.error(u"negative-timestamp"_s, tr("%1 must not be negative.").arg(check.field(u"timestamp"_s)));
    if (check.wholeNumber(span, u"duration"_s, true, tr("milliseconds")) && span.value(u"duration"_s).toInteger() < 0)
        check.error(u"negative-duration"_s, tr("%1 must not be negative.").arg(check.field(u"duration"_s)));

    QString type = u"ENTRY"_s;
    if (check.string(span, u"type"_s, false)) {
        type = span.value(u"type"_s).toString();
        if (!spanTypes.contains(type))
            check.error(
                u"bad-type"_s,
                tr("%1 is \"%2\"; it must be ENTRY, EXIT, INTERMEDIATE or EUM.").arg(check.field(u"type"_s), type));
    }
    const QJsonValue error = span.value(u"error"_s);
    if (!error.isUndefined() && !error.isBool())
        check.error(u"wrong-type"_s,
                    tr("%1 must be true or false, not %2.").arg(check.field(u"error"_s), typeName(error)));
    if (check.string(span, u"backendTrace"_s, false) && type != u"EUM"_s)
        check.warning(
            u"backend-trace-not-eum"_s,
            tr("%1 has a backendTrace but is of type %2; only EUM spans link to a backend trace.").arg(named, type));

    const QJsonValue data = span.value(u"data"_s);
    if (!data.isUndefined()) {
        if (!data.isObject()) {
            check.error(
                u"wrong-type"_s,
                tr("%1 must be an object of string values, not %2.").arg(check.field(u"data"_s), typeName(data)));
        } else {
            const QJsonObject map = data.toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                if (!it.value().isString())
                    check.warning(u"data-not-string"_s,
                                  tr("%1 is %2; data values should be strings.")
                                      .arg(check.field(u"data."_s + it.key()), typeName(it.value())));
            }
        }
    }
    for (auto it = span.begin(); it != span.end(); ++it) {
        if (!spanFields.contains(it.key()))
            check.warning(u"unknown-field"_s,
                          tr("%1 is not a span field; the agent ignores it.").arg(check.field(it.key())));
    }
    return check.take();
}

} // namespace Workbench::AgentRules
