#include "core/net/httpjob.h"

#include "core/logging/logging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QSslError>

using namespace Qt::StringLiterals;

namespace Workbench {

HttpJob::HttpJob(QNetworkAccessManager *network, OutgoingRequest request, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_request(std::move(request))
    , m_category(&lcNet)
{
}

HttpJob::~HttpJob()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QByteArray HttpJob::responseHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_responseHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void HttpJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    if (m_stop == Stop::Cancelled) {
        // Aborted before it began: nothing goes out, and finished() still comes later.
        QMetaObject::invokeMethod(this, &HttpJob::finish, Qt::QueuedConnection);
        return;
    }
    qCDebug(m_category) << "start" << qUtf8Printable(describeRequest(m_request));
    const QNetworkRequest request = makeNetworkRequest(m_request);
    const QByteArray &method = m_request.method;
    m_starting = true;
    QNetworkReply *reply = nullptr;
    if (method == "GET" && m_request.body.isEmpty())
        reply = m_network->get(request);
    else if (method == "HEAD")
        reply = m_network->head(request);
    else if (method == "POST")
        reply = m_network->post(request, m_request.body);
    else if (method == "PUT")
        reply = m_network->put(request, m_request.body);
    else if (method == "DELETE" && m_request.body.isEmpty())
        reply = m_network->deleteResource(request);
    else
        reply = m_network->sendCustomRequest(request, method, m_request.body);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpJob::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    // Kept, never ignored: the handshake then fails, and nothing of the request is sent.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        m_tlsFailure = TlsFailure::fromErrors(reply->sslConfiguration().peerCertificate(), errors);
    });
    // The handshake is over once it succeeds, or once a request goes out (on a connection kept
    // open from before, there is no handshake to tell of).
    connect(reply, &QNetworkReply::encrypted, this, [this] { m_encrypted = true; });
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_encrypted = true; });
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    m_starting = false;
    if (reply->isFinished())
        QMetaObject::invokeMethod(this, &HttpJob::onReplyFinished, Qt::QueuedConnection);
}

void HttpJob::abort()
{
    if (m_finished || m_stop != Stop::None)
        return;
    stopWith(Stop::Cancelled);
}

void HttpJob::stopWith(Stop reason)
{
    // Set before abort(): Qt reports an abort and its own transfer timeout alike.
    m_stop = reason;
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
}

void HttpJob::onMetaData()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_stop != Stop::None)
        return;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_request.maxResponseBytes)
        stopWith(Stop::TooLarge);
}

void HttpJob::onReadyRead()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_stop != Stop::None)
        return;
    const qint64 room = m_request.maxResponseBytes - m_body.size();
    // What has arrived, and one byte past the room to see the ceiling passed: asking for the
    // whole room would make Qt reserve that much (up to the 1 GiB default) at every read.
    const qint64 wanted = std::min(std::max<qint64>(0, room) + 1, std::max<qint64>(reply->bytesAvailable(), 1));
    const QByteArray chunk = reply->read(wanted);
    if (chunk.size() > room) {
        m_body.append(chunk.left(qsizetype(std::max<qint64>(0, room))));
        stopWith(Stop::TooLarge);
        return;
    }
    m_body.append(chunk);
}

void HttpJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_finished)
        return;
    if (m_starting) {
        QMetaObject::invokeMethod(this, &HttpJob::onReplyFinished, Qt::QueuedConnection);
        return;
    }
    if (m_stop == Stop::None && reply->isOpen())
        onReadyRead();
    m_reply.clear();
    reply->disconnect(this);
    reply->deleteLater();

    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QList<QNetworkReply::RawHeaderPair> &headers = reply->rawHeaderPairs();
    m_responseHeaders.reserve(headers.size());
    for (const auto &[name, value] : headers)
        m_responseHeaders.append({name, value});

    if (m_stop == Stop::Cancelled)
        m_error = Error::Cancelled;
    else if (m_stop == Stop::TooLarge)
        m_error = Error::TooLarge;
    else
        m_error = classify(reply->error(), m_httpStatus, false);
    m_handshakeUnfinished = m_request.url.scheme() == u"https"_s && !m_encrypted && m_httpStatus == 0;
    if (m_error == Error::Network && m_handshakeUnfinished && reply->error() == QNetworkReply::RemoteHostClosedError) {
        // The server took the connection and closed it before the secure connection was made.
        m_error = Error::Tls;
        m_closedInHandshake = true;
    }
    if (m_error == Error::Tls && m_tlsFailure.isEmpty())
        m_tlsFailure = TlsFailure::fromErrors(reply->sslConfiguration().peerCertificate(), {});
    else if (m_error != Error::Tls)
        m_tlsFailure = {};
    m_errorString = describeError(reply);
    finish();
}

