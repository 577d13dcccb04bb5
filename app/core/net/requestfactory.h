#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <climits>
#include <optional>
#include <utility>

namespace Workbench {

// What one HTTP request asks for. Every request of the application is described by one of
// these and turned into a QNetworkRequest by makeNetworkRequest(), the one place that sets the
// User-Agent, the transfer timeout, the TLS configuration and the redirect rule.
struct OutgoingRequest
{
    static constexpr std::chrono::milliseconds DefaultTimeout{30000};
    // Generous: a REST answer may be hundreds of MiB. Senders to the agent choose far less.
    static constexpr qint64 DefaultMaxResponseBytes = qint64(1024) * 1024 * 1024;

    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // No bytes moving for this long ends the request as timed out.
    std::chrono::milliseconds transferTimeout = DefaultTimeout;
    // An answer over this many bytes is cut off and the request ends as too large.
    qint64 maxResponseBytes = DefaultMaxResponseBytes;
    // The system's configuration when not set.
    std::optional<QSslConfiguration> tls;
    // Unset, a 3xx is the answer. Set, QNetworkAccessManager follows redirects to the same
    // scheme, host and port, and never one to another origin; but under load it sends the first
    // request twice now and then, so callers that must send once follow them themselves.
    bool followSameOriginRedirects = false;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// "instana-workbench/<version>".
QByteArray userAgent();

QNetworkRequest makeNetworkRequest(const OutgoingRequest &request);

// One line for debug output: method, URL without user info, and the headers, with the values of
// Authorization (and of any header that carries a token) replaced by "<redacted>".
QString describeRequest(const OutgoingRequest &request);

// Whether a header's value is a secret that output must never show.
bool isSecretHeader(const QByteArray &name);

} // namespace Workbench
