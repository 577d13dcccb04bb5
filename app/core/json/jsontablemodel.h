#pragma once

#include "core/json/jsontreemodel.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace Workbench::Json {

// Compares two texts as a person sorts them: runs of digits by their number ("item 9" before
// "item 10"), the rest case-insensitively; <0, 0 or >0.
int naturalCompare(QStringView a, QStringView b);

// Orders two JSON values for a sorted column: numbers as numbers, before texts compared
// naturally, before booleans, objects and arrays (by their compact text); null and undefined last.
int compareValues(const QJsonValue &a, const QJsonValue &b);

// An array of objects as a table: one row an element, one column a key path (Json::columnsOf),
// each cell the value there as Json::cellText shows it; the header titles are the key paths.
// ValueRole gives a cell's QJsonValue and KeyPathRole its key path within the row ("data.host").
// sort() orders the rows (compareValues, stable; Load More keeps the order, adding its rows in
// their place); rows are copied from the array given, which shares its data.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The row's index in the rows given (before sorting), for every column.
    static constexpr int SourceRowRole = KeyPathRole + 1;

    explicit JsonTableModel(QObject *parent = nullptr);

    // Shows `rows`, with the columns Json::columnsOf(rows, preferredColumns) picks.
    void setRows(const QJsonArray &rows, const QStringList &preferredColumns = {});
    // Adds rows after those there (Load More); the columns stay as they are.
    void appendRows(const QJsonArray &rows);
    void clear();

    const QStringList &columns() const { return m_columns; }
    // The row element shown at `row` (after sorting); undefined when there is none.
    QJsonValue rowValue(int row) const;
    // Its index in the rows given, in the order they came; -1 when there is none.
    qsizetype sourceRow(int row) const;
    QJsonValue cellValue(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void orderRows(); // m_order as the sort column says, without signals
    void sortRows();

    std::vector<QJsonValue> m_rows;
    std::vector<qsizetype> m_order; // shown row -> index in m_rows
    QStringList m_columns;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

// The rows of a JsonTableModel (or any model) whose any cell's value matches a text, as
// Json::matches says (keys and values inside objects too). Sorting is left to the source
// model: sort() here sorts the source.
class JsonRowFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit JsonRowFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    const QString &text() const { return m_text; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace Workbench::Json
