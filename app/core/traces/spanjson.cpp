#include "core/traces/spanjson.h"

#include "core/io/inputfile.h"
#include "core/io/outputfile.h"
#include "core/json/jsontext.h"
#include "core/traces/spanrules.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::SpanJson)
};
} // namespace

using Field = SpanStore::Field;
using Flag = SpanStore::Flag;
using Extra = SpanStore::Extra;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

void appendUtf8(QByteArray &out, char32_t code)
{
    if (code < 0x80) {
        out.append(char(code));
    } else if (code < 0x800) {
        out.append(char(0xc0 | (code >> 6)));
        out.append(char(0x80 | (code & 0x3f)));
    } else if (code < 0x10000) {
        out.append(char(0xe0 | (code >> 12)));
        out.append(char(0x80 | ((code >> 6) & 0x3f)));
        out.append(char(0x80 | (code & 0x3f)));
    } else {
        out.append(char(0xf0 | (code >> 18)));
        out.append(char(0x80 | ((code >> 12) & 0x3f)));
        out.append(char(0x80 | ((code >> 6) & 0x3f)));
        out.append(char(0x80 | (code & 0x3f)));
    }
}

// A strict JSON reader specialised for spans: it interns texts into the store's pool as it
// goes and never builds a document.
class Reader
{
public:
    Reader(QByteArrayView json, SpanStore &store, const SpanJson::ReadProgress &progress,
           std::vector<SpanJson::SpanText> *texts = nullptr)
        : m_progress(progress)
        , m_texts(texts)
        , m_begin(json.data())
        , m_at(json.data())
        , m_end(json.data() + json.size())
        , m_store(store)
        , m_pool(store.strings())
    {
        m_typeKey = m_pool.intern(QByteArrayView("type"));
    }

    ReadResult run()
    {
        if (JsonText::startsWithByteOrderMark(QByteArrayView(m_at, m_end - m_at))) {
            fail(JsonText::byteOrderMarkProblem());
            return std::move(m_result);
        }
        skipSpace();
        if (m_at == m_end) {
            fail(Messages::tr("the file is empty; expected a span object or an array of spans"));
            return std::move(m_result);
        }
        if (*m_at == '[') {
            m_result.isArray = true;
            ++m_at;
            skipSpace();
            if (m_at < m_end && *m_at == ']') {
                ++m_at;
            } else {
                while (!failed()) {
                    element();
                    if (failed())
                        break;
                    if (m_progress && (m_result.elements & 1023) == 0 && !m_progress(m_at - m_begin, m_end - m_begin)) {
                        m_result.cancelled = true;
                        fail(Messages::tr("reading was cancelled"));
                        break;
                    }
                    skipSpace();
                    if (m_at < m_end && *m_at == ',') {
                        ++m_at;
                        skipSpace();
                        continue;
                    }
                    if (m_at < m_end && *m_at == ']') {
                        ++m_at;
                        break;
                    }
                    fail(m_at == m_end ? Messages::tr("the text ends inside the array of spans")
                                       : Messages::tr("expected ',' or ']' after a span"));
                }
            }
        } else {
            element();
        }
        if (!failed()) {
            skipSpace();
            if (m_at != m_end)
                fail(Messages::tr("unexpected text after the end of the JSON value"));
        }
        return std::move(m_result);
    }

private:
    bool failed() const { return m_result.error.isError(); }

    void fail(const QString &message)
    {
        if (failed())
            return;
        m_result.error.offset = m_at - m_begin;
        const auto [line, column]
            = JsonText::lineAndColumn(QByteArrayView(m_begin, m_end - m_begin), m_result.error.offset);
        m_result.error.line = line;
        m_result.error.column = column;
        m_result.error.message = message;
    }

    void skipSpace()
    {
        const char *from = m_at;
        while (m_at < m_end && isSpace(*m_at))
            ++m_at;
        m_spaced |= m_at != from;
    }

    bool expect(char c, const char *message)
    {
        skipSpace();
        if (m_at < m_end && *m_at == c) {
            ++m_at;
            return true;
        }
        fail(m_at == m_end ? Messages::tr("the text ends too early") : Messages::tr(message));
        return false;
    }

