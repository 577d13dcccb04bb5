#pragma once

#include "core/localagent/agentserver.h"
#include "core/localagent/capture.h"

#include <QObject>

class QThread;

namespace Workbench {

// The local agent: a stand-in for the Instana host agent on this machine. It speaks the
// agent's generic event and trace endpoints, checks every request against the documented
// rules and limits, and hands what it received to whoever listens to captured().
//
// The HTTP work runs in a thread of its own, so a busy agent never stalls the window;
// captured() arrives in the thread this object lives in.
class LocalAgent : public QObject
{
    Q_OBJECT
public:
    explicit LocalAgent(QObject *parent = nullptr);
    ~LocalAgent() override;

    // Starts listening; returns false and sets *error when the address cannot be had.
    bool start(const LocalAgentConfig &config, QString *error = nullptr);
    void stop();

    bool isRunning() const { return m_running; }
    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_address; }
    LocalAgentConfig config() const { return m_config; }
    QUrl url() const;

    void setLenient(bool lenient);
    // Open client connections, asked of the worker thread.
    int connectionCount() const;

Q_SIGNALS:
    void captured(const Workbench::CaptureBatch &batch);
    void runningChanged(bool running);

private:
    QThread *m_thread = nullptr;
    AgentServer *m_server = nullptr;
    LocalAgentConfig m_config;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace Workbench
