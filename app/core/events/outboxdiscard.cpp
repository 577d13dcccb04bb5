#include "core/events/outboxdiscard.h"

#include "core/logging/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>

namespace Workbench {

namespace {

class OutboxDiscard
{
    Q_DECLARE_TR_FUNCTIONS(OutboxDiscard)

public:
    static QString error(const OutboxEntry &entry)
    {
        return tr("Discarded from the outbox after %n attempt(s); last error: %1", nullptr, entry.attempts)
            .arg(entry.lastError);
    }
};

// Appends the record and deletes the renamed file, in that order.
bool finish(Outbox &outbox, EventHistory &history, const OutboxEntry &entry, const QString &source, bool recorded,
            QString *error)
{
    if (!recorded && !history.append(discardRecord(entry, source, QDateTime::currentMSecsSinceEpoch()), error))
        return false;
    return outbox.removeDiscarding(entry.id, error);
}

} // namespace

HistoryEntry discardRecord(const OutboxEntry &entry, const QString &source, qint64 time)
{
    HistoryEntry record;
    record.time = time;
    record.source = source;
    record.target = entry.target.toString(QUrl::RemoveUserInfo);
    record.body = entry.body;
    record.eventCount = entry.eventCount;
    record.title = entry.title;
    record.outcome = HistoryEntry::Outcome::Discarded;
    record.httpStatus = entry.lastStatus;
    record.error = OutboxDiscard::error(entry);
    record.outboxId = entry.id;
    record.attempts = entry.attempts;
    return record;
}

OutboxDiscardResult finishInterruptedDiscards(Outbox &outbox, EventHistory &history, const QString &source)
{
    OutboxDiscardResult result;
    const QList<OutboxEntry> left = outbox.discarding();
    if (left.isEmpty())
        return result;
    QSet<QString> recorded;
    for (const HistoryEntry &record : history.load()) {
        if (record.outcome == HistoryEntry::Outcome::Discarded && !record.outboxId.isEmpty())
            recorded.insert(record.outboxId);
    }
    for (const OutboxEntry &entry : left) {
        QString error;
        if (!finish(outbox, history, entry, source, recorded.contains(entry.id), &error)) {
            result.errors << error;
            continue;
        }
        qCInfo(lcEvents) << "finished discarding" << entry.id;
        ++result.discarded;
    }
    return result;
}

OutboxSetAsideResult moveDamagedAside(Outbox &outbox)
{
    OutboxSetAsideResult result;
    const QList<OutboxDamage> damaged = outbox.scan().damaged;
    for (const OutboxDamage &damage : damaged) {
        QString error;
        if (outbox.moveAside(damage.fileName, &error))
            result.moved << damage.fileName;
        else
            result.errors << error;
    }
    return result;
}

OutboxDiscardResult discardFromOutbox(Outbox &outbox, EventHistory &history, const QStringList &ids,
                                      const QString &source)
{
    OutboxDiscardResult result = finishInterruptedDiscards(outbox, history, source);
    result.discarded = 0; // those were counted when they were asked for
    for (const QString &id : ids) {
        const std::optional<OutboxEntry> entry = outbox.entry(id);
        if (!entry)
            continue; // sent or discarded meanwhile
        QString error;
        if (!outbox.markDiscarding(id, &error) || !finish(outbox, history, *entry, source, false, &error)) {
            result.errors << error;
            continue;
        }
        qCInfo(lcEvents) << "discarded" << id;
        ++result.discarded;
    }
    return result;
}

} // namespace Workbench
