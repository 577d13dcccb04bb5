#include "core/browse/backendtrace.h"

#include "core/agentapi/agentrules.h"
#include "core/traces/spanjson.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::Browse::BackendTrace {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::BackendTrace)
};

constexpr int MaxDataDepth = 32;

Finding warning(const QString &rule, const QString &message, const QString &spanId = {})
{
    Finding finding;
    finding.severity = Finding::Severity::Warning;
    finding.rule = rule;
    finding.message = message;
    finding.spanId = spanId;
    return finding;
}

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// A whole number of a JSON value, or nothing (a text, a fraction, out of range).
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::abs(number) > 9.0e15)
        return std::nullopt;
    return qint64(number);
}

// A JSON scalar as the text a span's data holds.
QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (const auto whole = wholeNumber(value))
        return QString::number(*whole);
    return QString::number(value.toDouble(), 'g', 17);
}

void flatten(const QString &prefix, const QJsonValue &value, int depth, QList<Traces::DataItem> &out)
{
    if (value.isNull() || value.isUndefined())
        return;
    if (depth > MaxDataDepth) {
        out.append({prefix, QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)), false});
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(prefix.isEmpty() ? it.key() : prefix + u'.' + it.key(), it.value(), depth + 1, out);
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(prefix + u'[' + QString::number(i) + u']', array.at(i), depth + 1, out);
        return;
    }
    out.append({prefix, scalarText(value), false});
}

Traces::SpanType typeOfKind(const QString &kind)
{
    if (kind == u"ENTRY"_s)
        return Traces::SpanType::Entry;
    if (kind == u"EXIT"_s)
        return Traces::SpanType::Exit;
    if (kind == u"INTERMEDIATE"_s)
        return Traces::SpanType::Intermediate;
    return Traces::SpanType::Unknown;
}

// Data values cut (the longest first, by half each time, marked with an ellipsis) until the span
// fits the agent's limit; false when even no data would not do.
bool shortenToFit(Traces::Span &span)
{
    const auto size = [](const Traces::Span &s) {
        Traces::SpanStore one;
        one.append(s);
        return Traces::SpanJson::compactSize(one, 0);
    };
    while (size(span) > AgentRules::MaxSpanBytes) {
        auto longest = std::max_element(span.data.begin(), span.data.end(),
                                        [](const Traces::DataItem &a, const Traces::DataItem &b) {
                                            return a.value.size() + a.key.size() < b.value.size() + b.key.size();
                                        });
        if (longest == span.data.end())
            return false;
        if (longest->value.size() > 16)
            longest->value = longest->value.left(longest->value.size() / 2) + u'…';
        else
            span.data.erase(longest);
    }
    return true;
}

// A rough size of the span's JSON, enough to tell which spans need measuring.
qsizetype roughSize(const Traces::Span &span)
{
    qsizetype bytes = 200 + span.name.size() * 3;
    for (const Traces::DataItem &item : span.data)
        bytes += (item.key.size() + item.value.size()) * 3 + 6;
    return bytes;
}

} // namespace

QString callsPath(const QString &traceId)
{
    return u"/api/application-monitoring/v2/analyze/traces/"_s + encoded(traceId);
}

QString detailsPath(const QString &traceId, const QString &callId)
{
    return callsPath(traceId) + u"/calls/"_s + encoded(callId) + u"/details"_s;
}

QList<Call> readCalls(const QJsonArray &items, Findings &findings)
{
    QList<Call> calls;
    calls.reserve(items.size());
    QSet<QString> seen;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString id = item.value(u"id"_s).toString();
        if (id.isEmpty()) {
            findings.append(
                warning(u"bad-call"_s, Messages::tr("Call [%1] of the trace has no id; it is left out.").arg(i)));
            continue;
        }
        if (seen.contains(id)) {
            findings.append(
                warning(u"bad-call"_s, Messages::tr("Call %1 is listed twice; the second is left out.").arg(id), id));
            continue;
        }
        seen.insert(id);
        Call call;
        call.id = id;
        call.parentId = item.value(u"parentId"_s).toString();
        call.timestamp = wholeNumber(item.value(u"timestamp"_s));
        call.duration = wholeNumber(item.value(u"duration"_s));
        call.name = item.value(u"name"_s).toString();
        call.errorCount = item.value(u"errorCount"_s).toInt();
        call.service
            = item.value(u"destination"_s).toObject().value(u"service"_s).toObject().value(u"label"_s).toString();
        calls.append(call);
    }
    return calls;
}

