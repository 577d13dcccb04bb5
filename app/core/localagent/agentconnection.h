#pragma once

#include "core/localagent/httprequestparser.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

class QTcpSocket;

namespace Workbench {

class AgentServer;
struct HttpResponse;

// One client of the local agent: reads requests as they come (pipelined or not), answers
// each, and enforces the time limits of LocalAgentConfig (idle, head, body rate, whole request).
// After an error it answers, stops sending, reads and drops what the client still sends for a
// moment, and closes, so the client sees the answer rather than a reset connection.
class AgentConnection : public QObject
{
    Q_OBJECT
public:
    using Clock = std::chrono::steady_clock;

    AgentConnection(QTcpSocket *socket, AgentServer &server);
    ~AgentConnection() override;

    QString source() const { return m_source; }
    // Answered its last request or gave up; no longer counts against the connection limit.
    bool isClosing() const { return m_closing || m_finished; }

    // How slow a connection is that may give its place to a new client: the bytes a second of
    // its current request (0 when idle) and since when it has been in it.
    struct Slowness
    {
        double bytesPerSecond = 0;
        Clock::time_point since;
    };
    // Nothing when it is closing, younger than slowAfter in its current state, or keeps up
    // minBodyRate.
    std::optional<Slowness> slowness(Clock::time_point now) const;
    // Closes it for a new client: 408 when it is mid-request, without an answer when idle.
    void makeRoom();

private:
    enum class Limit { Idle, Request, Head, Body };

    void onReadyRead();
    void process();
    void send(const HttpResponse &response, bool keepAlive);
    void closeAfterWriting();
    void onTimeout();
    void armTimer();
    void finish();
    // When the limit that applies now runs out, and which it is.
    Clock::time_point deadline(Limit *limit) const;
    void requestTaken();

    QTcpSocket *m_socket;
    AgentServer &m_server;
    QString m_source;
    QByteArray m_buffer;
    HttpRequestParser m_parser;
    QTimer m_timer;
    Clock::time_point m_idleSince; // the connection opened, or its last request was answered
    Clock::time_point m_requestStart; // the first byte of the request under way came
    Clock::time_point m_bodyStart; // the head of the request under way was whole
    qint64 m_requestBytes = 0; // read since m_requestStart
    bool m_inRequest = false;
    bool m_inBody = false;
    bool m_continueSent = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace Workbench
