#include "core/events/eventhistory.h"

#include "core/events/outbox.h"
#include "core/settings/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::EventHistory)
};
} // namespace

constexpr std::array outcomeNames{"delivered"_L1, "rejected"_L1,  "queued"_L1,
                                  "failed"_L1,    "cancelled"_L1, "discarded"_L1};

// The largest size up to `limit` that does not cut a UTF-8 character in two.
qsizetype utf8Boundary(const QByteArray &text, qsizetype limit)
{
    qsizetype at = std::min(limit, text.size());
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text.at(at)) & 0xc0) == 0x80)
        --at;
    return at;
}

class HistoryLock
{
public:
    explicit HistoryLock(const QString &file)
        : m_lock(file + ".lock"_L1)
    {
        m_lock.setStaleLockTime(0);
    }
    bool acquire() { return m_lock.tryLock(10000); }

private:
    QLockFile m_lock;
};
} // namespace

QString HistoryEntry::outcomeName(Outcome outcome)
{
    return outcomeNames.at(std::size_t(outcome));
}

std::optional<HistoryEntry::Outcome> HistoryEntry::outcomeFromName(const QString &name)
{
    for (std::size_t i = 0; i < outcomeNames.size(); ++i) {
        if (name == outcomeNames.at(i))
            return Outcome(i);
    }
    return std::nullopt;
}

QByteArray HistoryEntry::toJsonLine() const
{
    QJsonObject object{
        {u"id"_s, id},
        {u"time"_s, time},
        {u"source"_s, source},
        {u"target"_s, target},
        {u"body"_s, QString::fromUtf8(body)},
        {u"events"_s, eventCount},
        {u"title"_s, title},
        {u"outcome"_s, outcomeName(outcome)},
        {u"status"_s, httpStatus},
        {u"latencyMs"_s, latencyMs},
        {u"attempts"_s, attempts},
    };
    if (bodyTruncated)
        object.insert(u"bodyTruncated"_s, true);
    if (!error.isEmpty())
        object.insert(u"error"_s, error);
    if (!response.isEmpty())
        object.insert(u"response"_s, QString::fromUtf8(response));
    if (!outboxId.isEmpty())
        object.insert(u"outboxId"_s, outboxId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HistoryEntry> HistoryEntry::fromJson(QByteArrayView line)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const auto outcome = outcomeFromName(object.value("outcome"_L1).toString());
    if (!outcome)
        return std::nullopt;
    HistoryEntry entry;
    entry.id = object.value("id"_L1).toString();
    entry.time = object.value("time"_L1).toInteger();
    entry.source = object.value("source"_L1).toString();
    entry.target = object.value("target"_L1).toString();
    entry.body = object.value("body"_L1).toString().toUtf8();
    entry.bodyTruncated = object.value("bodyTruncated"_L1).toBool();
    entry.eventCount = object.value("events"_L1).toInt();
    entry.title = object.value("title"_L1).toString();
    entry.outcome = *outcome;
    entry.httpStatus = object.value("status"_L1).toInt();
    entry.latencyMs = object.value("latencyMs"_L1).toInteger();
    entry.attempts = object.value("attempts"_L1).toInt(1);
    entry.error = object.value("error"_L1).toString();
    entry.response = object.value("response"_L1).toString().toUtf8();
    entry.outboxId = object.value("outboxId"_L1).toString();
    return entry;
}

bool HistoryEntry::matches(const QString &query) const
{
    const QStringList words = query.split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return true;
    const QString status = httpStatus > 0 ? QString::number(httpStatus) : QString();
    const QString bodyText = QString::fromUtf8(body);
    const QString name = outcomeName(outcome);
    return std::all_of(words.cbegin(), words.cend(), [&](const QString &word) {
        return title.contains(word, Qt::CaseInsensitive) || bodyText.contains(word, Qt::CaseInsensitive)
            || target.contains(word, Qt::CaseInsensitive) || name.contains(word, Qt::CaseInsensitive) || status == word
            || error.contains(word, Qt::CaseInsensitive) || source == word;
    });
}

EventHistory::EventHistory(const QString &file)
    : m_file(file)
{
}

QString EventHistory::defaultFile()
{
    return Paths::dataDir() + "/history.jsonl"_L1;
}

QString EventHistory::newId(qint64 nowMs)
{
    return Outbox::newId(nowMs);
}

bool EventHistory::append(HistoryEntry entry, QString *error)
{
    if (entry.body.size() > HistoryEntry::MaxBodyBytes) {
        entry.body.truncate(utf8Boundary(entry.body, HistoryEntry::MaxBodyBytes));
        entry.bodyTruncated = true;
    }
    if (entry.response.size() > HistoryEntry::MaxResponseBytes)
        entry.response.truncate(utf8Boundary(entry.response, HistoryEntry::MaxResponseBytes));
    if (entry.id.isEmpty())
        entry.id = newId(entry.time);
    const QByteArray line = entry.toJsonLine();

    QDir().mkpath(QFileInfo(m_file).absolutePath());
    HistoryLock lock(m_file);
    if (!lock.acquire()) {
        if (error)
            *error = Messages::tr("The history %1 is locked by another program.").arg(QDir::toNativeSeparators(m_file));
        return false;
    }
    QFile file(m_file);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = Messages::tr("Cannot write the history %1: %2")
                         .arg(QDir::toNativeSeparators(m_file), file.errorString());
        return false;
    }
    // A line cut short by a crash would glue itself to this one; start on a fresh line.
    if (file.size() > 0) {
        QFile reader(m_file);
        if (reader.open(QIODevice::ReadOnly) && reader.seek(file.size() - 1) && reader.read(1) != "\n")
            file.write("\n");
    }
    if (file.write(line) != line.size() || !file.flush()) {
        if (error)
            *error = Messages::tr("Cannot write the history %1: %2")
                         .arg(QDir::toNativeSeparators(m_file), file.errorString());
        return false;
    }
    const qint64 size = file.size();
    file.close();
    if (size > MaxFileBytes)
        return trim(error);
    return true;
}

