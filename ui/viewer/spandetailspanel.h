#pragma once

#include "core/viewer/tracedocument.h"
#include "core/viewer/waterfallrows.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace Workbench {

// Everything about the current span of the viewer: each field (with what the graph says of
// its parent), the `data` table, the span's JSON, the validator's findings about it, and a
// button that copies its id. A placeholder node (the missing parent of orphans, a cycle) is
// described instead.
class SpanDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SpanDetailsPanel(QWidget *parent = nullptr);

    void setDocument(Viewer::TraceDocumentPtr document);
    // A span index of the document.
    void showSpan(qint32 span);
    void showPlaceholder(const Viewer::WaterfallRows::Placeholder &placeholder);
    void clear();

    // The span shown, or -1.
    qint32 span() const { return m_span; }
    QString spanIdText() const;
    QString title() const;
    QString json() const;
    QTableWidget *fields() const { return m_fields; }
    QTableWidget *dataTable() const { return m_data; }
    QListWidget *findings() const { return m_findings; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *copyIdButton() const { return m_copyId; }

    void copyId();

Q_SIGNALS:
    // The id went to the clipboard.
    void copied(const QString &text);

private:
    void addField(const QString &name, const QString &value, const QString &toolTip = {});
    void setTabCounts(qsizetype dataItems, qsizetype findingCount);

    Viewer::TraceDocumentPtr m_document;
    qint32 m_span = -1;
    QLabel *m_title;
    QLabel *m_subtitle;
    QPushButton *m_copyId;
    QTabWidget *m_tabs;
    QTableWidget *m_fields;
    QTableWidget *m_data;
    QPlainTextEdit *m_json;
    QListWidget *m_findings;
};

} // namespace Workbench
