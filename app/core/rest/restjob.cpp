#include "core/rest/restjob.h"

#include "core/json/jsontext.h"
#include "core/logging/logging.h"
#include "core/net/httpjob.h"
#include "core/net/retrypolicy.h"
#include "core/rest/endpointpermissions.h"
#include "core/rest/restclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Workbench::Rest {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Rest::RestJob)
};

// Only error bodies this small are read for their messages.
constexpr qsizetype MaxErrorBodyBytes = 1024 * 1024;
// Of the messages, this many are shown, each up to this many characters.
constexpr qsizetype MaxShownMessages = 10;
constexpr qsizetype MaxShownMessageLength = 500;
// Same-origin redirects followed for one request, as curl's and browsers' order of magnitude.
constexpr int MaxRedirects = 5;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort
        = [](const QUrl &url) { return url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80; };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

QStringList errorMessages(const QByteArray &body)
{
    if (body.isEmpty() || body.size() > MaxErrorBodyBytes)
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue errors = document.object().value(u"errors"_s);
    QStringList messages;
    const QJsonArray array = errors.toArray();
    for (const auto &value : array) {
        if (value.isString())
            messages.append(value.toString());
    }
    return messages;
}

bool isBlank(const QByteArray &body)
{
    return std::all_of(body.cbegin(), body.cend(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

} // namespace

RestJob::RestJob(RestClient *client, OutgoingRequest request, QString path, Error refused, QString refusal)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_path(std::move(path))
    , m_refusal(std::move(refusal))
    , m_refused(refused)
{
    m_wait.setSingleShot(true);
    // Precise: Retry-After is a time the server asks not to be called before.
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, &RestJob::attempt);
}

RestJob::~RestJob()
{
    delete m_attemptJob.data(); // aborts it without a signal
}

QByteArray RestJob::responseHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_responseHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString RestJob::requiredPermission() const
{
    return Rest::requiredPermission(m_request.method, m_path);
}

void RestJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_aborted || m_refused != Error::None) {
        // Nothing goes out; finished() still comes after start() returns.
        const Error error = m_aborted ? Error::Cancelled : m_refused;
        const QString text = m_aborted ? Messages::tr("Cancelled.") : m_refusal;
        QMetaObject::invokeMethod(
            this, [this, error, text] { finishWith(error, text); }, Qt::QueuedConnection);
        return;
    }
    attempt();
}

void RestJob::abort()
{
    if (m_finished || m_aborted)
        return;
    m_aborted = true;
    if (!m_started)
        return; // ends as Cancelled when started
    m_wait.stop();
    if (HttpJob *job = m_attemptJob.data())
        job->abort(); // its finished() comes at once and ends this job
    if (!m_finished)
        finishWith(Error::Cancelled, Messages::tr("Cancelled."));
}

void RestJob::attempt()
{
    if (m_finished || m_aborted || !m_client)
        return;
    ++m_attempts;
    qCDebug(lcRest) << m_request.method << m_request.url.toString(QUrl::RemoveUserInfo) << "attempt" << m_attempts
                    << "of" << m_client->maxAttempts();
    send();
}

// Redirects are followed here, not by QNetworkAccessManager, which under load sends a
// redirected request twice; and a repeated POST is no harmless thing.
void RestJob::send()
{
    auto *job = new HttpJob(m_client->network(), m_request, this);
    job->setLogCategory(&lcRest);
    connect(job, &HttpJob::finished, this, &RestJob::onAttemptFinished);
    m_attemptJob = job;
    job->start();
}

// True when the redirect is followed; finishes the job when it is refused. False leaves a 3xx
// without a Location to be reported as any other status.
bool RestJob::followRedirect(const QString &what)
{
    const QByteArray location = responseHeader("Location");
    if (location.isEmpty())
        return false;
    const QUrl to = m_request.url.resolved(QUrl::fromEncoded(location));
    if (!to.isValid() || !sameOrigin(m_request.url, to)) {
        finishWith(Error::Redirect,
                   Messages::tr("%1 was redirected to %2, another origin, where the API token is not "
                                "sent.")
                       .arg(what, to.toString(QUrl::RemoveUserInfo)));
        return false;
    }
    if (m_redirects >= MaxRedirects) {
        finishWith(Error::Redirect,
                   Messages::tr("%1 was redirected more than %2 times; the last redirect pointed to %3.")
                       .arg(what)
                       .arg(MaxRedirects)
                       .arg(to.toString(QUrl::RemoveUserInfo)));
        return false;
    }
    const bool keepsMethod = m_httpStatus == 307 || m_httpStatus == 308;
    const bool reads = m_request.method == "GET" || m_request.method == "HEAD";
    if (!reads && !keepsMethod) {
        // 301, 302 and 303 turn a request into a GET; a changed request is not what was asked.
        finishWith(Error::Redirect,
                   Messages::tr("%1 answered %2 with a redirect to %3; only 307 and 308 keep the method %4, "
                                "so it is not sent again.")
                       .arg(what)
                       .arg(m_httpStatus)
                       .arg(to.toString(QUrl::RemoveUserInfo), QString::fromLatin1(m_request.method)));
        return false;
    }
    ++m_redirects;
    qCDebug(lcRest) << "HTTP" << m_httpStatus << "- following the redirect to" << to.toString(QUrl::RemoveUserInfo);
    m_request.url = to;
    send();
    return true;
}

