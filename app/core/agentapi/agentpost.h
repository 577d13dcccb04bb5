#pragma once

#include "core/net/httpjob.h"
#include "core/net/requestfactory.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace Workbench {

// How one POST to the agent's generic endpoints ended, read as Instana's sensors read it.
struct AgentOutcome
{
    Q_DECLARE_TR_FUNCTIONS(AgentOutcome)
public:
    enum class Kind {
        Delivered, // 2xx
        Rejected, // 4xx other than 429: the agent refused it; sending it again will not help
        Retryable, // not reachable, timed out, 5xx or 429: worth sending again later
        Cancelled, // the user stopped it
    };

    Kind kind = Kind::Retryable;
    int httpStatus = 0; // 0 when no answer came
    QByteArray responseBody; // the first 64 KiB of the answer
    qint64 elapsedMs = 0;
    QString error; // a sentence when not delivered
    std::optional<qint64> retryAfterMs; // from a Retry-After header
    // No answer came, yet the request may have reached the agent (it timed out, the connection
    // broke, or it was aborted while under way): the agent may have taken it. False when an
    // answer came or the request cannot have left (no such host, connection refused).
    bool mayHaveArrived = false;

    static QString kindName(Kind kind); // "delivered", "rejected", "retryable", "cancelled"
    // "HTTP 200 in 12 ms", "refused: HTTP 400 ...", "not reachable: Connection refused".
    QString summary() const;
};

// Classifies an HTTP status as the agent's sensors do: 2xx delivered, 429 and 5xx worth
// retrying, any other status refused.
AgentOutcome::Kind agentStatusKind(int httpStatus);

// One POST of a JSON body to the agent (events or spans).
namespace AgentPost {
inline constexpr std::chrono::milliseconds DefaultTimeout{10000};
// Of an answer, this much is kept in the outcome.
inline constexpr qsizetype MaxResponseBytes = 64 * 1024;
// The agent answers in a few bytes; a longer answer is no agent's.
inline constexpr qint64 MaxAnswerBytes = 1024 * 1024;

// The request: JSON, redirects not followed (a 3xx is the agent's answer), a small answer cap.
OutgoingRequest request(const QUrl &url, const QByteArray &json, std::chrono::milliseconds timeout = DefaultTimeout);
// A job for that request, not started yet, logging to `category`.
HttpJob *job(QNetworkAccessManager *network, const QUrl &url, const QByteArray &json, std::chrono::milliseconds timeout,
             QObject *parent, HttpJob::LogCategory category);
// How a finished job reads as the agent's answer.
AgentOutcome outcome(const HttpJob &job);
// Starts that job and calls `done` once with its outcome (never inside this call); the job
// deletes itself afterwards. Returns the running job, so that the caller can abort() it, which
// calls `done` with Cancelled.
HttpJob *post(QNetworkAccessManager *network, const QUrl &url, const QByteArray &json,
              std::chrono::milliseconds timeout, QObject *parent, HttpJob::LogCategory category,
              std::function<void(const AgentOutcome &)> done);
} // namespace AgentPost

} // namespace Workbench
