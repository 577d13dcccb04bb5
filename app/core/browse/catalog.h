#pragma once

#include "core/browse/timewindow.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Workbench::Browse {

// The REST Browser's catalog: the views of Instana data a person browses, each one request of
// the REST API (see openapi.yaml) with the parameters it needs. The window's pages and
// `iwb browse VIEW` are made from the same entries, so both ask the same and show the same.

enum class Paging {
    None,
    Pages, // page and pageSize in the query, totalHits in the answer
    Cursors, // retrievalSize with the last item's cursor while canLoadMore
};

struct ViewParameter
{
    enum class Kind {
        Text, // a text sent as it is; empty: not sent
        Number, // a whole number from minimum to maximum
        Flag, // sent as "true" when set, not sent otherwise
        Choice, // one of choices
    };
    QString name; // as iwb takes it (--name) and the page names its field: "query", "plugin"
    QString apiName; // as the API takes it in the query or body: "query", "nameFilter"
    QString title; // the field's label: "Query"
    QString description; // one sentence, for --help and the field's tooltip
    Kind kind = Kind::Text;
    QStringList choices; // Kind::Choice
    QString defaultValue; // shown in the field; sent when the person leaves it as it is
    qint64 minimum = 0; // Kind::Number
    qint64 maximum = 0;
};

struct ViewInfo
{
    QString name; // "snapshots": iwb browse's VIEW and --rest-view's
    QString group; // "Infrastructure", "Applications", ...: the catalog's sections
    QString title; // "Snapshots"
    QString summary; // one sentence
    QByteArray method = "GET";
    // The API path; "{id}" stands for the view's ID (percent-encoded), and "{scope}" for the
    // scopeParameter's value when it is given, in scopedPath.
    QString path;
    QString scopeParameter; // e.g. "application" for services: then scopedPath is asked
    QString scopedPath;
    QString idName; // "SNAPSHOT_ID": the view shows one thing and needs its id; empty otherwise
    bool usesWindow = false; // to + windowSize (query) or timeFrame (body)
    Paging paging = Paging::None;
    QString pageSizeName; // the parameter that sets a page's size: "pageSize", "retrievalSize"
    QList<ViewParameter> parameters;
    // Where the answer's rows are: "items", "nodes", or empty for an answer that is an array.
    // A view whose answer is one object (detail views, version, health) has rowsKey and
    // isList unset.
    QString rowsKey;
    bool isList = true;
    QStringList columns; // key paths of the table's columns, in order (see core/json/jsontable.h)

    const ViewParameter *parameter(QStringView parameterName) const;
};

// Every view, grouped and in the order the catalog shows them.
const QList<ViewInfo> &views();
const ViewInfo *findView(QStringView name);
// "snapshots, snapshot, agents, ...", for usage messages.
QString viewNames();
// The groups in their order: "Infrastructure", "Applications", ...
QStringList viewGroups();

struct ViewArguments
{
    QString id; // for a view with an idName
    QHash<QString, QString> values; // by ViewParameter::name; absent: the default
    TimeWindow window;
    std::optional<qint64> pageSize; // when unset, the view's default
};

struct ViewRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body; // JSON, for POST
    Paging paging = Paging::None;
};

// The request a view makes with these arguments, `to` resolved against nowMs. Nothing, with one
// sentence in *error, when an argument is not what its parameter takes (a missing id, a number
// out of range, an unknown choice, an unknown parameter name).
std::optional<ViewRequest> requestFor(const ViewInfo &view, const ViewArguments &arguments, qint64 nowMs,
                                      QString *error = nullptr);

// The rows of a view's answer: the array under rowsKey (or the answer itself when rowsKey is
// empty). Nothing, with one sentence in *error, when the answer is not of that shape. Not for
// views whose answer is one object (isList false).
std::optional<QJsonArray> rowsOf(const ViewInfo &view, const QJsonDocument &answer, QString *error = nullptr);

} // namespace Workbench::Browse
