#include "core/events/outbox.h"

#include "core/io/filenames.h"
#include "core/logging/logging.h"
#include "core/net/retrypolicy.h"
#include "core/settings/paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStringDecoder>

#include <atomic>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Outbox)
};
} // namespace

constexpr auto Suffix = ".json"_L1;
constexpr auto DiscardingSuffix = ".discarding"_L1;
constexpr auto LockName = ".lock"_L1;
constexpr auto DamagedFolder = "damaged"_L1;

// The fields of an entry, read strictly: absent is the default, anything else must fit.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    {
    }

    QString reason() const { return m_reason; }

    QString text(QLatin1StringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isString())
            refuse(Messages::tr("%1 is not text").arg(key));
        return value.toString();
    }

    qint64 number(QLatin1StringView key, qint64 lowest, qint64 highest)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return 0;
        if (!value.isDouble()) {
            refuse(Messages::tr("%1 is not a number").arg(key));
            return 0;
        }
        const double number = value.toDouble();
        if (std::floor(number) != number || number < double(lowest) || number > double(highest)) {
            const QString shown
                = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
            refuse(
                Messages::tr("%1 (%2) is not a whole number from %3 to %4").arg(key, shown).arg(lowest).arg(highest));
            return 0;
        }
        return value.toInteger();
    }

    void refuse(const QString &reason)
    {
        if (m_reason.isEmpty())
            m_reason = reason;
    }

private:
    const QJsonObject &m_object;
    QString m_reason;
};
} // namespace

QByteArray OutboxEntry::toJson() const
{
    const QJsonObject object{
        {u"id"_s, id},
        {u"target"_s, target.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded)},
        {u"body"_s, QString::fromUtf8(body)},
        {u"events"_s, eventCount},
        {u"title"_s, title},
        {u"source"_s, source},
        {u"queuedAt"_s, queuedAt},
        {u"attempts"_s, attempts},
        {u"nextAttemptAt"_s, nextAttemptAt},
        {u"lastStatus"_s, lastStatus},
        {u"lastError"_s, lastError},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<OutboxEntry> OutboxEntry::fromJson(const QByteArray &json)
{
    return fromJson(json, nullptr);
}

std::optional<OutboxEntry> OutboxEntry::fromJson(const QByteArray &json, QString *reason)
{
    auto fail = [reason](const QString &why) -> std::optional<OutboxEntry> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    if (json.trimmed().isEmpty())
        return fail(Messages::tr("it is empty"));
    // The JSON parser would put U+FFFD in place of such bytes: the body sent would not be the
    // one queued.
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8(json);
    if (utf8.hasError())
        return fail(Messages::tr("it is not UTF-8 text"));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Messages::tr("it is not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(Messages::tr("it is not a JSON object"));
    const QJsonObject object = document.object();
    FieldReader read(object);
    constexpr qint64 intMax = std::numeric_limits<int>::max();
    constexpr qint64 timeMax = std::numeric_limits<qint64>::max() / 2; // beyond any clock
    OutboxEntry entry;
    entry.id = read.text("id"_L1);
    const QString target = read.text("target"_L1);
    entry.target = QUrl(target, QUrl::StrictMode);
    entry.body = read.text("body"_L1).toUtf8();
    entry.eventCount = int(read.number("events"_L1, 0, intMax));
    entry.title = read.text("title"_L1);
    entry.source = read.text("source"_L1);
    entry.queuedAt = read.number("queuedAt"_L1, 0, timeMax);
    entry.attempts = int(read.number("attempts"_L1, 0, intMax));
    entry.nextAttemptAt = read.number("nextAttemptAt"_L1, 0, timeMax);
    entry.lastStatus = int(read.number("lastStatus"_L1, 0, 999));
    entry.lastError = read.text("lastError"_L1);
    if (!read.reason().isEmpty())
        return fail(read.reason());
    if (entry.id.isEmpty())
        return fail(Messages::tr("it has no id"));
    if (!entry.target.isValid() || (entry.target.scheme() != "http"_L1 && entry.target.scheme() != "https"_L1))
        return fail(Messages::tr("its target (\"%1\") is not an agent's address").arg(target));
    if (entry.body.isEmpty())
        return fail(Messages::tr("it has no body"));
    return entry;
}

Outbox::Outbox(const QString &directory)
    : m_directory(directory)
{
}

QString Outbox::defaultDirectory()
{
    return Paths::dataDir() + "/outbox"_L1;
}

QString Outbox::newId(qint64 nowMs)
{
    // Time first, so that names sort in queue order; then randomness, so that two processes
    // queuing in the same millisecond do not collide.
    // A counter keeps the ids one process makes in one millisecond in order.
    static std::atomic<quint32> sequence{0};
    const quint32 serial = sequence.fetch_add(1) & 0xffffu;
    const qulonglong random = QRandomGenerator::global()->generate64() & 0xffffffffULL;
    return u"%1-%2%3"_s.arg(qlonglong(nowMs), 13, 10, QChar(u'0'))
        .arg(serial, 4, 16, QChar(u'0'))
        .arg(random, 8, 16, QChar(u'0'));
}

QString Outbox::pathOf(const QString &id) const
{
    return m_directory + u'/' + id + Suffix;
}

bool Outbox::write(const OutboxEntry &entry, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = Messages::tr("Cannot create the outbox folder %1.").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    QSaveFile file(pathOf(entry.id));
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toJson()) < 0 || !file.commit()) {
        if (error)
            *error = Messages::tr("Cannot write to the outbox %1: %2")
                         .arg(QDir::toNativeSeparators(m_directory), file.errorString());
        return false;
    }
    return true;
}

