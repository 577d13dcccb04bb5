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
    m_buffer.append(m_socket->readAll());
    process();
}

void AgentConnection::process()
{
    while (!m_closing && !m_finished) {
        if (m_socket->bytesToWrite() > maxPendingOutput)
            return;
        const HttpRequestParser::Status status = m_parser.feed(m_buffer);
        if (status == HttpRequestParser::Status::NeedMore) {
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

void AgentConnection::send(const HttpResponse &response, bool keepAlive)
{
    m_socket->write(response.serialize(keepAlive));
}

void AgentConnection::closeAfterWriting()
{
    if (!m_closing) {
        m_closing = true;
        m_buffer.clear();
        m_timer.start(lingerAfterError);
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

void AgentConnection::armTimer()
{
    if (m_closing)
        return;
    const LocalAgentConfig &config = m_server.config();
    if (m_parser.isIdle() && m_buffer.isEmpty()) {
        m_timer.start(config.idleTimeout);
    } else if (!m_timer.isActive() || m_timer.interval() == int(config.idleTimeout.count())) {
        // The deadline of a request runs from its first byte, however slowly the rest comes.
        m_timer.start(config.requestTimeout);
    }
}

void AgentConnection::onTimeout()
{
    if (m_closing || (m_parser.isIdle() && m_buffer.isEmpty())) {
        m_socket->abort();
        finish();
        return;
    }
    const auto outcome = m_server.refuse(408, u"timeout"_s,
                                         tr("The request did not arrive whole within %1 ms; the connection is closed.")
                                             .arg(m_server.config().requestTimeout.count()),
                                         m_parser.takeRequest().head, m_source);
    send(outcome.response, false);
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
