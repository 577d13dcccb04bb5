#pragma once

#include <QObject>

class QSocketNotifier;

namespace Workbench::Cli {

// Turns SIGINT and SIGTERM into a Qt signal delivered by the event loop, so that a command
// that runs until stopped can finish cleanly (print its summary, flush its files).
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Workbench::Cli