bool Outbox::enqueue(OutboxEntry &entry, QString *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (entry.id.isEmpty())
        entry.id = newId(now);
    if (entry.queuedAt == 0)
        entry.queuedAt = now;
    if (entry.nextAttemptAt == 0)
        entry.nextAttemptAt = now + backoffMs(entry.attempts);
    if (!write(entry, error))
        return false;
    qCInfo(lcEvents) << "queued" << entry.id << "with" << entry.eventCount << "events";
    return true;
}

namespace {
// Reads one entry file, or says why it cannot be read. Nothing when it has gone meanwhile
// (sent or discarded by another process): that is no damage.
std::optional<OutboxEntry> readEntry(const QString &path, QString *reason, bool *gone)
{
    *gone = false;
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink()) {
        *gone = true;
        return std::nullopt;
    }
    // A FIFO or a device would block or never end; only regular files are read.
    if (!info.isFile()) {
        *reason = Messages::tr("it is not a regular file");
        return std::nullopt;
    }
    if (info.size() > Outbox::MaxEntryBytes) {
        *reason = Messages::tr("it is larger than %1 MiB").arg(Outbox::MaxEntryBytes / (1024 * 1024));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *gone = !file.exists();
        *reason = Messages::tr("it cannot be opened (%1)").arg(file.errorString());
        return std::nullopt;
    }
    return OutboxEntry::fromJson(file.read(Outbox::MaxEntryBytes + 1), reason);
}
} // namespace

OutboxScan Outbox::scan() const
{
    OutboxScan result;
    const QDir dir(m_directory);
    const QStringList names
        = dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        const QFileInfo info(dir.filePath(name));
        if (info.isDir() || name == LockName || name.startsWith(LockName + u'.'))
            continue;
        const bool isEntry = name.endsWith(Suffix) && name.size() > Suffix.size();
        const bool isDiscarding = name.endsWith(DiscardingSuffix) && name.size() > DiscardingSuffix.size();
        if (!isEntry && !isDiscarding) {
            result.foreign.append(name);
            continue;
        }
        QString reason;
        bool gone = false;
        auto entry = readEntry(info.filePath(), &reason, &gone);
        if (gone)
            continue;
        if (!entry) {
            result.damaged.append({name, reason});
            continue;
        }
        if (isEntry) {
            entry->id = name.chopped(Suffix.size());
            result.entries.append(*entry);
        }
    }
    return result;
}

QList<OutboxEntry> Outbox::entries(QStringList *problems) const
{
    OutboxScan all = scan();
    if (problems) {
        for (const OutboxDamage &damage : std::as_const(all.damaged))
            problems->append(Messages::tr("%1 (%2)").arg(damage.fileName, damage.reason));
    }
    return std::move(all.entries);
}

QString Outbox::damagedDirectory() const
{
    return m_directory + u'/' + DamagedFolder;
}

bool Outbox::moveAside(const QString &fileName, QString *error)
{
    const QString aside = damagedDirectory();
    if (!QDir().mkpath(aside)) {
        if (error)
            *error = Messages::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(aside));
        return false;
    }
    const QString target = Io::unusedName(aside + u'/' + fileName, u'.');
    // One rename: the file keeps its bytes, whatever it is (a FIFO too), and is never lost.
    if (!QDir().rename(m_directory + u'/' + fileName, target)) {
        if (error)
            *error = Messages::tr("Cannot move %1 to %2.").arg(fileName, QDir::toNativeSeparators(aside));
        return false;
    }
    qCInfo(lcEvents) << "moved the damaged file" << fileName << "aside to" << target;
    return true;
}

