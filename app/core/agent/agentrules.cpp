#include "agent/agentrules.h"

#include "json/jsontext.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>
#include <optional>

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
    QString field(QStringView name) const { return m_where + u'.' + name; }
    QString field(QLatin1StringView name) const { return m_where + u'.' + name; }
    // Counts a known field looked up without string() or wholeNumber().
    void present(const QJsonValue &value) { m_present += value.isUndefined() ? 0 : 1; }
    // Whether the object has fields besides the known ones that were found.
    bool hasUnknownFields(const QJsonObject &object) const { return object.size() > m_present; }
    QString where() const { return m_where; }
    void setSpanId(const QString &spanId) { m_spanId = spanId; }

    // Type checks; each adds an error and returns false when the field has the wrong type.
    // Lookups use Latin-1 names: no QString is made for a field that is simply there.
    bool string(const QJsonObject &object, QLatin1StringView name, bool required)
    {
        const QJsonValue value = object.value(name);
        if (!value.isUndefined())
            ++m_present;
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

    bool wholeNumber(const QJsonObject &object, QLatin1StringView name, bool required, const QString &unit)
    {
        const QJsonValue value = object.value(name);
        if (!value.isUndefined())
            ++m_present;
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
    qsizetype m_present = 0;
};

const QStringList eventFields{u"title"_s,    u"text"_s,   u"severity"_s, u"timestamp"_s,
                              u"duration"_s, u"plugin"_s, u"id"_s,       u"host"_s};

bool isSpanType(const QString &type)
{
    return type == "ENTRY"_L1 || type == "EXIT"_L1 || type == "INTERMEDIATE"_L1 || type == "EUM"_L1;
}

// Names the fields that are not among `known`; only called when there are some.
void warnUnknownFields(Checker &check, const QJsonObject &object, const QStringList &known, const QString &message)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            check.warning(u"unknown-field"_s, message.arg(check.field(it.key())));
    }
}

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

    const QJsonValue title = event.value("title"_L1);
    if (check.string(event, "title"_L1, false)) {
        if (title.toString().trimmed().isEmpty())
            check.warning(u"empty-title"_s,
                          tr("%1 is empty; Instana shows the event without a name.").arg(check.field(u"title")));
    } else if (title.isUndefined()) {
        check.warning(u"missing-title"_s,
                      tr("%1 is missing; Instana shows the event without a name.").arg(check.field(u"title")));
    }
    check.string(event, "text"_L1, false);

    bool isChange = true;
    if (check.wholeNumber(event, "severity"_L1, false, tr("levels"))) {
        const qint64 severity = event.value("severity"_L1).toInteger();
        if (severity != -1 && severity != 5 && severity != 10)
            check.error(u"bad-severity"_s,
                        tr("%1 is %2; it must be -1 (change), 5 (warning) or 10 (critical).")
                            .arg(check.field(u"severity"))
                            .arg(severity));
        isChange = severity == -1;
    }
    if (check.wholeNumber(event, "timestamp"_L1, false, tr("milliseconds"))
        && event.value("timestamp"_L1).toInteger() < 0)
        check.error(u"negative-timestamp"_s, tr("%1 must not be negative.").arg(check.field(u"timestamp")));
    if (check.wholeNumber(event, "duration"_L1, false, tr("milliseconds"))
        && event.value("duration"_L1).toInteger() < 0)
        check.error(u"negative-duration"_s, tr("%1 must not be negative.").arg(check.field(u"duration")));
    for (const QLatin1StringView name : {"plugin"_L1, "id"_L1, "host"_L1})
        check.string(event, name, false);

    const QString titleText = title.toString();
    if (isChange
        && (titleText.contains("online"_L1, Qt::CaseInsensitive)
            || titleText.contains("offline"_L1, Qt::CaseInsensitive)))
        check.warning(
            u"presence-event"_s,
            tr("%1 is a change whose title contains \"online\" or \"offline\": Instana treats it as a presence "
               "event.")
                .arg(check.where()));

    if (check.hasUnknownFields(event))
        warnUnknownFields(check, event, eventFields,
                          tr("%1 is not a field of the event endpoint; the agent ignores it."));
    return check.take();
}

namespace {

QString kindName(JsonText::Kind kind)
{
    switch (kind) {
    case JsonText::Kind::Object:
        return tr("an object");
    case JsonText::Kind::Array:
        return tr("an array");
    case JsonText::Kind::String:
        return tr("a string");
    case JsonText::Kind::Number:
        return tr("a number");
    case JsonText::Kind::Bool:
        return tr("a boolean");
    case JsonText::Kind::Null:
        return tr("null");
    case JsonText::Kind::Invalid:
        break;
    }
    return tr("nothing");
}

// A JSON number's text as a whole number, if it is one that fits 64 bits.
std::optional<qint64> wholeNumber(QByteArrayView text)
{
    bool ok = false;
    if (!text.contains('.') && !text.contains('e') && !text.contains('E')) {
        const qint64 value = text.toLongLong(&ok);
        if (ok)
            return value;
    }
    const double number = text.toDouble(&ok);
    if (ok && std::isfinite(number) && std::floor(number) == number && std::abs(number) < 9.2e18)
        return qint64(number);
    return std::nullopt;
}

// The members of a span, found in one pass over its text.
struct SpanMembers
{
    QByteArrayView spanId, parentId, traceId, timestamp, duration, name, type, error, data, backendTrace;
    QList<QByteArrayView> unknown;

