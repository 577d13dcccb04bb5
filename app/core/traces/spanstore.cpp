#include "core/traces/spanstore.h"

#include "core/json/jsontext.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {
constexpr std::array<QLatin1StringView, 10> fieldNames{"spanId"_L1,       "parentId"_L1, "traceId"_L1, "timestamp"_L1,
                                                       "duration"_L1,     "name"_L1,     "type"_L1,    "error"_L1,
                                                       "backendTrace"_L1, "data"_L1};
} // namespace

QLatin1StringView SpanStore::fieldName(Field field)
{
    const auto i = size_t(field);
    return i < fieldNames.size() ? fieldNames[i] : QLatin1StringView();
}

SpanStore::Field SpanStore::fieldFromName(QByteArrayView name)
{
    for (size_t i = 0; i < fieldNames.size(); ++i) {
        if (name == QByteArrayView(fieldNames[i].data(), fieldNames[i].size()))
            return Field(i);
    }
    return Field::Unknown;
}

void SpanStore::reserve(qsizetype spans)
{
    m_records.reserve(size_t(spans));
}

void SpanStore::clear()
{
    m_records.clear();
    m_data.clear();
    m_extras.clear();
    m_strings = StringPool();
    m_open = false;
}

std::span<const SpanStore::DataEntry> SpanStore::data(qsizetype i) const
{
    const Record &r = record(i);
    return std::span<const DataEntry>(m_data.data() + r.dataBegin, r.dataCount);
}

std::span<const SpanStore::Extra> SpanStore::extras(qsizetype i) const
{
    const Record &r = record(i);
    return std::span<const Extra>(m_extras.data() + r.extraBegin, r.extraCount);
}

const SpanStore::Extra *SpanStore::extra(qsizetype i, Field field) const
{
    for (const Extra &e : extras(i)) {
        if (e.field == field && e.kind != Extra::Kind::Unknown)
            return &e;
    }
    return nullptr;
}

QString SpanStore::dataValue(qsizetype i, QByteArrayView key) const
{
    for (const DataEntry &entry : data(i)) {
        if (m_strings.view(entry.key) == key)
            return m_strings.text(entry.value);
    }
    return {};
}

bool SpanStore::isIdField(Field field)
{
    return field == Field::SpanId || field == Field::ParentId || field == Field::TraceId
        || field == Field::BackendTrace;
}

bool SpanStore::isStringLeftover(const Extra &e) const
{
    return e.kind == Extra::Kind::Raw && JsonText::kindOf(m_strings.view(e.value)) == JsonText::Kind::String;
}

QString SpanStore::idText(qsizetype i, Field field) const
{
    if (const Extra *e = extra(i, field)) {
        if (e->kind == Extra::Kind::Text)
            return m_strings.text(e->value);
        return isStringLeftover(*e) ? JsonText::decodedString(m_strings.view(e->value)) : m_strings.text(e->value);
    }
    const Record &r = record(i);
    switch (field) {
    case Field::SpanId:
        return r.has(HasSpanId) ? SpanIds::format(r.spanId) : QString();
    case Field::ParentId:
        return r.has(HasParentId) ? SpanIds::format(r.parentId) : QString();
    case Field::TraceId:
        return r.has(HasTraceId) ? SpanIds::format(r.traceId) : QString();
    case Field::BackendTrace:
        return r.has(HasBackendTrace) ? SpanIds::format(r.backendTrace) : QString();
    default:
        return {};
    }
}

SpanStore::Record &SpanStore::beginRecord()
{
    Q_ASSERT(!m_open);
    m_open = true;
    Record &r = m_records.emplace_back();
    r.dataBegin = quint32(m_data.size());
    r.extraBegin = quint32(m_extras.size());
    return r;
}

void SpanStore::addData(StringPool::Id key, StringPool::Id value, bool raw)
{
    m_data.push_back(DataEntry{key, value, raw});
    ++m_records.back().dataCount;
}

void SpanStore::addExtra(Extra::Kind kind, Field field, StringPool::Id key, StringPool::Id value)
{
    Record &r = m_records.back();
    if (r.extraCount == std::numeric_limits<quint16>::max())
        return; // a span of 65,535 unknown fields has far broken the 4 KiB limit already
    m_extras.push_back(Extra{key, value, kind, field});
    ++r.extraCount;
}

void SpanStore::dropRecord()
{
    const Record &r = m_records.back();
    m_data.resize(r.dataBegin);
    m_extras.resize(r.extraBegin);
    m_records.pop_back();
    m_open = false;
}

