#include "core/traces/spantemplates.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

SpanIdSource SpanIdSource::strong()
{
    return SpanIdSource();
}

SpanIdSource SpanIdSource::seeded(quint64 seed)
{
    SpanIdSource source;
    const quint32 words[2] = {quint32(seed & 0xffffffffu), quint32(seed >> 32)};
    source.m_generator = QRandomGenerator(words, 2);
    source.m_seed = seed;
    source.m_seeded = true;
    return source;
}

quint64 SpanIdSource::next()
{
    if (!m_seeded)
        return SpanIds::random();
    quint64 id = 0;
    while (id == 0)
        id = m_generator.generate64();
    return id;
}

namespace SpanTemplates {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::SpanTemplates)
};
} // namespace

// Builds spans of one trace, each child under a parent given by its position in the list.
class Builder
{
public:
    Builder(qint64 baseTime, SpanIdSource &ids)
        : m_base(baseTime)
        , m_ids(ids)
    {
    }

    // A new trace: its root's spanId is also the traceId.
    int root(const QString &name, SpanType type, qint64 offset, qint64 duration)
    {
        const QString id = m_ids.nextText();
        m_traceId = id;
        return add(QString(), id, name, type, offset, duration);
    }

    int child(int parent, const QString &name, SpanType type, qint64 offset, qint64 duration)
    {
        return add(m_spans.at(parent).spanId, m_ids.nextText(), name, type, offset, duration);
    }

    Span &at(int i) { return m_spans[i]; }
    QList<Span> spans() const { return m_spans; }

private:
    int add(const QString &parentId, const QString &id, const QString &name, SpanType type, qint64 offset,
            qint64 duration)
    {
        Span span;
        span.spanId = id;
        span.parentId = parentId;
        span.traceId = m_traceId;
        span.timestamp = m_base + offset;
        span.duration = duration;
        span.name = name;
        span.type = spanTypeName(type);
        m_spans.append(span);
        return int(m_spans.size() - 1);
    }

    qint64 m_base;
    SpanIdSource &m_ids;
    QString m_traceId;
    QList<Span> m_spans;
};

void http(Span &span, const QString &method, const QString &host, const QString &path, const QString &status)
{
    span.setData(u"http.method"_s, method);
    span.setData(u"http.url"_s, u"http://"_s + host + path);
    span.setData(u"http.path"_s, path);
    span.setData(u"http.host"_s, host);
    span.setData(u"http.status_code"_s, status);
}
} // namespace

QList<Shape> shapes()
{
    return {Shape::HttpEntryWithDownstream, Shape::DatabaseExit, Shape::MessageQueueHop, Shape::EumPageLoad};
}

QString name(Shape shape)
{
    switch (shape) {
    case Shape::HttpEntryWithDownstream:
        return Messages::tr("HTTP entry calling a downstream service");
    case Shape::DatabaseExit:
        return Messages::tr("Database exit");
    case Shape::MessageQueueHop:
        return Messages::tr("Message queue hop");
    case Shape::EumPageLoad:
        return Messages::tr("EUM page load linked to a backend trace");
    }
    return {};
}

QString description(Shape shape)
{
    switch (shape) {
    case Shape::HttpEntryWithDownstream:
        return Messages::tr("An HTTP ENTRY in \"shop\" whose EXIT calls the ENTRY of \"inventory\".");
    case Shape::DatabaseExit:
        return Messages::tr("An HTTP ENTRY in \"orders\" with an EXIT querying PostgreSQL.");
    case Shape::MessageQueueHop:
        return Messages::tr(
            "An ENTRY in \"checkout\" whose EXIT publishes to Kafka, consumed by the ENTRY of \"shipping\".");
    case Shape::EumPageLoad:
        return Messages::tr(
            "An EUM page load in the browser, linked by backendTrace to the backend trace of its request.");
    }
    return {};
}

std::optional<Shape> fromName(QStringView text)
{
    for (const Shape shape : shapes()) {
        if (name(shape).compare(text, Qt::CaseInsensitive) == 0)
            return shape;
    }
    return std::nullopt;
}

