#pragma once

#include "core/agentapi/agentpost.h"
#include "core/events/event.h"
#include "core/events/eventhistory.h"
#include "core/events/outbox.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Workbench {

// What became of one fire(): the agent's answer, and where the request went next.
struct FireResult
{
    AgentOutcome outcome;
    QByteArray body;
    QUrl target;
    bool queued = false; // it waits in the outbox
    QString outboxId;
    QString problem; // the outbox or the history could not be written: the user must know
    HistoryEntry history;
};

// Fires one request at the event endpoint: sends it, and when the agent cannot take it now
// (not reachable, timed out, 5xx, 429) puts it in the outbox if asked to. Every fire ends up
// in the history. Used alike by the composer and by `iwb event send`.
class EventFirer : public QObject
{
    Q_OBJECT
public:
    EventFirer(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history, const QString &source,
               QObject *parent = nullptr);

    // `events` must already be fired (timestamps fixed) and checked.
    void fire(const QUrl &eventUrl, const QList<Event> &events, bool asArray, bool queueOnFailure,
              std::chrono::milliseconds timeout = AgentPost::DefaultTimeout);
    void cancel();
    bool isBusy() const { return !m_job.isNull(); }

Q_SIGNALS:
    void finished(const Workbench::FireResult &result);

private:
    void onSent(const AgentOutcome &outcome);

    Outbox &m_outbox;
    EventHistory &m_history;
    QString m_source;
    QNetworkAccessManager *m_network;
    QPointer<HttpJob> m_job;
    FireResult m_pending;
    QString m_title;
    int m_eventCount = 0;
    bool m_queueOnFailure = false;
};

// Sends what waits in the outbox, oldest first, one request at a time, while holding the
// outbox lock. Delivered and refused requests leave the outbox for the history. When an agent
// still cannot take a request, the attempt is noted, the next one scheduled with backoff, and
// that agent's later requests wait too (they keep their order); requests for other agents go
// on. In Due mode an agent's requests go only once its oldest one is due, so a down agent is
// not hammered.
class OutboxFlusher : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        All, // everything now (the user asked)
        Due, // only when the earliest retry time has come (the timer asked)
    };

    struct Report
    {
        int delivered = 0;
        int rejected = 0;
        int remaining = 0; // readable entries still waiting
        int damaged = 0; // files in the outbox that cannot be read (Outbox::scan()): never sent
        QString error; // why it stopped early
        bool busy = false; // someone else holds the outbox
    };

    OutboxFlusher(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history, const QString &source,
                  QObject *parent = nullptr);
    ~OutboxFlusher() override;

    // Emits finished() exactly once, never before flush() returns. `lockWaitMs` is how long
    // to wait for another program that is sending from the same outbox.
    void flush(Mode mode, int lockWaitMs = 0, std::chrono::milliseconds timeout = AgentPost::DefaultTimeout,
               const QStringList &onlyIds = {});
    void cancel();
    bool isBusy() const { return m_running; }

Q_SIGNALS:
    void entryFinished(const Workbench::OutboxEntry &entry, const Workbench::AgentOutcome &outcome);
    void finished(const Workbench::OutboxFlusher::Report &report);

private:
    void next();
    void onSent(const AgentOutcome &outcome);
    void finish(const QString &error = {});

    Outbox &m_outbox;
    EventHistory &m_history;
    QString m_source;
    QNetworkAccessManager *m_network;
    QPointer<HttpJob> m_job;
    std::unique_ptr<Outbox::Lock> m_lock;
    QList<OutboxEntry> m_queue;
    QSet<QUrl> m_failedTargets;
    QString m_failure; // the last agent's failure, as the report's error
    QString m_problem; // the disk refused a write
    OutboxEntry m_current;
    Report m_report;
    std::chrono::milliseconds m_timeout{};
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Workbench

namespace Workbench {

// Keeps the outbox moving while a program runs: looks every few seconds whether an entry is
// due and, if so, lets an OutboxFlusher send what it can. Does nothing while another program
// holds the outbox.
class OutboxRetrier : public QObject
{
    Q_OBJECT
public:
    OutboxRetrier(QNetworkAccessManager *network, Outbox &outbox, EventHistory &history, const QString &source,
                  QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_timer.isActive(); }
    // Looks now rather than at the next tick; `all` sends everything, due or not.
    void retryNow(bool all = false);
    OutboxFlusher &flusher() { return m_flusher; }

    static constexpr int CheckIntervalMs = 3000;

Q_SIGNALS:
    void flushed(const Workbench::OutboxFlusher::Report &report);

private:
    void tick();

    Outbox &m_outbox;
    OutboxFlusher m_flusher;
    QTimer m_timer;
};

} // namespace Workbench