void SpanStore::setId(Record &r, Field field, const QString &text, quint64 &value, Flag flag)
{
    if (text.isNull())
        return;
    const QLatin1StringView key = fieldName(field);
    if (const auto parsed = SpanIds::parse(text)) {
        value = *parsed;
        r.flags |= flag;
        if (text.size() != 16 || SpanIds::format(*parsed) != text)
            addExtra(Extra::Kind::Text, field, m_strings.intern(QByteArrayView(key)),
                     m_strings.intern(QStringView(text)));
    } else {
        addExtra(Extra::Kind::Raw, field, m_strings.intern(QByteArrayView(key)),
                 m_strings.intern(QByteArrayView(JsonText::quoted(text))));
    }
}

qsizetype SpanStore::append(const Span &span)
{
    Record &r = beginRecord();
    // beginRecord() hands out the last record; a reference stays valid while nothing is
    // appended to m_records, which only happens in beginRecord().
    setId(r, Field::SpanId, span.spanId, r.spanId, HasSpanId);
    if (!span.parentId.isNull())
        r.flags |= ParentMember;
    setId(r, Field::ParentId, span.parentId, r.parentId, HasParentId);
    setId(r, Field::TraceId, span.traceId, r.traceId, HasTraceId);
    if (span.timestamp) {
        r.timestamp = *span.timestamp;
        r.flags |= HasTimestamp;
    }
    if (span.duration) {
        r.duration = *span.duration;
        r.flags |= HasDuration;
    }
    if (!span.name.isNull()) {
        r.name = m_strings.intern(QStringView(span.name));
        r.flags |= HasName;
    }
    if (!span.type.isNull()) {
        r.flags |= HasType;
        r.type = span.spanType();
        if (r.type == SpanType::Unknown)
            addExtra(Extra::Kind::Text, Field::Type, m_strings.intern(QByteArrayView("type")),
                     m_strings.intern(QStringView(span.type)));
    }
    if (span.error) {
        r.flags |= HasError;
        if (*span.error)
            r.flags |= ErrorValue;
    }
    setId(r, Field::BackendTrace, span.backendTrace, r.backendTrace, HasBackendTrace);
    if (span.hasData || !span.data.isEmpty()) {
        r.flags |= HasData;
        for (const DataItem &item : span.data)
            addData(m_strings.intern(QStringView(item.key)), m_strings.intern(QStringView(item.value)), item.raw);
    }
    for (const ExtraField &extraField : span.extras) {
        const QByteArray key = extraField.key.toUtf8();
        const Field field = fieldFromName(key);
        addExtra(field == Field::Unknown ? Extra::Kind::Unknown : Extra::Kind::Raw, field, m_strings.intern(key),
                 m_strings.intern(QByteArrayView(extraField.json)));
    }
    commitRecord();
    return size() - 1;
}

Span SpanStore::span(qsizetype i) const
{
    const Record &r = record(i);
    Span span;
    // Ids that were strings go into the id fields, as typed; an id of another JSON type stays
    // among the extras, as JSON.
    auto stringId = [&](Field field) {
        const Extra *e = extra(i, field);
        return e && e->kind == Extra::Kind::Raw && !isStringLeftover(*e) ? QString() : idText(i, field);
    };
    span.spanId = stringId(Field::SpanId);
    span.parentId = stringId(Field::ParentId);
    span.traceId = stringId(Field::TraceId);
    span.backendTrace = stringId(Field::BackendTrace);
    if (r.has(HasTimestamp))
        span.timestamp = r.timestamp;
    if (r.has(HasDuration))
        span.duration = r.duration;
    if (r.has(HasName))
        span.name = m_strings.text(r.name);
    if (r.has(HasType)) {
        const Extra *e = extra(i, Field::Type);
        span.type = e && e->kind == Extra::Kind::Text ? m_strings.text(e->value) : spanTypeName(r.type);
    }
    if (r.has(HasError))
        span.error = r.has(ErrorValue);
    span.hasData = r.has(HasData);
    for (const DataEntry &entry : data(i))
        span.data.append(DataItem{m_strings.text(entry.key), m_strings.text(entry.value), entry.raw});
    for (const Extra &e : extras(i)) {
        if (e.kind == Extra::Kind::Text || (isIdField(e.field) && isStringLeftover(e)))
            continue;
        span.extras.append(ExtraField{m_strings.text(e.key), m_strings.view(e.value).toByteArray()});
    }
    return span;
}

QList<Span> SpanStore::spans() const
{
    QList<Span> all;
    all.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        all.append(span(i));
    return all;
}

SpanStore SpanStore::fromSpans(const QList<Span> &spans)
{
    SpanStore store;
    store.reserve(spans.size());
    for (const Span &span : spans)
        store.append(span);
    return store;
}

qsizetype SpanStore::memoryUsed() const
{
    return qsizetype(m_records.capacity() * sizeof(Record) + m_data.capacity() * sizeof(DataEntry)
                     + m_extras.capacity() * sizeof(Extra))
        + m_strings.memoryUsed();
}

} // namespace Workbench::Traces
