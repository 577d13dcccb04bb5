#pragma once

#include "core/traces/span.h"

#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace Workbench::Traces {

// Where new span ids come from: the system's strong generator (every id unpredictable), or
// a generator started from a seed, so that the same seed and the same steps give the same
// ids again (for demos, tests and diffs).
class SpanIdSource
{
public:
    static SpanIdSource strong();
    static SpanIdSource seeded(quint64 seed);

    // A non-zero 64-bit id.
    quint64 next();
    QString nextText() { return SpanIds::format(next()); }

    bool isSeeded() const { return m_seeded; }
    quint64 seed() const { return m_seed; }

private:
    SpanIdSource() = default;

    QRandomGenerator m_generator;
    quint64 m_seed = 0;
    bool m_seeded = false;
};

// Named shapes of spans people build again and again, each a valid trace on its own (the
// validator finds no error in it): ids from the given source, times from the given start.
namespace SpanTemplates {

enum class Shape {
    HttpEntryWithDownstream, // ENTRY -> EXIT -> ENTRY in another service
    DatabaseExit, // ENTRY -> EXIT to a database
    MessageQueueHop, // ENTRY -> EXIT producer -> ENTRY consumer
    EumPageLoad, // an EUM page load whose backendTrace links the backend ENTRY's trace
};

QList<Shape> shapes();
QString name(Shape shape); // "HTTP entry calling a downstream service", …
QString description(Shape shape);
std::optional<Shape> fromName(QStringView name);

// The spans of the shape, parents before their children, starting at baseTime (ms since the
// epoch, UTC).
QList<Span> build(Shape shape, qint64 baseTime, SpanIdSource &ids);

} // namespace SpanTemplates

} // namespace Workbench::Traces
