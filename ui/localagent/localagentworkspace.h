#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

#include <memory>

namespace Workbench {

class CaptureLog;
class CaptureStore;
class CapturedEventsModel;
class CapturedTracesModel;
class LocalAgent;
class RejectedRequestsModel;
class TraceSpansModel;

// The Local Agent workspace: start and stop the local agent, watch what arrives (events,
// traces, rejected requests) with live counters, and look at any item's raw request.
class LocalAgentWorkspace : public QWidget
{
    Q_OBJECT
public:
    LocalAgentWorkspace(LocalAgent &agent, CaptureStore &store, QWidget *parent = nullptr);
    ~LocalAgentWorkspace() override;

    // A sentence shown under the controls, e.g. why the agent was started at launch.
    void setNotice(const QString &notice);

    // Appends what arrives from now on to a file as JSON lines, as `iwb agent serve --log`
    // does; an empty name stops. Returns false, and says why in the window, when the file
    // cannot be written.
    bool setLogFile(const QString &fileName);

    // The traceId of the trace selected in the Traces tab, or an empty string.
    QString selectedTraceId() const;

Q_SIGNALS:
    // "Open in Trace Viewer" (or a double click on a trace): show that trace's captured spans.
    void openTraceRequested(const QString &traceId);

private:
    void toggle();
    void updateState();
    void updateCounters();
    void showEvent(const QModelIndex &index);
    void showTrace(const QModelIndex &index);
    void showSpan(const QModelIndex &index);
    void showRejection(const QModelIndex &index);
    void showDetails(const QString &title, const QString &findings, const QByteArray &json, quint64 requestId);
    QTableView *makeTable(const QString &name);
    void chooseLogFile();

    LocalAgent &m_agent;
    CaptureStore &m_store;
    CapturedEventsModel *m_eventsModel;
    CapturedTracesModel *m_tracesModel;
    TraceSpansModel *m_spansModel;
    RejectedRequestsModel *m_rejectionsModel;

    QPushButton *m_startStop;
    QSpinBox *m_port;
    QLineEdit *m_bind;
    QCheckBox *m_lenient;
    QPushButton *m_clear;
    QPushButton *m_log;
    QPushButton *m_openTrace;
    QLabel *m_logStatus;
    std::unique_ptr<CaptureLog> m_logFile;
    QString m_logFileName;
    QLabel *m_status;
    QLabel *m_notice;
    QLabel *m_counters;
    QTabWidget *m_tabs;
    QTableView *m_events;
    QTableView *m_traces;
    QTableView *m_spans;
    QTableView *m_rejections;
    QPlainTextEdit *m_details;
};

} // namespace Workbench
