#include "core/agentapi/agentrules.h"

#include "core/json/jsontext.h"

#include <QCoreApplication>

#include <array>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Workbench::AgentRules {

namespace {

using JsonText::Kind;

QString tr(const char *text)
{
    return QCoreApplication::translate("Workbench::AgentRules", text);
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

// The members of one JSON object, found in one pass over its text: the value of each known
// field (null when absent) and the keys of the others.
template<size_t N>
struct Members
{
    Members(QByteArrayView object, const std::array<QLatin1StringView, N> &names)
    {
        JsonText::forEachMember(object, [&](QByteArrayView key, QByteArrayView value) {
            for (size_t i = 0; i < N; ++i) {
                if (key.size() == names[i].size() && key == QByteArrayView(names[i].data(), names[i].size())) {
                    values[i] = value;
                    return;
                }
            }
            unknown.append(key);
        });
    }
    QByteArrayView operator[](size_t field) const { return values[field]; }

    std::array<QByteArrayView, N> values;
    QList<QByteArrayView> unknown;
};

enum EventField { Title, Text, Severity, EventTimestamp, EventDuration, Plugin, Id, Host, EventFieldCount };
constexpr std::array<QLatin1StringView, EventFieldCount> eventFields{
    "title"_L1, "text"_L1, "severity"_L1, "timestamp"_L1, "duration"_L1, "plugin"_L1, "id"_L1, "host"_L1};

enum SpanField {
    SpanId,
    ParentId,
    TraceId,
    Timestamp,
    Duration,
    Name,
    Type,
    Error,
    Data,
    BackendTrace,
    SpanFieldCount
};
constexpr std::array<QLatin1StringView, SpanFieldCount> spanFields{
    "spanId"_L1, "parentId"_L1, "traceId"_L1, "timestamp"_L1, "duration"_L1,
    "name"_L1,   "type"_L1,     "error"_L1,   "data"_L1,      "backendTrace"_L1};

constexpr auto milliseconds = QT_TRANSLATE_NOOP("Workbench::AgentRules", "milliseconds");

bool isSpanType(const QString &type)
{
    return type == "ENTRY"_L1 || type == "EXIT"_L1 || type == "INTERMEDIATE"_L1 || type == "EUM"_L1;
}

// Collects the findings about one element, naming it in every message, with the type checks
// the event and the span share.
class Checker
{
public:
    // `what` names an element that is not in an array ("the span"); it is translated, like
    // every message, only when a finding needs it, since most elements have none.
    Checker(int index, const char *what)
        : m_index(index)
        , m_what(what)
    {
    }

    void error(const QString &rule, const QString &message) { add(Finding::Severity::Error, rule, message); }
    void warning(const QString &rule, const QString &message) { add(Finding::Severity::Warning, rule, message); }
    QString where() const { return m_index >= 0 ? u"[%1]"_s.arg(m_index) : tr(m_what); }
    QString field(QStringView name) const { return where() + u'.' + name; }
    QString field(QLatin1StringView name) const { return where() + u'.' + name; }
    void setSpanId(const QString &spanId) { m_spanId = spanId; }

    // Whether the element is an object; an error when it is not.
    bool object(QByteArrayView json, const char *what)
    {
        const Kind kind = JsonText::kindOf(json);
        if (kind == Kind::Object)
            return true;
        error(u"wrong-type"_s, tr("%1 must be %2, not %3.").arg(where(), tr(what), JsonText::kindName(kind)));
        return false;
    }

    // Whether a field is a string; an error when it has another type, or is missing but
    // required. Its text is not decoded here: most checks never need it.
    bool string(QByteArrayView value, QLatin1StringView name, bool required)
    {
        if (!present(value, name, required))
            return false;
        const Kind kind = JsonText::kindOf(value);
        if (kind != Kind::String) {
            error(u"wrong-type"_s, tr("%1 must be a string, not %2.").arg(field(name), JsonText::kindName(kind)));
            return false;
        }
        return true;
    }

    // A whole-number field's value; errors as for string(), and for a negative value when
    // `negativeRule` names the rule it breaks.
    std::optional<qint64> number(QByteArrayView value, QLatin1StringView name, bool required, const char *unit,
                                 const QString &negativeRule = {})
    {
        if (!present(value, name, required))
            return std::nullopt;
        const Kind kind = JsonText::kindOf(value);
        const auto number = kind == Kind::Number ? wholeNumber(value) : std::nullopt;
        if (!number) {
            error(u"wrong-type"_s,
                  tr("%1 must be a whole number of %2, not %3.")
                      .arg(field(name), tr(unit),
                           kind == Kind::Number ? QString::fromLatin1(value) : JsonText::kindName(kind)));
            return std::nullopt;
        }
        if (*number < 0 && !negativeRule.isEmpty())
            error(negativeRule, tr("%1 must not be negative.").arg(field(name)));
        return number;
    }

    void unknownFields(const QList<QByteArrayView> &keys, const char *message)
    {
        for (const QByteArrayView key : keys)
            warning(u"unknown-field"_s, tr(message).arg(field(QString::fromUtf8(key))));
    }

    Findings take() { return std::move(m_findings); }

private:
    bool present(QByteArrayView value, QLatin1StringView name, bool required)
    {
        if (!value.isNull())
            return true;
        if (required)
            error(u"missing-field"_s, tr("%1 is missing.").arg(field(name)));
        return false;
    }

    void add(Finding::Severity severity, const QString &rule, const QString &message)
    {
        m_findings.append(Finding{severity, rule, message, m_spanId, m_index});
    }

    int m_index;
    const char *m_what;
    QString m_spanId;
    Findings m_findings;
};

} // namespace

Findings checkEvent(QByteArrayView json, int index)
{
    Checker check(index, QT_TRANSLATE_NOOP("Workbench::AgentRules", "the event"));
    if (!check.object(json, QT_TRANSLATE_NOOP("Workbench::AgentRules", "an event object")))
        return check.take();
    const Members<EventFieldCount> event(json, eventFields);

    const std::optional<QString> title = check.string(event[Title], "title"_L1, false)
        ? std::optional<QString>(JsonText::decodedString(event[Title]))
        : std::nullopt;
    if (event[Title].isNull())
        check.warning(u"missing-title"_s,
                      tr("%1 is missing; Instana shows the event without a name.").arg(check.field(u"title")));
    else if (title && title->trimmed().isEmpty())
        check.warning(u"empty-title"_s,
                      tr("%1 is empty; Instana shows the event without a name.").arg(check.field(u"title")));
    check.string(event[Text], "text"_L1, false);

    bool isChange = true;
    if (const auto severity
        = check.number(event[Severity], "severity"_L1, false, QT_TRANSLATE_NOOP("Workbench::AgentRules", "levels"))) {
        if (*severity != -1 && *severity != 5 && *severity != 10)
            check.error(u"bad-severity"_s,
                        tr("%1 is %2; it must be -1 (change), 5 (warning) or 10 (critical).")
                            .arg(check.field(u"severity"))
                            .arg(*severity));
        isChange = *severity == -1;
    }
    check.number(event[EventTimestamp], "timestamp"_L1, false, milliseconds, u"negative-timestamp"_s);
    check.number(event[EventDuration], "duration"_L1, false, milliseconds, u"negative-duration"_s);
    check.string(event[Plugin], "plugin"_L1, false);
    check.string(event[Id], "id"_L1, false);
    check.string(event[Host], "host"_L1, false);

    if (isChange && title
        && (title->contains("online"_L1, Qt::CaseInsensitive) || title->contains("offline"_L1, Qt::CaseInsensitive)))
        check.warning(
            u"presence-event"_s,
            tr("%1 is a change whose title contains \"online\" or \"offline\": Instana treats it as a presence "
               "event.")
                .arg(check.where()));
    check.unknownFields(
        event.unknown,
        QT_TRANSLATE_NOOP("Workbench::AgentRules", "%1 is not a field of the event endpoint; the agent ignores it."));
    return check.take();
}

Findings checkSpan(QByteArrayView json, int index)
{
    Checker check(index, QT_TRANSLATE_NOOP("Workbench::AgentRules", "the span"));
    if (!check.object(json, QT_TRANSLATE_NOOP("Workbench::AgentRules", "a span object")))
        return check.take();
    const Members<SpanFieldCount> span(json, spanFields);

    const QString spanId
        = JsonText::kindOf(span[SpanId]) == Kind::String ? JsonText::decodedString(span[SpanId]) : QString();
    check.setSpanId(spanId);
    // Only messages use it: built when a finding asks.
    auto named = [&] { return spanId.isEmpty() ? check.where() : tr("span %1 (%2)").arg(spanId, check.where()); };

    if (json.size() > MaxSpanBytes)
        check.error(u"span-too-large"_s,
                    tr("%1 is %2 bytes of JSON; a span must not exceed %3 bytes (4 KiB).")
                        .arg(named())
                        .arg(json.size())
                        .arg(MaxSpanBytes));

    check.string(span[SpanId], "spanId"_L1, true);
    check.string(span[TraceId], "traceId"_L1, true);
    check.string(span[ParentId], "parentId"_L1, false);
    check.string(span[Name], "name"_L1, true);
    check.number(span[Timestamp], "timestamp"_L1, true, milliseconds, u"negative-timestamp"_s);
    check.number(span[Duration], "duration"_L1, true, milliseconds, u"negative-duration"_s);

    QString type = u"ENTRY"_s;
    if (check.string(span[Type], "type"_L1, false)) {
        type = JsonText::decodedString(span[Type]);
        if (!isSpanType(type))
            check.error(
                u"bad-type"_s,
                tr("%1 is \"%2\"; it must be ENTRY, EXIT, INTERMEDIATE or EUM.").arg(check.field(u"type"), type));
    }
    if (!span[Error].isNull() && JsonText::kindOf(span[Error]) != Kind::Bool)
        check.error(u"wrong-type"_s,
                    tr("%1 must be true or false, not %2.")
                        .arg(check.field(u"error"), JsonText::kindName(JsonText::kindOf(span[Error]))));
    if (check.string(span[BackendTrace], "backendTrace"_L1, false) && type != "EUM"_L1)
        check.warning(
            u"backend-trace-not-eum"_s,
            tr("%1 has a backendTrace but is of type %2; only EUM spans link to a backend trace.").arg(named(), type));

    if (!span[Data].isNull()) {
        const Kind dataKind = JsonText::kindOf(span[Data]);
        if (dataKind != Kind::Object) {
            check.error(u"wrong-type"_s,
                        tr("%1 must be an object of string values, not %2.")
                            .arg(check.field(u"data"), JsonText::kindName(dataKind)));
        } else {
            JsonText::forEachMember(span[Data], [&check](QByteArrayView key, QByteArrayView value) {
                const Kind valueKind = JsonText::kindOf(value);
                if (valueKind != Kind::String)
                    check.warning(u"data-not-string"_s,
                                  tr("%1 is %2; data values should be strings.")
                                      .arg(check.field(QString(u"data."_s + QString::fromUtf8(key))),
                                           JsonText::kindName(valueKind)));
            });
        }
    }
    check.unknownFields(span.unknown,
                        QT_TRANSLATE_NOOP("Workbench::AgentRules", "%1 is not a span field; the agent ignores it."));
    return check.take();
}

} // namespace Workbench::AgentRules
