#include "core/json/jsontablemodel.h"

#include "core/json/jsonsearch.h"
#include "core/json/jsontable.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Json {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// An order of types for a sorted column: numbers, texts, booleans, objects and arrays, nothing.
int typeRank(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return 0;
    case QJsonValue::String:
        return 1;
    case QJsonValue::Bool:
        return 2;
    case QJsonValue::Object:
    case QJsonValue::Array:
        return 3;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return 4;
}

} // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a.at(i)) && isDigit(b.at(j))) {
            // Compare the runs of digits as numbers of any length: without leading zeros, the
            // longer is larger, and of equal length the first different digit decides.
            qsizetype ai = i;
            qsizetype bj = j;
            while (ai < a.size() && a.at(ai) == u'0')
                ++ai;
            while (bj < b.size() && b.at(bj) == u'0')
                ++bj;
            qsizetype aEnd = ai;
            qsizetype bEnd = bj;
            while (aEnd < a.size() && isDigit(a.at(aEnd)))
                ++aEnd;
            while (bEnd < b.size() && isDigit(b.at(bEnd)))
                ++bEnd;
            if (aEnd - ai != bEnd - bj)
                return aEnd - ai < bEnd - bj ? -1 : 1;
            for (; ai < aEnd; ++ai, ++bj) {
                if (a.at(ai) != b.at(bj))
                    return a.at(ai) < b.at(bj) ? -1 : 1;
            }
            i = aEnd;
            j = bEnd;
            continue;
        }
        const QChar ca = a.at(i).toCaseFolded();
        const QChar cb = b.at(j).toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    // Equal but for case or leading zeros: a fixed order all the same.
    return a.compare(b);
}

int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const int rankA = typeRank(a);
    const int rankB = typeRank(b);
    if (rankA != rankB)
        return rankA < rankB ? -1 : 1;
    switch (rankA) {
    case 0: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    case 1:
        return naturalCompare(a.toString(), b.toString());
    case 2:
        return int(a.toBool()) - int(b.toBool());
    case 3:
        return naturalCompare(cellText(a, 0), cellText(b, 0));
    default:
        return 0;
    }
}

JsonTableModel::JsonTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void JsonTableModel::setRows(const QJsonArray &rows, const QStringList &preferredColumns)
{
    beginResetModel();
    m_columns = columnsOf(rows, preferredColumns);
    m_rows.clear();
    m_order.clear();
    const qsizetype count = std::min<qsizetype>(rows.size(), std::numeric_limits<int>::max() / 2);
    m_rows.reserve(size_t(count));
    m_order.reserve(size_t(count));
    for (qsizetype i = 0; i < count; ++i) {
        m_rows.push_back(rows.at(i));
        m_order.push_back(i);
    }
    if (m_sortColumn >= m_columns.size())
        m_sortColumn = -1;
    orderRows();
    endResetModel();
}

void JsonTableModel::appendRows(const QJsonArray &rows)
{
    const auto first = qsizetype(m_rows.size());
    const qsizetype count = std::min<qsizetype>(rows.size(), std::numeric_limits<int>::max() / 2 - first);
    if (count <= 0)
        return;
    if (m_columns.isEmpty()) {
        setRows(rows);
        return;
    }
    beginInsertRows({}, int(first), int(first + count - 1));
    for (qsizetype i = 0; i < count; ++i) {
        m_rows.push_back(rows.at(i));
        m_order.push_back(first + i);
    }
    endInsertRows();
    if (m_sortColumn >= 0)
        sortRows();
}

void JsonTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_order.clear();
    m_columns.clear();
    m_sortColumn = -1;
    endResetModel();
}

QJsonValue JsonTableModel::rowValue(int row) const
{
    if (row < 0 || size_t(row) >= m_order.size())
        return QJsonValue(QJsonValue::Undefined);
    return m_rows[size_t(m_order[size_t(row)])];
}

qsizetype JsonTableModel::sourceRow(int row) const
{
    if (row < 0 || size_t(row) >= m_order.size())
        return -1;
    return m_order[size_t(row)];
}

QJsonValue JsonTableModel::cellValue(int row, int column) const
{
    if (column < 0 || column >= m_columns.size())
        return QJsonValue(QJsonValue::Undefined);
    return valueAt(rowValue(row), m_columns.at(column));
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return cellText(cellValue(index.row(), index.column()));
    case Qt::ToolTipRole:
        return cellText(cellValue(index.row(), index.column()), 2000);
    case Qt::TextAlignmentRole:
        if (cellValue(index.row(), index.column()).isDouble())
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ValueRole:
        return QVariant::fromValue(cellValue(index.row(), index.column()));
    case KeyPathRole:
        return m_columns.at(index.column());
    case SourceRowRole:
        return sourceRow(index.row());
    default:
        return {};
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_columns.size() ? QVariant(m_columns.at(section)) : QVariant();
    return section + 1;
}

void JsonTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column >= 0 && column < m_columns.size() ? column : -1;
    m_sortOrder = order;
    sortRows();
}

void JsonTableModel::orderRows()
{
    std::sort(m_order.begin(), m_order.end());
    if (m_sortColumn < 0)
        return;
    // Each row's sort value once, not at every comparison.
    const QString &path = m_columns.at(m_sortColumn);
    std::vector<QJsonValue> keys;
    keys.reserve(m_rows.size());
    for (const QJsonValue &row : m_rows)
        keys.push_back(valueAt(row, path));
    std::stable_sort(m_order.begin(), m_order.end(), [&](qsizetype x, qsizetype y) {
        const int c = compareValues(keys[size_t(x)], keys[size_t(y)]);
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    });
}

void JsonTableModel::sortRows()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<qsizetype> sourceOfPersistent;
    sourceOfPersistent.reserve(size_t(before.size()));
    for (const QModelIndex &index : before)
        sourceOfPersistent.push_back(m_order[size_t(index.row())]);

    orderRows();

    std::vector<int> rowOfSource(m_order.size());
    for (size_t row = 0; row < m_order.size(); ++row)
        rowOfSource[size_t(m_order[row])] = int(row);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOfSource[size_t(sourceOfPersistent[size_t(i)])], before.at(i).column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

JsonRowFilter::JsonRowFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void JsonRowFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void JsonRowFilter::sort(int column, Qt::SortOrder order)
{
    if (sourceModel())
        sourceModel()->sort(column, order);
}

bool JsonRowFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    const int columns = model->columnCount(sourceParent);
    for (int column = 0; column < columns; ++column) {
        const QVariant value = model->index(sourceRow, column, sourceParent).data(ValueRole);
        if (matches(value.value<QJsonValue>(), m_text))
            return true;
    }
    return false;
}

} // namespace Workbench::Json
