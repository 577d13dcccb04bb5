#include "tests/support/rawhttp.h"

#include <QDeadlineTimer>

namespace TestSupport {

QByteArray RawResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

RawHttpClient::RawHttpClient() = default;
RawHttpClient::~RawHttpClient() = default;

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket = std::make_unique<QTcpSocket>();
    m_buffer.clear();
    m_peerClosed = false;
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    return m_socket->waitForConnected(timeoutMs);
}

bool RawHttpClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_peerClosed;
}

bool RawHttpClient::write(const QByteArray &bytes)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = m_socket->write(bytes.constData() + written, bytes.size() - written);
        if (n < 0)
            return false;
        written += n;
        while (m_socket->bytesToWrite() > 0) {
            if (!m_socket->waitForBytesWritten(10000))
                return m_socket->bytesToWrite() == 0;
        }
    }
    return true;
}

bool RawHttpClient::fill(int timeoutMs)
{
    if (m_peerClosed || !m_socket)
        return false;
    if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(timeoutMs)) {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            m_peerClosed = true;
        m_buffer += m_socket->readAll();
        return false;
    }
    m_buffer += m_socket->readAll();
    return true;
}

RawResponse RawHttpClient::read(int timeoutMs)
{
    RawResponse response;
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        while (headEnd < 0) {
            if (!fill(int(deadline.remainingTime())) && m_buffer.indexOf("\r\n\r\n") < 0) {
                response.error = m_peerClosed ? QStringLiteral("connection closed before a response")
                                              : QStringLiteral("no response in time");
                response.closed = m_peerClosed;
                return response;
            }
            headEnd = m_buffer.indexOf("\r\n\r\n");
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        m_buffer.remove(0, headEnd + 4);
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        response.status = statusLine.value(1).toInt();
        response.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                response.headers.append(
                    {lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
        }
        if (response.status == 100)
            continue;
        const qsizetype length = response.header("content-length").toLongLong();
        while (m_buffer.size() < length) {
            if (!fill(int(deadline.remainingTime())) && m_buffer.size() < length) {
                response.error = QStringLiteral("body cut short");
                return response;
            }
        }
        response.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        response.ok = true;
        if (response.header("connection").toLower() == "close")
            response.closed = waitForClose(2000);
        return response;
    }
}

RawResponse RawHttpClient::send(const QByteArray &request, int timeoutMs)
{
    if (!write(request)) {
        RawResponse response;
        response.error = QStringLiteral("could not write the request");
        return response;
    }
    return read(timeoutMs);
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_peerClosed && !deadline.hasExpired()) {
        if (m_socket->state() != QAbstractSocket::ConnectedState) {
            m_peerClosed = true;
            break;
        }
        if (!m_socket->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            m_peerClosed = m_socket->state() != QAbstractSocket::ConnectedState;
        m_buffer += m_socket->readAll();
    }
    return m_peerClosed;
}

void RawHttpClient::close()
{
    if (m_socket)
        m_socket->abort();
}

QByteArray postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders)
{
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace TestSupport
