#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace Workbench {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query
    int minorVersion = 1; // HTTP/1.x
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case, values trimmed
    QByteArray body; // decoded: chunked bodies arrive here in one piece
    QByteArray head; // request line and headers as received, for people to look at

    QByteArray header(const QByteArray &lowerCaseName) const;
    QByteArray path() const; // target without query
    // HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0 closes unless
    // "Connection: keep-alive".
    bool keepAlive() const;
};

// Reads HTTP/1.0 and 1.1 requests from a byte stream, one after the other, with hard limits,
// so that no input can make it use more memory than the limits allow or loop without end.
// Content-Length and chunked bodies are both understood.
class HttpRequestParser
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 64 * 1024;
        qsizetype maxBodyBytes = 4 * 1024 * 1024;
    };

    enum class Status {
        NeedMore, // feed more bytes
        RequestReady, // takeRequest()
        Failed, // errorStatus() and errorMessage() say why; the connection should close
    };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser();

    // Consumes what it can from the front of `input` and says where it stands.
    Status feed(QByteArray &input);
    HttpRequest takeRequest();

    // True once the head of a request is complete and it waits for a body: time for a
    // "100 Continue" when the client asked for one (see expectsContinue()).
    bool isReadingBody() const { return m_state >= State::Body && m_state < State::Done; }
    bool expectsContinue() const { return m_expectContinue; }
    // The body received so far of the request being read (decoded, for chunked bodies).
    qsizetype bodySize() const { return m_request.body.size(); }
    // True when nothing of a next request has arrived yet: an idle keep-alive connection.
    bool isIdle() const { return m_state == State::RequestLine && m_lineBuffer.isEmpty(); }

    int errorStatus() const { return m_errorStatus; }
    QByteArray errorRule() const { return m_errorRule; }
    QString errorMessage() const { return m_errorMessage; }

private:
    enum class State {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done,
        Error,
    };

    Status fail(int status, const char *rule, const QString &message);
    // Takes one line (up to LF) into *line, without CR LF; false when no full line yet.
    bool takeLine(QByteArray &input, QByteArray *line);
    Status parseRequestLine(const QByteArray &line);
    Status parseHeaderLine(const QByteArray &line);
    Status headersDone();
    Status appendBody(QByteArray &input, qsizetype wanted);

    Limits m_limits;
    State m_state = State::RequestLine;
    HttpRequest m_request;
    QByteArray m_lineBuffer;
    qsizetype m_headBytes = 0;
    qsizetype m_remaining = 0; // of the body or of the current chunk
    bool m_expectContinue = false;
    int m_errorStatus = 0;
    QByteArray m_errorRule;
    QString m_errorMessage;
};

} // namespace Workbench