bool EventHistory::trim(QString *error)
{
    // Called with the lock held: keep the newest half.
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    const QByteArray all = file.readAll();
    file.close();
    qsizetype from = all.size() - MaxFileBytes / 2;
    from = all.indexOf('\n', std::max<qsizetype>(0, from));
    if (from < 0)
        return true;
    QSaveFile out(m_file);
    if (!out.open(QIODevice::WriteOnly) || out.write(all.mid(from + 1)) < 0 || !out.commit()) {
        if (error)
            *error = Messages::tr("Cannot trim the history %1: %2")
                         .arg(QDir::toNativeSeparators(m_file), out.errorString());
        return false;
    }
    return true;
}

QList<HistoryEntry> EventHistory::load(int *damaged) const
{
    QList<HistoryEntry> entries;
    int bad = 0;
    QFile file(m_file);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray all = file.readAll();
        qsizetype at = 0;
        while (at < all.size()) {
            qsizetype end = all.indexOf('\n', at);
            if (end < 0)
                end = all.size();
            const QByteArrayView line = QByteArrayView(all).sliced(at, end - at).trimmed();
            if (!line.isEmpty()) {
                if (auto entry = HistoryEntry::fromJson(line))
                    entries.append(std::move(*entry));
                else
                    ++bad;
            }
            at = end + 1;
        }
    }
    if (damaged)
        *damaged = bad;
    return entries;
}

bool EventHistory::clear(QString *error)
{
    HistoryLock lock(m_file);
    if (!lock.acquire()) {
        if (error)
            *error = Messages::tr("The history %1 is locked by another program.").arg(QDir::toNativeSeparators(m_file));
        return false;
    }
    QFile file(m_file);
    if (file.exists() && !file.remove()) {
        if (error)
            *error = Messages::tr("Cannot clear the history %1: %2")
                         .arg(QDir::toNativeSeparators(m_file), file.errorString());
        return false;
    }
    return true;
}

} // namespace Workbench
