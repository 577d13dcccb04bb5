#pragma once

#include "core/net/requestfactory.h"
#include "core/net/tlsfailure.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>

#include <utility>

class QNetworkAccessManager;

namespace Workbench {

// One HTTP request, as a job: made with what to send, start()ed once, and ending with exactly one
// finished(), never before start() returns. abort() ends it as cancelled; destroying a running
// job aborts it without a signal. The QNetworkAccessManager is passed in and outlives the job.
class HttpJob : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None, // a 2xx answer
        HostNotFound,
        ConnectionRefused,
        TimedOut, // no bytes moved within the transfer timeout
        Tls, // the secure connection could not be made
        HttpStatus, // an answer other than 2xx: see httpStatus() and the headers
        Cancelled, // abort() was called
        TooLarge, // the answer is over the request's maxResponseBytes
        Redirect, // redirected to another origin, or too many times
        Network, // the connection failed otherwise (closed early, proxy, network down)
        Protocol, // the answer was no HTTP this program understands
    };
    Q_ENUM(Error)

    using LogCategory = const QLoggingCategory &(*)();
    using NetworkError = QNetworkReply::NetworkError;

    HttpJob(QNetworkAccessManager *network, OutgoingRequest request, QObject *parent = nullptr);
    ~HttpJob() override;

    const OutgoingRequest &request() const { return m_request; }
    // Debug output of this job (the request and how it ended) goes to this category;
    // workbench.net unless set.
    void setLogCategory(LogCategory category) { m_category = category; }

    // Sends the request. Once only.
    void start();
    // Ends a running job as Cancelled (finished() comes at once); a job not started yet ends as
    // Cancelled when it would start; a finished job stays as it is.
    void abort();

    bool isRunning() const { return !m_reply.isNull(); }
    bool isFinished() const { return m_finished; }

    Error error() const { return m_error; }
    // A sentence for people; empty when error() is None. When Tls, it names the certificate
    // and why it was refused (see tlsFailure()).
    QString errorString() const { return m_errorString; }
    // Why the secure connection was refused, and the certificate the server showed; empty
    // unless error() is Tls. TLS errors are never ignored here: a request without verification
    // says so in its own TLS configuration (QSslSocket::VerifyNone).
    const TlsFailure &tlsFailure() const { return m_tlsFailure; }
    // 0 when no answer came.
    int httpStatus() const { return m_httpStatus; }
    QString reasonPhrase() const { return m_reasonPhrase; }
    const QList<std::pair<QByteArray, QByteArray>> &responseHeaders() const { return m_responseHeaders; }
    QByteArray responseHeader(const QByteArray &name) const;
    // The answer's body; when TooLarge, the part that came before it was cut off.
    const QByteArray &responseBody() const { return m_body; }
    qint64 elapsedMs() const { return m_elapsedMs; }

    static QString errorName(Error error);
    // How Qt's report on a finished reply reads here. `aborted` says that abort() was called, which
    // Qt reports like its own transfer timeout (both as OperationCanceledError).
    static Error classify(NetworkError code, int httpStatus, bool aborted);

Q_SIGNALS:
    void finished(Workbench::HttpJob *job);

private:
    enum class Stop { None, Cancelled, TooLarge };

    void onReadyRead();
    void onMetaData();
    void onReplyFinished();
    void finish();
    void stopWith(Stop reason);
    QString describeError(QNetworkReply *reply) const;

    QNetworkAccessManager *m_network;
    OutgoingRequest m_request;
    LogCategory m_category;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    QByteArray m_body;
    QList<std::pair<QByteArray, QByteArray>> m_responseHeaders;
    TlsFailure m_tlsFailure;
    QString m_errorString;
    QString m_reasonPhrase;
    Error m_error = Error::None;
    Stop m_stop = Stop::None;
    int m_httpStatus = 0;
    qint64 m_elapsedMs = 0;
    bool m_started = false;
    bool m_starting = false;
    bool m_finished = false;
    bool m_encrypted = false; // the TLS handshake finished, or a request went out
    bool m_handshakeUnfinished = false; // an https request ended before its handshake did
    bool m_closedInHandshake = false;
};

} // namespace Workbench
