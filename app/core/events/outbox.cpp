#include "core/events/outbox.h"

#include "core/logging/logging.h"
#include "core/net/retrypolicy.h"
#include "core/settings/paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

#include <atomic>

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
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    OutboxEntry entry;
    entry.id = object.value("id"_L1).toString();
    entry.target = QUrl(object.value("target"_L1).toString(), QUrl::StrictMode);
    entry.body = object.value("body"_L1).toString().toUtf8();
    entry.eventCount = object.value("events"_L1).toInt();
    entry.title = object.value("title"_L1).toString();
    entry.source = object.value("source"_L1).toString();
    entry.queuedAt = object.value("queuedAt"_L1).toInteger();
    entry.attempts = object.value("attempts"_L1).toInt();
    entry.nextAttemptAt = object.value("nextAttemptAt"_L1).toInteger();
    entry.lastStatus = object.value("lastStatus"_L1).toInt();
    entry.lastError = object.value("lastError"_L1).toString();
    if (entry.id.isEmpty() || !entry.target.isValid() || entry.target.scheme().isEmpty() || entry.body.isEmpty())
        return std::nullopt;
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

QList<OutboxEntry> Outbox::entries(QStringList *problems) const
{
    QList<OutboxEntry> result;
    const QDir dir(m_directory);
    const QStringList names = dir.entryList({u"*"_s + Suffix}, QDir::Files, QDir::Name);
    result.reserve(names.size());
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            // Removed by another process between the listing and now: not a problem.
            if (file.exists() && problems)
                problems->append(Messages::tr("%1: %2").arg(name, file.errorString()));
            continue;
        }
        auto entry = OutboxEntry::fromJson(file.readAll());
        if (!entry) {
            if (problems)
                problems->append(Messages::tr("%1 is not an outbox entry; it was left in %2.")
                                     .arg(name, QDir::toNativeSeparators(m_directory)));
            continue;
        }
        entry->id = name.chopped(Suffix.size());
        result.append(*entry);
    }
    return result;
}

std::optional<OutboxEntry> Outbox::entry(const QString &id) const
{
    QFile file(pathOf(id));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto entry = OutboxEntry::fromJson(file.readAll());
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
    return QDir(m_directory).entryList({u"*"_s + Suffix}, QDir::Files).size();
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
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        auto entry = OutboxEntry::fromJson(file.readAll());
        if (!entry)
            continue;
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
    return std::make_unique<Lock>(m_directory + "/.lock"_L1);
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
