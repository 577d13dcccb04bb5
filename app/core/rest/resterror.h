#pragma once

#include <QObject>
#include <QString>

namespace Workbench::Rest {

Q_NAMESPACE

// How a REST request ended: a closed set, each with a sentence for people (RestJob::errorString()).
enum class Error {
    None, // a 2xx answer, JSON or empty
    InsecureUrl, // plain http:// to a host that is not loopback without allowHttp, or no http(s) URL
    CannotConnect, // host not found, connection refused
    Tls, // the secure connection failed (certificate, handshake, CA bundle)
    Timeout, // no bytes moved within the connection's timeout
    Unauthorized, // 401: the token was rejected
    Forbidden, // 403: the token lacks a permission
    NotFound, // 404
    RateLimited, // 429, after the retries or when asked to wait too long
    ServerError, // 5xx, after the retries
    HttpStatus, // any other answer that is not 2xx
    NotJson, // a 2xx answer whose body is no JSON
    TooLarge, // the answer is over the connection's maxResponseBytes
    Redirect, // redirected to another origin (never followed with the token) or too often
    Cancelled, // abort()
    Network, // the connection failed otherwise (closed early, proxy, network down)
};
Q_ENUM_NS(Error)

// A stable name for machines ("unauthorized", "rate-limited"), as HttpJob::errorName() has.
QString errorName(Error error);

// A server's text as a message may show it: its first `maxLength` characters on one line, control
// characters (line breaks, terminal escapes) as spaces, trimmed.
QString oneLine(const QString &text, qsizetype maxLength);

} // namespace Workbench::Rest
