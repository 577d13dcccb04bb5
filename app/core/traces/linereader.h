#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QSemaphore>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace Workbench::Traces {

// Reads a file, a pipe or standard input a line at a time on a thread of its own, so that a
// reader waiting for a slow writer never holds up the event loop. At most `capacity` lines wait
// to be taken: the consumer calls taken() for each line it has handed on, so a slow consumer
// slows the reading instead of filling memory. Stopping is cooperative: the thread waits for
// input at most PollMs at a time and looks at the stop flag in between, so stop() works even
// when the writer keeps the pipe open and writes nothing.
class LineReader : public QObject
{
    Q_OBJECT
public:
    static constexpr int PollMs = 100;
    // A line longer than one whole request to the agent can hold is no span: reading ends with
    // an error instead of collecting an endless line (</dev/zero) in memory.
    static constexpr qsizetype MaxLineBytes = 4 * 1024 * 1024;

    // `path` "-" is standard input (read, never closed).
    LineReader(const QString &path, int capacity, QObject *parent = nullptr);
    // Stops and waits for the thread.
    ~LineReader() override;

    void start();
    // The thread ends within about PollMs; ended() follows.
    void stop();
    // One line has been handed on: another may come.
    void taken();
    bool isRunning() const;

Q_SIGNALS:
    // A line without its line break, in the order read (emitted on the reader's thread, so
    // queued to receivers in other threads).
    void lineRead(const QByteArray &line);
    // Once, at the end of the input, after stop(), or with a sentence when the input cannot be
    // read.
    void ended(const QString &error);

private:
    void run();
    bool handOn(const QByteArray &line);

    QString m_path;
    QSemaphore m_free;
    std::atomic<bool> m_stop{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace Workbench::Traces