    void element()
    {
        const qsizetype index = m_result.elements++;
        skipSpace();
        if (m_at < m_end && *m_at == '{') {
            const char *start = m_at;
            const qsizetype before = m_store.size();
            m_spaced = false;
            spanObject();
            if (m_texts && m_store.size() > before)
                m_texts->push_back(SpanJson::SpanText{start - m_begin, m_at - m_begin, int(index), !m_spaced});
            return;
        }
        const char *start = m_at;
        if (!skipValue())
            return;
        m_result.skipped.append(
            SpanRules::notASpan(index, JsonText::kindName(JsonText::kindOf(QByteArrayView(start, m_at - start)))));
    }

    // Reads a string literal at m_at; its decoded text goes to `view` (pointing into the
    // input when it has no escapes, otherwise into m_scratch).
    bool string(QByteArrayView &view)
    {
        if (m_at >= m_end || *m_at != '"') {
            fail(m_at == m_end ? Messages::tr("the text ends too early") : Messages::tr("expected a string"));
            return false;
        }
        const char *start = ++m_at;
        while (m_at < m_end) {
            const char c = *m_at;
            if (c == '"') {
                view = QByteArrayView(start, m_at - start);
                ++m_at;
                return true;
            }
            if (c == '\\')
                break;
            if (quint8(c) < 0x20) {
                fail(Messages::tr("a control character inside a string must be escaped"));
                return false;
            }
            ++m_at;
        }
        if (m_at >= m_end) {
            m_at = start - 1;
            fail(Messages::tr("a string is not closed"));
            return false;
        }
        m_scratch.clear();
        m_scratch.append(start, m_at - start);
        while (m_at < m_end) {
            const char c = *m_at;
            if (c == '"') {
                ++m_at;
                view = m_scratch;
                return true;
            }
            if (quint8(c) < 0x20) {
                fail(Messages::tr("a control character inside a string must be escaped"));
                return false;
            }
            if (c != '\\') {
                m_scratch.append(c);
                ++m_at;
                continue;
            }
            if (++m_at >= m_end)
                break;
            switch (*m_at) {
            case '"':
            case '\\':
            case '/':
                m_scratch.append(*m_at);
                break;
            case 'b':
                m_scratch.append('\b');
                break;
            case 'f':
                m_scratch.append('\f');
                break;
            case 'n':
                m_scratch.append('\n');
                break;
            case 'r':
                m_scratch.append('\r');
                break;
            case 't':
                m_scratch.append('\t');
                break;
            case 'u': {
                char32_t code = 0;
                if (!hex4(code))
                    return false;
                if (code >= 0xd800 && code < 0xdc00 && m_end - m_at > 2 && m_at[1] == '\\' && m_at[2] == 'u') {
                    const char *back = m_at;
                    m_at += 2;
                    char32_t low = 0;
                    if (!hex4(low))
                        return false;
                    if (low >= 0xdc00 && low < 0xe000) {
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    } else {
                        m_at = back;
                    }
                }
                // A lone surrogate is kept in the three bytes UTF-8 would give it (ED A0 80 to
                // ED BF BF, which no valid UTF-8 holds), so that the writer can write its escape
                // back; as text it reads as U+FFFD.
                appendUtf8(m_scratch, code);
                break;
            }
            default:
                fail(Messages::tr("unknown escape sequence in a string"));
                return false;
            }
            ++m_at;
        }
        m_at = start - 1;
        fail(Messages::tr("a string is not closed"));
        return false;
    }

    // Reads the four hex digits after "\u"; m_at is on the 'u' and ends on the last digit.
    bool hex4(char32_t &code)
    {
        if (m_end - m_at < 5) {
            fail(Messages::tr("a \\u escape needs four hex digits"));
            return false;
        }
        for (int i = 1; i <= 4; ++i) {
            const char c = m_at[i];
            int digit = 0;
            if (isDigit(c))
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else {
                fail(Messages::tr("a \\u escape needs four hex digits"));
                return false;
            }
            code = (code << 4) | char32_t(digit);
        }
        m_at += 4;
        return true;
    }

