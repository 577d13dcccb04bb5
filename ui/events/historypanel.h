#pragma once

#include "core/events/eventhistory.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Workbench {

class HistoryFilterModel;
class HistoryModel;

// Every send of the GUI and of iwb, newest first, with a search; the selected send in full
// (payload, answer, error), to load into the composer or to send again.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(EventHistory &history, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    HistoryFilterModel *filter() const { return m_filter; }
    // The selected send, if any.
    std::optional<HistoryEntry> selected() const;
    // Says something about the last action below the buttons.
    void setStatus(const QString &text, bool problem = false);

Q_SIGNALS:
    void loadRequested(const Workbench::HistoryEntry &entry);
    void sendAgainRequested(const Workbench::HistoryEntry &entry);

private:
    void showSelected();
    void updateCount();

    HistoryModel *m_model;
    HistoryFilterModel *m_filter;
    QLineEdit *m_search;
    QLabel *m_count;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QPushButton *m_load;
    QPushButton *m_sendAgain;
    QLabel *m_status;
    QString m_selectedId; // kept across reloads
};

} // namespace Workbench
