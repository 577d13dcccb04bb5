#pragma once

#include <QObject>
#include <QSize>
#include <QTimer>

class QWidget;

namespace Workbench {

class TargetMonitor;

// Renders a window into a PNG once it is ready: shown, laid out, and the agent target
// checked (or a few seconds gone by), so the picture shows what a person would see.
class Screenshot : public QObject
{
    Q_OBJECT
public:
    Screenshot(QWidget &window, TargetMonitor &monitor, const QString &fileName, QObject *parent = nullptr);

    void start();
    // Empty on success.
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void finished(bool ok);

private:
    void tryTake();
    void take();

    QWidget &m_window;
    TargetMonitor &m_monitor;
    QString m_fileName;
    QString m_error;
    QTimer m_deadline;
    bool m_done = false;
};

} // namespace Workbench
