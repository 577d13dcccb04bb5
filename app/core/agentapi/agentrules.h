#pragma once

#include "core/validation/finding.h"

#include <QByteArrayView>
#include <QStringView>

namespace Workbench::AgentRules {

// The documented limits of the agent's trace endpoint.
constexpr qsizetype MaxRequestBytes = 4 * 1024 * 1024;
constexpr qsizetype MaxSpanBytes = 4 * 1024;
constexpr int MaxSpansPerRequest = 1000;
constexpr int MaxTraceCallsPerSecond = 20;

// What is wrong with one element of a request to the event endpoint, given as its JSON text
// as sent (which QJsonDocument has accepted). Errors are what the agent refuses (wrong types,
// severities other than -1, 5 and 10); warnings are what it takes but probably not as meant.
// Messages name the element by `index` ("[3]"), or as "the event" when it is -1. The checks
// read the text in one pass, which keeps the local agent fast.
Findings checkEvent(QByteArrayView json, int index);

// "duplicate-key": `key` appears more than once in one object of `where` ("[3]", "the event",
// "span 8165b19a37094800 ([0])"). The agent's behaviour for it is unspecified: the local agent
// takes it and warns; the composer, `iwb event send --file` and the span validator refuse it.
// One rule id and one wording for events and spans.
Finding duplicateKey(const QString &where, const QString &key, int index, Finding::Severity severity,
                     const QString &spanId = {});

// Spans are checked by Traces::SpanRules (core/traces/spanrules.h), on spans as the span
// reader has read them.

// The event endpoint's rules that the composer (EventRules::check, on an Event) and the
// local agent (checkEvent, on the text as sent) both apply: one rule id and one wording each.
// `index` names the event as checkEvent does.
namespace EventFindings {
// "[3]", or "the event" for -1.
QString eventName(int index);
Finding badSeverity(int index, qint64 severity); // "bad-severity"
Finding negativeTimestamp(int index, qint64 ms); // "negative-timestamp"
Finding negativeDuration(int index, qint64 ms); // "negative-duration"
// "empty-title": the agent takes it (a warning); a form refuses it (an error).
Finding emptyTitle(int index, Finding::Severity severity);
// Whether a change with this title is a presence event to Instana.
bool isPresenceTitle(QStringView title);
Finding presenceEvent(int index); // "presence-event"
} // namespace EventFindings

} // namespace Workbench::AgentRules
