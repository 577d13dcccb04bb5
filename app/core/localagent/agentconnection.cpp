#include "core/localagent/agentconnection.h"

#include "core/localagent/agentserver.h"
#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// Past this much unsent output, reading pauses until the client takes its answers.
constexpr qint64 maxPendingOutput = 4 * 1024 * 1024;
constexpr auto lingerAfterError = std::chrono::seconds(2);

QString sourceOf(const QTcpSocket &socket)
{
    QHostAddress address = socket.peerAddress();
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        address = QHostAddress(v4);
    const QString host
        = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
    return host + u':' + QString::number(socket.peerPort());
}
} // namespace

AgentConnection::AgentConnection(QTcpSocket *socket, AgentServer &server)
    : QObject(&server)
    , m_socket(socket)
    , m_server(server)
    , m_source(sourceOf(*socket))
    , m_idleSince(Clock::now())
{
    socket->setParent(this);
    socket->setReadBufferSize(1024 * 1024);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AgentConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &AgentConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing)
            closeAfterWriting();
        else if (m_socket->bytesToWrite() < maxPendingOutput / 2
                 && (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0))
            onReadyRead(); // resume after back-pressure: what was held back, and what came meanwhile
    });
    connect(socket, &QTcpSocket::disconnected, this, &AgentConnection::finish);
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcAgent) << m_source << "socket error:" << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            finish();
    });
    armTimer();
    // Data may have arrived before this object was connected to the socket.
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &AgentConnection::onReadyRead, Qt::QueuedConnection);
}

AgentConnection::~AgentConnection() = default;

void AgentConnection::onReadyRead()
{
    if (m_finished)
        return;
    if (m_closing) {
        m_socket->readAll(); // dropped: the answer has been given
        return;
    }
    if (m_socket->bytesToWrite() > maxPendingOutput)
        return; // the client is not reading its answers; wait for bytesWritten
    const QByteArray bytes = m_socket->readAll();
    if (!bytes.isEmpty() && !m_inRequest) {
        m_inRequest = true;
        m_inBody = false;
        m_requestStart = Clock::now();
        m_requestBytes = 0;
    }
    m_requestBytes += bytes.size();
    m_buffer.append(bytes);
    process();
}

void AgentConnection::process()
{
    while (!m_closing && !m_finished) {
        if (m_socket->bytesToWrite() > maxPendingOutput)
            return;
        const HttpRequestParser::Status status = m_parser.feed(m_buffer);
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.isIdle() && m_buffer.isEmpty()) {
                // Only blank lines between requests: still idle, and since the same time.
                m_inRequest = false;
            } else if (m_parser.isReadingBody() && !m_inBody) {
                m_inBody = true;
                m_bodyStart = Clock::now();
            }
            if (m_parser.isReadingBody() && m_parser.expectsContinue() && !m_continueSent) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_continueSent = true;
            }
            armTimer();
            return;
        }
        if (status == HttpRequestParser::Status::Failed) {
            const auto outcome = m_server.refuse(m_parser.errorStatus(), QString::fromLatin1(m_parser.errorRule()),
                                                 m_parser.errorMessage(), m_parser.takeRequest().head, m_source);
            send(outcome.response, false);
            closeAfterWriting();
            return;
        }
        const HttpRequest request = m_parser.takeRequest();
        requestTaken();
        const bool keepAlive = request.keepAlive();
        m_continueSent = false;
        const auto outcome = m_server.handle(request, m_source);
        send(outcome.response, keepAlive);
        if (!keepAlive) {
            closeAfterWriting();
            return;
        }
        if (m_buffer.isEmpty()) {
            armTimer();
            return;
        }
    }
}

void AgentConnection::requestTaken()
{
    const auto now = Clock::now();
    m_idleSince = now;
    m_inBody = false;
    // What is left in the buffer is the start of the next request (pipelined).
    m_inRequest = !m_buffer.isEmpty();
    m_requestStart = now;
    m_requestBytes = m_buffer.size();
}

void AgentConnection::send(const HttpResponse &response, bool keepAlive)
{
    m_socket->write(response.serialize(keepAlive));
}

