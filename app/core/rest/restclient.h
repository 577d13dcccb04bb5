#pragma once

#include "core/net/retrypolicy.h"
#include "core/rest/connectionoptions.h"
#include "core/rest/ratelimit.h"
#include "core/rest/resterror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Workbench::Rest {

class RestJob;

// The REST client of one Instana backend: its connection options and API token, held in memory
// only. It makes one RestJob per request; each sends `authorization: apiToken <token>`,
// `Accept: application/json` and the workbench's User-Agent, follows redirects only to the same
// origin, and refuses plain http:// to a host that is not loopback unless the options allow it.
// The latest rate limit any answer told is kept and signalled.
// The URL of an API path under a base URL, as RestClient sends it: the path appended to the base
// URL's path as written ("applications;id=<id>/services" keeps its ';' and '='), a query written
// in the path kept, the items of `query` percent-encoded (a "+" is a plus sign), no fragment.
QUrl apiUrl(const QUrl &baseUrl, const QString &path, const QUrlQuery &query = {});

class RestClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxAttempts = 4;
    static constexpr std::chrono::milliseconds DefaultRetryAfterCeiling{60000};

    // `systemNetwork` is used when the options say ProxyMode::System (it must outlive the
    // client); otherwise, or when it is null, the client makes its own with the proxy set.
    RestClient(ConnectionOptions options, QString token, QNetworkAccessManager *systemNetwork = nullptr,
               QObject *parent = nullptr);
    ~RestClient() override;

    const ConnectionOptions &options() const { return m_options; }
    // Spaces and line breaks around the token are dropped; a token with a control character
    // or a character outside printable ASCII inside is never sent: its requests end with
    // Unauthorized before anything goes out.
    void setToken(QString token) { m_token = std::move(token); }

    // Attempts per request, at least 1 (DefaultMaxAttempts unless set).
    void setMaxAttempts(int attempts);
    int maxAttempts() const { return m_maxAttempts; }
    // The waits between attempts (1 s doubling to 30 s, 20% jitter, unless set).
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // A Retry-After longer than this is not waited for: the request ends with its answer.
    void setRetryAfterCeiling(std::chrono::milliseconds ceiling) { m_retryAfterCeiling = ceiling; }
    std::chrono::milliseconds retryAfterCeiling() const { return m_retryAfterCeiling; }

    // A job for `method` on `path` (appended to the base URL's path; ";" and "=" stay as they
    // are, for paths such as "applications;id=<id>/services"; a "?query" in it joins `query`).
    // Parented to the client, not started. A base URL that is refused makes a job that ends
    // with InsecureUrl when started, before anything is sent.
    RestJob *request(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                     const QByteArray &body = {});

    // The URL a request for `path` and `query` goes to.
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    // The latest rate limit an answer told; invalid before any.
    RateLimit rateLimit() const { return m_rateLimit; }

    // Whether plain http:// may go to `host` without allowHttp: loopback names and addresses.
    static bool isLoopbackHost(const QString &host);

Q_SIGNALS:
    void rateLimitChanged(const Workbench::Rest::RateLimit &rateLimit);

private:
    friend class RestJob;
    void noteRateLimit(const RateLimit &rateLimit);
    QNetworkAccessManager *network() const { return m_network; }
    // The token as sent, or nothing when it cannot be sent in a header.
    std::optional<QByteArray> headerToken() const;

    ConnectionOptions m_options;
    QString m_token;
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    QNetworkAccessManager *m_network = nullptr;
    std::optional<QSslConfiguration> m_tls;
    QString m_refusal; // why requests are refused before they go out
    Error m_refused = Error::None;
    RetryPolicy m_retryPolicy{std::chrono::seconds(1), std::chrono::seconds(30), 0.2};
    std::chrono::milliseconds m_retryAfterCeiling = DefaultRetryAfterCeiling;
    RateLimit m_rateLimit;
    int m_maxAttempts = DefaultMaxAttempts;
};

} // namespace Workbench::Rest
