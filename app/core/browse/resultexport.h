#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Workbench::Browse {

// A result exported: rows of a listing as CSV, any answer as JSON.

enum class ExportFormat {
    Csv,
    Json,
};

// RFC 4180: a header line of the columns (key paths), then a line a row, lines ending in CRLF;
// a field holding a comma, a quote, CR or LF in double quotes, its quotes doubled. A cell is its
// whole text, never cut: a string as it is (line breaks kept), a number as JSON writes it,
// true/false, empty for null and missing, an object or array as compact JSON. The columns are
// `columns`, or Json::columnsOf(rows) (every member of the sampled rows) when empty. A row that
// is no object has its value in the first column.
QByteArray csvOf(const QJsonArray &rows, QStringList columns = {});
// Indented JSON of the value, a line break at the end.
QByteArray jsonOf(const QJsonValue &value);

// The rows (CSV) or the value (JSON) written whole to `file` ("-": standard output) through
// Io::OutputFile, atomically; false with a sentence in *error. CSV needs an array.
bool exportResult(const QString &file, const QJsonValue &value, ExportFormat format, QString *error = nullptr);

} // namespace Workbench::Browse
