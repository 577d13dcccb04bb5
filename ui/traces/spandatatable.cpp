#include "ui/traces/spandatatable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr int RawRole = Qt::UserRole;
constexpr int OriginalRole = Qt::UserRole + 1;
} // namespace

SpanDataTable::SpanDataTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(u"span-data"_s);
    m_table->setObjectName(u"span-data-table"_s);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 130);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setToolTip(tr("The span's data: free key/value strings, written in this order. Well-known keys: "
                           "service, endpoint, call.name, http.url, http.method, http.status_code."));
    m_add->setObjectName(u"span-data-add"_s);
    m_add->setToolTip(tr("Add a key/value row."));
    m_remove->setObjectName(u"span-data-remove"_s);
    m_remove->setToolTip(tr("Remove the selected rows."));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &SpanDataTable::addRow);
    connect(m_remove, &QPushButton::clicked, this, &SpanDataTable::removeSelectedRows);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT edited();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SpanDataTable::updateButtons);
    updateButtons();
}

void SpanDataTable::setItems(const QList<Traces::DataItem> &items)
{
    if (items == this->items())
        return;
    m_filling = true;
    m_table->setRowCount(int(items.size()));
    for (int row = 0; row < int(items.size()); ++row) {
        const Traces::DataItem &item = items.at(row);
        auto *key = new QTableWidgetItem(item.key);
        auto *value = new QTableWidgetItem(item.value);
        value->setData(RawRole, item.raw);
        value->setData(OriginalRole, item.value);
        if (item.raw)
            value->setToolTip(tr("Not a JSON string: written back as %1 unless edited.").arg(item.value));
        m_table->setItem(row, 0, key);
        m_table->setItem(row, 1, value);
    }
    m_filling = false;
    updateButtons();
}

QList<Traces::DataItem> SpanDataTable::items() const
{
    QList<Traces::DataItem> out;
    out.reserve(m_table->rowCount());
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        Traces::DataItem item;
        item.key = key ? key->text() : QString();
        item.value = value ? value->text() : QString();
        // A raw value stays raw only as long as it is what was read.
        item.raw = value && value->data(RawRole).toBool() && value->data(OriginalRole).toString() == item.value;
        out.append(item);
    }
    return out;
}

void SpanDataTable::addRow()
{
    std::set<QString> keys;
    for (const Traces::DataItem &item : items())
        keys.insert(item.key);
    QString key = u"key"_s;
    for (int n = 2; keys.count(key); ++n)
        key = u"key"_s + QString::number(n);
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(QString()));
    m_filling = false;
    Q_EMIT edited();
    m_table->setCurrentCell(row, 0);
    m_table->editItem(m_table->item(row, 0));
    updateButtons();
}

void SpanDataTable::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    m_filling = true;
    for (const int row : rows)
        m_table->removeRow(row);
    m_filling = false;
    Q_EMIT edited();
    updateButtons();
}

void SpanDataTable::updateButtons()
{
    m_remove->setEnabled(isEnabled() && (m_table->currentRow() >= 0 || m_table->selectionModel()->hasSelection()));
}

} // namespace Workbench
