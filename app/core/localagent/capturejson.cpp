#include "core/localagent/capturejson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Workbench {

QJsonObject CapturedItem::fields() const
{
    return QJsonDocument::fromJson(json).object();
}

void CapturedItem::setJson(QByteArray text)
{
    json = std::move(text);
    summary = summaryOf(fields());
}

CapturedItem::Summary CapturedItem::summaryOf(const QJsonObject &fields)
{
    auto integer = [&fields](QLatin1StringView key) -> std::optional<qint64> {
        const QJsonValue value = fields.value(key);
        if (!value.isDouble())
            return std::nullopt;
        return value.toInteger();
    };
    Summary summary;
    summary.spanId = fields.value("spanId"_L1).toString();
    summary.traceId = fields.value("traceId"_L1).toString();
    summary.parentId = fields.value("parentId"_L1).toString();
    summary.name = fields.value("name"_L1).toString();
    if (const QJsonValue type = fields.value("type"_L1); type.isString())
        summary.type = type.toString();
    summary.error = fields.value("error"_L1).toBool();
    summary.title = fields.value("title"_L1).toString();
    summary.severity = integer("severity"_L1);
    summary.timestamp = integer("timestamp"_L1);
    summary.duration = integer("duration"_L1);
    return summary;
}

namespace CaptureJson {

namespace {
QByteArray quoted(const QString &text)
{
    // A JSON string literal: QJsonDocument escapes it; the array brackets are cut off.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray common(const char *kind, const RequestRecord &request)
{
    return "{\"kind\":\"" + QByteArray(kind) + "\",\"request\":" + QByteArray::number(request.id) + ",\"receivedAt\":"
        + quoted(QDateTime::fromMSecsSinceEpoch(request.receivedAtMs, Qt::UTC).toString(Qt::ISODateWithMs))
        + ",\"source\":" + quoted(request.source);
}

QByteArray findingsJson(const Findings &findings)
{
    QJsonArray array;
    for (const Finding &finding : findings)
        array.append(finding.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}
} // namespace

QByteArrayList lines(const CaptureBatch &batch)
{
    QByteArrayList out;
    const RequestRecord &request = batch.request;
    if (batch.rejection) {
        out.append(common("rejected", request) + ",\"endpoint\":" + quoted(QString::fromLatin1(request.path))
                   + ",\"status\":" + QByteArray::number(batch.rejection->status) + ",\"rule\":"
                   + quoted(batch.rejection->rule) + ",\"reason\":" + quoted(batch.rejection->reason) + '}');
        return out;
    }
    for (const Finding &finding : request.findings) {
        out.append(common("lenient", request) + ",\"endpoint\":" + quoted(QString::fromLatin1(request.path))
                   + ",\"rule\":" + quoted(finding.rule) + ",\"reason\":" + quoted(finding.message) + '}');
    }
    out.reserve(out.size() + batch.items.size());
    for (const CapturedItem &item : batch.items) {
        const bool isSpan = item.kind == CapturedItem::Kind::Span;
        QByteArray line = common(isSpan ? "span" : "event", request);
        line += ",\"index\":" + QByteArray::number(item.index);
        if (isSpan)
            line += ",\"traceId\":" + quoted(item.traceId()) + ",\"span\":";
        else
            line += ",\"event\":";
        line += item.json;
        line += ",\"findings\":" + findingsJson(item.findings) + '}';
        out.append(std::move(line));
    }
    return out;
}

} // namespace CaptureJson

} // namespace Workbench
