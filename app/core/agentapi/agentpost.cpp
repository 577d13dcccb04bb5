#include "core/agentapi/agentpost.h"

#include "core/net/retrypolicy.h"

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QString firstLine(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text.append(u'…');
    return text;
}
} // namespace

QString AgentOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Delivered:
        return u"delivered"_s;
    case Kind::Rejected:
        return u"rejected"_s;
    case Kind::Retryable:
        return u"retryable"_s;
    case Kind::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString AgentOutcome::summary() const
{
    switch (kind) {
    case Kind::Delivered:
        return tr("HTTP %1 in %2 ms").arg(httpStatus).arg(elapsedMs);
    case Kind::Rejected:
        return tr("refused with HTTP %1 after %2 ms: %3").arg(httpStatus).arg(elapsedMs).arg(error);
    case Kind::Retryable:
        return httpStatus > 0 ? tr("HTTP %1 after %2 ms: %3").arg(httpStatus).arg(elapsedMs).arg(error)
                              : tr("%1 (after %2 ms)").arg(error).arg(elapsedMs);
    case Kind::Cancelled:
        return tr("cancelled after %1 ms").arg(elapsedMs);
    }
    return {};
}

AgentOutcome::Kind agentStatusKind(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return AgentOutcome::Kind::Delivered;
    if (httpStatus == 429 || httpStatus >= 500)
        return AgentOutcome::Kind::Retryable;
    return AgentOutcome::Kind::Rejected;
}

namespace AgentPost {

OutgoingRequest request(const QUrl &url, const QByteArray &json, std::chrono::milliseconds timeout)
{
    OutgoingRequest request;
    request.method = "POST";
    request.url = url;
    request.setHeader("Content-Type", "application/json");
    request.body = json;
    request.transferTimeout = timeout;
    request.maxResponseBytes = MaxAnswerBytes;
    request.followSameOriginRedirects = false;
    return request;
}

HttpJob *job(QNetworkAccessManager *network, const QUrl &url, const QByteArray &json, std::chrono::milliseconds timeout,
             QObject *parent, HttpJob::LogCategory category)
{
    auto *job = new HttpJob(network, request(url, json, timeout), parent);
    job->setLogCategory(category);
    return job;
}

HttpJob *post(QNetworkAccessManager *network, const QUrl &url, const QByteArray &json,
              std::chrono::milliseconds timeout, QObject *parent, HttpJob::LogCategory category,
              std::function<void(const AgentOutcome &)> done)
{
    HttpJob *started = job(network, url, json, timeout, parent, category);
    QObject::connect(started, &HttpJob::finished, parent, [done = std::move(done)](HttpJob *finished) {
        finished->deleteLater();
        done(outcome(*finished));
    });
    started->start();
    return started;
}

AgentOutcome outcome(const HttpJob &job)
{
    AgentOutcome outcome;
    outcome.elapsedMs = job.elapsedMs();
    outcome.responseBody = job.responseBody().left(MaxResponseBytes);
    outcome.httpStatus = job.httpStatus();
    switch (job.error()) {
    case HttpJob::Error::Cancelled:
        outcome.kind = AgentOutcome::Kind::Cancelled;
        outcome.error = job.errorString();
        outcome.mayHaveArrived = outcome.httpStatus == 0;
        return outcome;
    case HttpJob::Error::TimedOut:
        outcome.kind = AgentOutcome::Kind::Retryable;
        outcome.httpStatus = 0;
        outcome.error = job.errorString();
        outcome.mayHaveArrived = true;
        return outcome;
    case HttpJob::Error::None:
    case HttpJob::Error::HttpStatus:
        break;
    case HttpJob::Error::TooLarge:
        if (outcome.httpStatus > 0)
            break; // the status says what the agent did with the request
        [[fallthrough]];
    default:
        outcome.kind = AgentOutcome::Kind::Retryable;
        outcome.error = AgentOutcome::tr("Not reachable: %1").arg(job.errorString());
        // Refused, unresolved or failed in the handshake, the request never left.
        outcome.mayHaveArrived = outcome.httpStatus == 0 && job.error() != HttpJob::Error::HostNotFound
            && job.error() != HttpJob::Error::ConnectionRefused && job.error() != HttpJob::Error::Tls;
        return outcome;
    }
    outcome.kind = agentStatusKind(outcome.httpStatus);
    outcome.retryAfterMs = parseRetryAfter(job.responseHeader("Retry-After"));
    if (outcome.kind != AgentOutcome::Kind::Delivered) {
        const QString body = firstLine(outcome.responseBody);
        outcome.error = body.isEmpty() ? job.reasonPhrase() : body;
        if (outcome.error.isEmpty())
            outcome.error = AgentOutcome::tr("The agent gave no reason.");
    }
    return outcome;
}

} // namespace AgentPost

} // namespace Workbench
