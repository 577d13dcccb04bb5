#pragma once

#include "core/agentapi/agentrules.h"
#include "core/localagent/agentprotocol.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>

#include <chrono>

namespace Workbench {

class AgentConnection;

struct LocalAgentConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 42699; // 0: any free port
    bool lenient = false;
    // A request must arrive whole within this time from its first byte.
    std::chrono::milliseconds requestTimeout{30000};
    // A keep-alive connection with no request under way is closed after this time.
    std::chrono::milliseconds idleTimeout{30000};
    int maxConnections = 256;
    // The documented limit of the trace endpoint. Tests raise it to reach the checks behind it.
    int traceCallsPerSecond = AgentRules::MaxTraceCallsPerSecond;
};

// The HTTP side of the local agent: accepts connections, reads requests, answers them through
// AgentProtocol and emits what it captured. Lives in LocalAgent's worker thread.
class AgentServer : public QObject
{
    Q_OBJECT
public:
    explicit AgentServer(QObject *parent = nullptr);
    ~AgentServer() override;

    bool listen(const LocalAgentConfig &config, QString *error);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    const LocalAgentConfig &config() const { return m_config; }
    void setLenient(bool lenient);
    int connectionCount() const { return int(m_connections.size()); }

    // Called by connections.
    AgentProtocol::Outcome handle(const HttpRequest &request, const QString &source);
    AgentProtocol::Outcome refuse(int status, const QString &rule, const QString &reason, const QByteArray &head,
                                  const QString &source);
    void connectionClosed(AgentConnection *connection);

Q_SIGNALS:
    void captured(const Workbench::CaptureBatch &batch);

private:
    void onNewConnection();
    void emitIfCaptured(const AgentProtocol::Outcome &outcome);

    QTcpServer m_server;
    LocalAgentConfig m_config;
    AgentProtocol m_protocol;
    QSet<AgentConnection *> m_connections;
};

} // namespace Workbench
