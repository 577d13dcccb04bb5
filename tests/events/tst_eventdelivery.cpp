// Delivery of events over real sockets on 127.0.0.1: one POST to the agent (AgentPost on
// HttpJob) against the local agent and
// against small servers that answer with fixed bytes (or never), EventFirer with and without
// the outbox, OutboxFlusher (order, backoff, refusals, the lock, a subset), and OutboxRetrier.

#include "core/agentapi/agentendpoint.h"
#include "core/agentapi/agentpost.h"
#include "core/events/event.h"
#include "core/events/eventdelivery.h"
#include "core/events/eventhistory.h"
#include "core/events/outbox.h"
#include "core/localagent/localagent.h"
#include "core/logging/logging.h"
#include "core/net/httpjob.h"
#include "tests/support/testsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace std::chrono_literals;

namespace {
constexpr qint64 FiredAt = 1700000000000; // 2023-11-14T22:13:20Z
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement

Event makeEvent(const QString &title, int i = 0)
{
    Event event;
    event.title = title;
    event.text = u"fired by tst_eventdelivery, #%1"_s.arg(i);
    event.severity = EventSeverity::Warning;
    event.timestamp = FiredAt + i;
    event.duration = 1000;
    return event;
}

QByteArray httpResponse(int status, const QByteArray &reason, const QByteArray &body = {},
                        const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: text/plain\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
}

// A server that reads each request whole and answers it with the same bytes, or, given none,
// never answers (and keeps the connection open).
class FakeServer
{
public:
    explicit FakeServer(QByteArray response = {})
        : m_response(std::move(response))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qWarning() << "fake server:" << m_server.errorString();
    }

    QUrl eventUrl() const { return AgentEndpoint::eventUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()))); }
    // The bodies of the requests read so far, in order.
    const QList<QByteArray> &bodies() const { return m_bodies; }
    int requests() const { return int(m_bodies.size()); }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                for (;;) {
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    const QByteArray head = buffer->left(headEnd).toLower() + "\r\n";
                    qsizetype length = 0;
                    const qsizetype at = head.indexOf("\r\ncontent-length:");
                    if (at >= 0) {
                        const qsizetype from = at + qsizetype(qstrlen("\r\ncontent-length:"));
                        length = head.mid(from, head.indexOf("\r\n", from) - from).trimmed().toLongLong();
                    }
                    if (buffer->size() < headEnd + 4 + length)
                        return;
                    m_bodies.append(buffer->mid(headEnd + 4, length));
                    buffer->remove(0, headEnd + 4 + length);
                    if (!m_response.isEmpty()) {
                        socket->write(m_response);
                        socket->disconnectFromHost();
                        return;
                    }
                }
            });
        }
    }

    QByteArray m_response;
    QList<QByteArray> m_bodies;
    QTcpServer m_server; // last: its sockets go before what their handlers use
};

bool sameEntry(const OutboxEntry &a, const OutboxEntry &b)
{
    return a.toJson() == b.toJson();
}
} // namespace

class TestEventDelivery : public QObject
{
    Q_OBJECT

