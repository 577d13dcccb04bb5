#include "core/browse/resultexport.h"

#include "core/io/outputfile.h"
#include "core/json/jsontable.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::ResultExport)
};

// The whole text of a cell: never cut, a string's line breaks kept.
QString fullText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return Json::cellText(value, std::numeric_limits<qsizetype>::max());
}

void appendField(QByteArray &out, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    const bool quoted = bytes.contains(',') || bytes.contains('"') || bytes.contains('\r') || bytes.contains('\n');
    if (!quoted) {
        out += bytes;
        return;
    }
    out += '"';
    for (const char c : bytes) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

QByteArray csvOf(const QJsonArray &rows, QStringList columns)
{
    if (columns.isEmpty())
        columns = Json::columnsOf(rows, {}, std::numeric_limits<qsizetype>::max(), rows.size());
    if (columns.isEmpty())
        columns.append(u"value"_s);
    QByteArray out;
    for (qsizetype c = 0; c < columns.size(); ++c) {
        if (c > 0)
            out += ',';
        appendField(out, columns.at(c));
    }
    out += "\r\n";
    for (const auto &row : rows) {
        for (qsizetype c = 0; c < columns.size(); ++c) {
            if (c > 0)
                out += ',';
            if (row.isObject())
                appendField(out, fullText(Json::valueAt(row, columns.at(c))));
            else if (c == 0)
                appendField(out, fullText(row));
        }
        out += "\r\n";
    }
    return out;
}

QByteArray jsonOf(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    // A bare value: JSON writes it as the one element of an array.
    QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2) + '\n';
}

bool exportResult(const QString &file, const QJsonValue &value, ExportFormat format, QString *error)
{
    if (format == ExportFormat::Csv && !value.isArray()) {
        if (error)
            *error = Messages::tr("only a list of rows can be written as CSV; this answer is no array");
        return false;
    }
    const QByteArray bytes = format == ExportFormat::Csv ? csvOf(value.toArray()) : jsonOf(value);
    return Io::OutputFile::writeWhole(file, bytes, error, Io::Dash::StandardStream);
}

} // namespace Workbench::Browse