void HttpJob::finish()
{
    if (m_finished)
        return;
    if (m_stop == Stop::Cancelled && m_error == Error::None) {
        m_error = Error::Cancelled;
        m_errorString = describeError(nullptr);
    }
    m_finished = true;
    m_elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    qCDebug(m_category) << m_request.method << m_request.url.toString(QUrl::RemoveUserInfo) << "->"
                        << errorName(m_error) << m_httpStatus << m_body.size() << "bytes in" << m_elapsedMs << "ms"
                        << m_errorString;
    Q_EMIT finished(this);
}

HttpJob::Error HttpJob::classify(NetworkError code, int httpStatus, bool aborted)
{
    using E = QNetworkReply::NetworkError;
    if (aborted)
        return Error::Cancelled;
    // An HTTP answer came: the status decides, unless the transfer broke off after it.
    // Qt reports an answer's 4xx and 5xx as content, protocol or server errors.
    const bool answerError = code == E::NoError || code >= E::ContentAccessDenied;
    if (httpStatus > 0 && answerError)
        return httpStatus >= 200 && httpStatus < 300 ? Error::None : Error::HttpStatus;
    switch (code) {
    case E::NoError:
        return Error::None;
    case E::HostNotFoundError:
        return Error::HostNotFound;
    case E::ConnectionRefusedError:
        return Error::ConnectionRefused;
    case E::TimeoutError:
    case E::OperationCanceledError: // Qt's transfer timeout; an abort() was handled above
        return Error::TimedOut;
    case E::SslHandshakeFailedError:
        return Error::Tls;
    case E::TooManyRedirectsError:
    case E::InsecureRedirectError:
        return Error::Redirect;
    case E::ProtocolUnknownError:
    case E::ProtocolInvalidOperationError:
    case E::ProtocolFailure:
        return Error::Protocol;
    default:
        break;
    }
    if (code >= E::ContentAccessDenied && code <= E::UnknownServerError)
        return Error::Protocol; // content or server errors without a status
    return Error::Network;
}

QString HttpJob::errorName(Error error)
{
    switch (error) {
    case Error::None:
        return u"none"_s;
    case Error::HostNotFound:
        return u"host-not-found"_s;
    case Error::ConnectionRefused:
        return u"connection-refused"_s;
    case Error::TimedOut:
        return u"timed-out"_s;
    case Error::Tls:
        return u"tls"_s;
    case Error::HttpStatus:
        return u"http-status"_s;
    case Error::Cancelled:
        return u"cancelled"_s;
    case Error::TooLarge:
        return u"too-large"_s;
    case Error::Redirect:
        return u"redirect"_s;
    case Error::Network:
        return u"network"_s;
    case Error::Protocol:
        return u"protocol"_s;
    }
    return {};
}

QString HttpJob::describeError(QNetworkReply *reply) const
{
    const QString host = m_request.url.host();
    const int port = m_request.url.port(m_request.url.scheme() == u"https"_s ? 443 : 80);
    const QString qtText = reply ? reply->errorString() : QString();
    switch (m_error) {
    case Error::None:
        return {};
    case Error::HostNotFound:
        return tr("The host %1 was not found.").arg(host);
    case Error::ConnectionRefused:
        return tr("Connection refused: nothing takes connections at %1 port %2.").arg(host).arg(port);
    case Error::TimedOut:
        if (m_handshakeUnfinished)
            return tr("No secure connection to %1 port %2 within %3 ms: the TLS handshake did not finish (is the "
                      "server reachable, and does it speak TLS on this port?).")
                .arg(host)
                .arg(port)
                .arg(qlonglong(m_request.transferTimeout.count()));
        return tr("No answer within %1 ms.").arg(qlonglong(m_request.transferTimeout.count()));
    case Error::Tls:
        if (m_closedInHandshake)
            return tr("The server at %1 port %2 closed the connection during the secure handshake: it may not speak "
                      "TLS on this port, or it refused this client.")
                .arg(host)
                .arg(port);
        if (m_tlsFailure.isEmpty())
            return tr("The secure connection to %1 port %2 failed before the server showed a certificate (%3): the "
                      "server may not speak TLS on this port (a plain HTTP server is reached with http://).")
                .arg(host)
                .arg(port)
                .arg(qtText);
        return m_tlsFailure.describe(host, qtText, QDateTime::currentDateTimeUtc());
    case Error::HttpStatus:
        return m_reasonPhrase.isEmpty() ? tr("The server answered HTTP %1.").arg(m_httpStatus)
                                        : tr("The server answered HTTP %1 %2.").arg(m_httpStatus).arg(m_reasonPhrase);
    case Error::Cancelled:
        return tr("Cancelled.");
    case Error::TooLarge:
        return tr("The answer is larger than the %1 bytes this request takes.")
            .arg(qlonglong(m_request.maxResponseBytes));
    case Error::Redirect:
        return tr("The server sent the request elsewhere, which is not followed: %1.").arg(qtText);
    case Error::Network:
        return tr("The connection to %1 failed: %2.").arg(host, qtText);
    case Error::Protocol:
        return tr("The answer from %1 was not understood: %2.").arg(host, qtText);
    }
    return {};
}

} // namespace Workbench
