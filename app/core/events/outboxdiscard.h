#pragma once

#include "core/events/eventhistory.h"
#include "core/events/outbox.h"

#include <QString>
#include <QStringList>

namespace Workbench {

struct OutboxDiscardResult
{
    int discarded = 0; // entries taken out of the outbox, each with its record in the history
    QStringList errors; // one sentence per entry that could not be discarded
};

// Takes the entries `ids` out of the outbox unsent and records each in the history as
// discarded, with its attempts, its last HTTP status and its last error. The caller holds the
// outbox's lock. Ids no longer in the outbox (sent or discarded meanwhile) are skipped.
//
// Each entry goes in three steps: it is renamed out of the outbox (one atomic step: from then
// on it is never sent), its record is appended to the history, and only then is the renamed
// file deleted. A crash between the steps leaves the renamed file, and the next discard
// finishes its work first (see finishInterruptedDiscards), so the history never loses the
// record and a discarded request never goes out.
OutboxDiscardResult discardFromOutbox(Outbox &outbox, EventHistory &history, const QStringList &ids,
                                      const QString &source);

// Finishes discards a crash cut short: records each in the history unless it already has it,
// then deletes what is left of it. The caller holds the outbox's lock.
OutboxDiscardResult finishInterruptedDiscards(Outbox &outbox, EventHistory &history, const QString &source);

struct OutboxSetAsideResult
{
    QStringList moved; // the files moved into the outbox's damaged folder
    QStringList errors; // one sentence per file that could not be moved
};

// Moves the damaged files of the outbox (as its scan() finds them now) into its damaged folder,
// their bytes kept: never deleted unseen, no longer listed or counted. The caller holds the
// outbox's lock.
OutboxSetAsideResult moveDamagedAside(Outbox &outbox);

// The history's record of `entry` being discarded at `time`.
HistoryEntry discardRecord(const OutboxEntry &entry, const QString &source, qint64 time);

} // namespace Workbench
