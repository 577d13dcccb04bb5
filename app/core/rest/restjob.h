#pragma once

#include "core/net/requestfactory.h"
#include "core/rest/ratelimit.h"
#include "core/rest/resterror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace Workbench {
class HttpJob;
}

namespace Workbench::Rest {

class RestClient;

// One REST request to an Instana backend, made by RestClient::request(): start()ed once, ending
// with exactly one finished(), never before start() returns. Each attempt is one HttpJob. An
// answer of 429, or of 5xx to a request that may be sent twice, is sent again after a bounded,
// growing wait that honours Retry-After, up to the client's maximum of attempts; so is a
// request that may be sent twice when the connection broke off before any answer. abort()
// ends it as Cancelled at once, also while it waits to try again.
class RestJob : public QObject
{
    Q_OBJECT
public:
    ~RestJob() override;

    QByteArray method() const { return m_request.method; }
    // The whole URL, query included; the token is never part of it.
    QUrl url() const { return m_request.url; }
    // The API path the job was made with, as the permission table knows it ("/api/...").
    QString path() const { return m_path; }

    // Whether a 2xx answer is parsed into json() (the default). When off, it is only checked to
    // be JSON text (JsonText::isJsonDocument(), or QJsonDocument's verdict where that refuses it)
    // and json() stays null: for an answer passed on as it came, which then is held once, as
    // body(), and never also as a parsed document. Set before start().
    void setParseJson(bool parse) { m_parseJson = parse; }
    bool parsesJson() const { return m_parseJson; }
    // Unset (with setParseJson(false)), the answer is not looked at at all: for a caller that
    // parses it elsewhere (in the thread pool) and says itself when it is no JSON, so that a
    // large answer is not also scanned in this thread. Set before start().
    void setCheckJson(bool check) { m_checkJson = check; }
    bool checksJson() const { return m_checkJson; }
    // The request's body, as sent.
    const QByteArray &requestBody() const { return m_request.body; }

    void start();
    void abort();

    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }

    Error error() const { return m_error; }
    // One sentence naming the request's method, origin and path; empty when error() is None.
    QString errorString() const { return m_errorString; }
    // The status of the last answer; 0 when none came.
    int httpStatus() const { return m_httpStatus; }
    // The attempts made (1 without retries; 0 when nothing was sent).
    int attempts() const { return m_attempts; }
    // The "errors" of an answer's {"errors": ["...", ...]}, as the server wrote them.
    const QStringList &serverMessages() const { return m_serverMessages; }
    // For Forbidden: the permission the endpoint needs, where the specification says it.
    QString requiredPermission() const;
    // The rate limit headers of the last answer (also of an error).
    RateLimit rateLimit() const { return m_rateLimit; }
    QByteArray responseHeader(const QByteArray &name) const;

    // The answer's body as it came.
    const QByteArray &body() const { return m_body; }
    // The body as JSON, parsed once when the answer arrived (a null document for an empty body
    // or when the answer was an error that was no JSON).
    const QJsonDocument &json() const { return m_json; }

Q_SIGNALS:
    void finished(Workbench::Rest::RestJob *job);

private:
    friend class RestClient;
    RestJob(RestClient *client, OutgoingRequest request, QString path, Error refused, QString refusal);

    void attempt();
    void send();
    void onAttemptFinished(HttpJob *job);
    bool followRedirect(const QString &what);
    void finishWith(Error error, const QString &text);
    QString target() const;
    QString withServerMessages(const QString &sentence) const;
    bool mayRepeat() const;

    QPointer<RestClient> m_client;
    OutgoingRequest m_request;
    QString m_path;
    QPointer<HttpJob> m_attemptJob;
    QTimer m_wait;
    QByteArray m_body;
    QJsonDocument m_json;
    QList<std::pair<QByteArray, QByteArray>> m_responseHeaders;
    QStringList m_serverMessages;
    RateLimit m_rateLimit;
    QString m_errorString;
    QString m_refusal;
    Error m_refused = Error::None;
    Error m_error = Error::None;
    int m_httpStatus = 0;
    int m_attempts = 0;
    int m_redirects = 0;
    bool m_started = false;
    bool m_starting = false;
    bool m_aborted = false;
    bool m_finished = false;
    bool m_parseJson = true;
    bool m_checkJson = true;
};

} // namespace Workbench::Rest
