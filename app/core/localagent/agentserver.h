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
    // A request must arrive whole within this time from its first byte, however slowly it comes.
    std::chrono::milliseconds requestTimeout{30000};
    // Its head (request line and headers) within this time from its first byte, as nginx's
    // client_header_timeout and Go's ReadHeaderTimeout.
    std::chrono::milliseconds headTimeout{10000};
    // Its body within this time from the end of the head, and one second more for every
    // minBodyRate bytes received (Apache's mod_reqtimeout, body=10,MinRate=1024): a body that keeps
    // up the rate is never cut off before requestTimeout, one that trickles is cut off soon.
    std::chrono::milliseconds bodyTimeout{10000};
    int minBodyRate = 1024; // bytes a second
    // A connection with no request under way (a new one, or keep-alive between requests) is
    // closed after this time.
    std::chrono::milliseconds idleTimeout{30000};
    int maxConnections = 256;
    // When all maxConnections are open, a new client takes the place of the slowest connection
    // that has been idle or in its current request at least this long at under minBodyRate bytes a
    // second (answered 408 when it is mid-request); only when none is that slow is it refused 503.
    std::chrono::milliseconds slowAfter{1000};
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
    // Open client connections, those closing after their last answer included.
    int connectionCount() const { return int(m_connections.size()); }
    // Those of them closing after their last answer; they do not count against maxConnections.
    int closingCount() const;

    // Called by connections.
    AgentProtocol::Outcome handle(const HttpRequest &request, const QString &source);
    AgentProtocol::Outcome refuse(int status, const QString &rule, const QString &reason, const QByteArray &head,
                                  const QString &source);
    void connectionClosed(AgentConnection *connection);

Q_SIGNALS:
    void captured(const Workbench::CaptureBatch &batch);

private:
    void onNewConnection();
    // Closes the slowest connection that may give its place to a new client; false when none may.
    bool makeRoom();
    void emitIfCaptured(const AgentProtocol::Outcome &outcome);

    QTcpServer m_server;
    LocalAgentConfig m_config;
    AgentProtocol m_protocol;
    QSet<AgentConnection *> m_connections;
};

} // namespace Workbench
