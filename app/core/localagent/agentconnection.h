#pragma once

#include "core/localagent/httprequestparser.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Workbench {

class AgentServer;
struct HttpResponse;

// One client of the local agent: reads requests as they come (pipelined or not), answers
// each, and enforces the time limits. After an error it answers, stops sending, reads and
// drops what the client still sends for a moment, and closes, so the client sees the answer
// rather than a reset connection.
class AgentConnection : public QObject
{
    Q_OBJECT
public:
    AgentConnection(QTcpSocket *socket, AgentServer &server);
    ~AgentConnection() override;

    QString source() const { return m_source; }

private:
    void onReadyRead();
    void process();
    void send(const HttpResponse &response, bool keepAlive);
    void closeAfterWriting();
    void onTimeout();
    void armTimer();
    void finish();

    QTcpSocket *m_socket;
    AgentServer &m_server;
    QString m_source;
    QByteArray m_buffer;
    HttpRequestParser m_parser;
    QTimer m_timer;
    bool m_continueSent = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace Workbench
