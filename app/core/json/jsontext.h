#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

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

// 1-based line and column of a byte offset, for error messages.
std::pair<qsizetype, qsizetype> lineAndColumn(QByteArrayView text, qsizetype offset);

} // namespace Workbench::JsonText
