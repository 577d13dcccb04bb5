// Discarding from the outbox, as the window and `iwb outbox clear` both do it: each entry
// leaves the outbox and gets a record in the history with its attempts, last HTTP status and
// last error; a discard cut short after any of its steps is finished by the next one, without
// a second record and without the entry going out.

#include "core/events/event.h"
#include "core/events/eventhistory.h"
#include "core/events/outbox.h"
#include "core/events/outboxdiscard.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
OutboxEntry makeEntry(const QString &title, int attempts, int lastStatus, const QString &lastError)
{
    Event event;
    event.title = title;
    event.severity = EventSeverity::Warning;
    event.timestamp = 1700000000000;
    OutboxEntry entry;
    entry.target = QUrl(u"http://user:secret@127.0.0.1:42699/com.instana.plugin.generic.event"_s);
    entry.body = EventCodec::encode(event);
    entry.eventCount = 1;
    entry.title = title;
    entry.source = u"gui"_s;
    entry.attempts = attempts;
    entry.lastStatus = lastStatus;
    entry.lastError = lastError;
    return entry;
}
} // namespace

class TestOutboxDiscard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<EventHistory> m_history;

    QString enqueue(const QString &title, int attempts = 2, int lastStatus = 503,
                    const QString &lastError = u"Service Unavailable"_s)
    {
        OutboxEntry entry = makeEntry(title, attempts, lastStatus, lastError);
        QString error;
        if (!m_outbox->enqueue(entry, &error))
            qFatal("cannot enqueue: %s", qPrintable(error));
        return entry.id;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_outbox = std::make_unique<Outbox>(m_dir->filePath(u"outbox"_s));
        m_history = std::make_unique<EventHistory>(m_dir->filePath(u"history.jsonl"_s));
    }

    void cleanup()
    {
        m_history.reset();
        m_outbox.reset();
        m_dir.reset();
    }

    void discardRecordsStatusAttemptsAndError()
    {
        const QString first = enqueue(u"first"_s, 3, 503, u"Service Unavailable"_s);
        const QString second = enqueue(u"second"_s, 1, 0, u"Connection refused"_s);
        const QString kept = enqueue(u"kept"_s);

        const OutboxDiscardResult result = discardFromOutbox(*m_outbox, *m_history, {first, second}, u"iwb"_s);
        QCOMPARE(result.discarded, 2);
        QVERIFY(result.errors.isEmpty());

        const QList<OutboxEntry> left = m_outbox->entries();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).id, kept);
        QVERIFY(m_outbox->discarding().isEmpty());

        const QList<HistoryEntry> records = m_history->load();
        QCOMPARE(records.size(), 2);
        const HistoryEntry &a = records.at(0);
        QCOMPARE(a.outcome, HistoryEntry::Outcome::Discarded);
        QCOMPARE(a.source, u"iwb"_s);
        QCOMPARE(a.outboxId, first);
        QCOMPARE(a.title, u"first"_s);
        QCOMPARE(a.eventCount, 1);
        QCOMPARE(a.attempts, 3);
        QCOMPARE(a.httpStatus, 503);
        QCOMPARE(a.target, u"http://127.0.0.1:42699/com.instana.plugin.generic.event"_s); // no user info
        QVERIFY(a.error.contains(u"Service Unavailable"_s));
        QVERIFY(a.error.contains(u"3 attempt"_s));
        QCOMPARE(a.body, makeEntry(u"first"_s, 0, 0, {}).body);
        const HistoryEntry &b = records.at(1);
        QCOMPARE(b.outboxId, second);
        QCOMPARE(b.httpStatus, 0);
        QVERIFY(b.error.contains(u"Connection refused"_s));
    }

    void entriesGoneMeanwhileAreSkipped()
    {
        const QString id = enqueue(u"gone"_s);
        QVERIFY(m_outbox->remove(id, nullptr));
        const OutboxDiscardResult result
            = discardFromOutbox(*m_outbox, *m_history, {id, u"0000000000000-00000000000000"_s}, u"gui"_s);
        QCOMPARE(result.discarded, 0);
        QVERIFY(result.errors.isEmpty());
        QVERIFY(m_history->load().isEmpty());
    }

    // A crash after the entry was renamed out of the outbox and before the history had it:
    // the entry is not sent (it is not listed), and the next discard records it once.
    void cutShortBeforeTheRecordIsFinishedLater()
    {
        const QString id = enqueue(u"cut short"_s, 4, 429, u"Too Many Requests"_s);
        QVERIFY(m_outbox->markDiscarding(id, nullptr));
        QVERIFY(m_outbox->entries().isEmpty()); // nothing for a flusher to send
        QVERIFY(!m_outbox->nextDue());
        QCOMPARE(m_outbox->count(), 0);
        QCOMPARE(m_outbox->discarding().size(), 1);
        QVERIFY(m_history->load().isEmpty());

        const QString other = enqueue(u"other"_s);
        const OutboxDiscardResult result = discardFromOutbox(*m_outbox, *m_history, {other}, u"gui"_s);
        QCOMPARE(result.discarded, 1);
        QVERIFY(result.errors.isEmpty());
        QVERIFY(m_outbox->discarding().isEmpty());
        const QList<HistoryEntry> records = m_history->load();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).outboxId, id);
        QCOMPARE(records.at(0).httpStatus, 429);
        QCOMPARE(records.at(0).attempts, 4);
        QCOMPARE(records.at(1).outboxId, other);
    }

    // A crash after the record was written and before the renamed file was deleted: the
    // next discard deletes it without a second record.
    void cutShortAfterTheRecordIsNotRecordedTwice()
    {
        const QString id = enqueue(u"recorded"_s);
        const std::optional<OutboxEntry> entry = m_outbox->entry(id);
        QVERIFY(entry);
        QVERIFY(m_outbox->markDiscarding(id, nullptr));
        QVERIFY(m_history->append(discardRecord(*entry, u"gui"_s, 1700000000000)));

        const OutboxDiscardResult result = finishInterruptedDiscards(*m_outbox, *m_history, u"gui"_s);
        QCOMPARE(result.discarded, 1);
        QVERIFY(m_outbox->discarding().isEmpty());
        QCOMPARE(m_history->load().size(), 1);
    }

    // When the history cannot be written, the entry is not lost: it stays out of the
    // outbox's list (never sent) and is recorded once the history can be written again.
    void historyThatCannotBeWrittenKeepsTheEntry()
    {
        const QString id = enqueue(u"unwritable"_s);
        // A folder where the history file should be: appends fail.
        QVERIFY(QDir().mkpath(m_history->file()));
        OutboxDiscardResult result = discardFromOutbox(*m_outbox, *m_history, {id}, u"gui"_s);
        QCOMPARE(result.discarded, 0);
        QCOMPARE(result.errors.size(), 1);
        QVERIFY(m_outbox->entries().isEmpty());
        QCOMPARE(m_outbox->discarding().size(), 1);

        QVERIFY(QDir().rmdir(m_history->file()));
        result = finishInterruptedDiscards(*m_outbox, *m_history, u"gui"_s);
        QCOMPARE(result.discarded, 1);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(m_history->load().size(), 1);
        QCOMPARE(m_history->load().at(0).outboxId, id);
    }
};

QTEST_GUILESS_MAIN(TestOutboxDiscard)
#include "tst_outboxdiscard.moc"
