#pragma once

#include <QObject>
#include <QSize>
#include <QTimer>

class QWidget;

namespace Workbench {

class TargetMonitor;

// Renders a window into a PNG once it is ready: shown, laid out, everything the other options
// asked for done (a trace loaded or failed, ...), and then the agent target checked (or a few
// seconds gone by), so the picture shows what a person would see.
class Screenshot : public QObject
{
    Q_OBJECT
public:
    Screenshot(QWidget &window, TargetMonitor &monitor, const QString &fileName, QObject *parent = nullptr);

    // The picture waits until `signal` of `sender` has fired once, e.g. a trace being loaded:
    // waitFor(viewer, &TraceViewerWorkspace::loadFinished). Call before start().
    template<typename Sender, typename Signal>
    void waitFor(const Sender *sender, Signal signal)
    {
        ++m_pending;
        connect(sender, signal, this, &Screenshot::onePendingDone, Qt::SingleShotConnection);
    }
    // What the picture still waits for, before the agent target.
    int pending() const { return m_pending; }

    void start();
    // Empty on success.
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void finished(bool ok);

private:
    void onePendingDone();
    void tryTake();
    void take();

    QWidget &m_window;
    TargetMonitor &m_monitor;
    QString m_fileName;
    QString m_error;
    QTimer m_deadline;
    int m_pending = 0;
    bool m_started = false;
    bool m_waitingForTarget = false;
    bool m_done = false;
};

} // namespace Workbench
