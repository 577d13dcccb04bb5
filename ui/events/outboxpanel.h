#pragma once

#include "core/events/eventdelivery.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Workbench {

class EventHistory;
class Outbox;
class OutboxModel;

// What waits in the outbox: a table that follows the outbox on disk (iwb shares it), "Retry
// now" for the selected requests or all of them, and "Discard" after a confirmation, which
// the history records. Retries go through the same flusher as the automatic ones, so they
// never overlap; the automatic ones wait while a question is open.
class OutboxPanel : public QWidget
{
    Q_OBJECT
public:
    OutboxPanel(Outbox &outbox, EventHistory &history, OutboxRetrier &retrier, QWidget *parent = nullptr);

    OutboxModel *model() const { return m_model; }
    int count() const;
    // Where events go now; a retry offers to send requests queued for another agent there.
    void setCurrentTarget(const QUrl &eventUrl) { m_currentTarget = eventUrl; }

    // The selected requests, or all when none is selected.
    void retryNow();
    // The selected requests, after asking.
    void discardSelected();
    // The files in the outbox that cannot be read, into its damaged folder (bytes kept).
    void moveDamagedAside();

Q_SIGNALS:
    void countChanged(int count);

private:
    QStringList selectedIds() const;
    bool retarget(const QStringList &ids, bool *cancelled);
    void retryIds(const QStringList &ids);
    void startFlush(const QStringList &ids);
    void onFlushed(const OutboxFlusher::Report &report);
    void onEntryFinished(const OutboxEntry &entry, const AgentOutcome &outcome);
    void onReloaded();
    void showSelected();
    void updateButtons();
    void setStatus(const QString &text, bool problem = false);

    Outbox &m_outbox;
    EventHistory &m_history;
    OutboxRetrier &m_retrier;
    OutboxFlusher &m_flusher;
    OutboxModel *m_model;
    QUrl m_currentTarget;
    QTableView *m_table;
    QPushButton *m_retry;
    QPushButton *m_discard;
    QLabel *m_status;
    QLabel *m_problems;
    QPushButton *m_moveAside;
    QPlainTextEdit *m_details;
    bool m_manual = false; // the running flush is the user's
    bool m_pending = false; // the user asked while an automatic retry was under way
    QStringList m_pendingIds;
    int m_lastCount = -1;
};

} // namespace Workbench