Traces::Span spanFromCall(const Call &call)
{
    Traces::Span span;
    span.spanId = call.id;
    span.parentId = call.parentId.isEmpty() ? QString() : call.parentId;
    span.timestamp = call.timestamp;
    span.duration = call.duration;
    span.name = call.name.isEmpty() ? u"call"_s : call.name;
    span.type = u"ENTRY"_s;
    if (call.errorCount > 0)
        span.error = true;
    span.hasData = true;
    if (!call.service.isEmpty())
        span.data.append({u"service"_s, call.service, false});
    return span;
}

QList<Traces::Span> spansOfCall(const Call &call, const QJsonValue &details, Findings &findings)
{
    QList<Traces::Span> spans;
    const QJsonArray items = details.toObject().value(u"spans"_s).toArray();
    for (qsizetype k = 0; k < items.size(); ++k) {
        if (!items.at(k).isObject()) {
            findings.append(warning(
                u"span-field"_s, Messages::tr("Span [%1] of call %2 is no object; it is left out.").arg(k).arg(call.id),
                call.id));
            continue;
        }
        const QJsonObject object = items.at(k).toObject();
        Traces::Span span;
        span.spanId = object.value(u"id"_s).toString();
        if (span.spanId.isEmpty()) {
            findings.append(warning(u"span-field"_s,
                                    Messages::tr("Span [%1] of call %2 has no id; it is left out.").arg(k).arg(call.id),
                                    call.id));
            continue;
        }
        const auto missing = [&](const QString &field, const QString &instead) {
            findings.append(warning(u"span-field"_s,
                                    Messages::tr("Span %1 of call %2 has no usable \"%3\"; %4 is used.")
                                        .arg(span.spanId, call.id, field, instead),
                                    span.spanId));
        };
        const QString parent = object.value(u"parentId"_s).toString();
        if (!parent.isEmpty())
            span.parentId = parent;
        span.timestamp = wholeNumber(object.value(u"start"_s));
        if (!span.timestamp) {
            span.timestamp = call.timestamp;
            missing(u"start"_s, Messages::tr("the call's timestamp"));
        }
        span.duration = wholeNumber(object.value(u"duration"_s));
        if (!span.duration || *span.duration < 0) {
            span.duration = call.duration;
            missing(u"duration"_s, Messages::tr("the call's duration"));
        }
        span.name = object.value(u"name"_s).toString();
        if (span.name.isEmpty()) {
            span.name = call.name.isEmpty() ? u"call"_s : call.name;
            missing(u"name"_s, Messages::tr("the call's name"));
        }
        const QString kind = object.value(u"kind"_s).toString();
        Traces::SpanType type = typeOfKind(kind);
        if (type == Traces::SpanType::Unknown) {
            // The backend's UNKNOWN (or no kind) is no kind the agent takes: neither entering nor leaving.
            type = Traces::SpanType::Intermediate;
            missing(u"kind"_s, u"INTERMEDIATE"_s);
        }
        span.type = Traces::spanTypeName(type);
        const QJsonValue errors = object.value(u"errorCount"_s);
        if (errors.isDouble() ? errors.toDouble() > 0 : call.errorCount > 0)
            span.error = true;
        span.hasData = true;
        const QJsonValue data = object.value(u"data"_s);
        if (data.isObject())
            flatten(QString(), data, 0, span.data);
        else if (!data.isNull() && !data.isUndefined())
            missing(u"data"_s, Messages::tr("no data"));
        spans.append(span);
    }
    if (spans.isEmpty()) {
        findings.append(warning(u"call-without-spans"_s,
                                details.isObject()
                                    ? Messages::tr("The details of call %1 have no usable span; the span is made from "
                                                   "the call.")
                                          .arg(call.id)
                                    : Messages::tr("The details of call %1 are no JSON object; the span is made from "
                                                   "the call.")
                                          .arg(call.id),
                                call.id));
        spans.append(spanFromCall(call));
    }
    return spans;
}

