#include "core/events/event.h"

#include "core/agentapi/agentrules.h"
#include "core/json/jsontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Events)
};
} // namespace

QString where(int index)
{
    return AgentRules::EventFindings::eventName(index);
}

void appendMember(QByteArray &json, QByteArrayView key, const QByteArray &value)
{
    if (json.size() > 1)
        json.append(',');
    json.append('"').append(key).append("\":").append(value);
}

QString durationText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 120)
        return Messages::tr("%n minute(s)", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return Messages::tr("%n hour(s)", nullptr, int(hours));
    return Messages::tr("%n day(s)", nullptr, int(hours / 24));
}
} // namespace

namespace EventSeverity {

QString name(int severity)
{
    switch (severity) {
    case Change:
        return u"change"_s;
    case Warning:
        return u"warning"_s;
    case Critical:
        return u"critical"_s;
    default:
        return QString::number(severity);
    }
}

std::optional<int> parse(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == "change"_L1 || t == "-1"_L1)
        return Change;
    if (t == "warning"_L1 || t == "5"_L1)
        return Warning;
    if (t == "critical"_L1 || t == "10"_L1)
        return Critical;
    return std::nullopt;
}

bool isKnown(int severity)
{
    return severity == Change || severity == Warning || severity == Critical;
}

} // namespace EventSeverity

Event Event::firedAt(qint64 nowMs) const
{
    Event fired = *this;
    if (!fired.timestamp)
        fired.timestamp = nowMs;
    return fired;
}

namespace EventCodec {

QByteArray encode(const Event &event)
{
    QByteArray json;
    json.reserve(64 + event.title.size() + event.text.size());
    json.append('{');
    appendMember(json, "title", JsonText::quoted(event.title));
    if (!event.text.isEmpty())
        appendMember(json, "text", JsonText::quoted(event.text));
    appendMember(json, "severity", QByteArray::number(event.severity));
    if (event.timestamp)
        appendMember(json, "timestamp", QByteArray::number(*event.timestamp));
    if (event.duration)
        appendMember(json, "duration", QByteArray::number(*event.duration));
    if (!event.plugin.isEmpty())
        appendMember(json, "plugin", JsonText::quoted(event.plugin));
    if (!event.id.isEmpty())
        appendMember(json, "id", JsonText::quoted(event.id));
    if (!event.host.isEmpty())
        appendMember(json, "host", JsonText::quoted(event.host));
    json.append('}');
    return json;
}

QByteArray encode(const QList<Event> &events, bool asArray)
{
    if (events.size() == 1 && !asArray)
        return encode(events.first());
    QByteArray json = "[";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            json.append(',');
        json.append(encode(events.at(i)));
    }
    json.append(']');
    return json;
}

bool Decoded::ok() const
{
    return !EventRules::hasErrors(findings);
}

Decoded decode(QByteArrayView json)
{
    Decoded result;
    auto error = [&result](const QString &rule, const QString &message) {
        result.findings.append(Finding{Finding::Severity::Error, rule, message, {}, -1});
    };

    if (JsonText::startsWithByteOrderMark(json)) {
        // QJsonDocument would skip it, the agent may not: named, as the span reader names it.
        error(u"bad-json"_s,
              Messages::tr("The JSON is not valid at line %1, column %2: %3.")
                  .arg(1)
                  .arg(1)
                  .arg(JsonText::byteOrderMarkProblem()));
        return result;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArrayView trimmed = QByteArrayView(json).trimmed();
        if (trimmed.isEmpty()) {
            error(u"empty"_s, Messages::tr("There is no JSON: expected an event object or an array of them."));
            return result;
        }
        if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
            error(u"not-an-event"_s, Messages::tr("Expected an event object or an array of them."));
            return result;
        }
        const auto [line, column] = JsonText::lineAndColumn(json, parseError.offset);
        error(u"bad-json"_s,
              Messages::tr("The JSON is not valid at line %1, column %2: %3.")
                  .arg(line)
                  .arg(column)
                  .arg(parseError.errorString()));
        return result;
    }

    bool isArray = false;
    const QList<JsonText::Range> ranges = JsonText::topLevelElements(json, &isArray);
    result.isArray = isArray;
    if (isArray && ranges.isEmpty()) {
        error(u"empty-batch"_s, Messages::tr("The array holds no events."));
        return result;
    }
    const QJsonArray array = isArray ? document.array() : QJsonArray{document.object()};
    for (qsizetype i = 0; i < ranges.size() && i < array.size(); ++i) {
        const JsonText::Range range = ranges.at(i);
        const int index = isArray ? int(i) : -1;
        Findings findings = AgentRules::checkEvent(json.sliced(range.begin, range.size()), index);
        // The agent takes a repeated key (it warns); what it does with it is unspecified, so an
        // event to be sent must not have one.
        for (Finding &finding : findings) {
            if (finding.rule == u"duplicate-key"_s)
                finding.severity = Finding::Severity::Error;
        }
        result.findings.append(findings);
        if (EventRules::hasErrors(findings))
            continue;
        const QJsonObject object = array.at(i).toObject();
        Event event;
        event.title = object.value("title"_L1).toString();
        event.text = object.value("text"_L1).toString();
        if (object.contains("severity"_L1))
            event.severity = int(object.value("severity"_L1).toInteger(EventSeverity::Change));
        if (object.contains("timestamp"_L1))
            event.timestamp = object.value("timestamp"_L1).toInteger();
        if (object.contains("duration"_L1))
            event.duration = object.value("duration"_L1).toInteger();
        event.plugin = object.value("plugin"_L1).toString();
        event.id = object.value("id"_L1).toString();
        event.host = object.value("host"_L1).toString();
        result.events.append(event);
    }
    return result;
}

} // namespace EventCodec

