#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Workbench::Traces {

// The kinds of span the agent knows. A span without a type is an ENTRY.
enum class SpanType : quint8 {
    Entry,
    Exit,
    Intermediate,
    Eum,
    Unknown, // a type text the agent does not know; the text is kept
};

QLatin1StringView spanTypeLatin1(SpanType type); // "ENTRY", …; empty for Unknown
QString spanTypeName(SpanType type);
// Exact, upper case; Unknown for any other text.
SpanType spanTypeFromName(QStringView name);
SpanType spanTypeFromName(QByteArrayView utf8);

// Ids are 64-bit values written as hex strings, like b0789916ff8f319f.
namespace SpanIds {
// The value of a hex text of 1 to 16 digits (either case), or nothing.
std::optional<quint64> parse(QStringView text);
std::optional<quint64> parse(QByteArrayView text);
// Sixteen lower-case digits.
QString format(quint64 id);
QByteArray formatLatin1(quint64 id);
// A random non-zero id from the system's strong generator.
quint64 random();
} // namespace SpanIds

// One member of a span's `data` map, in the order it was written. A value that is not a JSON
// string (the official example sends a number) is kept as its JSON text, marked raw.
struct DataItem
{
    QString key;
    QString value;
    bool raw = false;

    bool operator==(const DataItem &other) const = default;
};

// A member of the span that is not kept as a typed field: a field the agent does not know,
// or a known field whose JSON value has the wrong type. Kept as JSON text, written back as is.
struct ExtraField
{
    QString key;
    QByteArray json;

    bool operator==(const ExtraField &other) const = default;
};

// One span as a value, easy to build and change: what the editor, the generator and tests
// work with. SpanStore keeps the same information compactly. Absent text fields are null
// strings; ids are kept as the text given, so a hand-typed id survives as typed.
struct Span
{
    QString spanId;
    QString parentId;
    QString traceId;
    std::optional<qint64> timestamp; // ms since epoch, UTC
    std::optional<qint64> duration; // ms
    QString name;
    QString type; // null: absent (an ENTRY); otherwise as written
    std::optional<bool> error;
    QString backendTrace; // EUM spans only
    bool hasData = false; // a `data` member, possibly empty
    QList<DataItem> data;
    QList<ExtraField> extras;

    SpanType spanType() const;
    bool isRoot() const { return parentId.isNull(); }
    QString dataValue(QStringView key) const;
    void setData(const QString &key, const QString &value);
    qint64 end() const { return timestamp.value_or(0) + duration.value_or(0); }

    bool operator==(const Span &other) const = default;
};

} // namespace Workbench::Traces
