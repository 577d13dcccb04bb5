#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QObject>

#include <functional>
#include <memory>

namespace Workbench::Json {

// The outcome of parsing one JSON text.
struct ParsedJson
{
    std::shared_ptr<const QJsonDocument> document; // never null; empty when the text is no JSON
    QJsonParseError error{0, QJsonParseError::NoError};
    qint64 bytes = 0;
    qint64 elapsedMs = 0; // how long parsing took, in its thread

    bool ok() const { return error.error == QJsonParseError::NoError; }
};

// Parses `json` in a thread of the global thread pool and calls `done` in the thread of
// `context` (its event loop) with the result; not at all when `context` is gone by then. The
// bytes are shared, not copied. For answers too large to parse in the GUI thread.
void parseInBackground(QByteArray json, QObject *context, std::function<void(ParsedJson)> done);

// The same, at once in this thread.
ParsedJson parseNow(const QByteArray &json);

} // namespace Workbench::Json
