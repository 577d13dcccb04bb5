#include "core/events/eventdelivery.h"

#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QString targetText(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

HistoryEntry historyOf(const QString &source, const QUrl &target, const QByteArray &body, int eventCount,
                       const QString &title, const AgentOutcome &outcome)
{
    HistoryEntry entry;
    entry.time = QDateTime::currentMSecsSinceEpoch();
    entry.source = source;
    entry.target = targetText(target);
    entry.body = body;
    entry.eventCount = eventCount;
    entry.title = title;
    entry.httpStatus = outcome.httpStatus;
    entry.latencyMs = outcome.elapsedMs;
    entry.error = outcome.error;
    entry.response = outcome.responseBody; // cut to size by EventHistory::append
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        entry.outcome = HistoryEntry::Outcome::Delivered;
        break;
    case AgentOutcome::Kind::Rejected:
        entry.outcome = HistoryEntry::Outcome::Rejected;
        break;
    case AgentOutcome::Kind::Retryable:
        entry.outcome = HistoryEntry::Outcome::Failed;
        break;
    case AgentOutcome::Kind::Cancelled:
        entry.outcome = HistoryEntry::Outcome::Cancelled;
        break;
    }
    return entry;
}
} // namespace

EventFirer::EventFirer(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history, const QString &source,
                       QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_history(history)
    , m_source(source)
    , m_network(network)
{
}

void EventFirer::fire(const QUrl &eventUrl, const QList<Event> &events, bool asArray, bool queueOnFailure,
                      std::chrono::milliseconds timeout)
{
    m_pending = FireResult{};
    m_pending.target = eventUrl;
    m_pending.body = EventCodec::encode(events, asArray);
    m_title = events.isEmpty() ? QString() : events.first().title;
    m_eventCount = int(events.size());
    m_queueOnFailure = queueOnFailure;
    Q_ASSERT(!isBusy());
    m_job = AgentPost::post(m_network, eventUrl, m_pending.body, timeout, this, &lcEvents,
                            [this](const AgentOutcome &outcome) {
                                m_job.clear();
                                onSent(outcome);
                            });
}

void EventFirer::cancel()
{
    if (m_job)
        m_job->abort();
}

void EventFirer::onSent(const AgentOutcome &outcome)
{
    FireResult result = std::move(m_pending);
    result.outcome = outcome;
    result.history = historyOf(m_source, result.target, result.body, m_eventCount, m_title, outcome);

    if (outcome.kind == AgentOutcome::Kind::Retryable && m_queueOnFailure) {
        OutboxEntry entry;
        entry.target = result.target;
        entry.body = result.body;
        entry.eventCount = m_eventCount;
        entry.title = m_title;
        entry.source = m_source;
        entry.attempts = 1;
        entry.lastStatus = outcome.httpStatus;
        entry.lastError = outcome.error;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        entry.nextAttemptAt = now + std::max(Outbox::backoffMs(1), outcome.retryAfterMs.value_or(0));
        QString error;
        if (m_outbox.enqueue(entry, &error)) {
            result.queued = true;
            result.outboxId = entry.id;
            result.history.outcome = HistoryEntry::Outcome::Queued;
            result.history.outboxId = entry.id;
        } else {
            result.problem = tr("The events were NOT queued: %1").arg(error);
        }
    }
    QString historyError;
    if (!m_history.append(result.history, &historyError))
        result.problem = result.problem.isEmpty() ? historyError : result.problem + u' ' + historyError;
    Q_EMIT finished(result);
}

OutboxFlusher::OutboxFlusher(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history,
                             const QString &source, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_history(history)
    , m_source(source)
    , m_network(network)
{
}

OutboxFlusher::~OutboxFlusher() = default;

void OutboxFlusher::flush(Mode mode, int lockWaitMs, std::chrono::milliseconds timeout, const QStringList &onlyIds)
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_cancelled = false;
    m_report = Report{};
    m_timeout = timeout;
    m_lock = m_outbox.lock();
    if (!m_lock->tryLock(lockWaitMs)) {
        m_report.busy = true;
        const QString holder = m_lock->holder();
        m_lock.reset();
        const OutboxScan scan = m_outbox.scan();
        m_report.remaining = int(scan.entries.size());
        m_report.damaged = int(scan.damaged.size());
        QTimer::singleShot(0, this,
                           [this, holder] { finish(tr("%1 is sending from the outbox right now.").arg(holder)); });
        return;
    }
    QStringList problems;
    m_queue = m_outbox.entries(&problems);
    if (!onlyIds.isEmpty())
        m_queue.removeIf([&](const OutboxEntry &e) { return !onlyIds.contains(e.id); });
    if (mode == Mode::Due) {
        // Each agent's oldest entry sets the pace for all of that agent's entries: they are
        // sent in order, and a down agent is asked again only when its backoff has passed.
        const QHash<QUrl, qint64> due = Outbox::dueTimes(m_queue);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_queue.removeIf([&](const OutboxEntry &e) { return due.value(e.target) > now; });
    }
    m_failedTargets.clear();
    QTimer::singleShot(0, this, &OutboxFlusher::next);
}

void OutboxFlusher::cancel()
{
    m_cancelled = true;
    if (m_job)
        m_job->abort();
}

void OutboxFlusher::next()
{
    if (m_cancelled)
        return finish(tr("Stopped."));
    if (m_queue.isEmpty())
        return finish(m_failure);
    m_current = m_queue.takeFirst();
    // Another program may have sent or discarded it since the list was read; and after an
    // agent failed to take one request, its later ones wait for their turn.
    if (m_failedTargets.contains(m_current.target) || !m_outbox.contains(m_current.id)) {
        QTimer::singleShot(0, this, &OutboxFlusher::next);
        return;
    }
    m_job = AgentPost::post(m_network, m_current.target, m_current.body, m_timeout, this, &lcEvents,
                            [this](const AgentOutcome &outcome) {
                                m_job.clear();
                                onSent(outcome);
                            });
}

void OutboxFlusher::onSent(const AgentOutcome &outcome)
{
    OutboxEntry entry = m_current;
    entry.attempts = entry.attempts < std::numeric_limits<int>::max() ? entry.attempts + 1 : entry.attempts;
    QString error;
    if (outcome.kind == AgentOutcome::Kind::Delivered || outcome.kind == AgentOutcome::Kind::Rejected) {
        // The history first: if the machine dies between the two writes, the entry is sent
        // again rather than lost.
        HistoryEntry record = historyOf(m_source, entry.target, entry.body, entry.eventCount, entry.title, outcome);
        record.outboxId = entry.id;
        record.attempts = entry.attempts;
        if (!m_history.append(record, &error))
            m_problem = error;
        if (!m_outbox.remove(entry.id, &error)) {
            Q_EMIT entryFinished(entry, outcome);
            return finish(error);
        }
        if (outcome.kind == AgentOutcome::Kind::Delivered)
            ++m_report.delivered;
        else
            ++m_report.rejected;
        Q_EMIT entryFinished(entry, outcome);
        QTimer::singleShot(0, this, &OutboxFlusher::next);
        return;
    }
    if (outcome.kind == AgentOutcome::Kind::Cancelled) {
        Q_EMIT entryFinished(entry, outcome);
        return finish(tr("Stopped."));
    }
    entry.lastStatus = outcome.httpStatus;
    entry.lastError = outcome.error;
    entry.nextAttemptAt = QDateTime::currentMSecsSinceEpoch()
        + std::max(Outbox::backoffMs(entry.attempts), outcome.retryAfterMs.value_or(0));
    if (!m_outbox.update(entry, &error))
        m_problem = error;
    Q_EMIT entryFinished(entry, outcome);
    // This agent cannot take requests now; others may.
    m_failedTargets.insert(entry.target);
    m_failure = outcome.summary();
    QTimer::singleShot(0, this, &OutboxFlusher::next);
}

void OutboxFlusher::finish(const QString &error)
{
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
    m_queue.clear();
    m_report.error = error;
    if (!m_problem.isEmpty())
        m_report.error = m_report.error.isEmpty() ? m_problem : m_report.error + u' ' + m_problem;
    m_problem.clear();
    m_failure.clear();
    if (!m_report.busy) {
        const OutboxScan scan = m_outbox.scan();
        m_report.remaining = int(scan.entries.size());
        m_report.damaged = int(scan.damaged.size());
    }
    m_running = false;
    qCDebug(lcEvents) << "outbox flush:" << m_report.delivered << "delivered," << m_report.rejected << "refused,"
                      << m_report.remaining << "remaining" << error;
    Q_EMIT finished(m_report);
}

} // namespace Workbench

namespace Workbench {

OutboxRetrier::OutboxRetrier(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history,
                             const QString &source, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_flusher(network, outbox, history, source, this)
    , m_timer(this)
{
    m_timer.setInterval(CheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &OutboxRetrier::tick);
    connect(&m_flusher, &OutboxFlusher::finished, this, &OutboxRetrier::flushed);
}

void OutboxRetrier::setEnabled(bool enabled)
{
    if (enabled)
        m_timer.start();
    else
        m_timer.stop();
}

void OutboxRetrier::retryNow(bool all)
{
    if (m_flusher.isBusy())
        return;
    m_flusher.flush(all ? OutboxFlusher::Mode::All : OutboxFlusher::Mode::Due);
}

void OutboxRetrier::tick()
{
    if (m_flusher.isBusy())
        return;
    const auto due = m_outbox.nextDue();
    if (due && *due <= QDateTime::currentMSecsSinceEpoch())
        m_flusher.flush(OutboxFlusher::Mode::Due);
}

} // namespace Workbench
