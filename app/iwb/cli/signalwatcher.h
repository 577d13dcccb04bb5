#pragma once

#include <QObject>

namespace Workbench::Cli {

// Turns SIGINT and SIGTERM into a Qt signal delivered by the event loop, so that a command
// that runs until stopped can finish cleanly (print its summary, flush its files). Any number
// of watchers may live at once: each of them is told of every signal; once the last one is
// gone, the handlers that were there before are back.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested(int signalNumber);
};

} // namespace Workbench::Cli
