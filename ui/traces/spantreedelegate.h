#pragma once

#include <QStyledItemDelegate>

namespace Workbench {

// Paints the span tree's cells in the colour of their tone (SpanTreeModel::ToneRole): red
// for a span with an error, grey for a value the file leaves out.
class SpanTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Workbench
