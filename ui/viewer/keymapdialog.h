#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace Workbench {

// The Trace Viewer's keys, shown on `?`: one row per key with what it does.
class KeymapDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        QString keys; // as people read them: "↑ / k"
        QString action;
    };

    explicit KeymapDialog(QWidget *parent = nullptr);

    static QList<Entry> entries();
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace Workbench
