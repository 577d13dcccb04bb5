#include "ui/viewer/keymapdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

KeymapDialog::KeymapDialog(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setObjectName(u"viewer-keymap"_s);
    setWindowTitle(tr("Trace Viewer Keys"));

    auto *intro = new QLabel(tr("Keys of the waterfall, when it has the focus:"), this);

    const QList<Entry> all = entries();
    m_table->setObjectName(u"viewer-keymap-table"_s);
    m_table->setColumnCount(2);
    m_table->setRowCount(int(all.size()));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    for (int row = 0; row < all.size(); ++row) {
        auto *keys = new QTableWidgetItem(all.at(row).keys);
        QFont bold = keys->font();
        bold.setBold(true);
        keys->setFont(bold);
        m_table->setItem(row, 0, keys);
        m_table->setItem(row, 1, new QTableWidgetItem(all.at(row).action));
    }
    m_table->resizeColumnToContents(0);
    m_table->setColumnWidth(0, m_table->columnWidth(0) + 24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeRowsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setMinimumHeight(qMin(height, 560));
    resize(520, sizeHint().height());
}

QList<KeymapDialog::Entry> KeymapDialog::entries()
{
    return {
        {tr("↑ / k, ↓ / j"), tr("Move to the span above / below")},
        {tr("← / →"), tr("Collapse / expand the current span (← on a collapsed span goes to its parent)")},
        {tr("[ / ]"), tr("Collapse all / expand all")},
        {tr("o / p"), tr("Collapse / expand one level")},
        {tr("+ / -"), tr("Zoom in / zoom out of the timeline")},
        {tr("/ or Ctrl+F"), tr("Find spans (name, service, key=value, duration>250ms, error)")},
        {tr("Enter / F3, Shift+Enter / Shift+F3"), tr("Next / previous match of the search")},
        {tr("r"), tr("Re-root: show the current span's subtree alone")},
        {tr("Ctrl+O"), tr("Open a trace file")},
        {tr("?"), tr("Show these keys")},
    };
}

} // namespace Workbench
