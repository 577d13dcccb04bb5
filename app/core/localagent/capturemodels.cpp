#include "core/localagent/capturemodels.h"

#include <QDateTime>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace Workbench {

CaptureSectionModel::CaptureSectionModel(CaptureStore &store, CaptureStore::Section section, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_section(section)
{
    connect(&store, &CaptureStore::rowsAboutToBeInserted, this,
            [this](CaptureStore::Section s, qsizetype first, qsizetype last) {
                if (s == m_section)
                    beginInsertRows({}, int(first), int(last));
            });
    connect(&store, &CaptureStore::rowsInserted, this, [this](CaptureStore::Section s) {
        if (s == m_section)
            endInsertRows();
    });
    connect(&store, &CaptureStore::rowsAboutToBeRemoved, this,
            [this](CaptureStore::Section s, qsizetype first, qsizetype last) {
                if (s == m_section)
                    beginRemoveRows({}, int(first), int(last));
            });
    connect(&store, &CaptureStore::rowsRemoved, this, [this](CaptureStore::Section s) {
        if (s == m_section)
            endRemoveRows();
    });
    connect(&store, &CaptureStore::aboutToBeCleared, this, [this] { beginResetModel(); });
    connect(&store, &CaptureStore::cleared, this, [this] { endResetModel(); });
    if (section == CaptureStore::Section::Traces) {
        connect(&store, &CaptureStore::traceChanged, this,
                [this](qsizetype row) { Q_EMIT dataChanged(index(int(row), 0), index(int(row), columnCount() - 1)); });
    }
}

int CaptureSectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows());
}

int CaptureSectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers().size());
}

QVariant CaptureSectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return headers().value(section);
    return {};
}

QString CaptureSectionModel::timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss.zzz"_s);
}

QString CaptureSectionModel::findingsText(const Findings &findings)
{
    QStringList lines;
    for (const Finding &finding : findings)
        lines << Finding::severityName(finding.severity) + u": "_s + finding.message;
    return lines.join(u'\n');
}

// Events

CapturedEventsModel::CapturedEventsModel(CaptureStore &store, QObject *parent)
    : CaptureSectionModel(store, CaptureStore::Section::Events, parent)
{
}

QStringList CapturedEventsModel::headers() const
{
    return {tr("Received"), tr("Title"), tr("Severity"), tr("Timestamp"), tr("Duration"), tr("Source"), tr("Findings")};
}

QVariant CapturedEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CapturedItem &event = store().events()[size_t(index.row())];
    if (role == RequestIdRole)
        return QVariant::fromValue(event.requestId);
    if (role == FindingsRole)
        return findingsText(event.findings);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortRole)
        return {};
    const std::optional<qint64> severity = event.summary.severity;
    const std::optional<qint64> timestamp = event.summary.timestamp;
    const std::optional<qint64> duration = event.summary.duration;
    switch (index.column()) {
    case 0:
        return role == SortRole ? QVariant(event.receivedAtMs) : QVariant(timeText(event.receivedAtMs));
    case 1:
        return event.title();
    case 2:
        if (!severity || *severity == -1)
            return tr("change");
        if (*severity == 5)
            return tr("warning");
        if (*severity == 10)
            return tr("critical");
        return QVariant(qlonglong(*severity));
    case 3:
        if (!timestamp)
            return tr("(now)");
        return role == SortRole ? QVariant(qlonglong(*timestamp))
                                : QVariant(QDateTime::fromMSecsSinceEpoch(*timestamp).toString(Qt::ISODateWithMs));
    case 4:
        return !duration ? QVariant(tr("instant")) : QVariant(tr("%1 ms").arg(*duration));
    case 5:
        return event.source;
    case 6:
        return role == Qt::ToolTipRole ? QVariant(findingsText(event.findings)) : QVariant(event.findings.size());
    }
    return {};
}

// Traces

CapturedTracesModel::CapturedTracesModel(CaptureStore &store, QObject *parent)
    : CaptureSectionModel(store, CaptureStore::Section::Traces, parent)
{
}

QStringList CapturedTracesModel::headers() const
{
    return {tr("Trace ID"), tr("Root"), tr("Spans"), tr("Errors"), tr("Findings"), tr("First seen"), tr("Last seen")};
}

QVariant CapturedTracesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptureStore::TraceSummary &trace = store().traces()[size_t(index.row())];
    if (role == TraceIdRole)
        return trace.traceId;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case 0:
        return trace.traceId;
    case 1:
        return trace.rootName.isEmpty() ? tr("(no root yet)") : trace.rootName;
    case 2:
        return qlonglong(trace.spans);
    case 3:
        return qlonglong(trace.errors);
    case 4:
        return qlonglong(trace.findings);
    case 5:
        return role == SortRole ? QVariant(trace.firstSeenMs) : QVariant(timeText(trace.firstSeenMs));
    case 6:
        return role == SortRole ? QVariant(trace.lastSeenMs) : QVariant(timeText(trace.lastSeenMs));
    }
    return {};
}

// Rejections

RejectedRequestsModel::RejectedRequestsModel(CaptureStore &store, QObject *parent)
    : CaptureSectionModel(store, CaptureStore::Section::Rejections, parent)
{
}

QStringList RejectedRequestsModel::headers() const
{
    return {tr("Received"), tr("Status"), tr("Rule"), tr("Reason"), tr("Endpoint"), tr("Source")};
}

QVariant RejectedRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptureStore::RejectedRequest &rejected = store().rejections()[size_t(index.row())];
    if (role == RequestIdRole)
        return QVariant::fromValue(rejected.request.id);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortRole)
        return {};
    switch (index.column()) {
    case 0:
        return role == SortRole ? QVariant(rejected.request.receivedAtMs)
                                : QVariant(timeText(rejected.request.receivedAtMs));
    case 1:
        return rejected.rejection.status;
    case 2:
        return rejected.rejection.rule;
    case 3:
        return rejected.rejection.reason;
    case 4:
        return QString::fromLatin1(rejected.request.method + ' ' + rejected.request.path);
    case 5:
        return rejected.request.source;
    }
    return {};
}

// Spans of one trace

TraceSpansModel::TraceSpansModel(const CaptureStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

void TraceSpansModel::setTrace(const QString &traceId)
{
    beginResetModel();
    m_traceId = traceId;
    m_spans = traceId.isEmpty() ? QList<CapturedItem>() : m_store.spansOfTrace(traceId);
    endResetModel();
}

int TraceSpansModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_spans.size());
}

int TraceSpansModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 7;
}

QVariant TraceSpansModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QStringList headers{tr("Name"),     tr("Type"),  tr("Span ID"), tr("Parent ID"),
                              tr("Duration"), tr("Error"), tr("Findings")};
    return headers.value(section);
}

QVariant TraceSpansModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CapturedItem &span = m_spans.at(index.row());
    if (role == CaptureSectionModel::RequestIdRole)
        return QVariant::fromValue(span.requestId);
    if (role == CaptureSectionModel::FindingsRole)
        return CaptureSectionModel::findingsText(span.findings);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0:
        return span.name();
    case 1:
        return span.summary.type.isNull() ? u"ENTRY"_s : span.summary.type;
    case 2:
        return span.spanId();
    case 3:
        return span.parentId();
    case 4:
        return tr("%1 ms").arg(span.summary.duration.value_or(0));
    case 5:
        return span.summary.error ? tr("yes") : QString();
    case 6:
        return qlonglong(span.findings.size());
    }
    return {};
}

} // namespace Workbench
