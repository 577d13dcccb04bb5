#include "core/localagent/agentserver.h"

#include "core/localagent/agentconnection.h"
#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTcpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench {

AgentServer::AgentServer(QObject *parent)
    : QObject(parent)
    , m_server(this) // a child, so that it moves to the worker thread with this object
{
    connect(&m_server, &QTcpServer::newConnection, this, &AgentServer::onNewConnection);
}

AgentServer::~AgentServer()
{
    close();
}

bool AgentServer::listen(const LocalAgentConfig &config, QString *error)
{
    close();
    m_config = config;
    m_protocol.setLenient(config.lenient);
    m_protocol.setTraceCallsPerSecond(config.traceCallsPerSecond);
    // More waiting connections than Qt's default of 50, for bursts of many clients at once.
    m_server.setListenBacklogSize(512);
    if (!m_server.listen(config.address, config.port)) {
        if (error)
            *error = tr("Cannot listen on %1:%2: %3")
                         .arg(config.address.toString())
                         .arg(config.port)
                         .arg(m_server.errorString());
        return false;
    }
    qCInfo(lcAgent) << "local agent listening on" << m_server.serverAddress().toString() << m_server.serverPort()
                    << (config.lenient ? "(lenient)" : "");
    return true;
}

void AgentServer::close()
{
    m_server.close();
    const auto connections = m_connections;
    m_connections.clear();
    qDeleteAll(connections);
}

void AgentServer::setLenient(bool lenient)
{
    m_config.lenient = lenient;
    m_protocol.setLenient(lenient);
}

void AgentServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (int(m_connections.size()) - closingCount() >= m_config.maxConnections && !makeRoom()) {
            // Answered, not silently dropped: the client learns why.
            HttpResponse response
                = refuse(503, u"too-many-connections"_s,
                         tr("The local agent already has %n open connection(s).", nullptr, m_config.maxConnections), {},
                         socket->peerAddress().toString())
                      .response;
            socket->write(response.serialize(false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        m_connections.insert(new AgentConnection(socket, *this));
    }
}

int AgentServer::closingCount() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const AgentConnection *connection) { return connection->isClosing(); }));
}

bool AgentServer::makeRoom()
{
    const auto now = AgentConnection::Clock::now();
    AgentConnection *slowest = nullptr;
    AgentConnection::Slowness worst;
    for (AgentConnection *connection : std::as_const(m_connections)) {
        const auto slowness = connection->slowness(now);
        if (!slowness)
            continue;
        // The slowest first (idle ones count as 0 bytes a second), and of equals the oldest.
        if (!slowest || slowness->bytesPerSecond < worst.bytesPerSecond
            || (slowness->bytesPerSecond == worst.bytesPerSecond && slowness->since < worst.since)) {
            slowest = connection;
            worst = *slowness;
        }
    }
    if (!slowest)
        return false;
    slowest->makeRoom();
    return true;
}

AgentProtocol::Outcome AgentServer::handle(const HttpRequest &request, const QString &source)
{
    AgentProtocol::Outcome outcome = m_protocol.handle(request, source, QDateTime::currentMSecsSinceEpoch());
    emitIfCaptured(outcome);
    return outcome;
}

AgentProtocol::Outcome AgentServer::refuse(int status, const QString &rule, const QString &reason,
                                           const QByteArray &head, const QString &source)
{
    AgentProtocol::Outcome outcome
        = m_protocol.refuse(status, rule, reason, head, source, QDateTime::currentMSecsSinceEpoch());
    emitIfCaptured(outcome);
    return outcome;
}

void AgentServer::emitIfCaptured(const AgentProtocol::Outcome &outcome)
{
    if (outcome.capture)
        Q_EMIT captured(outcome.batch);
}

void AgentServer::connectionClosed(AgentConnection *connection)
{
    m_connections.remove(connection);
}

} // namespace Workbench
