#pragma once

#include "core/validation/finding.h"

#include <QByteArrayView>

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

// The same for one span.
Findings checkSpan(QByteArrayView json, int index);

} // namespace Workbench::AgentRules
