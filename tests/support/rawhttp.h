#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTcpSocket>

#include <memory>
#include <utility>

namespace TestSupport {

// An HTTP/1.1 client that sends exactly the bytes it is given, for tests that must control
// the wire: replaying what curl, Ruby or PowerShell send, malformed requests, pipelining.
// Blocking; usable from any thread.
struct RawResponse
{
    bool ok = false; // a whole response arrived
    QString error; // why not
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    bool closed = false; // the server closed the connection after it

    QByteArray header(const QByteArray &name) const;
};

class RawHttpClient
{
public:
    RawHttpClient();
    ~RawHttpClient();

    bool connectTo(quint16 port, int timeoutMs = 5000);
    bool isConnected() const;
    // Writes bytes and does not wait for anything.
    bool write(const QByteArray &bytes);
    // Reads one response (skipping 100 Continue), waiting up to timeoutMs.
    RawResponse read(int timeoutMs = 10000);
    RawResponse send(const QByteArray &request, int timeoutMs = 10000);
    // True when the server closes the connection within the time.
    bool waitForClose(int timeoutMs);
    void close();

private:
    bool fill(int timeoutMs);

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_peerClosed = false;
};

// A request as a client would send it.
QByteArray postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {});

} // namespace TestSupport
