#pragma once

#include "core/browse/requesthistory.h"

#include <QAbstractTableModel>

namespace Workbench::Browse {

// A profile's request history as a table, newest first: time, status, method, path with its
// query, duration. RecordRole gives the whole RequestRecord.
class RequestHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, StatusColumn, MethodColumn, PathColumn, DurationColumn, ColumnCount };
    enum Role { RecordRole = Qt::UserRole };

    explicit RequestHistoryModel(QObject *parent = nullptr);

    // Oldest first, as RequestHistory::load() gives them; shown newest first.
    void setRecords(QList<RequestRecord> records);
    const RequestRecord &recordAt(int row) const { return m_records.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RequestRecord> m_records; // newest first
};

} // namespace Workbench::Browse

Q_DECLARE_METATYPE(Workbench::Browse::RequestRecord)
