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

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::AgentRules)
};

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
                    // The first is the one checked, as the span reader keeps the first.
                    if (values[i].isNull())
                        values[i] = value;
                    else
                        repeated.append(key);
                    return;
                }
            }
            if (unknown.contains(key))
                repeated.append(key);
            else
                unknown.append(key);
        });
    }
    QByteArrayView operator[](size_t field) const { return values[field]; }

    std::array<QByteArrayView, N> values;
    QList<QByteArrayView> unknown;
    QList<QByteArrayView> repeated; // each key again as often as it repeats
};

enum EventField { Title, Text, Severity, EventTimestamp, EventDuration, Plugin, Id, Host, EventFieldCount };
constexpr std::array<QLatin1StringView, EventFieldCount> eventFields{
    "title"_L1, "text"_L1, "severity"_L1, "timestamp"_L1, "duration"_L1, "plugin"_L1, "id"_L1, "host"_L1};

constexpr auto milliseconds = QT_TRANSLATE_NOOP("Workbench::AgentRules", "milliseconds");

// Collects the findings about an event, naming it in every message.
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
    QString where() const { return m_index >= 0 ? u"[%1]"_s.arg(m_index) : Messages::tr(m_what); }
    QString field(QStringView name) const { return where() + u'.' + name; }
    QString field(QLatin1StringView name) const { return where() + u'.' + name; }
    void add(Finding finding) { m_findings.append(std::move(finding)); }

    // Whether the element is an object; an error when it is not.
    bool object(QByteArrayView json, const char *what)
    {
        const Kind kind = JsonText::kindOf(json);
        if (kind == Kind::Object)
            return true;
        error(u"wrong-type"_s,
              Messages::tr("%1 must be %2, not %3.").arg(where(), Messages::tr(what), JsonText::kindName(kind)));
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
            error(u"wrong-type"_s,
                  Messages::tr("%1 must be a string, not %2.").arg(field(name), JsonText::kindName(kind)));
            return false;
        }
        return true;
    }

    // A whole-number field's value; errors as for string().
    std::optional<qint64> number(QByteArrayView value, QLatin1StringView name, bool required, const char *unit)
    {
        if (!present(value, name, required))
            return std::nullopt;
        const Kind kind = JsonText::kindOf(value);
        const auto number = kind == Kind::Number ? wholeNumber(value) : std::nullopt;
        if (!number) {
            error(u"wrong-type"_s,
                  Messages::tr("%1 must be a whole number of %2, not %3.")
                      .arg(field(name), Messages::tr(unit),
                           kind == Kind::Number ? QString::fromLatin1(value) : JsonText::kindName(kind)));
            return std::nullopt;
        }
        return number;
    }

    void unknownFields(const QList<QByteArrayView> &keys, const char *message)
    {
        for (const QByteArrayView key : keys)
            warning(u"unknown-field"_s, Messages::tr(message).arg(field(QString::fromUtf8(key))));
    }

    Findings take() { return std::move(m_findings); }

private:
    bool present(QByteArrayView value, QLatin1StringView name, bool required)
    {
        if (!value.isNull())
            return true;
        if (required)
            error(u"missing-field"_s, Messages::tr("%1 is missing.").arg(field(name)));
        return false;
    }

    void add(Finding::Severity severity, const QString &rule, const QString &message)
    {
        m_findings.append(Finding{severity, rule, message, {}, m_index});
    }

    int m_index;
    const char *m_what;
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
        check.warning(
            u"missing-title"_s,
            Messages::tr("%1 is missing; Instana shows the event without a name.").arg(check.field(u"title")));
    else if (title && title->trimmed().isEmpty())
        check.add(EventFindings::emptyTitle(index, Finding::Severity::Warning));
    check.string(event[Text], "text"_L1, false);

    bool isChange = true;
    if (const auto severity
        = check.number(event[Severity], "severity"_L1, false, QT_TRANSLATE_NOOP("Workbench::AgentRules", "levels"))) {
        if (*severity != -1 && *severity != 5 && *severity != 10)
            check.add(EventFindings::badSeverity(index, *severity));
        isChange = *severity == -1;
    }
    if (const auto timestamp = check.number(event[EventTimestamp], "timestamp"_L1, false, milliseconds);
        timestamp && *timestamp < 0)
        check.add(EventFindings::negativeTimestamp(index, *timestamp));
    if (const auto duration = check.number(event[EventDuration], "duration"_L1, false, milliseconds);
        duration && *duration < 0)
        check.add(EventFindings::negativeDuration(index, *duration));
    check.string(event[Plugin], "plugin"_L1, false);
    check.string(event[Id], "id"_L1, false);
    check.string(event[Host], "host"_L1, false);

    if (isChange && title && EventFindings::isPresenceTitle(*title))
        check.add(EventFindings::presenceEvent(index));
    check.unknownFields(
        event.unknown,
        QT_TRANSLATE_NOOP("Workbench::AgentRules", "%1 is not a field of the event endpoint; the agent ignores it."));
    for (const QByteArrayView key : event.repeated)
        check.add(duplicateKey(check.where(), QString::fromUtf8(key), index, Finding::Severity::Warning));
    return check.take();
}

Finding duplicateKey(const QString &where, const QString &key, int index, Finding::Severity severity,
                     const QString &spanId)
{
    return Finding{
        severity, u"duplicate-key"_s,
        Messages::tr("%1 has \"%2\" more than once; which one the agent takes is unspecified.").arg(where, key), spanId,
        index};
}

namespace EventFindings {

QString eventName(int index)
{
    return index >= 0 ? u"[%1]"_s.arg(index) : Messages::tr("the event");
}

Finding badSeverity(int index, qint64 severity)
{
    return Finding{Finding::Severity::Error,
                   u"bad-severity"_s,
                   Messages::tr("%1 has severity %2; it must be -1 (change), 5 (warning) or 10 (critical).")
                       .arg(eventName(index))
                       .arg(severity),
                   {},
                   index};
}

Finding negativeTimestamp(int index, qint64 ms)
{
    return Finding{Finding::Severity::Error,
                   u"negative-timestamp"_s,
                   Messages::tr("%1 has a negative timestamp (%2 ms).").arg(eventName(index)).arg(ms),
                   {},
                   index};
}

Finding negativeDuration(int index, qint64 ms)
{
    return Finding{Finding::Severity::Error,
                   u"negative-duration"_s,
                   Messages::tr("%1 has a negative duration (%2 ms).").arg(eventName(index)).arg(ms),
                   {},
                   index};
}

Finding emptyTitle(int index, Finding::Severity severity)
{
    return Finding{severity,
                   u"empty-title"_s,
                   Messages::tr("%1 has no title; Instana lists events by title.").arg(eventName(index)),
                   {},
                   index};
}

bool isPresenceTitle(QStringView title)
{
    return title.contains("online"_L1, Qt::CaseInsensitive) || title.contains("offline"_L1, Qt::CaseInsensitive);
}

Finding presenceEvent(int index)
{
    return Finding{Finding::Severity::Warning,
                   u"presence-event"_s,
                   Messages::tr("%1 is a change whose title contains \"online\" or \"offline\": Instana treats it as a "
                                "presence event.")
                       .arg(eventName(index)),
                   {},
                   index};
}

} // namespace EventFindings

} // namespace Workbench::AgentRules