    // Reads a number's text; *integer says whether it is a plain integer.
    bool number(QByteArrayView &text, bool &integer)
    {
        const char *start = m_at;
        integer = true;
        if (m_at < m_end && *m_at == '-')
            ++m_at;
        if (m_at < m_end && *m_at == '0') {
            ++m_at;
        } else if (m_at < m_end && isDigit(*m_at)) {
            while (m_at < m_end && isDigit(*m_at))
                ++m_at;
        } else {
            fail(Messages::tr("invalid number"));
            return false;
        }
        if (m_at < m_end && *m_at == '.') {
            integer = false;
            ++m_at;
            if (m_at >= m_end || !isDigit(*m_at)) {
                fail(Messages::tr("invalid number: digits must follow the decimal point"));
                return false;
            }
            while (m_at < m_end && isDigit(*m_at))
                ++m_at;
        }
        if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
            integer = false;
            ++m_at;
            if (m_at < m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (m_at >= m_end || !isDigit(*m_at)) {
                fail(Messages::tr("invalid number: digits must follow the exponent"));
                return false;
            }
            while (m_at < m_end && isDigit(*m_at))
                ++m_at;
        }
        text = QByteArrayView(start, m_at - start);
        return true;
    }

    bool literal(const char *word, qsizetype size)
    {
        if (m_end - m_at >= size && std::memcmp(m_at, word, size_t(size)) == 0) {
            m_at += size;
            return true;
        }
        fail(Messages::tr("unexpected character; expected a JSON value"));
        return false;
    }

    // Checks and skips any JSON value, without recursion: nesting is counted, and refused
    // beyond MaxDepth.
    bool skipValue()
    {
        int depth = 0;
        // Per open container: whether it is an object (true) or an array.
        std::vector<bool> stack;
        for (;;) {
            skipSpace();
            if (m_at >= m_end) {
                fail(Messages::tr("the text ends too early"));
                return false;
            }
            const char c = *m_at;
            bool scalar = true;
            if (c == '{' || c == '[') {
                if (++depth > SpanJson::MaxDepth) {
                    fail(Messages::tr("values are nested deeper than %1 levels").arg(SpanJson::MaxDepth));
                    return false;
                }
                stack.push_back(c == '{');
                ++m_at;
                skipSpace();
                const char close = c == '{' ? '}' : ']';
                if (m_at < m_end && *m_at == close) {
                    ++m_at;
                    stack.pop_back();
                    --depth;
                } else {
                    scalar = false;
                    if (c == '{' && !memberKey())
                        return false;
                    continue;
                }
            } else if (c == '"') {
                QByteArrayView ignored;
                if (!string(ignored))
                    return false;
            } else if (c == 't') {
                if (!literal("true", 4))
                    return false;
            } else if (c == 'f') {
                if (!literal("false", 5))
                    return false;
            } else if (c == 'n') {
                if (!literal("null", 4))
                    return false;
            } else if (c == '-' || isDigit(c)) {
                QByteArrayView text;
                bool integer = false;
                if (!number(text, integer))
                    return false;
            } else {
                fail(Messages::tr("unexpected character; expected a JSON value"));
                return false;
            }
            Q_UNUSED(scalar)
            // After a complete value: close containers or go to the next element.
            for (;;) {
                if (stack.empty())
                    return true;
                skipSpace();
                if (m_at >= m_end) {
                    fail(Messages::tr("the text ends too early"));
                    return false;
                }
                const bool inObject = stack.back();
                if (*m_at == ',') {
                    ++m_at;
                    if (inObject) {
                        skipSpace();
                        if (!memberKey())
                            return false;
                    }
                    break;
                }
                if (*m_at == (inObject ? '}' : ']')) {
                    ++m_at;
                    stack.pop_back();
                    --depth;
                    continue;
                }
                fail(inObject ? Messages::tr("expected ',' or '}' after a member")
                              : Messages::tr("expected ',' or ']' after an element"));
                return false;
            }
        }
    }