Conversion assemble(const QString &traceId, const QList<Call> &calls,
                    const QHash<QString, QList<Traces::Span>> &spansByCall, Findings findings)
{
    Conversion result;
    result.traceId = traceId;
    if (!Traces::SpanIds::parse(traceId) && traceId.size() == 32 && Traces::SpanIds::parse(traceId.right(16))) {
        result.traceId = traceId.right(16).toLower();
        findings.append(warning(u"trace-id"_s,
                                Messages::tr("The trace id %1 has 128 bits; the spans carry its lower 64 bits, %2.")
                                    .arg(traceId, result.traceId)));
    }

    // Every call's spans, the call each came from, and the last span of each call: where a
    // child call's orphan goes.
    QList<Traces::Span> spans;
    QList<const Call *> callOfSpan;
    QHash<QString, QString> lastSpanOfCall;
    QSet<QString> ids;
    for (const Call &call : calls) {
        const auto found = spansByCall.constFind(call.id);
        const QList<Traces::Span> own
            = found != spansByCall.constEnd() ? *found : QList<Traces::Span>{spanFromCall(call)};
        for (Traces::Span span : own) {
            if (ids.contains(span.spanId)) {
                findings.append(warning(u"repeated-span"_s,
                                        Messages::tr("Span %1 of call %2 was already in the trace; it is left out.")
                                            .arg(span.spanId, call.id),
                                        span.spanId));
                continue;
            }
            ids.insert(span.spanId);
            lastSpanOfCall.insert(call.id, span.spanId);
            span.traceId = result.traceId;
            spans.append(span);
            callOfSpan.append(&call);
        }
    }

    result.store.reserve(spans.size());
    for (qsizetype i = 0; i < spans.size(); ++i) {
        Traces::Span &span = spans[i];
        if (!span.parentId.isNull() && !ids.contains(span.parentId)) {
            const QString instead = lastSpanOfCall.value(callOfSpan[i]->parentId);
            if (!instead.isEmpty() && instead != span.spanId) {
                findings.append(warning(u"parent-replaced"_s,
                                        Messages::tr("The parent %1 of span %2 is in no call of the trace; the span "
                                                     "of the parent call, %3, is its parent.")
                                            .arg(span.parentId, span.spanId, instead),
                                        span.spanId));
                span.parentId = instead;
            } else {
                findings.append(warning(u"parent-replaced"_s,
                                        Messages::tr("The parent %1 of span %2 is in no call of the trace; the span "
                                                     "is a root.")
                                            .arg(span.parentId, span.spanId),
                                        span.spanId));
                span.parentId = QString();
            }
        }
        if (roughSize(span) > AgentRules::MaxSpanBytes - 256) {
            const qsizetype before = roughSize(span);
            if (!shortenToFit(span))
                findings.append(warning(
                    u"span-too-large"_s,
                    Messages::tr("Span %1 is larger than the agent takes even without its data.").arg(span.spanId),
                    span.spanId));
            else if (roughSize(span) != before)
                findings.append(warning(u"data-shortened"_s,
                                        Messages::tr("The data of span %1 was shortened to fit the agent's 4 KiB "
                                                     "for a span.")
                                            .arg(span.spanId),
                                        span.spanId));
        }
        result.store.append(span);
    }
    result.findings = std::move(findings);
    return result;
}

Conversion convert(const QString &traceId, const QJsonArray &callItems, const QHash<QString, QJsonValue> &details)
{
    Findings findings;
    const QList<Call> calls = readCalls(callItems, findings);
    QHash<QString, QList<Traces::Span>> spansByCall;
    for (const Call &call : calls) {
        const auto found = details.constFind(call.id);
        if (found != details.constEnd())
            spansByCall.insert(call.id, spansOfCall(call, *found, findings));
    }
    return assemble(traceId, calls, spansByCall, std::move(findings));
}

} // namespace Workbench::Browse::BackendTrace