QList<Span> build(Shape shape, qint64 baseTime, SpanIdSource &ids)
{
    switch (shape) {
    case Shape::HttpEntryWithDownstream: {
        Builder b(baseTime, ids);
        const int entry = b.root(u"GET /cart"_s, SpanType::Entry, 0, 120);
        b.at(entry).setData(u"service"_s, u"shop"_s);
        b.at(entry).setData(u"endpoint"_s, u"GET /cart"_s);
        http(b.at(entry), u"GET"_s, u"shop.example.com"_s, u"/cart"_s, u"200"_s);
        const int exit = b.child(entry, u"GET /items"_s, SpanType::Exit, 15, 80);
        b.at(exit).setData(u"service"_s, u"shop"_s);
        http(b.at(exit), u"GET"_s, u"inventory:8080"_s, u"/items"_s, u"200"_s);
        const int downstream = b.child(exit, u"GET /items"_s, SpanType::Entry, 17, 75);
        b.at(downstream).setData(u"service"_s, u"inventory"_s);
        b.at(downstream).setData(u"endpoint"_s, u"GET /items"_s);
        http(b.at(downstream), u"GET"_s, u"inventory:8080"_s, u"/items"_s, u"200"_s);
        return b.spans();
    }
    case Shape::DatabaseExit: {
        Builder b(baseTime, ids);
        const int entry = b.root(u"GET /orders"_s, SpanType::Entry, 0, 60);
        b.at(entry).setData(u"service"_s, u"orders"_s);
        b.at(entry).setData(u"endpoint"_s, u"GET /orders"_s);
        http(b.at(entry), u"GET"_s, u"orders.example.com"_s, u"/orders"_s, u"200"_s);
        const int exit = b.child(entry, u"SELECT orders"_s, SpanType::Exit, 8, 35);
        b.at(exit).setData(u"service"_s, u"orders"_s);
        b.at(exit).setData(u"call.name"_s, u"SELECT orders"_s);
        b.at(exit).setData(u"db.type"_s, u"postgresql"_s);
        b.at(exit).setData(u"db.instance"_s, u"orders"_s);
        b.at(exit).setData(u"db.statement"_s, u"SELECT * FROM orders WHERE customer_id = ?"_s);
        return b.spans();
    }
    case Shape::MessageQueueHop: {
        Builder b(baseTime, ids);
        const int entry = b.root(u"POST /checkout"_s, SpanType::Entry, 0, 40);
        b.at(entry).setData(u"service"_s, u"checkout"_s);
        b.at(entry).setData(u"endpoint"_s, u"POST /checkout"_s);
        http(b.at(entry), u"POST"_s, u"checkout.example.com"_s, u"/checkout"_s, u"202"_s);
        const int producer = b.child(entry, u"publish orders"_s, SpanType::Exit, 10, 12);
        b.at(producer).setData(u"service"_s, u"checkout"_s);
        b.at(producer).setData(u"call.name"_s, u"publish orders"_s);
        b.at(producer).setData(u"messaging.system"_s, u"kafka"_s);
        b.at(producer).setData(u"messaging.destination"_s, u"orders"_s);
        // The consumer takes the message later and may run longer than the producer's call;
        // it still starts and ends within the publish, so no "outside parent" warning.
        const int consumer = b.child(producer, u"consume orders"_s, SpanType::Entry, 14, 6);
        b.at(consumer).setData(u"service"_s, u"shipping"_s);
        b.at(consumer).setData(u"endpoint"_s, u"orders"_s);
        b.at(consumer).setData(u"messaging.system"_s, u"kafka"_s);
        b.at(consumer).setData(u"messaging.destination"_s, u"orders"_s);
        return b.spans();
    }
    case Shape::EumPageLoad: {
        // The backend trace first: the page load names its traceId.
        Builder backend(baseTime, ids);
        const int entry = backend.root(u"GET /product/42"_s, SpanType::Entry, 180, 95);
        backend.at(entry).setData(u"service"_s, u"shop"_s);
        backend.at(entry).setData(u"endpoint"_s, u"GET /product/{id}"_s);
        http(backend.at(entry), u"GET"_s, u"shop.example.com"_s, u"/product/42"_s, u"200"_s);
        const QString backendTraceId = backend.at(entry).traceId;

        Builder page(baseTime, ids);
        const int load = page.root(u"Page load /product/42"_s, SpanType::Eum, 0, 1450);
        page.at(load).backendTrace = backendTraceId;
        page.at(load).setData(u"service"_s, u"shop-website"_s);
        page.at(load).setData(u"eum.page"_s, u"/product/42"_s);
        page.at(load).setData(u"http.url"_s, u"https://shop.example.com/product/42"_s);
        return page.spans() + backend.spans();
    }
    }
    return {};
}

} // namespace SpanTemplates

} // namespace Workbench::Traces
