#pragma once

#include "core/traces/spanstore.h"

#include <QString>

namespace Workbench::Traces {

// The shape of a generated set of traces. Every field has a sensible default, so `{}` gives
// one trace of 100 spans.
struct GeneratorOptions
{
    qsizetype spans = 100; // in all traces together
    int depth = 6; // most levels in a trace, the root being level 1
    int fanout = 4; // most children of a span (widened when needed, see SpanGenerator)
    int services = 5; // distinct services the traces run through
    double errorRate = 0.02; // share of spans marked as errors, 0..1
    int traces = 1; // the spans are spread evenly over this many traces
    quint64 seed = 1; // the same options give the same spans, byte for byte
    qint64 startMs = 1767225600000; // when the first trace starts (2026-01-01T00:00:00Z)
};

// Spans that look like a small shop's microservices (an HTTP entry into a service, the
// INTERMEDIATE work inside it, EXIT calls to other services, which continue there as an ENTRY,
// to databases and to message queues), valid by TraceValidator and deterministic: made only
// from a QRandomGenerator seeded with `seed`, never from the clock.
//
// Shape: trace t gets spans / traces spans (the first spans % traces traces one more). In a
// trace no span is deeper than `depth` levels and none has more than `fanout` children,
// unless a tree of that depth and fanout cannot hold the trace's spans: then the fanout is
// widened for that trace, to the smallest fanout that holds them (depth is never exceeded).
// Depth 1 holds one span per trace, so it needs as many traces as spans (problem() says so).
//
// Types follow the agent's hierarchy rules: the root is an ENTRY; under an ENTRY or an
// INTERMEDIATE, a span with one child is an EXIT (an HTTP call, continued by an ENTRY in the
// called service), a span with more children is an INTERMEDIATE, and a leaf is an EXIT to a
// database, a message queue or an outside HTTP API, or sometimes an INTERMEDIATE. Children run
// one after another inside their parent's time. Every data value is a string; the texts come
// from a bounded set, so a million spans keep a small string pool. Spans are written in
// depth-first order, parents first; the traceId is the root's spanId; span ids are unique.
namespace SpanGenerator {

// Empty when the options can be generated, else one sentence saying what is wrong.
QString problem(const GeneratorOptions &options);
// The spans; an empty store when problem() is not empty.
SpanStore generate(const GeneratorOptions &options);

// Upper bounds of the options, so that a typo cannot ask for a terabyte.
constexpr qsizetype MaxSpans = 50'000'000;
constexpr int MaxDepth = 1000;
constexpr int MaxFanout = 1'000'000;
constexpr int MaxServices = 10'000;

} // namespace SpanGenerator

} // namespace Workbench::Traces
