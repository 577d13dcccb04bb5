#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLockFile>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace Workbench {

struct RetryPolicy;

// One request waiting in the outbox: the exact body as fired (timestamps fixed then) and
// where it was going.
struct OutboxEntry
{
    QString id; // also the file name; sorts in the order entries were queued
    QUrl target; // the event endpoint's URL
    QByteArray body;
    int eventCount = 0;
    QString title; // the first event's title, for lists
    QString source; // "gui" or "iwb"
    qint64 queuedAt = 0; // ms since epoch
    int attempts = 0; // sends tried, the first included
    qint64 nextAttemptAt = 0; // ms since epoch
    int lastStatus = 0;
    QString lastError;

    QByteArray toJson() const;
    static std::optional<OutboxEntry> fromJson(const QByteArray &json);
    // As above; when the text is no entry, *reason says why ("attempts (99999999999999) is
    // not a whole number from 0 to 2147483647"). A field that is absent takes its default; one
    // of the wrong type or out of range makes the whole entry damaged, never a silent 0.
    static std::optional<OutboxEntry> fromJson(const QByteArray &json, QString *reason);
};

// A file in the outbox folder that has the name of a request but cannot be read as one.
struct OutboxDamage
{
    QString fileName; // in the outbox folder
    QString reason; // a sentence
};

// The outbox folder as everyone sees it: what waits, what is damaged, what is not ours.
struct OutboxScan
{
    QList<OutboxEntry> entries; // waiting, oldest first
    QList<OutboxDamage> damaged; // never sent nor counted as waiting; moved aside on request
    QStringList foreign; // files whose names are not the outbox's: left alone, never sent
};

// Requests that could not be delivered yet, one file each in a directory under the data
// location. The GUI and iwb share it: every file is written whole (to a temporary file that
// is then renamed), so a crash leaves the old file or the new one, never half of one; and
// whoever sends from the outbox holds its lock file, so no request goes out twice at once.
class Outbox
{
public:
    explicit Outbox(const QString &directory = defaultDirectory());
    static QString defaultDirectory();

    QString directory() const { return m_directory; }

    // Writes a new entry; gives it an id when it has none. False and *error when the disk
    // refuses: then nothing was queued and the caller must tell the user.
    bool enqueue(OutboxEntry &entry, QString *error);
    // The one view of the outbox folder that listing, sending, clearing and the window share.
    // Requests are "<id>.json" files (and "<id>.discarding" while a discard is under way);
    // such a file that is not a regular file, is larger than MaxEntryBytes or is no valid
    // entry is damaged. Other files (not ".lock", not folders such as damaged/) are foreign.
    OutboxScan scan() const;
    static constexpr qint64 MaxEntryBytes = 16 * 1024 * 1024;
    // Every entry, oldest first (scan().entries). Damaged files are left where they are and
    // named in *problems, each as "NAME (REASON)".
    QList<OutboxEntry> entries(QStringList *problems = nullptr) const;
    std::optional<OutboxEntry> entry(const QString &id) const;
    bool contains(const QString &id) const;
    // The entries waiting: damaged files are not counted.
    qsizetype count() const;
    // When the next request is due: the earliest of each agent's oldest entry (an agent's
    // later entries wait behind it), or nothing when the outbox is empty.
    std::optional<qint64> nextDue() const;
    // For each target, when its requests are due: its oldest entry's retry time.
    static QHash<QUrl, qint64> dueTimes(const QList<OutboxEntry> &entries);

    bool update(const OutboxEntry &entry, QString *error);
    bool remove(const QString &id, QString *error);

    // An entry on its way out unsent (see discardFromOutbox): renamed in one step, so that
    // it is no longer listed nor sent, yet its content is kept until the history has it.
    bool markDiscarding(const QString &id, QString *error);
    QList<OutboxEntry> discarding() const;
    bool removeDiscarding(const QString &id, QString *error);

    // Where damaged files are moved aside to: a "damaged" folder in the outbox folder.
    QString damagedDirectory() const;
    // Moves one damaged file (an OutboxDamage's fileName) into damagedDirectory() in one
    // rename, its bytes kept; a name taken there gets a number. The caller holds the lock.
    bool moveAside(const QString &fileName, QString *error);

    // The lock that whoever sends or discards holds. tryLock() waits at most `waitMs`.
    class Lock
    {
    public:
        explicit Lock(const QString &file);
        bool tryLock(int waitMs);
        bool isLocked() const;
        void unlock();
        // Who holds it, for a message: "iwb (pid 123)".
        QString holder() const;

    private:
        std::unique_ptr<QLockFile> m_file;
    };
    std::unique_ptr<Lock> lock() const;

    // The delay before retry number `attempts` + 1: 5 s, doubling, at most 5 minutes, with up
    // to 20% jitter so that many workbenches do not return at the same moment.
    static qint64 backoffMs(int attempts);
    static RetryPolicy retryPolicy();

    static QString newId(qint64 nowMs);

private:
    QString pathOf(const QString &id) const;
    QString discardingPathOf(const QString &id) const;
    bool write(const OutboxEntry &entry, QString *error);

    QString m_directory;
};

} // namespace Workbench
