#include "core/json/jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <cstring>

namespace Workbench::JsonText {

namespace Detail {
namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

qsizetype skipSpace(QByteArrayView json, qsizetype at)
{
    while (at < json.size() && isSpace(json[at]))
        ++at;
    return at;
}

// From the opening quote to one past the closing quote.
qsizetype skipString(QByteArrayView json, qsizetype at)
{
    ++at;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '\\')
            at += 2;
        else if (c == '"')
            return at + 1;
        else
            ++at;
    }
    return json.size();
}

// From the first byte of a value to one past its last byte.
qsizetype skipValue(QByteArrayView json, qsizetype at)
{
    if (at >= json.size())
        return at;
    const char first = json[at];
    if (first == '"')
        return skipString(json, at);
    if (first == '{' || first == '[') {
        int depth = 0;
        while (at < json.size()) {
            const char c = json[at];
            if (c == '"') {
                at = skipString(json, at);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return at + 1;
            ++at;
        }
        return at;
    }
    // A number, true, false or null: up to the next delimiter.
    while (at < json.size() && !isSpace(json[at]) && json[at] != ',' && json[at] != ']' && json[at] != '}')
        ++at;
    return at;
}
} // namespace Detail

using namespace Detail;

QList<Range> topLevelElements(QByteArrayView json, bool *isArray)
{
    QList<Range> ranges;
    qsizetype at = skipSpace(json, 0);
    const bool array = at < json.size() && json[at] == '[';
    if (isArray)
        *isArray = array;
    if (!array) {
        if (at < json.size())
            ranges.append({at, skipValue(json, at)});
        return ranges;
    }
    at = skipSpace(json, at + 1);
    while (at < json.size() && json[at] != ']') {
        const qsizetype end = skipValue(json, at);
        ranges.append({at, end});
        at = skipSpace(json, end);
        if (at < json.size() && json[at] == ',')
            at = skipSpace(json, at + 1);
        else
            break;
    }
    return ranges;
}

QByteArray minified(QByteArrayView json)
{
    QByteArray out(json.size(), Qt::Uninitialized);
    char *write = out.data();
    const char *read = json.data();
    const char *const end = read + json.size();
    while (read < end) {
        const char c = *read;
        if (c == '"') {
            // Copy the whole string literal at once.
            const char *close = read + 1;
            while (close < end && *close != '"')
                close += *close == '\\' ? 2 : 1;
            close = std::min(close + 1, end);
            std::memcpy(write, read, size_t(close - read));
            write += close - read;
            read = close;
        } else {
            if (!isSpace(c))
                *write++ = c;
            ++read;
        }
    }
    out.truncate(write - out.data());
    return out;
}

QByteArray indented(QByteArrayView json)
{
    const QByteArray compact = minified(json);
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    auto newline = [&out, &depth] {
        out += '\n';
        out += QByteArray(4 * std::max(depth, 0), ' ');
    };
    for (qsizetype at = 0; at < compact.size(); ++at) {
        const char c = compact[at];
        if (c == '"') {
            const qsizetype end = skipString(compact, at);
            out.append(compact.constData() + at, end - at);
            at = end - 1;
        } else if (c == '{' || c == '[') {
            out += c;
            const char close = c == '{' ? '}' : ']';
            if (at + 1 < compact.size() && compact[at + 1] == close) {
                out += close; // {} and [] stay on one line
                ++at;
            } else {
                ++depth;
                newline();
            }
        } else if (c == '}' || c == ']') {
            --depth;
            newline();
            out += c;
        } else if (c == ',') {
            out += c;
            newline();
        } else if (c == ':') {
            out += ": ";
        } else {
            out += c;
        }
    }
    return out;
}

Kind kindOf(QByteArrayView value)
{
    if (value.isEmpty())
        return Kind::Invalid;
    switch (value[0]) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
    case 'f':
        return Kind::Bool;
    case 'n':
        return Kind::Null;
    default:
        return (value[0] == '-' || (value[0] >= '0' && value[0] <= '9')) ? Kind::Number : Kind::Invalid;
    }
}

QString decodedString(QByteArrayView literal)
{
    if (literal.size() < 2)
        return {};
    const QByteArrayView inner = literal.sliced(1, literal.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    const QByteArray wrapped = '[' + literal.toByteArray() + ']';
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

std::pair<qsizetype, qsizetype> lineAndColumn(QByteArrayView text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    qsizetype line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, offset - lineStart + 1};
}

QByteArray quoted(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray result;
    result.reserve(utf8.size() + 2);
    result.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"':
            result.append("\\\"");
            break;
        case '\\':
            result.append("\\\\");
            break;
        case '\b':
            result.append("\\b");
            break;
        case '\f':
            result.append("\\f");
            break;
        case '\n':
            result.append("\\n");
            break;
        case '\r':
            result.append("\\r");
            break;
        case '\t':
            result.append("\\t");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                result.append("\\u00");
                result.append(hex[(c >> 4) & 0xf]);
                result.append(hex[c & 0xf]);
            } else {
                result.append(c);
            }
        }
    }
    result.append('"');
    return result;
}

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::JsonText)
};
} // namespace

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Object:
        return Messages::tr("an object");
    case Kind::Array:
        return Messages::tr("an array");
    case Kind::String:
        return Messages::tr("a string");
    case Kind::Number:
        return Messages::tr("a number");
    case Kind::Bool:
        return Messages::tr("a boolean");
    case Kind::Null:
        return Messages::tr("null");
    case Kind::Invalid:
        break;
    }
    return Messages::tr("nothing");
}

bool startsWithByteOrderMark(QByteArrayView text)
{
    return text.startsWith("\xef\xbb\xbf");
}

QString byteOrderMarkProblem()
{
    return Messages::tr("the text starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; save it "
                        "without one");
}

} // namespace Workbench::JsonText
