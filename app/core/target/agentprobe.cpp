#include "core/target/agentprobe.h"

#include "core/agentapi/agentendpoint.h"
#include "core/logging/logging.h"

using namespace Qt::StringLiterals;

namespace Workbench {

AgentProbe::AgentProbe(const QUrl &agent, QObject *parent)
    : QObject(parent)
    , m_agent(agent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { finish(Result::TimedOut, tr("No answer within %1 ms.").arg(m_timeout.count())); });
}

AgentProbe::~AgentProbe()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void AgentProbe::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void AgentProbe::start()
{
    if (m_started || m_result != Result::Pending)
        return;
    m_started = true;
    m_clock.start();

    if (!m_agent.isValid() || m_agent.host().isEmpty() || m_agent.port() <= 0) {
        // Answer on the next turn of the event loop, as a real probe would.
        QTimer::singleShot(0, this, [this] {
            finish(Result::NetworkError, tr("\"%1\" is not an agent address.").arg(m_agent.toString()));
        });
        return;
    }

    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] { finish(Result::Reachable, {}); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            finish(Result::Refused,
                   tr("Connection refused: nothing listens at %1.").arg(AgentEndpoint::displayName(m_agent)));
            return;
        case QAbstractSocket::HostNotFoundError:
            finish(Result::HostNotFound, tr("Host \"%1\" not found.").arg(m_agent.host()));
            return;
        case QAbstractSocket::SocketTimeoutError:
            finish(Result::TimedOut, tr("No answer within %1 ms.").arg(m_timeout.count()));
            return;
        default:
            finish(Result::NetworkError, m_socket->errorString());
            return;
        }
    });
    qCDebug(lcTarget) << "probing" << AgentEndpoint::displayName(m_agent);
    m_timer.start(m_timeout);
    m_socket->connectToHost(m_agent.host(), static_cast<quint16>(m_agent.port()));
}

void AgentProbe::abort()
{
    if (m_result != Result::Pending)
        return;
    finish(Result::Aborted, tr("The check was cancelled."));
}

void AgentProbe::finish(Result result, const QString &errorString)
{
    if (m_result != Result::Pending)
        return;
    m_result = result;
    m_errorString = errorString;
    m_elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    qCDebug(lcTarget) << "probe of" << AgentEndpoint::displayName(m_agent) << "->" << result << "in" << m_elapsedMs
                      << "ms";
    Q_EMIT finished();
}

} // namespace Workbench
