#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace Workbench::JsonText {

struct Range
{
    qsizetype begin = 0;
    qsizetype end = 0; // one past the last byte
    qsizetype size() const { return end - begin; }
};

// The byte ranges of the elements of a top-level JSON array, or the one range of a top-level
// value that is not an array (*isArray says which). Meant for text that QJsonDocument has
// already accepted: it finds boundaries, it does not check the grammar. Lets the caller
// measure each element as sent and keep it byte for byte, key order included.
QList<Range> topLevelElements(QByteArrayView json, bool *isArray);

// The text without the white space between tokens: one line, keys in their order, numbers
// as written.
QByteArray minified(QByteArrayView json);

// The text laid out with one member or element a line, indented by four spaces a level,
// keys in their order and numbers as written (QJsonDocument would sort the keys).
QByteArray indented(QByteArrayView json);

// Whether `json` is JSON text (RFC 8259) with an object or an array at the top, as
// QJsonDocument takes it, nested at most 1024 deep (QJsonDocument's limit), its strings valid
// UTF-8 without control characters. One pass, nothing allocated: for text that is passed on as it
// came rather than parsed. True implies that QJsonDocument::fromJson() accepts it; QJsonDocument
// accepts a little more (a tab in a string, "1.", a byte order mark), which this refuses.
bool isJsonDocument(QByteArrayView json);

// 1-based line and column of a byte offset, for error messages.
std::pair<qsizetype, qsizetype> lineAndColumn(QByteArrayView text, qsizetype offset);

enum class Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    Invalid,
};

// What a JSON value is, from its first byte. For text QJsonDocument has accepted.
Kind kindOf(QByteArrayView value);

// The kind for a sentence: "an object", "a string", "null", … ("nothing" for Invalid).
QString kindName(Kind kind);

// Calls visit(key, value) for each member of a JSON object, with the key's text between its
// quotes (escapes left as they are) and the value's text. For text QJsonDocument has
// accepted; no copies, no allocations.
template<typename Visit>
void forEachMember(QByteArrayView object, Visit visit);

// Whether a text starts with a UTF-8 byte order mark (EF BB BF), which JSON text must not
// (RFC 8259, 8.1), and the sentence that names it for an error message.
bool startsWithByteOrderMark(QByteArrayView text);
QString byteOrderMarkProblem();

// A JSON string literal's value; fast when it holds no escapes.
QString decodedString(QByteArrayView literal);

// The JSON string literal of a text, quotes included, in UTF-8: escapes only what JSON
// requires (quote, backslash, control characters), as QJsonDocument writes it.
QByteArray quoted(QStringView text);

namespace Detail {
qsizetype skipSpace(QByteArrayView json, qsizetype at);
qsizetype skipString(QByteArrayView json, qsizetype at);
qsizetype skipValue(QByteArrayView json, qsizetype at);
} // namespace Detail

template<typename Visit>
void forEachMember(QByteArrayView object, Visit visit)
{
    qsizetype at = Detail::skipSpace(object, 0);
    if (at >= object.size() || object[at] != '{')
        return;
    at = Detail::skipSpace(object, at + 1);
    while (at < object.size() && object[at] == '"') {
        const qsizetype keyEnd = Detail::skipString(object, at);
        const QByteArrayView key = object.sliced(at + 1, std::max<qsizetype>(0, keyEnd - at - 2));
        at = Detail::skipSpace(object, keyEnd);
        if (at >= object.size() || object[at] != ':')
            return;
        at = Detail::skipSpace(object, at + 1);
        const qsizetype valueEnd = Detail::skipValue(object, at);
        visit(key, object.sliced(at, valueEnd - at));
        at = Detail::skipSpace(object, valueEnd);
        if (at < object.size() && object[at] == ',')
            at = Detail::skipSpace(object, at + 1);
        else
            return;
    }
}

} // namespace Workbench::JsonText
