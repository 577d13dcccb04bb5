#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <chrono>

namespace Workbench {

// Finds out whether something listens at an agent address by opening a TCP connection.
// One probe, one answer: finished() fires exactly once, after start(), abort() or the timeout.
class AgentProbe : public QObject
{
    Q_OBJECT
public:
    enum class Result {
        Pending,
        Reachable,
        Refused,
        HostNotFound,
        TimedOut,
        Aborted,
        NetworkError,
    };
    Q_ENUM(Result)

    explicit AgentProbe(const QUrl &agent, QObject *parent = nullptr);
    ~AgentProbe() override;

    void setTimeout(std::chrono::milliseconds timeout);
    QUrl agent() const { return m_agent; }

    void start();
    void abort();

    Result result() const { return m_result; }
    bool isReachable() const { return m_result == Result::Reachable; }
    // A sentence for people; empty when reachable.
    QString errorString() const { return m_errorString; }
    qint64 elapsedMs() const { return m_elapsedMs; }

Q_SIGNALS:
    void finished();

private:
    void finish(Result result, const QString &errorString);

    QUrl m_agent;
    std::chrono::milliseconds m_timeout{2000};
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    QElapsedTimer m_clock;
    Result m_result = Result::Pending;
    QString m_errorString;
    qint64 m_elapsedMs = -1;
    bool m_started = false;
};

} // namespace Workbench