    // Reads `"key":` inside an object being skipped.
    bool memberKey()
    {
        QByteArrayView key;
        if (!string(key))
            return false;
        return expect(':', "expected ':' after a member's name");
    }

    StringPool::Id rawValue(const char *start)
    {
        const QByteArrayView text(start, m_at - start);
        for (const char c : text) {
            if (isSpace(c))
                return m_pool.intern(QByteArrayView(JsonText::minified(text)));
        }
        return m_pool.intern(text);
    }

    static bool wholeNumber(QByteArrayView text, qint64 &value)
    {
        // Plain integers only; 19 digits fit, more may not.
        const bool negative = text.startsWith('-');
        const QByteArrayView digits = negative ? text.sliced(1) : text;
        if (digits.size() > 18) {
            bool ok = false;
            value = text.toLongLong(&ok);
            return ok;
        }
        qint64 v = 0;
        for (const char c : digits)
            v = v * 10 + (c - '0');
        value = negative ? -v : v;
        return true;
    }

    void keepRaw(Field field, QByteArrayView key, const char *start)
    {
        m_store.addExtra(field == Field::Unknown ? Extra::Kind::Unknown : Extra::Kind::Raw, field, m_pool.intern(key),
                         rawValue(start));
    }

    void idField(SpanStore::Record &r, Field field, QByteArrayView key, quint64 &value, Flag flag)
    {
        const char *start = m_at;
        if (*m_at == '"') {
            QByteArrayView text;
            if (!string(text))
                return;
            if (const auto parsed = SpanIds::parse(text)) {
                value = *parsed;
                r.flags |= flag;
                bool canonical = text.size() == 16;
                for (qsizetype i = 0; canonical && i < 16; ++i)
                    canonical = !(text[i] >= 'A' && text[i] <= 'F');
                if (!canonical)
                    m_store.addExtra(Extra::Kind::Text, field, m_pool.intern(key), m_pool.intern(text));
                return;
            }
            keepRaw(field, key, start);
            return;
        }
        if (skipValue())
            keepRaw(field, key, start);
    }

    void integerField(SpanStore::Record &r, Field field, QByteArrayView key, qint64 &value, Flag flag)
    {
        const char *start = m_at;
        if (*m_at == '-' || isDigit(*m_at)) {
            QByteArrayView text;
            bool integer = false;
            if (!number(text, integer))
                return;
            if (integer && wholeNumber(text, value)) {
                r.flags |= flag;
                // -0 is 0, written as it was.
                if (text.size() == 2 && text[0] == '-')
                    m_store.addExtra(Extra::Kind::Text, field, m_pool.intern(key), m_pool.intern(text));
                return;
            }
            keepRaw(field, key, start);
            return;
        }
        if (skipValue())
            keepRaw(field, key, start);
    }

    void dataObject(SpanStore::Record &r, QByteArrayView key)
    {
        const char *start = m_at;
        if (*m_at != '{') {
            if (skipValue())
                keepRaw(Field::Data, key, start);
            return;
        }
        r.flags |= Flag::HasData;
        ++m_at;
        skipSpace();
        if (m_at < m_end && *m_at == '}') {
            ++m_at;
            return;
        }
        for (;;) {
            skipSpace();
            QByteArrayView dataKey;
            if (!string(dataKey))
                return;
            const StringPool::Id keyId = internKey(dataKey);
            if (!expect(':', "expected ':' after a member's name"))
                return;
            skipSpace();
            if (m_at >= m_end) {
                fail(Messages::tr("the text ends too early"));
                return;
            }
            if (*m_at == '"') {
                QByteArrayView value;
                if (!string(value))
                    return;
                m_store.addData(keyId, m_pool.intern(value), false);
            } else {
                const char *valueStart = m_at;
                if (!skipValue())
                    return;
                m_store.addData(keyId, rawValue(valueStart), true);
            }
            skipSpace();
            if (m_at < m_end && *m_at == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_end && *m_at == '}') {
                ++m_at;
                return;
            }
            fail(m_at == m_end ? Messages::tr("the text ends too early")
                               : Messages::tr("expected ',' or '}' after a member"));
            return;
        }
    }