bool RestJob::mayRepeat() const
{
    const QByteArray &method = m_request.method;
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

QString RestJob::target() const
{
    return QString::fromLatin1(m_request.method) + u' '
        + m_request.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

QString RestJob::withServerMessages(const QString &sentence) const
{
    if (m_serverMessages.isEmpty())
        return sentence;
    QStringList shown;
    for (const QString &message : m_serverMessages.mid(0, MaxShownMessages))
        shown.append(oneLine(message, MaxShownMessageLength));
    return sentence + u' ' + Messages::tr("The server said: %1").arg(shown.join(u"; "_s));
}

void RestJob::onAttemptFinished(HttpJob *job)
{
    if (job != m_attemptJob.data() || m_finished)
        return;
    m_attemptJob.clear();
    job->deleteLater();

    m_httpStatus = job->httpStatus();
    m_responseHeaders = job->responseHeaders();
    m_body = job->responseBody();
    m_rateLimit = RateLimit::fromHeaders(m_responseHeaders);
    if (m_client)
        m_client->noteRateLimit(m_rateLimit);
    m_serverMessages = job->error() == HttpJob::Error::HttpStatus ? errorMessages(m_body) : QStringList();

    const QString what = target();
    // Taken once, so that each check below and the use it guards read the same pointer.
    const RestClient *const client = m_client.data();
    const int maxAttempts = client ? client->maxAttempts() : 1;
    switch (job->error()) {
    case HttpJob::Error::None: {
        if (isBlank(m_body)) {
            finishWith(Error::None, {});
            return;
        }
        if (!m_parseJson && (!m_checkJson || JsonText::isJsonDocument(m_body))) {
            finishWith(Error::None, {});
            return;
        }
        QJsonParseError parseError{};
        m_json = QJsonDocument::fromJson(m_body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            m_json = QJsonDocument();
            finishWith(Error::NotJson,
                       Messages::tr("The answer to %1 is no JSON: %2 at byte %3.")
                           .arg(what, parseError.errorString())
                           .arg(parseError.offset));
            return;
        }
        if (!m_parseJson)
            m_json = QJsonDocument(); // JSON that only QJsonDocument accepts: taken, not kept
        finishWith(Error::None, {});
        return;
    }
    case HttpJob::Error::Cancelled:
        finishWith(Error::Cancelled, Messages::tr("Cancelled."));
        return;
    case HttpJob::Error::HostNotFound:
        finishWith(Error::CannotConnect,
                   Messages::tr("Cannot connect for %1: the host %2 was not found.").arg(what, m_request.url.host()));
        return;
    case HttpJob::Error::ConnectionRefused:
        finishWith(Error::CannotConnect,
                   Messages::tr("Cannot connect for %1: nothing takes connections at %2 port %3.")
                       .arg(what, m_request.url.host())
                       .arg(m_request.url.port(m_request.url.scheme() == u"https"_s ? 443 : 80)));
        return;
    case HttpJob::Error::TimedOut:
        finishWith(Error::Timeout,
                   Messages::tr("No answer to %1 within %2 ms; the connection's timeout allows a longer "
                                "wait.")
                       .arg(what)
                       .arg(qlonglong(m_request.transferTimeout.count())));
        return;
    case HttpJob::Error::Tls:
        finishWith(Error::Tls, Messages::tr("%1: %2").arg(what, job->errorString()));
        return;
    case HttpJob::Error::TooLarge:
        finishWith(Error::TooLarge,
                   Messages::tr("The answer to %1 is larger than the ceiling of %2 bytes; the "
                                "connection's largest answer size raises it.")
                       .arg(what, QLocale::c().toString(qlonglong(m_request.maxResponseBytes))));
        return;
    case HttpJob::Error::Redirect: {
        const QByteArray location = job->responseHeader("Location");
        if (location.isEmpty()) {
            finishWith(Error::Redirect, Messages::tr("%1: %2").arg(what, job->errorString()));
            return;
        }
        const QUrl to = m_request.url.resolved(QUrl::fromEncoded(location));
        finishWith(Error::Redirect,
                   Messages::tr("%1 was redirected to %2, another origin, where the API token is not "
                                "sent.")
                       .arg(what, to.toString(QUrl::RemoveUserInfo)));
        return;
    }
    case HttpJob::Error::Network:
    case HttpJob::Error::Protocol:
        // Broken off before any answer: worth another try when sending twice does no harm.
        if (m_httpStatus == 0 && mayRepeat() && m_attempts < maxAttempts && client) {
            const qint64 wait = client->retryPolicy().delayMs(m_attempts);
            qCDebug(lcRest) << "connection failed:" << job->errorString() << "- trying again in" << wait << "ms";
            m_wait.start(std::chrono::milliseconds(wait));
            return;
        }
        finishWith(Error::Network, Messages::tr("%1: %2").arg(what, job->errorString()));
        return;
    case HttpJob::Error::HttpStatus:
        if (isRedirect(m_httpStatus) && followRedirect(what))
            return;
        if (m_finished)
            return;
        break;
    }

    const int status = m_httpStatus;
    const bool limited = status == 429;
    const bool serverFailed = status >= 500 && status <= 599;
    const bool retryable
        = limited || (serverFailed && (mayRepeat() || status == 502 || status == 503 || status == 504));
    if (retryable && client) {
        const std::optional<qint64> retryAfter = parseRetryAfter(responseHeader("Retry-After"));
        const qint64 ceiling = client->retryAfterCeiling().count();
        if (retryAfter && *retryAfter > ceiling) {
            const QString sentence = Messages::tr("%1 answered HTTP %2 and asked to wait %3 s before trying again, "
                                                  "longer than the %4 s this client waits.")
                                         .arg(what)
                                         .arg(status)
                                         .arg(qlonglong((*retryAfter + 999) / 1000))
                                         .arg(qlonglong(ceiling / 1000));
            finishWith(limited ? Error::RateLimited : Error::ServerError, withServerMessages(sentence));
            return;
        }
        if (m_attempts < maxAttempts) {
            const qint64 wait = std::max(client->retryPolicy().delayMs(m_attempts), retryAfter.value_or(0));
            qCDebug(lcRest) << "HTTP" << status << "- trying again in" << wait << "ms";
            m_wait.start(std::chrono::milliseconds(wait));
            return;
        }
    }

    const QString reason = job->reasonPhrase();
    QString sentence;
    Error error = Error::HttpStatus;
    if (status == 401) {
        error = Error::Unauthorized;
        sentence = Messages::tr("%1 answered 401: the API token was rejected.").arg(what);
    } else if (status == 403) {
        error = Error::Forbidden;
        const QString permission = requiredPermission();
        sentence = permission.isEmpty()
            ? Messages::tr("%1 answered 403: the API token's permissions do not allow this request.").arg(what)
            : Messages::tr("%1 answered 403: the endpoint needs the permission %2, which the API token does not have.")
                  .arg(what, permission);
    } else if (status == 404) {
        error = Error::NotFound;
        sentence = Messages::tr("%1 answered 404: there is no such endpoint or object.").arg(what);
    } else if (limited) {
        error = Error::RateLimited;
        const bool concurrency = std::any_of(m_serverMessages.cbegin(), m_serverMessages.cend(), [](const QString &m) {
            return m.contains(u"concurrent"_s, Qt::CaseInsensitive);
        });
        if (concurrency)
            sentence = Messages::tr("%1 answered 429 after %n attempt(s): too many requests at the same time for "
                                    "the backend's concurrency limit.",
                                    nullptr, m_attempts)
                           .arg(what);
        else if (m_rateLimit.resetAt.isValid())
            sentence = Messages::tr("%1 answered 429 after %n attempt(s): the API token's rate limit is used up until "
                                    "%2.",
                                    nullptr, m_attempts)
                           .arg(what, m_rateLimit.resetAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        else
            sentence = Messages::tr("%1 answered 429 after %n attempt(s): the API token's rate limit is used up.",
                                    nullptr, m_attempts)
                           .arg(what);
    } else if (serverFailed) {
        error = Error::ServerError;
        sentence = Messages::tr("%1 answered HTTP %2 after %n attempt(s): the server failed.", nullptr, m_attempts)
                       .arg(what)
                       .arg(status);
    } else {
        sentence = reason.isEmpty() ? Messages::tr("%1 answered HTTP %2.").arg(what).arg(status)
                                    : Messages::tr("%1 answered HTTP %2 %3.").arg(what).arg(status).arg(reason);
    }
    finishWith(error, withServerMessages(sentence));
}

void RestJob::finishWith(Error error, const QString &text)
{
    if (m_finished)
        return;
    m_wait.stop();
    m_error = error;
    m_errorString = text;
    m_finished = true;
    qCDebug(lcRest) << m_request.method << m_request.url.toString(QUrl::RemoveUserInfo) << "->" << errorName(error)
                    << m_httpStatus << m_body.size() << "bytes," << m_attempts << "attempt(s)";
    Q_EMIT finished(this);
}

} // namespace Workbench::Rest
