#pragma once

#include "core/traces/span.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

namespace Workbench {

// A span's `data` as a key/value table: rows added and removed, keys kept in their order.
// A value that was not a JSON string (a number, say) is shown as its JSON text and stays
// raw until it is edited.
class SpanDataTable : public QWidget
{
    Q_OBJECT
public:
    explicit SpanDataTable(QWidget *parent = nullptr);

    void setItems(const QList<Traces::DataItem> &items);
    QList<Traces::DataItem> items() const;

    QTableWidget *table() const { return m_table; }
    // Adds a row with a new key and starts editing it.
    void addRow();
    void removeSelectedRows();

Q_SIGNALS:
    // After a person changed the table (not after setItems).
    void edited();

private:
    void updateButtons();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    bool m_filling = false;
};

} // namespace Workbench