    QUrl agentEventUrl() const { return AgentEndpoint::eventUrl(m_agent->url()); }
    QUrl closedEventUrl() const
    {
        return AgentEndpoint::eventUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort())));
    }

    // Posts once and waits for the outcome; checks that finished() came exactly once.
    void sendOnce(const QUrl &url, const QByteArray &body, AgentOutcome *outcome,
                  std::chrono::milliseconds timeout = AgentPost::DefaultTimeout)
    {
        std::unique_ptr<HttpJob> job(AgentPost::job(m_network.get(), url, body, timeout, nullptr, &lcEvents));
        QList<AgentOutcome> outcomes;
        connect(job.get(), &HttpJob::finished, this,
                [&outcomes](HttpJob *finished) { outcomes.append(AgentPost::outcome(*finished)); });
        job->start();
        QVERIFY(job->isRunning());
        QCOMPARE(outcomes.size(), 0); // never before start() returns
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, Patience);
        QVERIFY(!job->isRunning());
        QTest::qWait(100);
        QCOMPARE(outcomes.size(), 1);
        *outcome = outcomes.first();
    }

    void fireOnce(EventFirer &firer, const QUrl &url, const QList<Event> &events, bool asArray, bool queue,
                  FireResult *result)
    {
        QList<FireResult> results;
        const auto connection
            = connect(&firer, &EventFirer::finished, this, [&results](const FireResult &r) { results.append(r); });
        firer.fire(url, events, asArray, queue);
        QCOMPARE(results.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, Patience);
        QTest::qWait(50);
        QCOMPARE(results.size(), 1);
        disconnect(connection);
        *result = results.first();
    }

    // Fires `n` single events at a closed port with the outbox on: `n` entries, oldest first.
    void queueUnreachable(int n, QStringList *ids, const QString &prefix = u"queued"_s)
    {
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        const QUrl closed = closedEventUrl();
        for (int i = 0; i < n; ++i) {
            FireResult result;
            fireOnce(firer, closed, {makeEvent(u"%1 %2"_s.arg(prefix).arg(i), i)}, false, true, &result);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(result.queued, qPrintable(result.problem));
            ids->append(result.outboxId);
            QThread::msleep(2); // the next id in a later millisecond
        }
        QCOMPARE(m_outbox->count(), qsizetype(n));
    }

    void retarget(const QString &id, const QUrl &url, std::optional<qint64> nextAttemptAt = std::nullopt)
    {
        auto entry = m_outbox->entry(id);
        QVERIFY(entry);
        entry->target = url;
        if (nextAttemptAt)
            entry->nextAttemptAt = *nextAttemptAt;
        QString error;
        QVERIFY2(m_outbox->update(*entry, &error), qPrintable(error));
    }

    void flushOnce(OutboxFlusher &flusher, OutboxFlusher::Mode mode, OutboxFlusher::Report *report,
                   const QStringList &onlyIds = {})
    {
        QList<OutboxFlusher::Report> reports;
        const auto connection = connect(&flusher, &OutboxFlusher::finished, this,
                                        [&reports](const OutboxFlusher::Report &r) { reports.append(r); });
        flusher.flush(mode, 0, AgentPost::DefaultTimeout, onlyIds);
        QCOMPARE(reports.size(), 0); // never before flush() returns
        QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 1, Patience);
        QVERIFY(!flusher.isBusy());
        QTest::qWait(100);
        QCOMPARE(reports.size(), 1);
        disconnect(connection);
        *report = reports.first();
    }

    QStringList capturedTitles() const
    {
        QStringList titles;
        for (const CaptureBatch &batch : m_captured) {
            for (const CapturedItem &item : batch.items)
                titles.append(item.title());
        }
        return titles;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_outbox = std::make_unique<Outbox>(m_dir->filePath(u"outbox"_s));
        m_history = std::make_unique<EventHistory>(m_dir->filePath(u"history.jsonl"_s));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_agent = std::make_unique<LocalAgent>();
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(m_agent->start(config, &error), qPrintable(error));
        m_captured.clear();
        connect(m_agent.get(), &LocalAgent::captured, this,
                [this](const CaptureBatch &batch) { m_captured.append(batch); });
    }

    void cleanup()
    {
        m_agent.reset();
        m_network.reset();
        m_history.reset();
        m_outbox.reset();
        m_dir.reset();
    }

    // --- AgentPost ------------------------------------------------------------------------

    void senderDeliversToTheLocalAgent()
    {
        const QByteArray body = EventCodec::encode(makeEvent(u"Déploiement terminé 🚀"_s));
        // Several posts in a row: one finished() each.
        for (int round = 0; round < 3; ++round) {
            AgentOutcome outcome;
            sendOnce(agentEventUrl(), body, &outcome);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(outcome.kind, AgentOutcome::Kind::Delivered);
            QCOMPARE(outcome.httpStatus, 200);
            QVERIFY(outcome.elapsedMs >= 0);
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QVERIFY(!outcome.retryAfterMs);
            QVERIFY(outcome.summary().contains(u"200"_s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 3, Patience);
        for (const CaptureBatch &batch : std::as_const(m_captured)) {
            QVERIFY(!batch.rejection);
            QCOMPARE(batch.request.body, body);
            QCOMPARE(batch.items.size(), 1);
            QCOMPARE(batch.items.first().title(), u"Déploiement terminé 🚀"_s);
        }
    }

    void senderClosedPortIsRetryable()
    {
        AgentOutcome outcome;
        sendOnce(closedEventUrl(), EventCodec::encode(makeEvent(u"nobody home"_s)), &outcome);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.kind, AgentOutcome::Kind::Retryable);
        QCOMPARE(outcome.httpStatus, 0);
        QVERIFY2(outcome.error.startsWith(u"Not reachable"_s), qPrintable(outcome.error));
        QVERIFY(!outcome.retryAfterMs);
        QVERIFY(outcome.summary().contains(u"Not reachable"_s));
    }

    void senderClassifiesAnswers_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<AgentOutcome::Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("retryAfterMs"); // -1: none
        QTest::addColumn<QString>("error"); // a part of it

        QTest::newRow("200") << httpResponse(200, "OK") << AgentOutcome::Kind::Delivered << 200 << qint64(-1)
                             << QString();
        QTest::newRow("204") << httpResponse(204, "No Content") << AgentOutcome::Kind::Delivered << 204 << qint64(-1)
                             << QString();
        QTest::newRow("503") << httpResponse(503, "Service Unavailable") << AgentOutcome::Kind::Retryable << 503
                             << qint64(-1) << u"Service Unavailable"_s;
        QTest::newRow("500 with a body") << httpResponse(500, "Internal Server Error", "agent exploded")
                                         << AgentOutcome::Kind::Retryable << 500 << qint64(-1) << u"agent exploded"_s;
        QTest::newRow("429 Retry-After 7") << httpResponse(429, "Too Many Requests", "slow down", "Retry-After: 7\r\n")
                                           << AgentOutcome::Kind::Retryable << 429 << qint64(7000) << u"slow down"_s;
        QTest::newRow("400 bad title") << httpResponse(400, "Bad Request", "bad title") << AgentOutcome::Kind::Rejected
                                       << 400 << qint64(-1) << u"bad title"_s;
        QTest::newRow("404 no reason") << httpResponse(404, "") << AgentOutcome::Kind::Rejected << 404 << qint64(-1)
                                       << u"no reason"_s;
        QTest::newRow("302 is not followed")
            << httpResponse(302, "Found", {}, "Location: http://127.0.0.1:1/elsewhere\r\n")
            << AgentOutcome::Kind::Rejected << 302 << qint64(-1) << u"Found"_s;
    }

    void senderClassifiesAnswers()
    {
        QFETCH(QByteArray, response);
        QFETCH(AgentOutcome::Kind, kind);
        QFETCH(int, status);
        QFETCH(qint64, retryAfterMs);
        QFETCH(QString, error);

        FakeServer server(response);
        const QByteArray body = EventCodec::encode(makeEvent(u"classified"_s));
        AgentOutcome outcome;
        sendOnce(server.eventUrl(), body, &outcome);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.kind, kind);
        QCOMPARE(outcome.httpStatus, status);
        QCOMPARE(outcome.retryAfterMs.value_or(-1), retryAfterMs);
        if (error.isEmpty())
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        else
            QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
        QCOMPARE(server.requests(), 1); // sent once, never again by the network layer
        QCOMPARE(server.bodies().first(), body);
    }

    void senderReadsRetryAfterAsAnHttpDate()
    {
        // RFC 9110: Retry-After is delay-seconds or an HTTP-date, "Sun, 06 Nov 1994 08:49:37 GMT".
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(60);
        const QByteArray date = QLocale::c().toString(when, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
        FakeServer server(httpResponse(503, "Service Unavailable", {}, "Retry-After: " + date + "\r\n"));
        AgentOutcome outcome;
        sendOnce(server.eventUrl(), EventCodec::encode(makeEvent(u"later"_s)), &outcome);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.kind, AgentOutcome::Kind::Retryable);
        QVERIFY2(outcome.retryAfterMs, date.constData());
        QVERIFY2(*outcome.retryAfterMs > 30000 && *outcome.retryAfterMs <= 61000,
                 qPrintable(QString::number(*outcome.retryAfterMs)));
    }

    void senderGivesUpAfterItsTimeLimit()
    {
        FakeServer silent; // accepts, reads, never answers
        AgentOutcome outcome;
        sendOnce(silent.eventUrl(), EventCodec::encode(makeEvent(u"into the void"_s)), &outcome, 300ms);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.kind, AgentOutcome::Kind::Retryable);
        QCOMPARE(outcome.httpStatus, 0);
        QVERIFY2(outcome.error.contains(u"300 ms"_s), qPrintable(outcome.error));
        QCOMPARE(silent.requests(), 1);
    }

    void senderCancels()
    {
        FakeServer silent;
        QList<AgentOutcome> outcomes;
        auto post = [&](const QString &title) {
            HttpJob *job = AgentPost::job(m_network.get(), silent.eventUrl(), EventCodec::encode(makeEvent(title)),
                                          AgentPost::DefaultTimeout, this, &lcEvents);
            connect(job, &HttpJob::finished, this, [&outcomes](HttpJob *finished) {
                outcomes.append(AgentPost::outcome(*finished));
                finished->deleteLater();
            });
            return job;
        };

        // Not started yet: nothing goes out, and it ends as cancelled once started.
        QPointer<HttpJob> idle = post(u"never sent"_s);
        idle->abort();
        QTest::qWait(50);
        QCOMPARE(outcomes.size(), 0);
        idle->start();
        QCOMPARE(outcomes.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, Patience);
        QCOMPARE(outcomes.at(0).kind, AgentOutcome::Kind::Cancelled);
        QCOMPARE(silent.requests(), 0);

        // Once the request is out.
        QPointer<HttpJob> out = post(u"stop me"_s);
        out->start();
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests(), 1, Patience);
        QCOMPARE(outcomes.size(), 1);
        out->abort();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, Patience);
        QCOMPARE(outcomes.at(1).kind, AgentOutcome::Kind::Cancelled);
        QVERIFY(!out || !out->isRunning());
        if (out)
            out->abort(); // again: nothing more
        QTest::qWait(100);
        QCOMPARE(outcomes.size(), 2);

        // Right after start(), before anything reached the wire.
        QPointer<HttpJob> sooner = post(u"stop me sooner"_s);
        sooner->start();
        sooner->abort();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 3, Patience);
        QCOMPARE(outcomes.at(2).kind, AgentOutcome::Kind::Cancelled);
        QTest::qWait(100);
        QCOMPARE(outcomes.size(), 3);

        // And posting still works afterwards.
        AgentOutcome outcome;
        sendOnce(agentEventUrl(), EventCodec::encode(makeEvent(u"after cancel"_s)), &outcome);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(outcome.kind, AgentOutcome::Kind::Delivered);

        // A job destroyed while running says nothing and leaves nothing behind.
        {
            FakeServer hanging;
            std::unique_ptr<HttpJob> doomed(AgentPost::job(m_network.get(), hanging.eventUrl(),
                                                           EventCodec::encode(makeEvent(u"doomed"_s)),
                                                           AgentPost::DefaultTimeout, nullptr, &lcEvents));
            int signals_ = 0;
            connect(doomed.get(), &HttpJob::finished, this, [&signals_] { ++signals_; });
            doomed->start();
            QTRY_COMPARE_WITH_TIMEOUT(hanging.requests(), 1, Patience);
            doomed.reset();
            QTest::qWait(100);
            QCOMPARE(signals_, 0);
        }
    }

    // --- EventFirer -----------------------------------------------------------------------

    void firerDelivers()
    {
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        const QList<Event> events{makeEvent(u"Première 🚀"_s, 1), makeEvent(u"Second"_s, 2),
                                  makeEvent(u"Third \"quoted\""_s, 3)};
        FireResult result;
        fireOnce(firer, agentEventUrl(), events, true, true, &result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.outcome.kind, AgentOutcome::Kind::Delivered);
        QCOMPARE(result.body, EventCodec::encode(events, true));
        QCOMPARE(result.target, agentEventUrl());
        QVERIFY(!result.queued);
        QVERIFY(result.outboxId.isEmpty());
        QVERIFY2(result.problem.isEmpty(), qPrintable(result.problem));
        QCOMPARE(m_outbox->count(), 0);

        int damaged = -1;
        const QList<HistoryEntry> history = m_history->load(&damaged);
        QCOMPARE(damaged, 0);
        QCOMPARE(history.size(), 1);
        const HistoryEntry &entry = history.first();
        QCOMPARE(entry.outcome, HistoryEntry::Outcome::Delivered);
        QCOMPARE(entry.body, result.body);
        QCOMPARE(entry.eventCount, 3);
        QCOMPARE(entry.title, events.first().title);
        QCOMPARE(entry.source, u"test"_s);
        QCOMPARE(entry.httpStatus, 200);
        QCOMPARE(entry.target, agentEventUrl().toString());
        QVERIFY(entry.outboxId.isEmpty());
        QCOMPARE(entry.attempts, 1);

        // The agent got exactly these events, as encoded.
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        QTest::qWait(100);
        QCOMPARE(m_captured.size(), 1);
        const CaptureBatch &batch = m_captured.first();
        QVERIFY(!batch.rejection);
        QCOMPARE(batch.request.body, result.body);
        QCOMPARE(batch.items.size(), events.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(batch.items.at(i).json, EventCodec::encode(events.at(i)));
            QCOMPARE(batch.items.at(i).title(), events.at(i).title);
        }
    }

    void firerQueuesWhatCannotBeDelivered()
    {
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        const QList<Event> events{makeEvent(u"Ünïcödé ✅ 終了"_s, 1), makeEvent(u"zweites"_s, 2)};
        const QUrl closed = closedEventUrl();
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        FireResult result;
        fireOnce(firer, closed, events, true, true, &result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.outcome.kind, AgentOutcome::Kind::Retryable);
        QVERIFY(result.queued);
        QVERIFY(!result.outboxId.isEmpty());
        QVERIFY2(result.problem.isEmpty(), qPrintable(result.problem));

        QStringList problems;
        const QList<OutboxEntry> entries = m_outbox->entries(&problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(entries.size(), 1);
        const OutboxEntry &entry = entries.first();
        QCOMPARE(entry.id, result.outboxId);
        QCOMPARE(entry.body, result.body); // byte for byte
        QCOMPARE(entry.body, EventCodec::encode(events, true));
        QCOMPARE(entry.target, closed);
        QCOMPARE(entry.eventCount, 2);
        QCOMPARE(entry.title, events.first().title);
        QCOMPARE(entry.source, u"test"_s);
        QCOMPARE(entry.attempts, 1);
        QCOMPARE(entry.lastStatus, 0);
        QVERIFY2(entry.lastError.startsWith(u"Not reachable"_s), qPrintable(entry.lastError));
        QVERIFY(entry.queuedAt >= before);
        QVERIFY(entry.nextAttemptAt >= entry.queuedAt + 4000 - 1000); // some backoff

        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().outcome, HistoryEntry::Outcome::Queued);
        QCOMPARE(history.first().outboxId, result.outboxId);
        QCOMPARE(history.first().body, result.body);
        QCOMPARE(result.history.outcome, HistoryEntry::Outcome::Queued);
    }

    void firerHonoursRetryAfterWhenQueuing()
    {
        FakeServer busy(httpResponse(503, "Service Unavailable", {}, "Retry-After: 600\r\n"));
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        FireResult result;
        fireOnce(firer, busy.eventUrl(), {makeEvent(u"later please"_s)}, false, true, &result);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(result.queued);
        const auto entry = m_outbox->entry(result.outboxId);
        QVERIFY(entry);
        QCOMPARE(entry->lastStatus, 503);
        QVERIFY2(entry->nextAttemptAt >= before + 600000, qPrintable(QString::number(entry->nextAttemptAt - before)));
    }

    void firerWithoutOutboxFails()
    {
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        FireResult result;
        fireOnce(firer, closedEventUrl(), {makeEvent(u"lost"_s)}, false, false, &result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.outcome.kind, AgentOutcome::Kind::Retryable);
        QVERIFY(!result.queued);
        QVERIFY(result.outboxId.isEmpty());
        QCOMPARE(m_outbox->count(), 0);
        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().outcome, HistoryEntry::Outcome::Failed);
        QVERIFY(history.first().error.startsWith(u"Not reachable"_s));
        QCOMPARE(history.first().body, EventCodec::encode(makeEvent(u"lost"_s)));
    }

    void firerDoesNotQueueRefusals()
    {
        FakeServer refusing(httpResponse(400, "Bad Request", "bad title"));
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        FireResult result;
        fireOnce(firer, refusing.eventUrl(), {makeEvent(u"refused"_s)}, false, true, &result);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.outcome.kind, AgentOutcome::Kind::Rejected);
        QCOMPARE(result.outcome.httpStatus, 400);
        QVERIFY(!result.queued);
        QCOMPARE(m_outbox->count(), 0);
        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().outcome, HistoryEntry::Outcome::Rejected);
        QCOMPARE(history.first().httpStatus, 400);
        QVERIFY(history.first().error.contains(u"bad title"_s));
        QCOMPARE(history.first().response, QByteArray("bad title"));
        QCOMPARE(refusing.requests(), 1);
    }

    void firerCancelledIsNotQueued()
    {
        FakeServer silent;
        EventFirer firer(m_network.get(), *m_outbox, *m_history, u"test"_s);
        QList<FireResult> results;
        connect(&firer, &EventFirer::finished, this, [&results](const FireResult &r) { results.append(r); });
        firer.fire(silent.eventUrl(), {makeEvent(u"never mind"_s)}, false, true);
        QVERIFY(firer.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests(), 1, Patience);
        firer.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, Patience);
        QTest::qWait(100);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().outcome.kind, AgentOutcome::Kind::Cancelled);
        QVERIFY(!results.first().queued);
        QCOMPARE(m_outbox->count(), 0);
        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().outcome, HistoryEntry::Outcome::Cancelled);
    }

    // --- OutboxFlusher --------------------------------------------------------------------

    void flusherDeliversEverythingInOrderOnce()
    {
        QStringList ids;
        queueUnreachable(5, &ids);
        if (QTest::currentTestFailed())
            return;
        for (const QString &id : std::as_const(ids))
            retarget(id, agentEventUrl());
        const QList<OutboxEntry> queued = m_outbox->entries();

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        QList<OutboxEntry> finishedEntries;
        connect(&flusher, &OutboxFlusher::entryFinished, this,
                [&](const OutboxEntry &entry, const AgentOutcome &outcome) {
                    QCOMPARE(outcome.kind, AgentOutcome::Kind::Delivered);
                    finishedEntries.append(entry);
                });
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::All, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.delivered, 5);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.remaining, 0);
        QVERIFY(!report.busy);
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(m_outbox->count(), 0);
        QCOMPARE(finishedEntries.size(), 5);

        // Each arrived once, in queue order, with the body it was fired with.
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 5, Patience);
        QTest::qWait(200);
        QCOMPARE(m_captured.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(m_captured.at(i).request.body, queued.at(i).body);
            QCOMPARE(m_captured.at(i).items.first().title(), u"queued %1"_s.arg(i));
            QCOMPARE(finishedEntries.at(i).id, ids.at(i));
        }

        // The history: five queued by the firer, then five delivered by the flusher.
        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 10);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(history.at(i).outcome, HistoryEntry::Outcome::Queued);
            const HistoryEntry &delivered = history.at(5 + i);
            QCOMPARE(delivered.outcome, HistoryEntry::Outcome::Delivered);
            QCOMPARE(delivered.attempts, 2);
            QCOMPARE(delivered.outboxId, ids.at(i));
            QCOMPARE(delivered.httpStatus, 200);
            QCOMPARE(delivered.body, queued.at(i).body);
            QCOMPARE(delivered.title, u"queued %1"_s.arg(i));
        }

        // Nothing left to do.
        flushOnce(flusher, OutboxFlusher::Mode::All, &report);
        QCOMPARE(report.delivered, 0);
        QCOMPARE(report.remaining, 0);
        QVERIFY(report.error.isEmpty());
    }

    void flusherStopsAtTheFirstRetryable()
    {
        QStringList ids;
        queueUnreachable(5, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer unavailable(httpResponse(503, "Service Unavailable"));
        for (const QString &id : std::as_const(ids))
            retarget(id, unavailable.eventUrl());
        const QList<OutboxEntry> before = m_outbox->entries();
        QCOMPARE(before.size(), 5);

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        const qint64 start = QDateTime::currentMSecsSinceEpoch();
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::All, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.delivered, 0);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.remaining, 5);
        QVERIFY(!report.busy);
        QVERIFY2(report.error.contains(u"503"_s), qPrintable(report.error));

        // One request, the oldest; the agent is not hammered.
        QTest::qWait(200);
        QCOMPARE(unavailable.requests(), 1);
        QCOMPARE(unavailable.bodies().first(), before.first().body);

        const QList<OutboxEntry> after = m_outbox->entries();
        QCOMPARE(after.size(), 5);
        QCOMPARE(after.first().id, before.first().id);
        QCOMPARE(after.first().attempts, before.first().attempts + 1);
        QCOMPARE(after.first().lastStatus, 503);
        QVERIFY(after.first().nextAttemptAt > start);
        QVERIFY(after.first().nextAttemptAt > before.first().nextAttemptAt);
        QCOMPARE(after.first().body, before.first().body);
        for (int i = 1; i < 5; ++i)
            QVERIFY2(sameEntry(after.at(i), before.at(i)), qPrintable(after.at(i).id));

        // The history only has what the firer wrote.
        QCOMPARE(m_history->load().size(), 5);
    }

    void flusherBackoffCoversTheWholeOutbox()
    {
        // Three entries that have all waited past their retry time, and an agent still down.
        QStringList ids;
        queueUnreachable(3, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer unavailable(httpResponse(503, "Service Unavailable"));
        const qint64 past = QDateTime::currentMSecsSinceEpoch() - 60000;
        for (const QString &id : std::as_const(ids))
            retarget(id, unavailable.eventUrl(), past);

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::Due, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(unavailable.requests(), 1);
        QCOMPARE(report.remaining, 3);

        // eventdelivery.h: "at the first request the agent still cannot take, it notes the
        // attempt, schedules the next one with backoff and stops, so a down agent is not
        // hammered". The timer's next Due flush must therefore not reach the agent again
        // before that backoff (8 s or more) has passed.
        flushOnce(flusher, OutboxFlusher::Mode::Due, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(unavailable.requests(), 1);
    }

    void flusherRefusedThenDelivered()
    {
        QStringList ids;
        queueUnreachable(2, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer refusing(httpResponse(400, "Bad Request", "bad title"));
        retarget(ids.at(0), refusing.eventUrl());
        retarget(ids.at(1), agentEventUrl());

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::All, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.delivered, 1);
        QCOMPARE(report.remaining, 0);
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(m_outbox->count(), 0);
        QCOMPARE(refusing.requests(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        QCOMPARE(capturedTitles(), QStringList{u"queued 1"_s});

        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.at(2).outcome, HistoryEntry::Outcome::Rejected);
        QCOMPARE(history.at(2).outboxId, ids.at(0));
        QCOMPARE(history.at(2).httpStatus, 400);
        QVERIFY(history.at(2).error.contains(u"bad title"_s));
        QCOMPARE(history.at(3).outcome, HistoryEntry::Outcome::Delivered);
        QCOMPARE(history.at(3).outboxId, ids.at(1));
    }

    // One agent down does not hold up another: its requests wait, in order, behind the one
    // that failed; the live agent's requests go through.
    void flusherGoesOnWithOtherAgents()
    {
        QStringList ids;
        queueUnreachable(4, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer unavailable(httpResponse(503, "Service Unavailable"));
        retarget(ids.at(0), unavailable.eventUrl());
        retarget(ids.at(1), agentEventUrl());
        retarget(ids.at(2), unavailable.eventUrl());
        retarget(ids.at(3), agentEventUrl());

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::All, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.delivered, 2);
        QCOMPARE(report.remaining, 2);
        QVERIFY(report.error.contains(u"503"_s));
        QCOMPARE(unavailable.requests(), 1); // the later one for the down agent waited
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 2, Patience);
        QCOMPARE(capturedTitles(), (QStringList{u"queued 1"_s, u"queued 3"_s}));
        const QList<OutboxEntry> left = m_outbox->entries();
        QCOMPARE(left.size(), 2);
        QCOMPARE(left.at(0).id, ids.at(0));
        QCOMPARE(left.at(0).attempts, 2);
        QCOMPARE(left.at(1).id, ids.at(2));
        QCOMPARE(left.at(1).attempts, 1);
        // The down agent's next turn is its oldest entry's: not now.
        QVERIFY(*m_outbox->nextDue() > QDateTime::currentMSecsSinceEpoch());
    }

    void flusherDueModeWaitsForTheRetryTime()
    {
        QStringList ids;
        queueUnreachable(2, &ids);
        if (QTest::currentTestFailed())
            return;
        const qint64 later = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        retarget(ids.at(0), agentEventUrl(), later);
        retarget(ids.at(1), agentEventUrl(), later + 1);

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::Due, &report);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.delivered, 0);
        QCOMPARE(report.remaining, 2);
        QVERIFY(report.error.isEmpty());
        QTest::qWait(200);
        QCOMPARE(m_captured.size(), 0);
        QCOMPARE(m_outbox->entry(ids.at(0))->attempts, 1); // not even tried

        // Once one is due, Due sends.
        retarget(ids.at(0), agentEventUrl(), QDateTime::currentMSecsSinceEpoch() - 1);
        flushOnce(flusher, OutboxFlusher::Mode::Due, &report);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(report.delivered >= 1);
        QVERIFY(!m_outbox->entry(ids.at(0)));
        QTRY_VERIFY_WITH_TIMEOUT(capturedTitles().contains(u"queued 0"_s), Patience);
    }

    void secondFlusherIsToldTheOutboxIsBusy()
    {
        QStringList ids;
        queueUnreachable(1, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer silent;
        retarget(ids.at(0), silent.eventUrl());

        // The first flusher holds the lock while its request hangs.
        OutboxFlusher first(m_network.get(), *m_outbox, *m_history, u"gui"_s);
        QList<OutboxFlusher::Report> firstReports;
        connect(&first, &OutboxFlusher::finished, this,
                [&firstReports](const OutboxFlusher::Report &r) { firstReports.append(r); });
        first.flush(OutboxFlusher::Mode::All, 0, 120s);
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests(), 1, Patience);
        QVERIFY(first.isBusy());

        // A second one, on its own Outbox object for the same folder.
        Outbox sameFolder(m_outbox->directory());
        OutboxFlusher second(m_network.get(), sameFolder, *m_history, u"iwb"_s);
        OutboxFlusher::Report report;
        flushOnce(second, OutboxFlusher::Mode::All, &report);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(report.busy);
        QCOMPARE(report.delivered, 0);
        QCOMPARE(report.remaining, 1);
        QVERIFY2(report.error.contains(u"pid %1"_s.arg(QCoreApplication::applicationPid())), qPrintable(report.error));
        QCOMPARE(silent.requests(), 1);

        // Stopping the first one releases the lock and leaves the entry as it was.
        first.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(firstReports.size(), 1, Patience);
        QVERIFY(!firstReports.first().busy);
        QCOMPARE(firstReports.first().remaining, 1);
        QVERIFY(!firstReports.first().error.isEmpty());
        QCOMPARE(m_outbox->entry(ids.at(0))->attempts, 1);

        retarget(ids.at(0), agentEventUrl());
        flushOnce(second, OutboxFlusher::Mode::All, &report);
        QVERIFY(!report.busy);
        QCOMPARE(report.delivered, 1);
        QCOMPARE(report.remaining, 0);
        QCOMPARE(firstReports.size(), 1);
    }

    void flusherSendsOnlyTheIdsAskedFor()
    {
        QStringList ids;
        queueUnreachable(3, &ids);
        if (QTest::currentTestFailed())
            return;
        for (const QString &id : std::as_const(ids))
            retarget(id, agentEventUrl());

        OutboxFlusher flusher(m_network.get(), *m_outbox, *m_history, u"test"_s);
        OutboxFlusher::Report report;
        flushOnce(flusher, OutboxFlusher::Mode::All, &report, {ids.at(1)});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(report.delivered, 1);
        QCOMPARE(report.remaining, 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, Patience);
        QTest::qWait(200);
        QCOMPARE(capturedTitles(), QStringList{u"queued 1"_s});
        const QList<OutboxEntry> left = m_outbox->entries();
        QCOMPARE(left.size(), 2);
        QCOMPARE(left.at(0).id, ids.at(0));
        QCOMPARE(left.at(1).id, ids.at(2));

        // An id that is not there: nothing sent.
        flushOnce(flusher, OutboxFlusher::Mode::All, &report, {u"0000000000001-000000000001"_s});
        QCOMPARE(report.delivered, 0);
        QCOMPARE(report.remaining, 2);
        QTest::qWait(100);
        QCOMPARE(m_captured.size(), 1);
    }

    // --- OutboxRetrier --------------------------------------------------------------------

    void retrierSendsWhatIsDue()
    {
        QStringList ids;
        queueUnreachable(1, &ids);
        if (QTest::currentTestFailed())
            return;
        retarget(ids.at(0), agentEventUrl(), QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);

        OutboxRetrier retrier(m_network.get(), *m_outbox, *m_history, u"gui"_s);
        QList<OutboxFlusher::Report> reports;
        connect(&retrier, &OutboxRetrier::flushed, this,
                [&reports](const OutboxFlusher::Report &r) { reports.append(r); });
        QVERIFY(!retrier.isEnabled());
        retrier.setEnabled(true);
        QVERIFY(retrier.isEnabled());

        // Not due: a tick goes by without a send.
        QTest::qWait(OutboxRetrier::CheckIntervalMs + 500);
        QCOMPARE(m_captured.size(), 0);
        QCOMPARE(m_outbox->count(), 1);

        // Due: the next tick sends it.
        retarget(ids.at(0), agentEventUrl(), QDateTime::currentMSecsSinceEpoch() - 1000);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 1, 4 * OutboxRetrier::CheckIntervalMs + Patience);
        QCOMPARE(capturedTitles(), QStringList{u"queued 0"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!reports.isEmpty(), Patience);
        QCOMPARE(reports.last().delivered, 1);
        QCOMPARE(reports.last().remaining, 0);
        QCOMPARE(m_outbox->count(), 0);
        const QList<HistoryEntry> history = m_history->load();
        QCOMPARE(history.last().outcome, HistoryEntry::Outcome::Delivered);
        QCOMPARE(history.last().source, u"gui"_s);

        retrier.setEnabled(false);
        QVERIFY(!retrier.isEnabled());
    }

    void retrierDoesNotHammerADownAgent()
    {
        QStringList ids;
        queueUnreachable(3, &ids);
        if (QTest::currentTestFailed())
            return;
        FakeServer unavailable(httpResponse(503, "Service Unavailable"));
        const qint64 past = QDateTime::currentMSecsSinceEpoch() - 60000;
        for (const QString &id : std::as_const(ids))
            retarget(id, unavailable.eventUrl(), past);

        OutboxRetrier retrier(m_network.get(), *m_outbox, *m_history, u"gui"_s);
        retrier.setEnabled(true);
        QTRY_COMPARE_WITH_TIMEOUT(unavailable.requests(), 1, 4 * OutboxRetrier::CheckIntervalMs + Patience);
        // The failed entry now waits 8 to 10 s (backoffMs(2)); two more ticks of the timer
        // (every CheckIntervalMs) go by well within that.
        QTest::qWait(2 * OutboxRetrier::CheckIntervalMs + 500);
        retrier.setEnabled(false);
        QVERIFY2(
            unavailable.requests() == 1,
            qPrintable(u"%1 requests to a down agent within %2 ms of the first failure"_s.arg(unavailable.requests())
                           .arg(2 * OutboxRetrier::CheckIntervalMs + 500)));
        QCOMPARE(m_outbox->count(), 3);
    }

    void retrierRetryNowSendsEverything()
    {
        QStringList ids;
        queueUnreachable(2, &ids);
        if (QTest::currentTestFailed())
            return;
        const qint64 later = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        for (const QString &id : std::as_const(ids))
            retarget(id, agentEventUrl(), later);

        OutboxRetrier retrier(m_network.get(), *m_outbox, *m_history, u"gui"_s);
        QList<OutboxFlusher::Report> reports;
        connect(&retrier, &OutboxRetrier::flushed, this,
                [&reports](const OutboxFlusher::Report &r) { reports.append(r); });
        retrier.retryNow(false); // nothing due
        QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 1, Patience);
        QCOMPARE(reports.at(0).delivered, 0);
        QCOMPARE(reports.at(0).remaining, 2);

        retrier.retryNow(true);
        QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 2, Patience);
        QCOMPARE(reports.at(1).delivered, 2);
        QCOMPARE(reports.at(1).remaining, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_captured.size(), 2, Patience);
        QCOMPARE(capturedTitles(), (QStringList{u"queued 0"_s, u"queued 1"_s}));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<EventHistory> m_history;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LocalAgent> m_agent;
    QList<CaptureBatch> m_captured;
};

QTEST_GUILESS_MAIN(TestEventDelivery)
#include "tst_eventdelivery.moc"
