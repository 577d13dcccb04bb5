#include "core/events/eventsender.h"

#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Workbench::EventSender", text);
}

std::optional<qint64> parseRetryAfter(const QByteArray &value)
{
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0)
        return seconds * 1000;
    // An HTTP date ("Mon, 23 Nov 2026 13:57:04 GMT"), which Qt's RFC 2822 reader refuses for its
    // "GMT".
    QString text = QString::fromLatin1(value.trimmed());
    if (text.endsWith(" GMT"_L1))
        text.chop(4);
    QDateTime when = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    when.setTimeSpec(Qt::UTC);
    if (when.isValid())
        return std::max<qint64>(0, when.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch());
    return std::nullopt;
}

QString firstLine(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text.append(u'…');
    return text;
}
} // namespace

QString SendOutcome::kindName(Kind kind)
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

QString SendOutcome::summary() const
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

SendOutcome::Kind classifyStatus(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return SendOutcome::Kind::Delivered;
    if (httpStatus == 429 || httpStatus >= 500)
        return SendOutcome::Kind::Retryable;
    return SendOutcome::Kind::Rejected;
}

EventSender::EventSender(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EventSender::onTimeout);
}

EventSender::~EventSender()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void EventSender::send(const QUrl &url, const QByteArray &body, std::chrono::milliseconds timeout)
{
    Q_ASSERT(!isBusy());
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setHeader(QNetworkRequest::UserAgentHeader, u"instana-workbench/" WORKBENCH_VERSION_STRING ""_s);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_response.clear();
    m_timedOut = false;
    m_cancelled = false;
    m_timeout = timeout;
    m_clock.start();
    QNetworkReply *reply = m_network->post(request, body);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        const QByteArray chunk = reply->readAll();
        if (m_response.size() < MaxResponseBytes)
            m_response.append(chunk.left(MaxResponseBytes - m_response.size()));
    });
    connect(reply, &QNetworkReply::finished, this, &EventSender::onFinished);
    m_timer.start(timeout);
}

void EventSender::cancel()
{
    if (QNetworkReply *reply = m_reply.data()) {
        m_cancelled = true;
        reply->abort();
    }
}

void EventSender::onTimeout()
{
    if (QNetworkReply *reply = m_reply.data()) {
        m_timedOut = true;
        reply->abort();
    }
}

void EventSender::onFinished()
{
    m_timer.stop();
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    reply->deleteLater();
    if (reply->isOpen() && m_response.size() < MaxResponseBytes)
        m_response.append(reply->readAll().left(MaxResponseBytes - m_response.size()));

    SendOutcome outcome;
    outcome.elapsedMs = m_clock.elapsed();
    outcome.responseBody = m_response;
    outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (m_cancelled) {
        outcome.kind = SendOutcome::Kind::Cancelled;
        outcome.error = tr("Cancelled.");
    } else if (m_timedOut) {
        outcome.kind = SendOutcome::Kind::Retryable;
        outcome.error = tr("No answer within %1 ms.").arg(m_timeout.count());
    } else if (outcome.httpStatus == 0) {
        outcome.kind = SendOutcome::Kind::Retryable;
        outcome.error = tr("Not reachable: %1.").arg(reply->errorString());
    } else {
        outcome.kind = classifyStatus(outcome.httpStatus);
        outcome.retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"));
        if (outcome.kind != SendOutcome::Kind::Delivered) {
            const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            const QString body = firstLine(m_response);
            outcome.error = body.isEmpty() ? reason : body;
            if (outcome.error.isEmpty())
                outcome.error = tr("The agent gave no reason.");
        }
    }
    qCDebug(lcEvents) << "POST" << reply->url().toString(QUrl::RemoveUserInfo) << "->" << outcome.summary();
    Q_EMIT finished(outcome);
}

} // namespace Workbench
