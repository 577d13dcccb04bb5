#pragma once

#include "core/traces/tracevalidator.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace Workbench {

// What the validator finds in the document, kept up to date as it changes: a line for the
// counts and one row per finding; activating a row asks to select its span.
class SpanFindings : public QWidget
{
    Q_OBJECT
public:
    // Rows beyond this are only counted, so a huge broken file stays quick to show.
    static constexpr int MaxRows = 2000;

    explicit SpanFindings(QWidget *parent = nullptr);

    void setReport(const Traces::ValidationReport &report, qsizetype spans);
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    // index: the span's position in the document (SpanTreeModel::flatten), spanId as found.
    void spanActivated(int index, const QString &spanId);

private:
    QLabel *m_summary;
    QListWidget *m_list;
};

} // namespace Workbench
