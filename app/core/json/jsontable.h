#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Workbench::Json {

// Key paths name a value inside a JSON value: object members joined by '.', array elements as
// [n]: "snapshotId", "data.host", "trace.service.label", "tags[0]". A member whose name holds '.'
// or '[' cannot be named; such names are rare in Instana's answers.

// The value at a key path; undefined when there is none.
QJsonValue valueAt(const QJsonValue &root, QStringView keyPath);

// A value as one table cell: a string as it is, a number as JSON writes it, true/false, an empty
// text for null and undefined, an object or array as compact JSON. Cut to maxLength characters
// with "…", and on one line (line breaks, tabs and every other control character become spaces).
QString cellText(const QJsonValue &value, qsizetype maxLength = 200);

// The columns of a table of objects: the preferred key paths first (those that any of the
// sampled rows has, in the order given), then the other members of the sampled rows in the
// order they were first seen, up to maxColumns in all. A row that is no object adds nothing.
QStringList columnsOf(const QJsonArray &rows, const QStringList &preferred = {}, qsizetype maxColumns = 40,
                      qsizetype sampledRows = 1000);

// Whether an array is worth a table: it has at least one object and nothing but objects and nulls.
bool isTableOfObjects(const QJsonArray &rows);

} // namespace Workbench::Json