namespace EventRules {

bool hasErrors(const Findings &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(), [](const Finding &f) { return f.isError(); });
}

Findings check(const Event &event, qint64 nowMs, int index)
{
    Findings findings;
    auto add = [&](Finding::Severity severity, const QString &rule, const QString &message) {
        findings.append(Finding{severity, rule, message, {}, index});
    };

    // A form must not send a nameless event, so an empty title is an error here, where the
    // agent only warns.
    if (event.title.trimmed().isEmpty())
        findings.append(AgentRules::EventFindings::emptyTitle(index, Finding::Severity::Error));
    if (!EventSeverity::isKnown(event.severity))
        findings.append(AgentRules::EventFindings::badSeverity(index, event.severity));
    if (event.duration && *event.duration < 0)
        findings.append(AgentRules::EventFindings::negativeDuration(index, *event.duration));
    if (event.timestamp) {
        const qint64 ts = *event.timestamp;
        const QString when = QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODateWithMs);
        if (ts < 0)
            findings.append(AgentRules::EventFindings::negativeTimestamp(index, ts));
        else if (ts > nowMs + MaxFutureMs)
            add(Finding::Severity::Error, u"timestamp-in-future"_s,
                Messages::tr("%1 is timed %2 ahead of now (%3 UTC); at most one hour ahead is accepted.")
                    .arg(where(index), durationText(ts - nowMs), when));
        else if (ts < nowMs - MaxPastMs)
            add(Finding::Severity::Error, u"timestamp-too-old"_s,
                Messages::tr("%1 is timed %2 ago (%3 UTC); at most thirty days back is accepted.")
                    .arg(where(index), durationText(nowMs - ts), when));
    }
    if (event.severity == EventSeverity::Change && AgentRules::EventFindings::isPresenceTitle(event.title))
        findings.append(AgentRules::EventFindings::presenceEvent(index));
    if (event.plugin.isEmpty() != event.id.isEmpty())
        add(Finding::Severity::Warning, u"partial-entity"_s,
            Messages::tr("%1 has only one of plugin and id; Instana ties an event to an entity only with both.")
                .arg(where(index)));
    return findings;
}

Findings check(const QList<Event> &events, qint64 nowMs)
{
    Findings findings;
    if (events.isEmpty()) {
        findings.append(
            Finding{Finding::Severity::Error, u"empty-batch"_s, Messages::tr("There is no event to send."), {}, -1});
        return findings;
    }
    const bool batch = events.size() > 1;
    for (qsizetype i = 0; i < events.size(); ++i)
        findings.append(check(events.at(i), nowMs, batch ? int(i) : -1));
    const qsizetype bytes = EventCodec::encode(events, batch).size();
    if (bytes > AgentRules::MaxRequestBytes)
        findings.append(Finding{Finding::Severity::Error,
                                u"request-too-large"_s,
                                Messages::tr("The request would be %1 bytes; the agent takes at most %2.")
                                    .arg(bytes)
                                    .arg(AgentRules::MaxRequestBytes),
                                {},
                                -1});
    return findings;
}

} // namespace EventRules

} // namespace Workbench
