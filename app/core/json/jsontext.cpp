#include "core/json/jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <array>
#include <cctype>
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

namespace {

// Checks JSON text in one pass; each step returns false at the first byte that cannot be there.
class Checker
{
public:
    explicit Checker(QByteArrayView json)
        : m_json(json)
    {
    }

    bool document()
    {
        space();
        if (m_at >= m_json.size() || (peek() != '{' && peek() != '['))
            return false;
        bool expectValue = true;
        for (;;) {
            if (!expectValue && m_depth == 0) {
                space();
                return m_at == m_json.size();
            }
            space();
            if (m_at >= m_json.size())
                return false;
            const char c = peek();
            if (expectValue) {
                if (c == '{' || c == '[') {
                    if (m_depth == MaxDepth)
                        return false;
                    m_open[m_depth++] = c;
                    ++m_at;
                    space();
                    if (m_at < m_json.size() && peek() == (c == '{' ? '}' : ']')) {
                        ++m_at;
                        --m_depth;
                        expectValue = false;
                    } else if (c == '{' && !key()) {
                        return false;
                    }
                    continue;
                }
                if (!scalar())
                    return false;
                expectValue = false;
                continue;
            }
            const char open = m_open[m_depth - 1];
            if (c == ',') {
                ++m_at;
                if (open == '{' && !key())
                    return false;
                expectValue = true;
            } else if ((c == '}' && open == '{') || (c == ']' && open == '[')) {
                ++m_at;
                --m_depth;
            } else {
                return false;
            }
        }
    }

private:
    // QJsonDocument's nesting limit.
    static constexpr int MaxDepth = 1024;

    char peek() const { return m_json[m_at]; }
    void space() { m_at = Detail::skipSpace(m_json, m_at); }

    bool key()
    {
        space();
        if (m_at >= m_json.size() || peek() != '"' || !string())
            return false;
        space();
        if (m_at >= m_json.size() || peek() != ':')
            return false;
        ++m_at;
        return true;
    }

    bool scalar()
    {
        const char c = peek();
        if (c == '"')
            return string();
        if (c == '-' || (c >= '0' && c <= '9'))
            return number();
        for (const QByteArrayView word : {QByteArrayView("true"), QByteArrayView("false"), QByteArrayView("null")}) {
            if (m_json.sliced(m_at).startsWith(word)) {
                m_at += word.size();
                return true;
            }
        }
        return false;
    }

    bool digits()
    {
        const qsizetype begin = m_at;
        while (m_at < m_json.size() && peek() >= '0' && peek() <= '9')
            ++m_at;
        return m_at > begin;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_at;
        if (m_at < m_json.size() && peek() == '0')
            ++m_at;
        else if (!digits())
            return false;
        if (m_at < m_json.size() && peek() == '.') {
            ++m_at;
            if (!digits())
                return false;
        }
        if (m_at < m_json.size() && (peek() == 'e' || peek() == 'E')) {
            ++m_at;
            if (m_at < m_json.size() && (peek() == '+' || peek() == '-'))
                ++m_at;
            if (!digits())
                return false;
        }
        return true;
    }

    bool continuation(qsizetype at, uchar low = 0x80, uchar high = 0xbf) const
    {
        if (at >= m_json.size())
            return false;
        const auto c = uchar(m_json[at]);
        return c >= low && c <= high;
    }

    bool string()
    {
        ++m_at; // the opening quote
        while (m_at < m_json.size()) {
            const auto c = uchar(peek());
            if (c == '"') {
                ++m_at;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (++m_at >= m_json.size())
                    return false;
                const char escaped = peek();
                if (escaped == 'u') {
                    for (int i = 1; i <= 4; ++i) {
                        if (m_at + i >= m_json.size() || !std::isxdigit(uchar(m_json[m_at + i])))
                            return false;
                    }
                    m_at += 5;
                } else if (std::strchr("\"\\/bfnrt", escaped) && escaped != '\0') {
                    ++m_at;
                } else {
                    return false;
                }
                continue;
            }
            if (c < 0x80) {
                ++m_at;
                continue;
            }
            // UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
            qsizetype length = 0;
            if (c >= 0xc2 && c <= 0xdf)
                length = continuation(m_at + 1) ? 2 : 0;
            else if (c >= 0xe0 && c <= 0xef)
                length
                    = continuation(m_at + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) && continuation(m_at + 2)
                    ? 3
                    : 0;
            else if (c >= 0xf0 && c <= 0xf4)
                length = continuation(m_at + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf)
                        && continuation(m_at + 2) && continuation(m_at + 3)
                    ? 4
                    : 0;
            if (length == 0)
                return false;
            m_at += length;
        }
        return false;
    }

    QByteArrayView m_json;
    qsizetype m_at = 0;
    int m_depth = 0;
    std::array<char, MaxDepth> m_open{};
};

} // namespace

bool isJsonDocument(QByteArrayView json)
{
    return Checker(json).document();
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
