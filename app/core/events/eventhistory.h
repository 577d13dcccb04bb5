#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Workbench {

// One send of one request to the event endpoint, or what became of it.
struct HistoryEntry
{
    enum class Outcome {
        Delivered, // the agent took it (2xx)
        Rejected, // the agent refused it (4xx other than 429); not retried
        Queued, // not delivered yet; waiting in the outbox
        Failed, // not delivered and not queued (the user did not ask for the outbox)
        Cancelled, // the user stopped the send
        Discarded, // the user removed it from the outbox unsent
    };

    QString id;
    qint64 time = 0; // ms since epoch
    QString source; // "gui" or "iwb"
    QString target; // URL without user info
    QByteArray body;
    bool bodyTruncated = false; // bodies over MaxBodyBytes are kept in part
    int eventCount = 0;
    QString title; // the first event's title
    Outcome outcome = Outcome::Delivered;
    int httpStatus = 0;
    qint64 latencyMs = 0;
    QString error;
    QByteArray response; // the first 4 KiB of the agent's answer
    QString outboxId; // for queued entries, and for what came out of the outbox
    int attempts = 1;

    static constexpr qsizetype MaxBodyBytes = 1024 * 1024;
    static constexpr qsizetype MaxResponseBytes = 4096;

    static QString outcomeName(Outcome outcome); // "delivered", ...
    static std::optional<Outcome> outcomeFromName(const QString &name);

    QByteArray toJsonLine() const; // one line, newline included
    static std::optional<HistoryEntry> fromJson(QByteArrayView line);

    // Whether every word of `query` occurs in the title, body, target, outcome, status or
    // error (case-insensitive). An empty query matches everything.
    bool matches(const QString &query) const;
};

// Every send, newest last, as JSON lines in one file under the data location, shared by the
// GUI and iwb. Appends hold a lock file, so lines from two processes never interleave; a line
// cut short by a crash is skipped when reading. The file is trimmed to the newest entries
// when it grows past MaxFileBytes.
class EventHistory
{
public:
    static constexpr qint64 MaxFileBytes = 32 * 1024 * 1024;

    explicit EventHistory(const QString &file = defaultFile());
    static QString defaultFile();
    QString file() const { return m_file; }

    bool append(HistoryEntry entry, QString *error = nullptr);
    // Oldest first. *damaged counts lines that could not be read.
    QList<HistoryEntry> load(int *damaged = nullptr) const;
    bool clear(QString *error = nullptr);

    static QString newId(qint64 nowMs);

private:
    bool trim(QString *error);

    QString m_file;
};

} // namespace Workbench