    void take(QByteArrayView key, QByteArrayView value)
    {
        QByteArrayView *slot = nullptr;
        switch (key.size()) {
        case 4:
            slot = key == "name" ? &name : key == "type" ? &type : key == "data" ? &data : nullptr;
            break;
        case 5:
            slot = key == "error" ? &error : nullptr;
            break;
        case 6:
            slot = key == "spanId" ? &spanId : nullptr;
            break;
        case 7:
            slot = key == "traceId" ? &traceId : nullptr;
            break;
        case 8:
            slot = key == "parentId" ? &parentId : key == "duration" ? &duration : nullptr;
            break;
        case 9:
            slot = key == "timestamp" ? &timestamp : nullptr;
            break;
        case 12:
            slot = key == "backendTrace" ? &backendTrace : nullptr;
            break;
        default:
            break;
        }
        if (slot)
            *slot = value;
        else
            unknown.append(key);
    }
};

} // namespace

Findings checkSpan(QByteArrayView json, int index)
{
    using JsonText::Kind;
    Checker check(index, tr("the span"));
    const Kind kind = JsonText::kindOf(json);
    if (kind != Kind::Object) {
        check.error(u"wrong-type"_s, tr("%1 must be a span object, not %2.").arg(check.where(), kindName(kind)));
        return check.take();
    }
    SpanMembers span;
    JsonText::forEachMember(json, [&span](QByteArrayView key, QByteArrayView value) { span.take(key, value); });

    const QString spanId
        = JsonText::kindOf(span.spanId) == Kind::String ? JsonText::decodedString(span.spanId) : QString();
    check.setSpanId(spanId);
    const QString named = spanId.isEmpty() ? check.where() : tr("span %1 (%2)").arg(spanId, check.where());

    if (json.size() > MaxSpanBytes)
        check.error(u"span-too-large"_s,
                    tr("%1 is %2 bytes of JSON; a span must not exceed %3 bytes (4 KiB).")
                        .arg(named)
                        .arg(json.size())
                        .arg(MaxSpanBytes));

    auto string = [&check](QByteArrayView value, QLatin1StringView field, bool required) {
        if (value.isNull()) {
            if (required)
                check.error(u"missing-field"_s, tr("%1 is missing.").arg(check.field(field)));
            return false;
        }
        const Kind found = JsonText::kindOf(value);
        if (found != Kind::String) {
            check.error(u"wrong-type"_s, tr("%1 must be a string, not %2.").arg(check.field(field), kindName(found)));
            return false;
        }
        return true;
    };
    auto milliseconds = [&check](QByteArrayView value, QLatin1StringView field) {
        if (value.isNull()) {
            check.error(u"missing-field"_s, tr("%1 is missing.").arg(check.field(field)));
            return;
        }
        const Kind found = JsonText::kindOf(value);
        const auto number = found == Kind::Number ? wholeNumber(value) : std::nullopt;
        if (!number) {
            check.error(u"wrong-type"_s,
                        tr("%1 must be a whole number of %2, not %3.")
                            .arg(check.field(field), tr("milliseconds"),
                                 found == Kind::Number ? QString::fromLatin1(value) : kindName(found)));
        } else if (*number < 0) {
            check.error(field == "timestamp"_L1 ? u"negative-timestamp"_s : u"negative-duration"_s,
                        tr("%1 must not be negative.").arg(check.field(field)));
        }
    };

    string(span.spanId, "spanId"_L1, true);
    string(span.traceId, "traceId"_L1, true);
    string(span.parentId, "parentId"_L1, false);
    string(span.name, "name"_L1, true);
    milliseconds(span.timestamp, "timestamp"_L1);
    milliseconds(span.duration, "duration"_L1);

    QString type = u"ENTRY"_s;
    if (string(span.type, "type"_L1, false)) {
        type = JsonText::decodedString(span.type);
        if (!isSpanType(type))
            check.error(
                u"bad-type"_s,
                tr("%1 is \"%2\"; it must be ENTRY, EXIT, INTERMEDIATE or EUM.").arg(check.field(u"type"), type));
    }
    if (!span.error.isNull() && JsonText::kindOf(span.error) != Kind::Bool)
        check.error(
            u"wrong-type"_s,
            tr("%1 must be true or false, not %2.").arg(check.field(u"error"), kindName(JsonText::kindOf(span.error))));
    if (string(span.backendTrace, "backendTrace"_L1, false) && type != "EUM"_L1)
        check.warning(
            u"backend-trace-not-eum"_s,
            tr("%1 has a backendTrace but is of type %2; only EUM spans link to a backend trace.").arg(named, type));

    if (!span.data.isNull()) {
        const Kind dataKind = JsonText::kindOf(span.data);
        if (dataKind != Kind::Object) {
            check.error(
                u"wrong-type"_s,
                tr("%1 must be an object of string values, not %2.").arg(check.field(u"data"), kindName(dataKind)));
        } else {
            JsonText::forEachMember(span.data, [&check](QByteArrayView key, QByteArrayView value) {
                const Kind valueKind = JsonText::kindOf(value);
                if (valueKind != Kind::String)
                    check.warning(
                        u"data-not-string"_s,
                        tr("%1 is %2; data values should be strings.")
                            .arg(check.field(QString(u"data."_s + QString::fromUtf8(key))), kindName(valueKind)));
            });
        }
    }
    for (const QByteArrayView key : std::as_const(span.unknown))
        check.warning(u"unknown-field"_s,
                      tr("%1 is not a span field; the agent ignores it.").arg(check.field(QString::fromUtf8(key))));
    return check.take();
}

} // namespace Workbench::AgentRules