    // Data keys repeat from span to span: remember the last few to spare the pool's hash.
    StringPool::Id internKey(QByteArrayView key)
    {
        for (const qint64 id : m_recentKeys) {
            if (id >= 0 && m_pool.view(StringPool::Id(id)) == key)
                return StringPool::Id(id);
        }
        const StringPool::Id id = m_pool.intern(key);
        m_recentKeys[m_recentNext] = id;
        m_recentNext = (m_recentNext + 1) % m_recentKeys.size();
        return id;
    }

    void spanObject()
    {
        quint32 seen = 0; // the known fields read, a bit each
        SpanStore::Record &r = m_store.beginRecord();
        ++m_at;
        skipSpace();
        if (m_at < m_end && *m_at == '}') {
            ++m_at;
            m_store.commitRecord();
            return;
        }
        for (;;) {
            skipSpace();
            QByteArrayView keyView;
            if (!string(keyView))
                break;
            // The key may live in m_scratch, which reading the value reuses.
            const QByteArray keyCopy = keyView.data() >= m_begin && keyView.data() < m_end
                ? QByteArray::fromRawData(keyView.data(), keyView.size())
                : keyView.toByteArray();
            const QByteArrayView key(keyCopy);
            if (!expect(':', "expected ':' after a member's name"))
                break;
            skipSpace();
            if (m_at >= m_end) {
                fail(Messages::tr("the text ends too early"));
                break;
            }
            Field field = SpanStore::fieldFromName(key);
            const char *start = m_at;
            if (field != Field::Unknown) {
                // A field written again is kept after the known ones, as written: the first counts.
                const auto bit = quint32(1) << quint32(field);
                if (seen & bit)
                    field = Field::Unknown;
                seen |= bit;
            }
            switch (field) {
            case Field::SpanId:
                idField(r, field, key, r.spanId, Flag::HasSpanId);
                break;
            case Field::ParentId:
                r.flags |= Flag::ParentMember;
                idField(r, field, key, r.parentId, Flag::HasParentId);
                break;
            case Field::TraceId:
                idField(r, field, key, r.traceId, Flag::HasTraceId);
                break;
            case Field::BackendTrace:
                idField(r, field, key, r.backendTrace, Flag::HasBackendTrace);
                break;
            case Field::Timestamp:
                integerField(r, field, key, r.timestamp, Flag::HasTimestamp);
                break;
            case Field::Duration:
                integerField(r, field, key, r.duration, Flag::HasDuration);
                break;
            case Field::Name:
                if (*m_at == '"') {
                    QByteArrayView text;
                    if (string(text)) {
                        r.name = m_pool.intern(text);
                        r.flags |= Flag::HasName;
                    }
                } else if (skipValue()) {
                    keepRaw(field, key, start);
                }
                break;
            case Field::Type:
                if (*m_at == '"') {
                    QByteArrayView text;
                    if (string(text)) {
                        r.flags |= Flag::HasType;
                        r.type = spanTypeFromName(text);
                        if (r.type == SpanType::Unknown)
                            m_store.addExtra(Extra::Kind::Text, field, m_typeKey, m_pool.intern(text));
                    }
                } else if (skipValue()) {
                    keepRaw(field, key, start);
                }
                break;
            case Field::Error:
                if (m_end - m_at >= 4 && std::memcmp(m_at, "true", 4) == 0) {
                    m_at += 4;
                    r.flags |= Flag::HasError | Flag::ErrorValue;
                } else if (m_end - m_at >= 5 && std::memcmp(m_at, "false", 5) == 0) {
                    m_at += 5;
                    r.flags |= Flag::HasError;
                } else if (skipValue()) {
                    keepRaw(field, key, start);
                }
                break;
            case Field::Data:
                dataObject(r, key);
                break;
            case Field::Unknown:
                if (skipValue())
                    keepRaw(field, key, start);
                break;
            }
            if (failed())
                break;
            skipSpace();
            if (m_at < m_end && *m_at == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_end && *m_at == '}') {
                ++m_at;
                m_store.commitRecord();
                return;
            }
            fail(m_at == m_end ? Messages::tr("the text ends inside a span")
                               : Messages::tr("expected ',' or '}' after a member"));
            break;
        }
        m_store.dropRecord();
    }

