#include "ui/traces/spantreedelegate.h"

#include "core/traces/spantreemodel.h"

#include <QColor>

namespace Workbench {

void SpanTreeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (SpanTreeModel::Tone(index.data(SpanTreeModel::ToneRole).toInt())) {
    case SpanTreeModel::Tone::Error:
        option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
        break;
    case SpanTreeModel::Tone::Absent:
        option->palette.setColor(QPalette::Text, QColor(0x80, 0x80, 0x80));
        break;
    case SpanTreeModel::Tone::Plain:
        break;
    }
}

} // namespace Workbench
