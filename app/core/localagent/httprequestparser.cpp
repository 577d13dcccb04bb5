#include "core/localagent/httprequestparser.h"

#include <QCoreApplication>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::HttpRequestParser)
};
} // namespace

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || std::strchr("()<>@,;:\\\"/[]?={}", c))
            return false;
    }
    return true;
}

// Printable ASCII for messages about what a client sent.
QString shown(const QByteArray &bytes)
{
    QString text;
    for (const char c : bytes.left(60)) {
        const auto u = static_cast<unsigned char>(c);
        text += (u >= 32 && u < 127) ? QChar(char16_t(u)) : QChar(u'?');
    }
    if (bytes.size() > 60)
        text += u'…';
    return text;
}
} // namespace

QByteArray HttpRequest::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QByteArray HttpRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection").toLower();
    if (minorVersion == 0)
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{
}

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits{})
{
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const char *rule, const QString &message)
{
    m_state = State::Error;
    m_errorStatus = status;
    m_errorRule = rule;
    m_errorMessage = message;
    return Status::Failed;
}

bool HttpRequestParser::takeLine(QByteArray &input, QByteArray *line)
{
    const qsizetype newline = input.indexOf('\n');
    const qsizetype available = newline < 0 ? input.size() : newline + 1;
    // The head is bounded as it arrives, not only when a line is complete.
    if (m_state == State::RequestLine || m_state == State::Headers || m_state == State::Trailers)
        m_headBytes += available;
    if (m_state == State::RequestLine || m_state == State::Headers)
        m_request.head.append(input.constData(), available);
    m_lineBuffer.append(input.constData(), available);
    input.remove(0, available);
    if (newline < 0)
        return false;
    *line = m_lineBuffer;
    m_lineBuffer.clear();
    line->chop(1);
    if (line->endsWith('\r'))
        line->chop(1);
    return true;
}