std::optional<OutboxEntry> Outbox::entry(const QString &id) const
{
    QString reason;
    bool gone = false;
    auto entry = readEntry(pathOf(id), &reason, &gone);
    if (entry)
        entry->id = id;
    return entry;
}

bool Outbox::contains(const QString &id) const
{
    return QFile::exists(pathOf(id));
}

qsizetype Outbox::count() const
{
    return scan().entries.size();
}

QHash<QUrl, qint64> Outbox::dueTimes(const QList<OutboxEntry> &entries)
{
    QHash<QUrl, qint64> due;
    for (const OutboxEntry &entry : entries) {
        if (!due.contains(entry.target))
            due.insert(entry.target, entry.nextAttemptAt);
    }
    return due;
}

std::optional<qint64> Outbox::nextDue() const
{
    std::optional<qint64> earliest;
    const QHash<QUrl, qint64> due = dueTimes(entries());
    for (const qint64 when : due)
        earliest = earliest ? std::min(*earliest, when) : when;
    return earliest;
}

bool Outbox::update(const OutboxEntry &entry, QString *error)
{
    if (!contains(entry.id)) {
        if (error)
            *error = Messages::tr("The entry %1 is no longer in the outbox.").arg(entry.id);
        return false;
    }
    return write(entry, error);
}

bool Outbox::remove(const QString &id, QString *error)
{
    QFile file(pathOf(id));
    if (!file.exists())
        return true;
    if (!file.remove()) {
        if (error)
            *error = Messages::tr("Cannot remove %1 from the outbox: %2").arg(id, file.errorString());
        return false;
    }
    return true;
}

QString Outbox::discardingPathOf(const QString &id) const
{
    return m_directory + u'/' + id + DiscardingSuffix;
}

bool Outbox::markDiscarding(const QString &id, QString *error)
{
    QFile::remove(discardingPathOf(id)); // left by an earlier attempt that was cut short
    if (!QFile::rename(pathOf(id), discardingPathOf(id))) {
        if (error)
            *error = Messages::tr("Cannot remove %1 from the outbox.").arg(id);
        return false;
    }
    return true;
}

QList<OutboxEntry> Outbox::discarding() const
{
    QList<OutboxEntry> result;
    const QDir dir(m_directory);
    const QStringList names = dir.entryList({u"*"_s + DiscardingSuffix}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QString reason;
        bool gone = false;
        auto entry = readEntry(dir.filePath(name), &reason, &gone);
        if (!entry)
            continue; // damaged: scan() names it
        entry->id = name.chopped(DiscardingSuffix.size());
        result.append(*entry);
    }
    return result;
}

bool Outbox::removeDiscarding(const QString &id, QString *error)
{
    QFile file(discardingPathOf(id));
    if (!file.exists() || file.remove())
        return true;
    if (error)
        *error = Messages::tr("Cannot remove %1 from the outbox: %2").arg(id, file.errorString());
    return false;
}

Outbox::Lock::Lock(const QString &file)
    : m_file(std::make_unique<QLockFile>(file))
{
    // A holder that died (a crash, SIGKILL) leaves its lock file behind; QLockFile sees that
    // its process is gone and takes it over.
    m_file->setStaleLockTime(0);
}

bool Outbox::Lock::tryLock(int waitMs)
{
    return m_file->tryLock(waitMs);
}

bool Outbox::Lock::isLocked() const
{
    return m_file->isLocked();
}

void Outbox::Lock::unlock()
{
    m_file->unlock();
}

QString Outbox::Lock::holder() const
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!m_file->getLockInfo(&pid, &host, &application))
        return Messages::tr("another program");
    return Messages::tr("%1 (pid %2)")
        .arg(application.isEmpty() ? Messages::tr("another program") : application)
        .arg(pid);
}

std::unique_ptr<Outbox::Lock> Outbox::lock() const
{
    QDir().mkpath(m_directory);
    return std::make_unique<Lock>(m_directory + u'/' + LockName);
}

qint64 Outbox::backoffMs(int attempts)
{
    return retryPolicy().delayMs(attempts);
}

RetryPolicy Outbox::retryPolicy()
{
    return RetryPolicy{std::chrono::seconds(5), std::chrono::minutes(5), 0.2};
}

} // namespace Workbench
