#include "json/jsontext.h"

namespace Workbench::JsonText {

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

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
} // namespace

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
    QByteArray out;
    out.reserve(json.size());
    qsizetype at = 0;
    while (at < json.size()) {
        const char c = json[at];
        if (c == '"') {
            const qsizetype end = skipString(json, at);
            out.append(json.data() + at, end - at);
            at = end;
        } else {
            if (!isSpace(c))
                out.append(c);
            ++at;
        }
    }
    return out;
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

} // namespace Workbench::JsonText
