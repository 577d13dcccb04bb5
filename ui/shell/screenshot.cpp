#include "ui/shell/screenshot.h"

#include "core/io/outputfile.h"
#include "core/target/targetmonitor.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QWidget>

namespace Workbench {

Screenshot::Screenshot(QWidget &window, TargetMonitor &monitor, const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_monitor(monitor)
    , m_fileName(fileName)
{
    // The target check is the last thing waited for, and the only one with a time limit:
    // an agent that does not answer must not hold up the picture.
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(std::chrono::seconds(5));
    connect(&m_deadline, &QTimer::timeout, this, &Screenshot::take);
    connect(&m_monitor, &TargetMonitor::checked, this, &Screenshot::tryTake);
}

void Screenshot::start()
{
    m_started = true;
    // Let the window be shown and laid out before looking at it.
    QTimer::singleShot(0, this, &Screenshot::tryTake);
}

void Screenshot::onePendingDone()
{
    --m_pending;
    tryTake();
}

void Screenshot::tryTake()
{
    if (!m_started || m_pending > 0 || m_done)
        return;
    if (!m_waitingForTarget) {
        m_waitingForTarget = true;
        m_deadline.start();
    }
    // The status bar changes with the answer; give the layout a moment to follow it.
    if (m_monitor.hasAnswer())
        QTimer::singleShot(std::chrono::milliseconds(50), this, &Screenshot::take);
}

void Screenshot::take()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();

    const QPixmap pixmap = m_window.grab();
    const QString absolute = QFileInfo(m_fileName).absoluteFilePath();
    QByteArray png;
    QBuffer buffer(&png);
    if (pixmap.isNull() || !buffer.open(QIODevice::WriteOnly) || !pixmap.save(&buffer, "PNG")) {
        m_error = tr("The window could not be rendered.");
    } else {
        // Through the one file writer: a device or FIFO is written in place, never replaced.
        Io::OutputFile file(absolute);
        if (!QDir().mkpath(QFileInfo(absolute).absolutePath()))
            m_error = tr("Cannot write %1: %2").arg(absolute, tr("cannot make its folder"));
        else if (!file.open() || !file.write(png) || !file.commit())
            m_error = tr("Cannot write %1: %2").arg(absolute, file.reason());
    }
    Q_EMIT finished(m_error.isEmpty());
}

} // namespace Workbench
