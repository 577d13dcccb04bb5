// Junk in the outbox folder: random bytes, an empty file, a half-written entry, numbers that do
// not fit, a FIFO and a foreign file. The core's one scan of the folder names each damaged file
// with its reason, never sends it nor counts it as waiting; `iwb outbox list`, `flush` and
// `clear` agree with it, and clearing moves damaged files aside with their bytes while foreign
// files stay where they are.

#include "core/events/event.h"
#include "core/events/eventdelivery.h"
#include "core/events/eventhistory.h"
#include "core/events/outbox.h"
#include "core/events/outboxdiscard.h"
#include "core/localagent/localagent.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::ProcessResult;

namespace {

QByteArray randomBytes(quint32 seed, int size)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random.bounded(256));
    return bytes;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestOutboxJunk : public QObject
{
    Q_OBJECT

    QString outboxDir() const { return m_home->path() + u"/data/instana-workbench/outbox"_s; }

    // Asynchronously, so that the local agent in this process answers meanwhile.
    ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, TestSupport::isolatedEnvironment(m_home->path()));
    }

    // A good entry for `target`, queued through the core as the window and iwb queue them.
    QString enqueue(Outbox &outbox, const QUrl &target, const QString &title)
    {
        Event event;
        event.title = title;
        event.timestamp = 1700000000000;
        OutboxEntry entry;
        entry.target = target;
        entry.body = EventCodec::encode(event);
        entry.eventCount = 1;
        entry.title = title;
        entry.source = u"iwb"_s;
        entry.attempts = 1;
        QString error;
        if (!outbox.enqueue(entry, &error))
            qWarning() << error;
        return entry.id;
    }

    // The junk of the report: what each file holds, by name.
    QHash<QString, QByteArray> plantJunk(const QString &dir, const QByteArray &good)
    {
        QHash<QString, QByteArray> junk{
            {u"1700000000000-0000000000a1.json"_s, randomBytes(6, 300)},
            {u"1700000000000-0000000000a2.json"_s, QByteArray()},
            {u"1700000000000-0000000000a3.json"_s, good.left(good.size() / 2)},
            {u"1700000000000-0000000000a4.json"_s,
             QByteArray(good).replace("\"attempts\": 1", "\"attempts\": 99999999999999")},
            {u"1700000000000-0000000000a5.json"_s, QByteArray(good).replace("\"attempts\": 1", "\"attempts\": -3")},
            {u"1700000000000-0000000000a6.json"_s,
             QByteArray(good).replace("\"attempts\": 1", "\"attempts\": \"many\"")},
            {u"1700000000000-0000000000a7.discarding"_s, randomBytes(7, 50)},
        };
        for (auto it = junk.cbegin(); it != junk.cend(); ++it)
            writeFile(dir + u'/' + it.key(), it.value());
        writeFile(dir + u"/notes.txt"_s, "call Bob about the outbox\n");
        return junk;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QVERIFY(QDir().mkpath(outboxDir()));
    }

    void fieldsThatDoNotFitAreRefused_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("too large") << QByteArray("99999999999999") << u"attempts (99999999999999) is not a whole"_s;
        QTest::newRow("negative") << QByteArray("-1") << u"attempts (-1)"_s;
        QTest::newRow("fraction") << QByteArray("1.5") << u"attempts (1.5)"_s;
        QTest::newRow("string") << QByteArray("\"3\"") << u"attempts is not a number"_s;
    }

    void fieldsThatDoNotFitAreRefused()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, reason);
        const QByteArray start("{\"id\":\"x\",\"target\":\"http://127.0.0.1:1/e\",\"body\":\"[1]\",\"attempts\":");
        const QByteArray json = start + value + "}";
        QString why;
        QVERIFY(!OutboxEntry::fromJson(json, &why));
        QVERIFY2(why.startsWith(reason), qPrintable(why));
        // Fields that fit, absent or present, still read as they always did.
        const auto fine = OutboxEntry::fromJson(start + "7}");
        QVERIFY(fine);
        QCOMPARE(fine->attempts, 7);
    }

    void oneScanNamesWhatIsDamaged()
    {
        Outbox outbox(outboxDir());
        const QString id = enqueue(outbox, QUrl(u"http://127.0.0.1:1/com.instana.plugin.generic.event"_s), u"good"_s);
        const QByteArray good = readAll(outboxDir() + u'/' + id + u".json"_s);
        const auto junk = plantJunk(outboxDir(), good);
        QVERIFY(mkfifo(QFile::encodeName(outboxDir() + u"/1700000000000-0000000000a8.json"_s).constData(), 0600) == 0);

        const OutboxScan scan = outbox.scan();
        QCOMPARE(scan.entries.size(), 1);
        QCOMPARE(scan.entries.first().id, id);
        QCOMPARE(scan.damaged.size(), junk.size() + 1);
        for (const OutboxDamage &damage : scan.damaged)
            QVERIFY2(!damage.reason.isEmpty(), qPrintable(damage.fileName));
        QCOMPARE(scan.damaged.last().reason, u"it is not a regular file"_s); // the FIFO, not read
        QCOMPARE(scan.foreign, QStringList{u"notes.txt"_s});
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(outbox.entries().size(), 1);

        EventHistory history(m_home->filePath(u"history.jsonl"_s));
        const OutboxSetAsideResult aside = moveDamagedAside(outbox);
        QVERIFY2(aside.errors.isEmpty(), qPrintable(aside.errors.join(u' ')));
        QCOMPARE(aside.moved.size(), junk.size() + 1);
        for (auto it = junk.cbegin(); it != junk.cend(); ++it)
            QCOMPARE(readAll(outbox.damagedDirectory() + u'/' + it.key()), it.value());
        const OutboxScan after = outbox.scan();
        QVERIFY(after.damaged.isEmpty());
        QCOMPARE(after.entries.size(), 1);
        QCOMPARE(readAll(outboxDir() + u"/notes.txt"_s), QByteArray("call Bob about the outbox\n"));
    }

    void flusherCountsDamagedApart()
    {
        LocalAgent agent;
        QString error;
        LocalAgentConfig config;
        config.port = 0;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        Outbox outbox(outboxDir());
        enqueue(outbox, QUrl(agent.url().toString() + u"/com.instana.plugin.generic.event"_s), u"good"_s);
        plantJunk(outboxDir(), "{}");
        QNetworkAccessManager network;
        EventHistory history(m_home->filePath(u"history.jsonl"_s));
        OutboxFlusher flusher(&network, outbox, history, u"test"_s);
        QList<OutboxFlusher::Report> reports;
        connect(&flusher, &OutboxFlusher::finished, this,
                [&reports](const OutboxFlusher::Report &r) { reports.append(r); });
        flusher.flush(OutboxFlusher::Mode::All);
        QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 1, 20000);
        const OutboxFlusher::Report report = reports.first();
        QCOMPARE(report.delivered, 1);
        QCOMPARE(report.remaining, 0);
        QCOMPARE(report.damaged, 7);
    }

    void iwbListFlushAndClearAgree()
    {
        LocalAgent agent;
        QString error;
        LocalAgentConfig config;
        config.port = 0;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        QSignalSpy captured(&agent, &LocalAgent::captured);
        const QUrl target(agent.url().toString() + u"/com.instana.plugin.generic.event"_s);
        Outbox outbox(outboxDir());
        const QString id = enqueue(outbox, target, u"good"_s);
        const QByteArray good = readAll(outboxDir() + u'/' + id + u".json"_s);
        const auto junk = plantJunk(outboxDir(), good);

        ProcessResult r = iwb({u"outbox"_s, u"list"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"1 waiting"_s), qPrintable(r.out));
        for (auto it = junk.cbegin(); it != junk.cend(); ++it)
            QVERIFY2(r.out.contains(it.key() + u"  damaged, not sent: "_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"attempts (99999999999999) is not a whole number"_s));
        QVERIFY(r.out.contains(u"notes.txt  not an outbox file; left alone"_s));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(u"7 damaged files"_s), qPrintable(r.err));

        r = iwb({u"outbox"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), 1 + junk.size() + 1);
        QCOMPARE(rows.at(0)[u"id"_s].toString(), id);
        QVERIFY(!rows.at(1)[u"damaged"_s].toString().isEmpty());
        QCOMPARE(rows.last()[u"file"_s].toString(), u"notes.txt"_s);

        // The good one goes; the damaged ones are named, not sent, and keep the exit code at 1.
        r = iwb({u"outbox"_s, u"flush"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(report[u"delivered"_s].toInt(), 1);
        QCOMPARE(report[u"remaining"_s].toInt(), 0);
        QCOMPARE(report[u"damaged"_s].toInt(), 7);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb outbox flush: the outbox holds 7 damaged files"_s), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"unknown reason"_s));
        QTRY_COMPARE(captured.size(), 1);
        for (auto it = junk.cbegin(); it != junk.cend(); ++it)
            QCOMPARE(readAll(outboxDir() + u'/' + it.key()), it.value()); // untouched

        r = iwb({u"outbox"_s, u"clear"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"discarded 0 requests"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"moved 7 damaged files to"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"notes.txt"_s), qPrintable(r.out));
        for (auto it = junk.cbegin(); it != junk.cend(); ++it) {
            QVERIFY(!QFileInfo::exists(outboxDir() + u'/' + it.key()));
            QCOMPARE(readAll(outboxDir() + u"/damaged/"_s + it.key()), it.value());
        }
        QCOMPARE(readAll(outboxDir() + u"/notes.txt"_s), QByteArray("call Bob about the outbox\n"));

        r = iwb({u"outbox"_s, u"list"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"The outbox is empty."_s), qPrintable(r.out));
        QVERIFY(r.err.isEmpty());
        r = iwb({u"outbox"_s, u"flush"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestOutboxJunk)
#include "tst_outboxjunk.moc"
