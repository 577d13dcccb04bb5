#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Workbench {

// How one request to the agent ended.
struct SendOutcome
{
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

    static QString kindName(Kind kind); // "delivered", "rejected", "retryable", "cancelled"
    // "HTTP 200 in 12 ms", "refused: HTTP 400 ...", "not reachable: Connection refused".
    QString summary() const;
};

// Classifies an HTTP status as the agent's sensors do: 2xx delivered, 429 and 5xx worth
// retrying, any other status refused.
SendOutcome::Kind classifyStatus(int httpStatus);

// Sends one JSON body with POST, asynchronously, one request at a time, with a time limit
// and a way to cancel. Knows nothing of events: the outbox and the composer build on it.
class EventSender : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{10000};
    static constexpr qsizetype MaxResponseBytes = 64 * 1024;

    explicit EventSender(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~EventSender() override;

    // Emits finished() exactly once per send(), never before send() returns. Not to be called
    // while busy.
    void send(const QUrl &url, const QByteArray &body, std::chrono::milliseconds timeout = DefaultTimeout);
    void cancel();
    bool isBusy() const { return !m_reply.isNull(); }

Q_SIGNALS:
    void finished(const Workbench::SendOutcome &outcome);

private:
    void onFinished();
    void onTimeout();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QByteArray m_response;
    bool m_timedOut = false;
    bool m_cancelled = false;
    std::chrono::milliseconds m_timeout{};
};

} // namespace Workbench