    const SpanJson::ReadProgress &m_progress;
    std::vector<SpanJson::SpanText> *m_texts;
    bool m_spaced = false; // white space was skipped since the span began
    const char *m_begin;
    const char *m_at;
    const char *m_end;
    SpanStore &m_store;
    StringPool &m_pool;
    StringPool::Id m_typeKey = 0;
    QByteArray m_scratch;
    std::array<qint64, 8> m_recentKeys{-1, -1, -1, -1, -1, -1, -1, -1};
    size_t m_recentNext = 0;
    ReadResult m_result;
};

// Writing ----------------------------------------------------------------------------------

// Where the writer puts its text: a QByteArray, or a counter that only measures it (the
// validator's size check runs on every span and needs no text).
struct CountingSink
{
    qsizetype size = 0;
    void append(char) { ++size; }
    void append(const char *, qsizetype n) { size += n; }
    void append(QByteArrayView text) { size += text.size(); }
};

constexpr char spaces[] = "                                                                ";

template<typename Out>
void appendQuoted(Out &out, QByteArrayView utf8)
{
    static constexpr char digits[] = "0123456789abcdef";
    out.append('"');
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = quint8(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0xed)
            continue;
        if (c == 0xed) {
            // A lone surrogate as the reader keeps it (ED A0..BF 80..BF): its escape again.
            if (i + 2 >= utf8.size() || quint8(utf8[i + 1]) < 0xa0 || quint8(utf8[i + 1]) > 0xbf
                || (quint8(utf8[i + 2]) & 0xc0) != 0x80)
                continue;
            out.append(utf8.data() + run, i - run);
            const auto code = char32_t(0xd000 | ((quint8(utf8[i + 1]) & 0x3f) << 6) | (quint8(utf8[i + 2]) & 0x3f));
            const char escape[6]
                = {'\\', 'u', 'd', digits[(code >> 8) & 0xf], digits[(code >> 4) & 0xf], digits[code & 0xf]};
            out.append(escape, 6);
            i += 2;
            run = i + 1;
            continue;
        }
        out.append(utf8.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            const char escape[6] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 0xf]};
            out.append(escape, 6);
            break;
        }
        }
    }
    out.append(utf8.data() + run, utf8.size() - run);
    out.append('"');
}

template<typename Out>
void appendId(Out &out, quint64 id)
{
    static constexpr char digits[] = "0123456789abcdef";
    char text[18];
    text[0] = '"';
    for (int i = 16; i >= 1; --i) {
        text[i] = digits[id & 0xf];
        id >>= 4;
    }
    text[17] = '"';
    out.append(text, 18);
}

