#pragma once

#include "core/traces/spanstore.h"
#include "core/validation/finding.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

namespace Workbench::Io {
class InputFile;
class OutputFile;
} // namespace Workbench::Io

namespace Workbench::Traces {

// Where and why a text is no JSON the reader can take.
struct ParseError
{
    qsizetype offset = -1; // byte offset
    qsizetype line = 0; // 1-based
    qsizetype column = 0; // 1-based, in bytes
    QString message;

    bool isError() const { return !message.isEmpty(); }
    // "line 3, column 17: expected ',' or '}' after a member"
    QString toString() const;
};

struct ReadResult
{
    ParseError error;
    bool isArray = false;
    qsizetype elements = 0; // elements read, spans or not
    Findings skipped; // elements that are no span object (errors naming their position)

    bool cancelled = false;

    bool ok() const { return !error.isError(); }
    // For a message: "trace.json is no span JSON: line 3, column 17: …" when the text is at
    // fault, or the reason a file could not be read.
    QString errorText(const QString &source) const;
};

// The agent's span format as JSON: one span object or an array of them, read into a
// SpanStore in one strict pass (a syntax error stops it with its position) and written back
// compact or pretty. Known fields come first in the documented order, `data` keeps its keys
// in their order, and unknown fields follow, as written.
namespace SpanJson {

enum class Format {
    Compact, // one line
    Pretty, // a member a line, indented by four spaces
};

// Nesting deeper than this in a value is refused, so hostile input cannot exhaust the stack.
constexpr int MaxDepth = 512;

// Told now and then (every thousand spans or so) how many bytes of how many are read; reading
// stops with an error ("cancelled") when it returns false.
using ReadProgress = std::function<bool(qsizetype done, qsizetype total)>;

// Appends what `json` holds to `store`. On a syntax error the spans before it stay in the
// store and the result says where reading stopped.
ReadResult read(QByteArrayView json, SpanStore &store, const ReadProgress &progress = {});

// Where one span read from a text lies in it, and which element of the array it was (0 for a
// lone object): what lets a caller keep each span's text as sent.
struct SpanText
{
    qsizetype begin = 0;
    qsizetype end = 0; // one past the closing brace
    int element = 0;
    bool compact = false; // no white space between its tokens
};
// The same, also telling where each span appended to `store` lies in `json`.
ReadResult read(QByteArrayView json, SpanStore &store, std::vector<SpanText> &texts);
// The ceilings of span JSON read whole: a regular file is mapped rather than copied, up to
// MaxFileBytes; a pipe, FIFO, device or standard input is read into memory, up to
// MaxStreamBytes.
constexpr qint64 MaxFileBytes = qint64(16) << 30;
constexpr qint64 MaxStreamBytes = qint64(1) << 30;
// The same for a file (its name as Io::decodeFileName gives it); a file that cannot be read,
// or is over its ceiling, gives an error without a position.
ReadResult readFile(const QString &path, SpanStore &store, const ReadProgress &progress = {});
// The same for a file or standard input not read yet.
ReadResult readInput(Io::InputFile &input, SpanStore &store, const ReadProgress &progress = {});

// One span, appended to `out`.
void writeSpan(const SpanStore &store, qsizetype i, QByteArray &out, Format format = Format::Compact);
QByteArray spanJson(const SpanStore &store, qsizetype i, Format format = Format::Compact);
// The size of the span's compact JSON, measured without writing it.
qsizetype compactSize(const SpanStore &store, qsizetype i);
// Spans [first, first + count) as one array (or the only span as an object when asArray is
// false and count is 1).
QByteArray write(const SpanStore &store, Format format = Format::Compact, bool asArray = true);
QByteArray writeRange(const SpanStore &store, qsizetype first, qsizetype count, Format format = Format::Compact);
// All spans as one array, written in pieces through an Io::OutputFile: a regular file is
// replaced only once whole (a crash or a full disk leaves the old one), a device or FIFO is
// written in place. False with a sentence in `error` on any failure.
bool writeFile(const QString &path, const SpanStore &store, Format format, QString *error);
// The same to a file opened by the caller (standard output, say); does not commit it.
bool writeArray(Io::OutputFile &file, const SpanStore &store, Format format);

} // namespace SpanJson

} // namespace Workbench::Traces
