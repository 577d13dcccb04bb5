#pragma once

#include "core/traces/spanstore.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <QWidget>

namespace Workbench::Rest {
class RestClient;
}

namespace Workbench::Browse {
class TraceFetch;
}

namespace Workbench::Ui {

// Opens a backend trace in the Trace Viewer: runs a Browse::TraceFetch (every call, then each
// call's spans) with a progress dialog whose Cancel stops it, and hands the spans over as a
// value; a failure is said in a message box (not waited for) and in failed(). One trace at a
// time: opening another cancels the one before.
class TraceOpener : public QObject
{
    Q_OBJECT
public:
    // The client must outlive the opener; `dialogParent` is where the dialogs show.
    TraceOpener(Rest::RestClient *client, QWidget *dialogParent);
    ~TraceOpener() override;

    void open(const QString &traceId);
    void cancel();
    bool isRunning() const { return !m_fetch.isNull(); }

    QProgressDialog *progressDialog() const { return m_progress; }
    QMessageBox *messageBox() const { return m_message; }

Q_SIGNALS:
    // `source` names the trace for a title: "trace 506aef767d8ec147 of unit-acme.instana.io".
    void traceReady(Workbench::Traces::SpanStore store, QString source);
    void failed(QString message);
    void cancelled();

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(Browse::TraceFetch *fetch);

    QPointer<Rest::RestClient> m_client;
    QPointer<QWidget> m_dialogParent;
    QPointer<Browse::TraceFetch> m_fetch;
    QPointer<QProgressDialog> m_progress;
    QPointer<QMessageBox> m_message;
};

} // namespace Workbench::Ui