template<typename Out>
void appendNumber(Out &out, qint64 value)
{
    char text[24];
    int at = 24;
    const bool negative = value < 0;
    quint64 magnitude = negative ? quint64(0) - quint64(value) : quint64(value);
    do {
        text[--at] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (negative)
        text[--at] = '-';
    out.append(text + at, 24 - at);
}

template<typename Out>
class Writer
{
public:
    Writer(const SpanStore &store, Out &out, SpanJson::Format format, int level)
        : m_store(store)
        , m_pool(store.strings())
        , m_out(out)
        , m_pretty(format == SpanJson::Format::Pretty)
        , m_level(level)
    {
    }

    void span(qsizetype i)
    {
        const SpanStore::Record &r = m_store.record(i);
        const std::span<const Extra> extras = m_store.extras(i);
        m_out.append('{');
        m_first = true;
        auto leftover = [&](Field field) -> const Extra * {
            if (r.extraCount == 0)
                return nullptr;
            for (const Extra &e : extras) {
                if (e.field == field && e.kind != Extra::Kind::Unknown)
                    return &e;
            }
            return nullptr;
        };
        auto id = [&](Field field, Flag flag, quint64 value) {
            const Extra *e = leftover(field);
            if (e && e->kind == Extra::Kind::Text) {
                key(field);
                appendQuoted(m_out, m_pool.view(e->value));
            } else if (e) {
                key(field);
                m_out.append(m_pool.view(e->value));
            } else if (r.has(flag)) {
                key(field);
                appendId(m_out, value);
            }
        };
        auto number = [&](Field field, Flag flag, qint64 value) {
            if (r.has(flag)) {
                key(field);
                const Extra *e = leftover(field);
                if (e && e->kind == Extra::Kind::Text)
                    m_out.append(m_pool.view(e->value)); // -0
                else
                    appendNumber(m_out, value);
            } else if (const Extra *e = leftover(field)) {
                key(field);
                m_out.append(m_pool.view(e->value));
            }
        };
        id(Field::SpanId, Flag::HasSpanId, r.spanId);
        id(Field::ParentId, Flag::HasParentId, r.parentId);
        id(Field::TraceId, Flag::HasTraceId, r.traceId);
        number(Field::Timestamp, Flag::HasTimestamp, r.timestamp);
        number(Field::Duration, Flag::HasDuration, r.duration);
        if (r.has(Flag::HasName)) {
            key(Field::Name);
            appendQuoted(m_out, m_pool.view(r.name));
        } else if (const Extra *e = leftover(Field::Name)) {
            key(Field::Name);
            m_out.append(m_pool.view(e->value));
        }
        if (r.has(Flag::HasType)) {
            key(Field::Type);
            const Extra *e = leftover(Field::Type);
            const QLatin1StringView name = spanTypeLatin1(r.type);
            appendQuoted(m_out,
                         e && e->kind == Extra::Kind::Text ? m_pool.view(e->value)
                                                           : QByteArrayView(name.data(), name.size()));
        } else if (const Extra *e = leftover(Field::Type)) {
            key(Field::Type);
            m_out.append(m_pool.view(e->value));
        }
        if (r.has(Flag::HasError)) {
            key(Field::Error);
            if (r.has(Flag::ErrorValue))
                m_out.append("true", 4);
            else
                m_out.append("false", 5);
        } else if (const Extra *e = leftover(Field::Error)) {
            key(Field::Error);
            m_out.append(m_pool.view(e->value));
        }
        id(Field::BackendTrace, Flag::HasBackendTrace, r.backendTrace);
        if (r.has(Flag::HasData)) {
            key(Field::Data);
            const std::span<const SpanStore::DataEntry> data = m_store.data(i);
            m_out.append('{');
            ++m_level;
            bool first = true;
            for (const SpanStore::DataEntry &entry : data) {
                if (!first)
                    m_out.append(',');
                first = false;
                newline();
                appendQuoted(m_out, m_pool.view(entry.key));
                m_out.append(m_pretty ? QByteArrayView(": ") : QByteArrayView(":"));
                if (entry.raw)
                    m_out.append(m_pool.view(entry.value));
                else
                    appendQuoted(m_out, m_pool.view(entry.value));
            }
            --m_level;
            if (!data.empty())
                newline();
            m_out.append('}');
        } else if (const Extra *e = leftover(Field::Data)) {
            key(Field::Data);
            m_out.append(m_pool.view(e->value));
        }
        for (const Extra &e : extras) {
            if (e.kind != Extra::Kind::Unknown)
                continue;
            member(m_pool.view(e.key));
            m_out.append(m_pool.view(e.value));
        }
        if (!m_first) {
            --m_level;
            newline();
        }
        m_out.append('}');
    }

    void newline()
    {
        if (!m_pretty)
            return;
        m_out.append('\n');
        for (qsizetype indent = 4 * qsizetype(m_level); indent > 0; indent -= qsizetype(sizeof(spaces) - 1))
            m_out.append(spaces, std::min(indent, qsizetype(sizeof(spaces) - 1)));
    }

private:
    void key(Field field)
    {
        const QLatin1StringView name = SpanStore::fieldName(field);
        member(QByteArrayView(name.data(), name.size()));
    }

    void member(QByteArrayView name)
    {
        if (m_first) {
            ++m_level;
            m_first = false;
        } else {
            m_out.append(',');
        }
        newline();
        appendQuoted(m_out, name);
        m_out.append(m_pretty ? QByteArrayView(": ") : QByteArrayView(":"));
    }

    const SpanStore &m_store;
    const StringPool &m_pool;
    Out &m_out;
    bool m_pretty;
    int m_level;
    bool m_first = true;
};

void writeArrayRange(const SpanStore &store, qsizetype first, qsizetype count, SpanJson::Format format, QByteArray &out)
{
    const bool pretty = format == SpanJson::Format::Pretty;
    out.append('[');
    for (qsizetype i = first; i < first + count; ++i) {
        if (i != first)
            out.append(',');
        Writer<QByteArray> writer(store, out, format, 1);
        writer.newline();
        writer.span(i);
    }
    if (pretty && count > 0)
        out.append('\n');
    out.append(']');
}

} // namespace

