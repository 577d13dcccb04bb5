// The outbox and the event history on disk: what enqueue() fills in, the order entries come
// back in, files that are not entries (QSaveFile leftovers, the lock, damaged or foreign
// files), the lock between two holders and after a holder died, the retry backoff, and the
// history file's lines (order, damage, a line cut short by a crash, search, truncation,
// appends from two writers). Ends with a fuzz-style pass over mutated files and lines.

#include "core/events/event.h"
#include "core/events/eventhistory.h"
#include "core/events/outbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
constexpr qint64 FiredAt = 1700000000000; // 2023-11-14T22:13:20Z

QUrl eventTarget(quint16 port = 42699)
{
    return QUrl(u"http://127.0.0.1:%1/com.instana.plugin.generic.event"_s.arg(port));
}

QByteArray bodyOf(const QString &title, const QString &text = {})
{
    Event event;
    event.title = title;
    event.text = text;
    event.severity = EventSeverity::Warning;
    event.timestamp = FiredAt;
    return EventCodec::encode(event);
}

OutboxEntry makeEntry(const QString &title, const QString &text = {})
{
    OutboxEntry entry;
    entry.target = eventTarget();
    entry.body = bodyOf(title, text);
    entry.eventCount = 1;
    entry.title = title;
    entry.source = u"iwb"_s;
    return entry;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

bool appendFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Compares every field that toJson() writes.
bool sameEntry(const OutboxEntry &a, const OutboxEntry &b)
{
    return a.id == b.id && a.target == b.target && a.body == b.body && a.eventCount == b.eventCount
        && a.title == b.title && a.source == b.source && a.queuedAt == b.queuedAt && a.attempts == b.attempts
        && a.nextAttemptAt == b.nextAttemptAt && a.lastStatus == b.lastStatus && a.lastError == b.lastError;
}

bool sameHistory(const HistoryEntry &a, const HistoryEntry &b)
{
    return a.id == b.id && a.time == b.time && a.source == b.source && a.target == b.target && a.body == b.body
        && a.bodyTruncated == b.bodyTruncated && a.eventCount == b.eventCount && a.title == b.title
        && a.outcome == b.outcome && a.httpStatus == b.httpStatus && a.latencyMs == b.latencyMs && a.error == b.error
        && a.response == b.response && a.outboxId == b.outboxId && a.attempts == b.attempts;
}

HistoryEntry makeHistory(int i, HistoryEntry::Outcome outcome = HistoryEntry::Outcome::Delivered)
{
    HistoryEntry entry;
    entry.time = FiredAt + i;
    entry.source = i % 2 ? u"gui"_s : u"iwb"_s;
    entry.target = eventTarget().toString();
    entry.title = u"event %1"_s.arg(i);
    entry.body = bodyOf(entry.title);
    entry.eventCount = 1;
    entry.outcome = outcome;
    entry.httpStatus = 200;
    entry.latencyMs = i;
    return entry;
}

// A pid that no process can have: above the kernel's pid_max.
qint64 deadPid()
{
    bool ok = false;
    const qint64 pidMax = readFile(u"/proc/sys/kernel/pid_max"_s).trimmed().toLongLong(&ok);
    return (ok && pidMax > 0 ? pidMax : 4194304) + 1000;
}

// The ways a byte string gets damaged: bytes changed, inserted, removed, cut, repeated.
QByteArray mutate(QByteArray bytes, QRandomGenerator &random)
{
    const int rounds = 1 + int(random.bounded(4));
    for (int round = 0; round < rounds; ++round) {
        const qsizetype size = bytes.size();
        const auto at = [&] { return size > 0 ? qsizetype(random.bounded(int(size))) : 0; };
        switch (random.bounded(7)) {
        case 0: // flip a byte
            if (size > 0)
                bytes[at()] = char(random.bounded(256));
            break;
        case 1: // insert random bytes
            bytes.insert(at(), QByteArray(1 + int(random.bounded(8)), char(random.bounded(256))));
            break;
        case 2: // remove a run
            if (size > 0) {
                const qsizetype from = at();
                bytes.remove(from, 1 + qsizetype(random.bounded(int(std::min<qsizetype>(size - from, 40)))));
            }
            break;
        case 3: // cut short
            bytes.truncate(at());
            break;
        case 4: // repeat a slice
            if (size > 0) {
                const qsizetype from = at();
                bytes.insert(at(), bytes.mid(from, 1 + qsizetype(random.bounded(20))));
            }
            break;
        case 5: { // a JSON-significant character somewhere
            static const QByteArray significant = "{}[]\",:\\0-e.tfn ";
            bytes.insert(at(), significant.at(qsizetype(random.bounded(int(significant.size())))));
            break;
        }
        default: { // pure noise
            QByteArray noise(qsizetype(random.bounded(200)), Qt::Uninitialized);
            for (char &c : noise)
                c = char(random.bounded(256));
            bytes = noise;
            break;
        }
        }
    }
    return bytes;
}
} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QString historyFile() const { return m_dir->filePath(u"history.jsonl"_s); }
    QString outboxDir() const { return m_dir->filePath(u"outbox"_s); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    // --- Outbox ---------------------------------------------------------------------------

    void enqueueFillsInIdAndTimes()
    {
        Outbox outbox(outboxDir());
        QCOMPARE(outbox.count(), 0);
        QVERIFY(!outbox.nextDue());
        QVERIFY(outbox.entries().isEmpty()); // the folder does not even exist yet

        OutboxEntry entry = makeEntry(u"first"_s);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QString error;
        QVERIFY2(outbox.enqueue(entry, &error), qPrintable(error));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();

        static const QRegularExpression idPattern(u"^\\d{13}-[0-9a-f]{12}$"_s);
        QVERIFY2(idPattern.match(entry.id).hasMatch(), qPrintable(entry.id));
        QVERIFY(entry.queuedAt >= before && entry.queuedAt <= after);
        // The first retry comes after the first backoff: 5 s less up to 20% jitter.
        QVERIFY2(entry.nextAttemptAt > entry.queuedAt + 4000 - 1 && entry.nextAttemptAt <= after + 5000,
                 qPrintable(QString::number(entry.nextAttemptAt - entry.queuedAt)));
        QVERIFY(QFile::exists(outboxDir() + u'/' + entry.id + u".json"_s));

        // The id names the time it was queued.
        QVERIFY(entry.id.left(13).toLongLong() >= before && entry.id.left(13).toLongLong() <= after);

        const auto stored = outbox.entry(entry.id);
        QVERIFY(stored);
        QVERIFY(sameEntry(*stored, entry));
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(outbox.nextDue().value_or(-1), entry.nextAttemptAt);

        // What the caller already set is kept.
        OutboxEntry preset = makeEntry(u"preset"_s);
        preset.id = u"0000000000042-00000000abcd"_s;
        preset.queuedAt = 42;
        preset.nextAttemptAt = 43;
        preset.attempts = 3;
        QVERIFY2(outbox.enqueue(preset, &error), qPrintable(error));
        QCOMPARE(preset.id, u"0000000000042-00000000abcd"_s);
        QCOMPARE(preset.queuedAt, qint64(42));
        QCOMPARE(preset.nextAttemptAt, qint64(43));
        QCOMPARE(outbox.nextDue().value_or(-1), qint64(43));
        QVERIFY(sameEntry(*outbox.entry(preset.id), preset));
    }

    void entriesComeOldestFirst()
    {
        Outbox outbox(outboxDir());
        QStringList ids;
        for (int i = 0; i < 6; ++i) {
            OutboxEntry entry = makeEntry(u"entry %1"_s.arg(i));
            QString error;
            QVERIFY2(outbox.enqueue(entry, &error), qPrintable(error));
            ids.append(entry.id);
            QThread::msleep(2); // a new millisecond for the next id
        }
        QStringList problems;
        const QList<OutboxEntry> all = outbox.entries(&problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(all.size(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(all.at(i).id, ids.at(i));
            QCOMPARE(all.at(i).title, u"entry %1"_s.arg(i));
        }
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids);
        QCOMPARE(outbox.count(), 6);

        // update() rewrites one entry and leaves the rest alone.
        OutboxEntry changed = all.at(2);
        changed.attempts = 4;
        changed.lastStatus = 503;
        changed.lastError = u"Service Unavailable"_s;
        changed.nextAttemptAt = 7;
        QString error;
        QVERIFY2(outbox.update(changed, &error), qPrintable(error));
        QVERIFY(sameEntry(*outbox.entry(changed.id), changed));
        // An agent's later entries wait behind its oldest: that one says when they are due.
        QCOMPARE(outbox.nextDue().value_or(-1), all.at(0).nextAttemptAt);
        const QList<OutboxEntry> afterUpdate = outbox.entries();
        QCOMPARE(afterUpdate.size(), 6);
        for (int i = 0; i < 6; ++i) {
            if (i != 2)
                QVERIFY(sameEntry(afterUpdate.at(i), all.at(i)));
        }

        // update() does not bring back an entry that is gone.
        OutboxEntry ghost = makeEntry(u"ghost"_s);
        ghost.id = u"0000000000001-000000000001"_s;
        error.clear();
        QVERIFY(!outbox.update(ghost, &error));
        QVERIFY(error.contains(ghost.id));
        QVERIFY(!outbox.entry(ghost.id));
        QCOMPARE(outbox.count(), 6);

        // remove()
        QVERIFY2(outbox.remove(ids.at(2), &error), qPrintable(error));
        QVERIFY(!outbox.entry(ids.at(2)));
        QCOMPARE(outbox.count(), 5);
        QVERIFY(outbox.nextDue().value_or(-1) != 7);
        QVERIFY(outbox.remove(ids.at(2), &error)); // already gone: nothing to do
        for (const QString &id : std::as_const(ids))
            QVERIFY(outbox.remove(id, &error));
        QCOMPARE(outbox.count(), 0);
        QVERIFY(!outbox.nextDue());
    }

    void idsOfOneMillisecondSortInQueueOrder()
    {
        // outbox.h: "id ... sorts in the order entries were queued". Two ids made in the same
        // millisecond (two enqueue() calls in a row) are ordered by their random part instead.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QStringList ids;
        for (int i = 0; i < 50; ++i)
            ids.append(Outbox::newId(now));
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size()); // they never collide
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids);
    }

    void saveFileLeftoversAndTheLockAreIgnored()
    {
        Outbox outbox(outboxDir());
        OutboxEntry entry = makeEntry(u"real"_s);
        QVERIFY(outbox.enqueue(entry, nullptr));

        // What a crash in the middle of QSaveFile::commit() or of a lock leaves behind.
        const QString dir = outboxDir();
        QVERIFY(writeFile(dir + u'/' + entry.id + u".json.Ab12Cd"_s, "{\"id\": \"half"));
        QVERIFY(writeFile(dir + u"/0000000000001-aaaaaaaaaaaa.json.XyZ789"_s, makeEntry(u"tmp"_s).toJson()));
        QVERIFY(writeFile(dir + u"/.lock"_s, "12345\nsomething\nhost\n"));
        QVERIFY(writeFile(dir + u"/.lock.rmlock"_s, "12345\nsomething\nhost\n"));
        QVERIFY(QDir(dir).mkpath(u"0000000000002-bbbbbbbbbbbb.json"_s)); // a folder, not a file

        QStringList problems;
        const QList<OutboxEntry> all = outbox.entries(&problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().id, entry.id);
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(outbox.nextDue().value_or(-1), entry.nextAttemptAt);
    }

    void damagedFilesAreReportedAndLeftInPlace()
    {
        Outbox outbox(outboxDir());
        OutboxEntry good = makeEntry(u"good"_s);
        QVERIFY(outbox.enqueue(good, nullptr));

        QJsonObject complete = QJsonDocument::fromJson(good.toJson()).object();
        auto without = [&](const QString &key) {
            QJsonObject object = complete;
            object.remove(key);
            return QJsonDocument(object).toJson();
        };
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject object = complete;
            object.insert(key, value);
            return QJsonDocument(object).toJson();
        };
        const QList<std::pair<QString, QByteArray>> bad{
            {u"0000000000001-000000000001"_s, "{\"id\": \"0000000000001-000000000001\", \"target\": "},
            {u"0000000000001-000000000002"_s, without(u"body"_s)},
            {u"0000000000001-000000000003"_s, without(u"target"_s)},
            {u"0000000000001-000000000004"_s, with(u"body"_s, QString())},
            {u"0000000000001-000000000005"_s, with(u"target"_s, u"not a url"_s)},
            {u"0000000000001-000000000006"_s, "[1, 2, 3]"},
            {u"0000000000001-000000000007"_s, QByteArray()},
            {u"0000000000001-000000000008"_s, QByteArray("\x00\xff\xfe garbage", 12)},
        };
        for (const auto &[id, bytes] : bad)
            QVERIFY(writeFile(outboxDir() + u'/' + id + u".json"_s, bytes));

        QStringList problems;
        const QList<OutboxEntry> all = outbox.entries(&problems);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().id, good.id);
        QCOMPARE(problems.size(), bad.size());
        for (const auto &[id, bytes] : bad) {
            const QString name = id + u".json"_s;
            QVERIFY2(
                std::any_of(problems.cbegin(), problems.cend(), [&](const QString &p) { return p.contains(name); }),
                qPrintable(name + u" not named in:\n"_s + problems.join(u'\n')));
            // Left where it was, untouched, for a person to look at.
            QCOMPARE(readFile(outboxDir() + u'/' + name), bytes);
            QVERIFY(!outbox.entry(id));
        }
        // Only real entries count for the next retry.
        QCOMPARE(outbox.nextDue().value_or(-1), good.nextAttemptAt);

        // The file name is the id, whatever the file says.
        const QString renamed = u"0000000000009-00000000beef"_s;
        QVERIFY(QFile::rename(outboxDir() + u'/' + good.id + u".json"_s, outboxDir() + u'/' + renamed + u".json"_s));
        const auto moved = outbox.entry(renamed);
        QVERIFY(moved);
        QCOMPARE(moved->id, renamed);
        QCOMPARE(moved->body, good.body);
        const QList<OutboxEntry> again = outbox.entries();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().id, renamed);
    }

    void entryJsonRoundTrip_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << u"Deploy finished"_s << u"shop 4.2 on prod-1"_s;
        QTest::newRow("latin") << u"Déploiement terminé à 13h"_s << u"Größe: 5 MiB, Ærø"_s;
        QTest::newRow("cjk+emoji") << u"デプロイ完了 🚀"_s << u"部署完成 ✅ 🎉 𝄞"_s;
        QTest::newRow("escapes") << u"quote \" backslash \\ slash /"_s << u"line\nbreak\ttab\r\u2028\u2029 end"_s;
        QTest::newRow("control") << u"bell \x07 nul \x00 del \x7f"_s << QString();
        QTest::newRow("rtl") << u"שלום עולם مرحبا"_s << u"\u202eoverride"_s;
    }

    void entryJsonRoundTrip()
    {
        QFETCH(QString, title);
        QFETCH(QString, text);
        OutboxEntry entry = makeEntry(title, text);
        entry.id = Outbox::newId(FiredAt);
        entry.target = QUrl(u"http://agent.example:42699/com.instana.plugin.generic.event?x=%C3%A9&y=1"_s);
        entry.queuedAt = FiredAt;
        entry.attempts = 7;
        entry.nextAttemptAt = FiredAt + 300000;
        entry.lastStatus = 503;
        entry.lastError = u"Dienst nicht verfügbar: "_s + title;
        entry.source = u"gui"_s;

        const QByteArray json = entry.toJson();
        QVERIFY(QJsonDocument::fromJson(json).isObject());
        const auto back = OutboxEntry::fromJson(json);
        QVERIFY(back);
        QVERIFY(sameEntry(*back, entry));
        QCOMPARE(back->body, entry.body); // byte for byte
        QCOMPARE(back->toJson(), json);

        // And through the disk.
        Outbox outbox(outboxDir());
        QVERIFY(outbox.enqueue(entry, nullptr));
        const auto stored = outbox.entry(entry.id);
        QVERIFY(stored);
        QVERIFY(sameEntry(*stored, entry));
        QCOMPARE(stored->title, title);
        const QJsonObject event = QJsonDocument::fromJson(stored->body).object();
        QCOMPARE(event.value(u"title"_s).toString(), title);
        QCOMPARE(event.value(u"text"_s).toString(), text);
    }

    void fromJsonRefusesWhatIsNoEntry()
    {
        const OutboxEntry good = [] {
            OutboxEntry entry = makeEntry(u"x"_s);
            entry.id = u"0000000000001-000000000001"_s;
            return entry;
        }();
        QVERIFY(OutboxEntry::fromJson(good.toJson()));
        QVERIFY(!OutboxEntry::fromJson({}));
        QVERIFY(!OutboxEntry::fromJson("null"));
        QVERIFY(!OutboxEntry::fromJson("{}"));
        QVERIFY(!OutboxEntry::fromJson("[]"));
        QVERIFY(!OutboxEntry::fromJson(good.toJson().chopped(3)));
        OutboxEntry noId = good;
        noId.id.clear();
        QVERIFY(!OutboxEntry::fromJson(noId.toJson()));
        OutboxEntry relative = good;
        relative.target = QUrl(u"com.instana.plugin.generic.event"_s);
        QVERIFY(!OutboxEntry::fromJson(relative.toJson()));
        OutboxEntry noBody = good;
        noBody.body.clear();
        QVERIFY(!OutboxEntry::fromJson(noBody.toJson()));
    }

    void lockKeepsOutASecondHolder()
    {
        Outbox first(outboxDir());
        Outbox second(outboxDir());
        OutboxEntry entry = makeEntry(u"locked"_s);
        QVERIFY(first.enqueue(entry, nullptr));

        auto held = first.lock();
        QVERIFY(held->tryLock(0));
        QVERIFY(held->isLocked());
        QVERIFY(QFile::exists(outboxDir() + u"/.lock"_s));

        auto other = second.lock();
        QVERIFY(!other->tryLock(0));
        QVERIFY(!other->isLocked());
        QVERIFY(!other->tryLock(150)); // waiting does not help while it is held
        const QString holder = other->holder();
        QVERIFY2(!holder.isEmpty(), qPrintable(holder));
        QVERIFY2(holder.contains(u"pid %1"_s.arg(QCoreApplication::applicationPid())), qPrintable(holder));
        QVERIFY2(holder.contains(QFileInfo(QCoreApplication::applicationFilePath()).fileName()), qPrintable(holder));

        // The lock file does not disturb the entries.
        QStringList problems;
        QCOMPARE(second.entries(&problems).size(), 1);
        QVERIFY(problems.isEmpty());

        held->unlock();
        QVERIFY(!held->isLocked());
        QVERIFY(other->tryLock(0));
        QVERIFY(other->isLocked());
        QVERIFY(!held->tryLock(0));

        // Destroying a holder releases the lock.
        other.reset();
        QVERIFY(held->tryLock(0));
        held.reset();
        QVERIFY(!QFile::exists(outboxDir() + u"/.lock"_s));
        QVERIFY(second.lock()->tryLock(0));
    }

    void staleLockOfADeadHolderIsTakenOver_data()
    {
        QTest::addColumn<bool>("qt5Format");
        QTest::newRow("as QLockFile writes it") << false;
        QTest::newRow("pid, app and host only") << true;
    }

    void staleLockOfADeadHolderIsTakenOver()
    {
        QFETCH(bool, qt5Format);
        Outbox outbox(outboxDir());
        const QString lockPath = outboxDir() + u"/.lock"_s;

        // A lock file exactly as this Qt writes it, then the same with a pid nobody has: what a
        // holder killed with SIGKILL leaves behind.
        QByteArray contents;
        {
            auto live = outbox.lock();
            QVERIFY(live->tryLock(0));
            contents = readFile(lockPath);
        }
        QVERIFY(!QFile::exists(lockPath));
        QList<QByteArray> lines = contents.split('\n');
        QVERIFY2(lines.size() >= 4, contents.constData());
        QCOMPARE(lines.first().toLongLong(), QCoreApplication::applicationPid());
        lines[0] = QByteArray::number(deadPid());
        if (qt5Format)
            lines = lines.mid(0, 3) << QByteArray();
        QVERIFY(writeFile(lockPath, lines.join('\n')));

        auto lock = outbox.lock();
        QVERIFY2(lock->tryLock(0), qPrintable(lock->holder()));
        QVERIFY(lock->isLocked());
        QCOMPARE(readFile(lockPath).split('\n').first().toLongLong(), QCoreApplication::applicationPid());

        // While this one lives, nobody else gets in.
        Outbox other(outboxDir());
        QVERIFY(!other.lock()->tryLock(0));
        lock->unlock();
        QVERIFY(other.lock()->tryLock(0));
    }

    void backoffGrowsWithinBounds()
    {
        constexpr qint64 first = 5000;
        constexpr qint64 ceiling = 5 * 60 * 1000;
        constexpr int samples = 2000;
        qint64 previousMax = 0;
        for (int attempts = 0; attempts <= 24; ++attempts) {
            const qint64 base = std::min(ceiling, first << std::clamp(attempts - 1, 0, 16));
            qint64 low = std::numeric_limits<qint64>::max();
            qint64 high = 0;
            for (int i = 0; i < samples; ++i) {
                const qint64 delay = Outbox::backoffMs(attempts);
                low = std::min(low, delay);
                high = std::max(high, delay);
            }
            const QByteArray where = "attempts " + QByteArray::number(attempts) + ": " + QByteArray::number(low) + ".."
                + QByteArray::number(high);
            QVERIFY2(high <= ceiling, where.constData());
            QVERIFY2(high <= base && low > base * 8 / 10 - 1, where.constData());
            QVERIFY2(high > low, where.constData()); // there is jitter
            if (attempts <= 1)
                QVERIFY2(low >= 4000 && high <= 5000, where.constData());
            // Each step waits longer than any of the one before, until the ceiling.
            if (attempts >= 2 && base < ceiling)
                QVERIFY2(low > previousMax, where.constData());
            if (base == ceiling)
                QVERIFY2(low >= ceiling * 8 / 10, where.constData());
            previousMax = high;
        }
        QVERIFY(Outbox::backoffMs(std::numeric_limits<int>::max()) <= ceiling);
        QVERIFY(Outbox::backoffMs(-3) <= first);
        QVERIFY(Outbox::backoffMs(-3) >= 4000);
    }

    // --- EventHistory ---------------------------------------------------------------------

    void historyAppendsAndLoadsInOrder()
    {
        EventHistory history(m_dir->filePath(u"deeper/still/history.jsonl"_s)); // folders made on the way
        int damaged = -1;
        QVERIFY(history.load(&damaged).isEmpty());
        QCOMPARE(damaged, 0);

        QList<HistoryEntry> written;
        const QList<HistoryEntry::Outcome> outcomes{HistoryEntry::Outcome::Delivered, HistoryEntry::Outcome::Rejected,
                                                    HistoryEntry::Outcome::Queued,    HistoryEntry::Outcome::Failed,
                                                    HistoryEntry::Outcome::Cancelled, HistoryEntry::Outcome::Discarded};
        for (int i = 0; i < 12; ++i) {
            HistoryEntry entry = makeHistory(i, outcomes.at(i % outcomes.size()));
            entry.id = EventHistory::newId(entry.time);
            entry.title = u"Ereignis %1 — ünïcödé 🚀"_s.arg(i);
            entry.body = bodyOf(entry.title, u"text\nwith \"quotes\""_s);
            entry.error = i % 3 ? QString() : u"Fehler %1"_s.arg(i);
            entry.response = i % 4 ? QByteArray() : QByteArray("{\"reason\":\"nö\"}");
            entry.outboxId = i % 2 ? Outbox::newId(entry.time) : QString();
            entry.attempts = 1 + i;
            QString error;
            QVERIFY2(history.append(entry, &error), qPrintable(error));
            written.append(entry);
        }
        HistoryEntry noId = makeHistory(99);
        QVERIFY(history.append(noId));

        const QList<HistoryEntry> loaded = history.load(&damaged);
        QCOMPARE(damaged, 0);
        QCOMPARE(loaded.size(), written.size() + 1);
        for (int i = 0; i < written.size(); ++i)
            QVERIFY2(sameHistory(loaded.at(i), written.at(i)), qPrintable(QString::number(i)));
        QVERIFY(!loaded.last().id.isEmpty()); // given one on the way
        QCOMPARE(loaded.last().title, noId.title);

        // One line per entry, each a JSON object.
        const QList<QByteArray> lines = readFile(history.file()).split('\n');
        QCOMPARE(lines.size(), written.size() + 2); // the last newline leaves an empty tail
        QVERIFY(lines.last().isEmpty());
        QVERIFY(HistoryEntry::outcomeFromName(u"queued"_s) == HistoryEntry::Outcome::Queued);
        QVERIFY(!HistoryEntry::outcomeFromName(u"Queued"_s));
        for (const HistoryEntry::Outcome outcome : outcomes)
            QVERIFY(HistoryEntry::outcomeFromName(HistoryEntry::outcomeName(outcome)) == outcome);
    }

    void damagedLinesAreCountedAndSkipped()
    {
        EventHistory history(historyFile());
        const QByteArray garbage[] = {
            "{\"id\": \"broken", // cut
            "not json at all",
            "{\"id\":\"x\",\"outcome\":\"exploded\"}", // no such outcome
            "[\"an\", \"array\"]",
            "{\"id\":\"x\"}", // no outcome at all
        };
        QByteArray file;
        for (int i = 0; i < 5; ++i)
            file += makeHistory(i).toJsonLine() + garbage[i] + '\n';
        file += "   \n\n\r\n"; // blank lines are nothing
        file += makeHistory(5).toJsonLine();
        QVERIFY(writeFile(history.file(), file));

        int damaged = -1;
        const QList<HistoryEntry> loaded = history.load(&damaged);
        QCOMPARE(damaged, 5);
        QCOMPARE(loaded.size(), 6);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(loaded.at(i).title, u"event %1"_s.arg(i));
    }

    void lineCutShortByACrashIsSkipped()
    {
        EventHistory history(historyFile());
        QVERIFY(history.append(makeHistory(0)));
        QVERIFY(history.append(makeHistory(1)));
        // The writer died half way through its line.
        const QByteArray line = makeHistory(2).toJsonLine();
        QVERIFY(appendFile(history.file(), line.left(line.size() / 2)));

        int damaged = -1;
        QList<HistoryEntry> loaded = history.load(&damaged);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(1).title, u"event 1"_s);
        QVERIFY(damaged <= 1);

        // The next append starts a fresh line instead of gluing itself to the fragment.
        QString error;
        QVERIFY2(history.append(makeHistory(3), &error), qPrintable(error));
        QVERIFY(history.append(makeHistory(4)));
        loaded = history.load(&damaged);
        QCOMPARE(damaged, 1);
        QCOMPARE(loaded.size(), 4);
        QCOMPARE(loaded.at(0).title, u"event 0"_s);
        QCOMPARE(loaded.at(1).title, u"event 1"_s);
        QCOMPARE(loaded.at(2).title, u"event 3"_s);
        QCOMPARE(loaded.at(3).title, u"event 4"_s);
        QVERIFY(readFile(history.file()).endsWith('\n'));

        // A fragment that ends in the middle of a multi-byte character does no more harm.
        const QByteArray utf8 = u"Ünïcödé 🚀"_s.toUtf8();
        QVERIFY(appendFile(history.file(), "{\"title\":\"" + utf8.left(utf8.size() - 2)));
        QVERIFY(history.append(makeHistory(5)));
        loaded = history.load(&damaged);
        QCOMPARE(damaged, 2);
        QCOMPARE(loaded.size(), 5);
        QCOMPARE(loaded.last().title, u"event 5"_s);
    }

    void matchesEveryWordOfTheQuery_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("expected");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("spaces only") << u"   "_s << true;
        QTest::newRow("title word") << u"deploy"_s << true;
        QTest::newRow("title, other case") << u"DEPLOY"_s << true;
        QTest::newRow("non-ascii, other case") << u"ÉCLAIR"_s << true;
        QTest::newRow("body word") << u"prod-7"_s << true;
        QTest::newRow("two words, both there") << u"  Deploy   prod-7 "_s << true;
        QTest::newRow("two words, one missing") << u"deploy rollback"_s << false;
        QTest::newRow("target") << u"42699"_s << true;
        QTest::newRow("outcome") << u"queued"_s << true;
        QTest::newRow("outcome, other case") << u"QUEUED"_s << true;
        QTest::newRow("status") << u"503"_s << true;
        QTest::newRow("status prefix is no status") << u"50"_s << false;
        QTest::newRow("error") << u"unavailable"_s << true;
        QTest::newRow("source") << u"iwb"_s << true;
        QTest::newRow("other source") << u"gui"_s << false;
        QTest::newRow("nothing") << u"xylophone"_s << false;
        QTest::newRow("status and word") << u"503 deploy"_s << true;
        QTest::newRow("other status") << u"200"_s << false;
    }

    void matchesEveryWordOfTheQuery()
    {
        QFETCH(QString, query);
        QFETCH(bool, expected);
        HistoryEntry entry;
        entry.time = FiredAt;
        entry.source = u"iwb"_s;
        entry.target = eventTarget().toString();
        entry.title = u"Deploy éclair"_s;
        entry.body = bodyOf(entry.title, u"shop on prod-7"_s);
        entry.outcome = HistoryEntry::Outcome::Queued;
        entry.httpStatus = 503;
        entry.error = u"Service Unavailable"_s;
        QCOMPARE(entry.matches(query), expected);
    }

    void clearRemovesTheHistory()
    {
        EventHistory history(historyFile());
        QVERIFY(history.clear()); // nothing there yet
        for (int i = 0; i < 3; ++i)
            QVERIFY(history.append(makeHistory(i)));
        QCOMPARE(history.load().size(), 3);
        QString error;
        QVERIFY2(history.clear(&error), qPrintable(error));
        int damaged = -1;
        QVERIFY(history.load(&damaged).isEmpty());
        QCOMPARE(damaged, 0);
        QVERIFY(!QFile::exists(history.file()));
        QVERIFY(!QFile::exists(history.file() + u".lock"_s));
        QVERIFY(history.append(makeHistory(7)));
        QCOMPARE(history.load().size(), 1);
        QCOMPARE(history.load().first().title, u"event 7"_s);
    }

    void oversizedBodiesAreTruncated()
    {
        EventHistory history(historyFile());
        HistoryEntry big = makeHistory(0);
        big.body = QByteArray(HistoryEntry::MaxBodyBytes + 1000, 'x');
        big.response = QByteArray(HistoryEntry::MaxResponseBytes * 3, 'r');
        QVERIFY(history.append(big));
        HistoryEntry exact = makeHistory(1);
        exact.body = QByteArray(HistoryEntry::MaxBodyBytes, 'y');
        exact.response = QByteArray(HistoryEntry::MaxResponseBytes, 's');
        QVERIFY(history.append(exact));

        int damaged = -1;
        const QList<HistoryEntry> loaded = history.load(&damaged);
        QCOMPARE(damaged, 0);
        QCOMPARE(loaded.size(), 2);
        QVERIFY(loaded.at(0).bodyTruncated);
        QCOMPARE(loaded.at(0).body.size(), HistoryEntry::MaxBodyBytes);
        QCOMPARE(loaded.at(0).body, big.body.left(HistoryEntry::MaxBodyBytes));
        QCOMPARE(loaded.at(0).response.size(), HistoryEntry::MaxResponseBytes);
        QVERIFY(!loaded.at(1).bodyTruncated);
        QCOMPARE(loaded.at(1).body, exact.body);
        QCOMPARE(loaded.at(1).response, exact.response);
    }

    void trimKeepsTheNewestWholeLines()
    {
        EventHistory history(historyFile());
        // Just over the limit, in lines of about 1 KiB.
        QByteArray file;
        file.reserve(EventHistory::MaxFileBytes + 64 * 1024);
        int lines = 0;
        while (file.size() <= EventHistory::MaxFileBytes) {
            HistoryEntry entry = makeHistory(lines);
            entry.id = u"line-%1"_s.arg(lines);
            entry.response = QByteArray(900, 'r');
            file += entry.toJsonLine();
            ++lines;
        }
        QVERIFY(writeFile(history.file(), file));
        file.clear();
        QString error;
        QVERIFY2(history.append(makeHistory(lines), &error), qPrintable(error));

        const qint64 size = QFileInfo(history.file()).size();
        QVERIFY2(size <= EventHistory::MaxFileBytes / 2 + 2048, qPrintable(QString::number(size)));
        QVERIFY(size >= EventHistory::MaxFileBytes / 2 - 2048);
        int damaged = -1;
        const QList<HistoryEntry> loaded = history.load(&damaged);
        QCOMPARE(damaged, 0);
        QVERIFY(loaded.size() > 1000);
        // The newest, contiguous up to the one just appended.
        const int first = loaded.first().title.mid(6).toInt();
        for (int i = 0; i < loaded.size(); ++i)
            QCOMPARE(loaded.at(i).title, u"event %1"_s.arg(first + i));
        QCOMPARE(loaded.last().title, u"event %1"_s.arg(lines));
        QVERIFY(history.append(makeHistory(lines + 1)));
        QCOMPARE(history.load().size(), loaded.size() + 1);
    }

    void twoWritersAlternating()
    {
        EventHistory gui(historyFile());
        EventHistory iwb(historyFile());
        constexpr int each = 500;
        for (int i = 0; i < each; ++i) {
            HistoryEntry a = makeHistory(2 * i);
            a.source = u"gui"_s;
            QVERIFY(gui.append(a));
            HistoryEntry b = makeHistory(2 * i + 1);
            b.source = u"iwb"_s;
            QVERIFY(iwb.append(b));
        }
        int damaged = -1;
        const QList<HistoryEntry> loaded = EventHistory(historyFile()).load(&damaged);
        QCOMPARE(damaged, 0);
        QCOMPARE(loaded.size(), 2 * each);
        QSet<QString> ids;
        for (int i = 0; i < loaded.size(); ++i) {
            QCOMPARE(loaded.at(i).title, u"event %1"_s.arg(i));
            QCOMPARE(loaded.at(i).source, i % 2 ? u"iwb"_s : u"gui"_s);
            ids.insert(loaded.at(i).id);
        }
        QCOMPARE(ids.size(), 2 * each);
    }

    void twoWritersAtTheSameTime()
    {
        // Two threads appending as fast as they can; the lock file keeps their lines apart.
        constexpr int each = 300;
        std::atomic<int> failures{0};
        auto writer = [&](const QString &source) {
            EventHistory history(historyFile());
            for (int i = 0; i < each; ++i) {
                HistoryEntry entry = makeHistory(i);
                entry.source = source;
                entry.title = source + u' ' + QString::number(i);
                entry.body = QByteArray(500 + (i % 7) * 300, 'b'); // lines of different lengths
                QString error;
                if (!history.append(entry, &error)) {
                    ++failures;
                    qWarning() << source << i << error;
                }
            }
        };
        std::unique_ptr<QThread> first(QThread::create(writer, u"gui"_s));
        std::unique_ptr<QThread> second(QThread::create(writer, u"iwb"_s));
        first->start();
        second->start();
        QVERIFY(first->wait(120000));
        QVERIFY(second->wait(120000));
        QCOMPARE(failures.load(), 0);

        int damaged = -1;
        const QList<HistoryEntry> loaded = EventHistory(historyFile()).load(&damaged);
        QCOMPARE(damaged, 0);
        QCOMPARE(loaded.size(), 2 * each);
        // Each writer's entries in its own order.
        QHash<QString, int> next;
        for (const HistoryEntry &entry : loaded) {
            const int expected = next.value(entry.source);
            QCOMPARE(entry.title, entry.source + u' ' + QString::number(expected));
            next[entry.source] = expected + 1;
        }
        QCOMPARE(next.value(u"gui"_s), each);
        QCOMPARE(next.value(u"iwb"_s), each);
    }

    // --- Fuzz -----------------------------------------------------------------------------

    void fuzzedFilesAndLines()
    {
        QRandomGenerator random(20240611);
        constexpr int count = 2000;

        // Outbox files: mutations of a real entry; every tenth left intact.
        OutboxEntry seed = makeEntry(u"Fuzz ünïcödé 🚀"_s, u"text"_s);
        seed.queuedAt = FiredAt;
        seed.nextAttemptAt = FiredAt;
        seed.attempts = 2;
        seed.lastError = u"Not reachable"_s;
        Outbox outbox(outboxDir());
        QVERIFY(QDir().mkpath(outboxDir()));
        QSet<QString> intact;
        for (int i = 0; i < count; ++i) {
            seed.id = u"%1-%2"_s.arg(FiredAt + i, 13, 10, QChar(u'0')).arg(i, 12, 16, QChar(u'0'));
            const QByteArray bytes = i % 10 == 0 ? seed.toJson() : mutate(seed.toJson(), random);
            if (i % 10 == 0)
                intact.insert(seed.id);
            QVERIFY(writeFile(outboxDir() + u'/' + seed.id + u".json"_s, bytes));
        }
        QStringList problems;
        const QList<OutboxEntry> entries = outbox.entries(&problems);
        QCOMPARE(entries.size() + problems.size(), qsizetype(count)); // each file either read or reported
        QSet<QString> readIds;
        for (const OutboxEntry &entry : entries) {
            QVERIFY(!entry.body.isEmpty());
            QVERIFY(entry.target.isValid() && !entry.target.scheme().isEmpty());
            readIds.insert(entry.id);
        }
        QCOMPARE(readIds.size(), entries.size());
        QVERIFY(readIds.contains(intact));
        for (const QString &problem : std::as_const(problems)) {
            const QString id = problem.left(26);
            QVERIFY2(!readIds.contains(id) && !intact.contains(id), qPrintable(problem));
        }
        QCOMPARE(QDir(outboxDir()).entryList(QDir::Files).size(), count); // nothing deleted
        QVERIFY(outbox.nextDue());

        // History lines: the same, one line each (a mutation that adds a newline is kept on
        // its line by turning it into a space).
        const QByteArray seedLine = [] {
            HistoryEntry entry = makeHistory(0, HistoryEntry::Outcome::Queued);
            entry.id = u"seed"_s;
            entry.title = u"Fuzz ünïcödé 🚀"_s;
            entry.error = u"Not reachable"_s;
            entry.outboxId = u"0000000000001-000000000001"_s;
            return entry.toJsonLine().chopped(1);
        }();
        QByteArray file;
        int nonBlank = 0;
        int readable = 0;
        int intactLines = 0;
        for (int i = 0; i < count; ++i) {
            QByteArray line = i % 10 == 0 ? seedLine : mutate(seedLine, random);
            line.replace('\n', ' ');
            if (!line.trimmed().isEmpty())
                ++nonBlank;
            if (HistoryEntry::fromJson(line.trimmed()))
                ++readable;
            if (i % 10 == 0)
                ++intactLines;
            file += line + '\n';
        }
        QVERIFY(writeFile(historyFile(), file));
        int damaged = -1;
        const QList<HistoryEntry> loaded = EventHistory(historyFile()).load(&damaged);
        QCOMPARE(loaded.size() + damaged, nonBlank); // each line either read or counted
        QCOMPARE(loaded.size(), readable);
        QVERIFY(damaged > count / 2);
        const auto seeds = std::count_if(loaded.cbegin(), loaded.cend(), [](const HistoryEntry &entry) {
            return entry.id == "seed"_L1 && entry.outcome == HistoryEntry::Outcome::Queued;
        });
        QVERIFY(seeds >= intactLines);

        // And the history still takes new lines after all that.
        EventHistory history(historyFile());
        QVERIFY(history.append(makeHistory(1)));
        QCOMPARE(history.load().last().title, u"event 1"_s);

        // Pure noise straight into the parsers.
        for (int i = 0; i < count; ++i) {
            QByteArray noise(qsizetype(random.bounded(300)), Qt::Uninitialized);
            for (char &c : noise)
                c = char(random.bounded(256));
            (void)OutboxEntry::fromJson(noise);
            (void)HistoryEntry::fromJson(noise);
        }
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
