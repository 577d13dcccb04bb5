#pragma once

#include "core/traces/span.h"
#include "core/traces/stringpool.h"

#include <span>
#include <vector>

namespace Workbench::Traces {

// Spans kept compactly, so that a trace of a million spans fits comfortably in memory: one
// fixed-size record per span with ids as 64-bit values and texts as interned string ids, the
// `data` members of all spans in one array, and the rare leftovers (unknown fields, values of
// the wrong type, ids not written in the usual 16 digits) in another. Spans keep the order
// they were added in, which is the order of the file they came from.
class SpanStore
{
public:
    enum Flag : quint16 {
        HasSpanId = 1 << 0,
        HasParentId = 1 << 1, // a readable parentId; see ParentMember
        HasTraceId = 1 << 2,
        HasBackendTrace = 1 << 3,
        HasTimestamp = 1 << 4,
        HasDuration = 1 << 5,
        HasName = 1 << 6,
        HasType = 1 << 7,
        HasError = 1 << 8,
        ErrorValue = 1 << 9,
        HasData = 1 << 10,
        ParentMember = 1 << 11, // the span names a parent, readable or not: it is no root
    };

    // Known fields, in the order a span is written.
    enum class Field : quint8 {
        SpanId,
        ParentId,
        TraceId,
        Timestamp,
        Duration,
        Name,
        Type,
        Error,
        BackendTrace,
        Data,
        Unknown,
    };
    static QLatin1StringView fieldName(Field field);
    static Field fieldFromName(QByteArrayView name);

    struct Record
    {
        quint64 spanId = 0;
        quint64 parentId = 0;
        quint64 traceId = 0;
        quint64 backendTrace = 0;
        qint64 timestamp = 0;
        qint64 duration = 0;
        StringPool::Id name = 0;
        quint32 dataBegin = 0;
        quint32 dataCount = 0;
        quint32 extraBegin = 0;
        quint16 extraCount = 0;
        quint16 flags = 0;
        SpanType type = SpanType::Entry;

        bool has(Flag flag) const { return flags & flag; }
        qint64 end() const { return timestamp + duration; }
    };

    struct DataEntry
    {
        StringPool::Id key = 0;
        StringPool::Id value = 0; // the text, or the JSON text when raw
        bool raw = false;
    };

    struct Extra
    {
        enum class Kind : quint8 {
            Unknown, // a field the agent does not know; `value` is its JSON text
            Raw, // a known field that could not be read as its type; `value` is its JSON text
            Text, // a known field read fine, written unusually (id "1f", type "entry"); `value`
                  // is the text as written, without quotes
        };
        StringPool::Id key = 0;
        StringPool::Id value = 0;
        Kind kind = Kind::Unknown;
        Field field = Field::Unknown;
    };

    qsizetype size() const { return qsizetype(m_records.size()); }
    bool isEmpty() const { return m_records.empty(); }
    void reserve(qsizetype spans);
    void clear();

    const Record &record(qsizetype i) const { return m_records[size_t(i)]; }
    std::span<const DataEntry> data(qsizetype i) const;
    std::span<const Extra> extras(qsizetype i) const;
    // The leftover for a known field, if the span has one.
    const Extra *extra(qsizetype i, Field field) const;
    const StringPool &strings() const { return m_strings; }
    StringPool &strings() { return m_strings; }

    QString name(qsizetype i) const { return m_strings.text(record(i).name); }
    // A `data` value by key ("service"), or a null string.
    QString dataValue(qsizetype i, QByteArrayView key) const;
    // An id field (SpanId, ParentId, TraceId, BackendTrace) as written: 16 digits unless the
    // file wrote it otherwise, a string that is no hex id as its text, a value that is no
    // string as its JSON; a null string when the span has no such field.
    QString idText(qsizetype i, Field field) const;
    QString spanIdText(qsizetype i) const { return idText(i, Field::SpanId); }

    // Appends a span given as a value; returns its index.
    qsizetype append(const Span &span);
    // The span at i as a value.
    Span span(qsizetype i) const;
    // All spans as values.
    QList<Span> spans() const;
    static SpanStore fromSpans(const QList<Span> &spans);

    // Building a record piece by piece, as the JSON reader does: begin, set fields and add
    // data and leftovers, then commit (or drop it).
    Record &beginRecord();
    void addData(StringPool::Id key, StringPool::Id value, bool raw);
    void addExtra(Extra::Kind kind, Field field, StringPool::Id key, StringPool::Id value);
    void commitRecord() { m_open = false; }
    void dropRecord();

    // Bytes held by the records, the data and leftovers, and the strings.
    qsizetype memoryUsed() const;

private:
    void setId(Record &record, Field field, const QString &text, quint64 &value, Flag flag);
    static bool isIdField(Field field);
    // A Raw leftover that is a string: an id that is no hex id, kept as the text written.
    bool isStringLeftover(const Extra &extra) const;

    std::vector<Record> m_records;
    std::vector<DataEntry> m_data;
    std::vector<Extra> m_extras;
    StringPool m_strings;
    bool m_open = false;
};

} // namespace Workbench::Traces