HttpRequestParser::Status HttpRequestParser::feed(QByteArray &input)
{
    if (m_state == State::Error)
        return Status::Failed;
    if (m_state == State::Done)
        return Status::RequestReady;

    while (!input.isEmpty() || m_state == State::Done) {
        switch (m_state) {
        case State::RequestLine:
        case State::Headers:
        case State::Trailers: {
            QByteArray line;
            const bool complete = takeLine(input, &line);
            if (m_headBytes > m_limits.maxHeadBytes) {
                return m_state == State::RequestLine
                    ? fail(414, "request-line-too-long",
                           Messages::tr("The request line is longer than %1 bytes.").arg(m_limits.maxHeadBytes))
                    : fail(431, "header-too-large",
                           Messages::tr("The request headers are larger than %1 bytes.").arg(m_limits.maxHeadBytes));
            }
            if (!complete)
                return Status::NeedMore;
            Status status = Status::NeedMore;
            if (m_state == State::RequestLine) {
                if (line.isEmpty()) { // tolerated between keep-alive requests (RFC 9112, 2.2)
                    m_request.head.clear();
                    continue;
                }
                status = parseRequestLine(line);
            } else if (m_state == State::Headers) {
                status = line.isEmpty() ? headersDone() : parseHeaderLine(line);
            } else if (line.isEmpty()) {
                m_state = State::Done;
            }
            if (status == Status::Failed)
                return status;
            break;
        }
        case State::Body: {
            const Status status = appendBody(input, m_remaining);
            if (status != Status::NeedMore || m_remaining > 0)
                return status;
            m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            QByteArray line;
            const bool complete = takeLine(input, &line);
            if ((complete ? line.size() : m_lineBuffer.size()) > 1024)
                return fail(400, "bad-chunk", Messages::tr("A chunk size line is longer than 1024 bytes."));
            if (!complete)
                return Status::NeedMore;
            const qsizetype extension = line.indexOf(';');
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = false;
            const qlonglong size = digits.size() <= 8 ? digits.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return fail(400, "bad-chunk", Messages::tr("\"%1\" is not a chunk size.").arg(shown(line)));
            if (m_request.body.size() + size > m_limits.maxBodyBytes)
                return fail(
                    413, "body-too-large",
                    Messages::tr("The chunked body grows beyond %1 bytes (4 MiB), the agent's limit for a request.")
                        .arg(m_limits.maxBodyBytes));
            m_remaining = qsizetype(size);
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            m_headBytes = 0;
            break;
        }
        case State::ChunkData: {
            const Status status = appendBody(input, m_remaining);
            if (status != Status::NeedMore)
                return status;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            QByteArray line;
            if (!takeLine(input, &line))
                return m_lineBuffer.size() > 2
                    ? fail(400, "bad-chunk", Messages::tr("A chunk is longer than its size says."))
                    : Status::NeedMore;
            if (!line.isEmpty())
                return fail(400, "bad-chunk", Messages::tr("A chunk is longer than its size says."));
            m_state = State::ChunkSize;
            break;
        }
        case State::Done:
            return Status::RequestReady;
        case State::Error:
            return Status::Failed;
        }
    }
    return m_state == State::Done ? Status::RequestReady : Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty())
        return fail(400, "bad-request-line", Messages::tr("\"%1\" is not an HTTP request line.").arg(shown(line)));
    const QByteArray &version = parts.at(2);
    if (version == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_request.minorVersion = 0;
    else if (version.startsWith("HTTP/"))
        return fail(505, "http-version",
                    Messages::tr("%1 is not supported; the agent speaks HTTP/1.1.").arg(shown(version)));
    else
        return fail(400, "bad-request-line", Messages::tr("\"%1\" is not an HTTP request line.").arg(shown(line)));
    m_request.method = parts.at(0);
    m_request.target = parts.at(1);
    m_state = State::Headers;
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(400, "bad-header", Messages::tr("Folded header lines are not allowed."));
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon).toLower() : QByteArray();
    if (!isToken(name))
        return fail(400, "bad-header", Messages::tr("\"%1\" is not a header line.").arg(shown(line)));
    if (m_request.headers.size() >= 200)
        return fail(431, "header-too-large", Messages::tr("More than 200 header lines."));
    m_request.headers.append({name, line.mid(colon + 1).trimmed()});
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::headersDone()
{
    QByteArray contentLength;
    int contentLengths = 0;
    QByteArray transferEncoding;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name == "content-length") {
            if (contentLengths++ && value != contentLength)
                return fail(400, "bad-content-length", Messages::tr("Two different Content-Length headers."));
            contentLength = value;
        } else if (name == "transfer-encoding") {
            transferEncoding = value.toLower();
        } else if (name == "expect") {
            m_expectContinue = value.toLower() == "100-continue";
        }
    }
    if (!transferEncoding.isEmpty()) {
        if (transferEncoding != "chunked")
            return fail(501, "transfer-encoding",
                        Messages::tr("Transfer-Encoding \"%1\" is not supported; send chunked or a Content-Length.")
                            .arg(shown(transferEncoding)));
        if (contentLengths)
            return fail(400, "bad-content-length",
                        Messages::tr("Content-Length and chunked Transfer-Encoding together."));
        m_state = State::ChunkSize;
        m_headBytes = 0;
        return Status::NeedMore;
    }
    qlonglong length = 0;
    if (contentLengths) {
        bool ok = !contentLength.isEmpty() && contentLength.size() <= 18;
        for (const char c : contentLength)
            ok = ok && c >= '0' && c <= '9';
        length = ok ? contentLength.toLongLong(&ok) : -1;
        if (!ok)
            return fail(400, "bad-content-length",
                        Messages::tr("\"%1\" is not a Content-Length.").arg(shown(contentLength)));
    }
    if (length > m_limits.maxBodyBytes)
        return fail(413, "body-too-large",
                    Messages::tr("The body is %1 bytes; the agent takes at most %2 bytes (4 MiB) in one request.")
                        .arg(length)
                        .arg(m_limits.maxBodyBytes));
    m_remaining = qsizetype(length);
    m_request.body.reserve(m_remaining);
    m_state = m_remaining > 0 ? State::Body : State::Done;
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::appendBody(QByteArray &input, qsizetype wanted)
{
    const qsizetype take = std::min(wanted, input.size());
    m_request.body.append(input.constData(), take);
    input.remove(0, take);
    m_remaining -= take;
    return Status::NeedMore;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_state = State::RequestLine;
    m_lineBuffer.clear();
    m_headBytes = 0;
    m_remaining = 0;
    m_expectContinue = false;
    return request;
}

} // namespace Workbench