QString ParseError::toString() const
{
    if (offset < 0)
        return message;
    return Messages::tr("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QString ReadResult::errorText(const QString &source) const
{
    return error.offset >= 0 ? Messages::tr("%1 is no span JSON: %2").arg(source, error.toString()) : error.message;
}

namespace SpanJson {

ReadResult read(QByteArrayView json, SpanStore &store, const ReadProgress &progress)
{
    Reader reader(json, store, progress);
    ReadResult result = reader.run();
    if (progress && result.ok())
        progress(json.size(), json.size());
    return result;
}

ReadResult read(QByteArrayView json, SpanStore &store, std::vector<SpanText> &texts)
{
    const ReadProgress none;
    Reader reader(json, store, none, &texts);
    return reader.run();
}

ReadResult readFile(const QString &path, SpanStore &store, const ReadProgress &progress)
{
    Io::InputFile input(path);
    return readInput(input, store, progress);
}

ReadResult readInput(Io::InputFile &input, SpanStore &store, const ReadProgress &progress)
{
    if (!input.read({MaxFileBytes, MaxStreamBytes, true})) {
        ReadResult result;
        result.error.message = input.errorString();
        return result;
    }
    return read(input.data(), store, progress);
}

void writeSpan(const SpanStore &store, qsizetype i, QByteArray &out, Format format)
{
    Writer<QByteArray> writer(store, out, format, 0);
    writer.span(i);
}

qsizetype compactSize(const SpanStore &store, qsizetype i)
{
    CountingSink sink;
    Writer<CountingSink> writer(store, sink, Format::Compact, 0);
    writer.span(i);
    return sink.size;
}

QByteArray spanJson(const SpanStore &store, qsizetype i, Format format)
{
    QByteArray out;
    writeSpan(store, i, out, format);
    return out;
}

QByteArray writeRange(const SpanStore &store, qsizetype first, qsizetype count, Format format)
{
    QByteArray out;
    // Most spans are a few hundred bytes; growing from there is cheaper than from nothing.
    out.reserve(std::min<qsizetype>(count, 1 << 20) * 320);
    writeArrayRange(store, first, count, format, out);
    return out;
}

QByteArray write(const SpanStore &store, Format format, bool asArray)
{
    if (!asArray && store.size() == 1)
        return spanJson(store, 0, format);
    return writeRange(store, 0, store.size(), format);
}

bool writeFile(const QString &path, const SpanStore &store, Format format, QString *error)
{
    Io::OutputFile file(path);
    if (file.open() && writeArray(file, store, format) && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

bool writeArray(Io::OutputFile &file, const SpanStore &store, Format format)
{
    const bool pretty = format == Format::Pretty;
    QByteArray chunk;
    chunk.reserve(1 << 20);
    chunk.append('[');
    for (qsizetype i = 0; i < store.size(); ++i) {
        if (i != 0)
            chunk.append(',');
        Writer<QByteArray> writer(store, chunk, format, 1);
        writer.newline();
        writer.span(i);
        if (chunk.size() >= (1 << 20)) {
            if (!file.write(chunk))
                return false;
            chunk.clear();
        }
    }
    if (pretty && store.size() > 0)
        chunk.append('\n');
    chunk.append("]\n");
    return file.write(chunk);
}

} // namespace SpanJson

} // namespace Workbench::Traces
