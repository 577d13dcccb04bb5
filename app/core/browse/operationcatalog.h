#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Workbench::Browse {

// The operations of Instana's REST API as its specification (openapi.yaml) describes them,
// written by packaging/openapi-operations.py into resources/api/operations.json and compiled
// into the core as the resource :/api/operations.json, so that the window and iwb offer every
// path of the API with its summary, parameters and body example.

struct OperationParameter
{
    enum class Location {
        Path, // "{name}" or "<name>" in the path
        Query,
    };
    QString name;
    Location location = Location::Query;
    bool required = false;
    QString type; // "string", "integer", "boolean", "array of string"...; may be empty
    QStringList choices; // the schema's enum, as text; empty when any value goes
    QString description; // on one line
    QString example; // the spec's example as text; may be empty
};

struct Operation
{
    QByteArray method; // "GET", "POST", ...
    QString path; // as the spec writes it: "/api/infrastructure-monitoring/snapshots/{id}"
    QString summary;
    QString tag; // the first tag: "Infrastructure Resources"
    QString operationId;
    QList<OperationParameter> parameters; // path parameters first where the spec says so
    QString bodyExample; // JSON text (indented) for POST and PUT, when the spec has an example

    QList<OperationParameter> parametersIn(OperationParameter::Location location) const;
    bool hasBody() const { return method == "POST" || method == "PUT" || method == "PATCH"; }
};

class OperationCatalog
{
public:
    OperationCatalog() = default;

    // The compiled-in catalog, read once on first use (thread-safe). When the resource cannot be
    // read, it is empty and errorString() says why.
    static const OperationCatalog &builtIn();
    // A catalog from text as the generator writes it; empty with `error` set when the text is no
    // such document. An operation without method or path is skipped.
    static OperationCatalog fromJson(QByteArrayView json, QString *error = nullptr);

    const QList<Operation> &operations() const { return m_operations; }
    QString errorString() const { return m_error; }

    // The operations whose path, summary, tag or operationId hold every word of `text`
    // (case-insensitive), in the spec's order (by path, then method); those whose path starts
    // with `text` first. An empty text matches every operation. At most `limit` (< 0: all).
    QList<const Operation *> search(QStringView text, qsizetype limit = -1) const;
    // The operation of `method` whose path template is `path`, or whose template a concrete path
    // ("/api/infrastructure-monitoring/snapshots/abc") fills; nullptr when none.
    const Operation *find(QByteArrayView method, QStringView path) const;

private:
    QList<Operation> m_operations;
    QString m_error;
};

// The path of `operation` with each "{name}" and "<name>" replaced by values[name],
// percent-encoded (everything but unreserved characters: a "/" or ";" in a value is encoded),
// while the template's own characters stay as written, so "applications;id=<appId>/services"
// keeps its ";" and "=". A parameter with no value (or an empty one) is left as its placeholder
// and named in *missing.
QString fillPath(const Operation &operation, const QHash<QString, QString> &values, QStringList *missing = nullptr);
// The same for a bare path template.
QString fillPath(QStringView pathTemplate, const QHash<QString, QString> &values, QStringList *missing = nullptr);
// Whether `path` is `pathTemplate` with its placeholders filled (each by a non-empty segment
// text without "/"); the values into *values (percent-decoded) when given.
bool matchPath(QStringView pathTemplate, QStringView path, QHash<QString, QString> *values = nullptr);

} // namespace Workbench::Browse