void AgentConnection::closeAfterWriting()
{
    if (!m_closing) {
        m_closing = true;
        m_buffer.clear();
        // Lingering is bounded too: past as many lingering connections as open ones, close at once.
        m_timer.start(m_server.closingCount() > m_server.config().maxConnections ? std::chrono::milliseconds(0)
                                                                                 : lingerAfterError);
    }
    if (m_socket->bytesToWrite() > 0 || m_finished)
        return;
    // Everything is sent: stop sending, so the client reads the answer and then EOF, while
    // what it still sends is read and dropped until it closes or the linger time is over.
    m_socket->flush();
#ifdef Q_OS_WIN
    ::shutdown(m_socket->socketDescriptor(), SD_SEND);
#else
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#endif
}

AgentConnection::Clock::time_point AgentConnection::deadline(Limit *limit) const
{
    const LocalAgentConfig &config = m_server.config();
    if (!m_inRequest) {
        *limit = Limit::Idle;
        return m_idleSince + config.idleTimeout;
    }
    // Every limit of a request runs from a fixed point, so that no byte pushes one back but by
    // the rate a body keeps up.
    *limit = Limit::Request;
    Clock::time_point at = m_requestStart + config.requestTimeout;
    if (!m_inBody) {
        const Clock::time_point head = m_requestStart + config.headTimeout;
        if (head < at) {
            *limit = Limit::Head;
            at = head;
        }
    } else {
        const qint64 earnedMs = qint64(m_parser.bodySize()) * 1000 / std::max(1, config.minBodyRate);
        const Clock::time_point body = m_bodyStart + config.bodyTimeout + std::chrono::milliseconds(earnedMs);
        if (body < at) {
            *limit = Limit::Body;
            at = body;
        }
    }
    return at;
}

void AgentConnection::armTimer()
{
    if (m_closing)
        return;
    Limit limit = Limit::Idle;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline(&limit) - Clock::now());
    m_timer.start(std::max(left, std::chrono::milliseconds(0)));
}

void AgentConnection::onTimeout()
{
    if (m_closing) {
        m_socket->abort();
        finish();
        return;
    }
    Limit limit = Limit::Idle;
    const Clock::time_point at = deadline(&limit);
    const Clock::time_point now = Clock::now();
    if (now < at) {
        armTimer(); // a body's deadline moved on with the bytes that came
        return;
    }
    const LocalAgentConfig &config = m_server.config();
    QString reason;
    switch (limit) {
    case Limit::Idle:
        m_socket->abort();
        finish();
        return;
    case Limit::Request:
        reason = tr("The request did not arrive whole within %1 ms; the connection is closed.")
                     .arg(config.requestTimeout.count());
        break;
    case Limit::Head:
        reason = tr("The request head (request line and headers) did not arrive whole within %1 ms; the connection "
                    "is closed.")
                     .arg(config.headTimeout.count());
        break;
    case Limit::Body:
        reason = tr("The body arrived slower than %1 bytes a second (%2 bytes in %3 ms); the connection is closed.")
                     .arg(config.minBodyRate)
                     .arg(qlonglong(m_parser.bodySize()))
                     .arg(std::chrono::duration_cast<std::chrono::milliseconds>(now - m_bodyStart).count());
        break;
    }
    const auto outcome = m_server.refuse(408, u"timeout"_s, reason, m_parser.takeRequest().head, m_source);
    send(outcome.response, false);
    closeAfterWriting();
}

std::optional<AgentConnection::Slowness> AgentConnection::slowness(Clock::time_point now) const
{
    if (isClosing())
        return std::nullopt;
    const LocalAgentConfig &config = m_server.config();
    const Clock::time_point since = m_inRequest ? m_requestStart : m_idleSince;
    if (now - since < config.slowAfter)
        return std::nullopt;
    const double seconds = std::chrono::duration<double>(now - since).count();
    const double rate = m_inRequest && seconds > 0 ? double(m_requestBytes) / seconds : 0.0;
    if (rate >= config.minBodyRate)
        return std::nullopt;
    return Slowness{rate, since};
}

void AgentConnection::makeRoom()
{
    if (isClosing())
        return;
    qCDebug(lcAgent) << m_source << "closed to make room for a new client" << (m_inRequest ? "(mid-request)" : "");
    if (m_inRequest) {
        const auto outcome = m_server.refuse(
            408, u"slow-client"_s,
            tr("The local agent is full and this request came slower than %1 bytes a second; the connection is "
               "closed to make room for a new client.")
                .arg(m_server.config().minBodyRate),
            m_parser.takeRequest().head, m_source);
        send(outcome.response, false);
    }
    closeAfterWriting();
}

void AgentConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_server.connectionClosed(this);
    deleteLater();
}

} // namespace Workbench
