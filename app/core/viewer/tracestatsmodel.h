#pragma once

#include "core/viewer/traceanalysis.h"

#include <QAbstractTableModel>

#include <vector>

namespace Workbench {

// Groups of spans (per service or per span name) as a table: spans, errors, self time, its
// share of all self time, total and longest duration. Qt::UserRole gives numbers for sorting.
class TraceStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        SpansColumn,
        ErrorsColumn,
        SelfColumn,
        SharePercentColumn,
        TotalColumn,
        MaxColumn,
        ColumnCount,
    };

    explicit TraceStatsModel(QObject *parent = nullptr);

    void setGroups(std::vector<Viewer::TraceAnalysis::Group> groups, Viewer::TraceAnalysis::GroupBy by);
    const std::vector<Viewer::TraceAnalysis::Group> &groups() const { return m_groups; }
    Viewer::TraceAnalysis::GroupBy groupBy() const { return m_by; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Viewer::TraceAnalysis::Group> m_groups;
    Viewer::TraceAnalysis::GroupBy m_by = Viewer::TraceAnalysis::GroupBy::Service;
    qint64 m_selfTotal = 0;
};

} // namespace Workbench
