#include "core/viewer/tracestatsmodel.h"

#include "core/viewer/timeaxis.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Workbench {

using Viewer::TraceAnalysis::Group;
using Viewer::TraceAnalysis::GroupBy;

TraceStatsModel::TraceStatsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TraceStatsModel::setGroups(std::vector<Group> groups, GroupBy by)
{
    beginResetModel();
    m_groups = std::move(groups);
    const bool headerChanged = by != m_by;
    m_by = by;
    m_selfTotal = 0;
    for (const Group &group : m_groups)
        m_selfTotal += group.selfMs;
    endResetModel();
    if (headerChanged)
        Q_EMIT headerDataChanged(Qt::Horizontal, KeyColumn, KeyColumn);
}

int TraceStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int TraceStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Group &group = m_groups[size_t(index.row())];
    const double share = m_selfTotal > 0 ? 100.0 * double(group.selfMs) / double(m_selfTotal) : 0.0;
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case KeyColumn:
            return group.key;
        case SpansColumn:
            return qlonglong(group.spans);
        case ErrorsColumn:
            return qlonglong(group.errors);
        case SelfColumn:
            return qlonglong(group.selfMs);
        case SharePercentColumn:
            return share;
        case TotalColumn:
            return qlonglong(group.totalMs);
        case MaxColumn:
            return qlonglong(group.maxMs);
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case KeyColumn:
            return group.key;
        case SpansColumn:
            return locale.toString(qlonglong(group.spans));
        case ErrorsColumn:
            return locale.toString(qlonglong(group.errors));
        case SelfColumn:
            return Viewer::TimeAxis::duration(group.selfMs);
        case SharePercentColumn:
            return QString(locale.toString(share, 'f', 1) + u" %"_s);
        case TotalColumn:
            return Viewer::TimeAxis::duration(group.totalMs);
        case MaxColumn:
            return Viewer::TimeAxis::duration(group.maxMs);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != KeyColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == KeyColumn)
        return group.key;
    return {};
}

QVariant TraceStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return m_by == GroupBy::Service ? tr("Service") : tr("Span name");
    case SpansColumn:
        return tr("Spans");
    case ErrorsColumn:
        return tr("Errors");
    case SelfColumn:
        return tr("Self time");
    case SharePercentColumn:
        return tr("Share");
    case TotalColumn:
        return tr("Total");
    case MaxColumn:
        return tr("Longest");
    default:
        return {};
    }
}

} // namespace Workbench
