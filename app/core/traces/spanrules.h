#pragma once

#include "core/agentapi/agentrules.h"
#include "core/traces/spanstore.h"
#include "core/validation/finding.h"

#include <QStringList>

#include <optional>

// The rules of the agent's span format that concern one span on its own: one implementation
// with one rule id and one wording each, used by the validator, the local agent and the
// sender alike.
//
// Errors: a field missing or of the wrong type ("wrong-type", "missing-field"), an element that
// is no object ("not-a-span", found by the reader), an id that is no hex string of 1 to 16
// digits ("bad-id"), an unknown type ("bad-type"), a negative timestamp or duration
// ("negative-timestamp", "negative-duration"), a timestamp that is no time between 2000 and
// 2100 in milliseconds, such as one written in seconds ("implausible-timestamp"), more than
// 4 KiB of JSON ("span-too-large"), a key written twice in a span, its data or its unknown
// fields ("duplicate-key": the agent's behaviour is unspecified; the local agent reports it,
// it does not refuse it).
// Warnings: an id not written in 16 digits ("id-length"), a whole number written with a
// fraction or an exponent, or as -0 ("number-format"), a backendTrace on a span other than EUM
// ("backend-trace-not-eum"), a `data` value that is no string ("data-not-string"), a field the
// agent does not know ("unknown-field").
namespace Workbench::Traces::SpanRules {

// Plausible epoch milliseconds: from 2000-01-01 up to 2100-01-01.
constexpr qint64 EarliestTimestamp = 946684800000;
constexpr qint64 LatestTimestamp = 4102444800000;

// How findings name a span: "span 8165b19a37094800 ([0])", or "span [3]" for one without an
// id. `position` is where it stands in its file or request.
QString spanName(const SpanStore &store, qsizetype i, qsizetype position);

// Appends every finding of the per-span rules about span i to `out`, in a fixed order.
// `position` is named in messages and kept as Finding::index; `bytes` is the span's size as
// compact JSON, which the size rule judges.
void check(const SpanStore &store, qsizetype i, qsizetype position, qsizetype bytes, Findings &out);

// The size rule alone: an error when `bytes` of JSON exceed `maxBytes`.
std::optional<Finding> sizeFinding(const SpanStore &store, qsizetype i, qsizetype position, qsizetype bytes,
                                   qsizetype maxBytes = AgentRules::MaxSpanBytes);

// The finding for an element of a request or file that is no span object.
Finding notASpan(qsizetype position, const QString &kindName);

// Every rule id check() and the reader can give, errors and warnings.
QStringList perSpanRules();

// Whether the host agent refuses a request for an error of this rule (400, or 413 for
// "span-too-large"). The local agent refuses only these; it reports every other finding of
// the per-span rules on the captured span.
bool isRefusedByAgent(QStringView rule);

// The rules the local agent deliberately does not check: they concern several spans, which
// may arrive in separate requests (a parent sent later, a root sent first), so only the
// validator, which sees a whole trace, judges them. The README's local agent section lists
// the same.
QStringList crossSpanRules();

} // namespace Workbench::Traces::SpanRules
