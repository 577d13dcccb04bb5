#include "core/browse/requesthistorymodel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

RequestHistoryModel::RequestHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RequestHistoryModel::setRecords(QList<RequestRecord> records)
{
    beginResetModel();
    std::reverse(records.begin(), records.end());
    m_records = std::move(records);
    endResetModel();
}

int RequestHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RequestHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestRecord &record = m_records.at(index.row());
    if (role == RecordRole)
        return QVariant::fromValue(record);
    if (role == Qt::TextAlignmentRole && (index.column() == StatusColumn || index.column() == DurationColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(record.time).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case StatusColumn:
        return record.status > 0 ? QString::number(record.status) : u"-"_s;
    case MethodColumn:
        return QString::fromLatin1(record.method);
    case PathColumn:
        return record.query.isEmpty() ? record.path : record.path + u'?' + record.query.query(QUrl::PrettyDecoded);
    case DurationColumn:
        return tr("%1 ms").arg(QLocale().toString(record.durationMs));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case StatusColumn:
        return tr("Status");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case DurationColumn:
        return tr("Duration");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Workbench::Browse
