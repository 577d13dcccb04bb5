#pragma once

#include "core/events/event.h"
#include "core/events/eventdelivery.h"
#include "core/events/eventhistory.h"
#include "core/events/eventtemplate.h"
#include "core/events/outbox.h"

#include <QUrl>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;

namespace Workbench {

class EventBatch;
class EventForm;
class HistoryPanel;
class OutboxPanel;
class TargetMonitor;

// The Events workspace: compose manual events (one, or a batch sent as one array), see the
// exact request body and what is wrong with it as you type, fire it at the agent target (or
// another agent), and follow what became of it: the answer, the outbox that keeps what the
// agent could not take, and the history of every send. Templates start common events.
class EventsWorkspace : public QWidget
{
    Q_OBJECT
public:
    // Keeps its outbox, history and templates at the default places under the data directory.
    // `network` carries every request of the workspace and outlives it.
    EventsWorkspace(TargetMonitor &monitor, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~EventsWorkspace() override;

    // Whether queued requests are sent again on their own while the workspace lives (on by
    // default; off for a screenshot, which must send nothing).
    void setAutoRetry(bool enabled);
    bool autoRetry() const;

    // The request body the preview shows; events timed "now" carry the current time.
    QByteArray previewBody() const;
    // Where Send goes, or nothing (and *error) when the typed URL is no agent.
    std::optional<QUrl> eventUrl(QString *error = nullptr) const;

    // Sends what the composer holds (the batch, or the form's event); nothing when it is not
    // valid, which the result then says.
    void send();
    void cancelSend();

private:
    struct Composed
    {
        QList<Event> events;
        bool asArray = false;
    };
    Composed composed() const;
    // The events as they would be fired at `nowMs`: variables expanded, times fixed.
    QList<Event> fired(const QList<Event> &events, qint64 nowMs, QStringList *unknownVariables) const;
    void fire(const QList<Event> &events, bool asArray, bool expandVariables, const QString &what);

    QWidget *createComposer();
    void refresh();
    void updateTarget();
    void updateFindings(const Findings &findings, const QStringList &unknownVariables);
    void updateFormMode();
    void updateOutboxCount(int count);
    void onFormChanged();
    void onBatchRowChanged(int row);
    void onFired(const FireResult &result);
    void setSending(bool sending);
    void showResult(const QString &html, const QString &details = {});
    void copyAs(int language);

    void reloadTemplates(const QString &select = {});
    void loadTemplate(int index);
    void saveTemplate();
    void deleteTemplate();

    // The events of a history entry, or nothing (and a message in the history panel).
    std::optional<EventCodec::Decoded> eventsOf(const HistoryEntry &entry);
    void loadFromHistory(const HistoryEntry &entry);
    void sendAgain(const HistoryEntry &entry);

    TargetMonitor &m_monitor;
    Outbox m_outbox;
    EventHistory m_history;
    TemplateStore m_templates;
    EventFirer *m_firer;
    OutboxRetrier *m_retrier;

    QTabWidget *m_tabs;
    EventForm *m_form;
    EventBatch *m_batch;
    OutboxPanel *m_outboxPanel;
    HistoryPanel *m_historyPanel;
    QComboBox *m_templateList;
    QPushButton *m_saveTemplate;
    QPushButton *m_deleteTemplate;
    QLabel *m_templateStatus;
    QLabel *m_formMode;
    QLabel *m_findings;
    QLineEdit *m_otherUrl;
    QLabel *m_targetLabel;
    QPlainTextEdit *m_preview;
    QLabel *m_previewInfo;
    QLabel *m_copyNote;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QLabel *m_sendSummary;
    QLabel *m_outboxNotice;
    QLabel *m_result;
    QPlainTextEdit *m_response;
    QTimer *m_clock;
    int m_outboxTab = -1;
    QString m_sending; // what the send under way is, for the result
};

} // namespace Workbench
