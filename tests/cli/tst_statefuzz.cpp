// The settings file and the outbox folder, fuzzed with a fixed seed: random bytes, truncations
// of a good file (a sample of lengths), NUL bytes, bytes that are not UTF-8, foreign keys and
// foreign files, a FIFO. The real iwb commands run against each (config list/get/set/unset,
// event send to the local agent on 127.0.0.1, outbox list/flush/clear) and agree with the
// core's reading of the same files. Whatever could not be read keeps its bytes: no command
// rewrites or deletes it, and clearing moves damaged entries aside with their bytes.

#include "core/events/outbox.h"
#include "core/localagent/localagent.h"
#include "core/settings/settings.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::ProcessResult;

namespace {

using Snapshot = QMap<QString, QByteArray>; // relative path -> bytes ("<fifo>" for a FIFO)

Snapshot snapshot(const QString &root)
{
    Snapshot files;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = QDir(root).relativeFilePath(path);
        if (info.isDir())
            files.insert(name + u'/', {});
        else if (!info.isFile())
            files.insert(name, "<not a regular file>");
        else {
            QFile file(path);
            files.insert(name, file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>"));
        }
    }
    return files;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestStateFuzz : public QObject
{
    Q_OBJECT

    QString configDir() const { return m_home->path() + u"/config/instana-workbench"_s; }
    QString settingsFile() const { return configDir() + u"/workbench.ini"_s; }
    QString outboxDir() const { return m_home->path() + u"/data/instana-workbench/outbox"_s; }

    // Asynchronously, so that the local agent in this process answers meanwhile.
    ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, TestSupport::isolatedEnvironment(m_home->path()));
    }

    // Every command ends by itself, with an exit code of the documented ones and stderr lines
    // in the documented form.
    static bool wellBehaved(const ProcessResult &r, const QStringList &arguments)
    {
        const QString what = arguments.join(u' ');
        if (r.crashed || r.timedOut || r.exitCode < 0 || r.exitCode > 2) {
            qWarning().noquote() << what << "crashed, hung or exited" << r.exitCode << r.err;
            return false;
        }
        const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            if (!line.startsWith(u"iwb "_s)) {
                qWarning().noquote() << what << "printed a line not in the iwb form:" << line;
                return false;
            }
        }
        return true;
    }

    QByteArray randomBytes(int size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(m_random.bounded(256));
        return bytes;
    }

    QByteArray withByteAt(QByteArray bytes, char byte)
    {
        bytes.insert(qsizetype(m_random.bounded(int(bytes.size()))), byte);
        return bytes;
    }

    // A sample of the lengths of a good file: the short ones, the full one less one, and some
    // at random.
    QList<int> truncations(int size, int count)
    {
        QList<int> lengths{1, 2, size / 2, size - 1};
        while (lengths.size() < count)
            lengths.append(int(m_random.bounded(size)));
        return lengths;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set");
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(m_agent.start(config, &error), qPrintable(error));
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QVERIFY(QDir().mkpath(configDir()));
        QVERIFY(QDir().mkpath(outboxDir()));
    }

    void settingsFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        m_random.seed(20261201);
        const QByteArray good = "[agent]\nurl=" + m_agent.url().toString().toUtf8()
            + "\nlocalAutostart=false\n\n[mainwindow]\nworkspace=events\n";
        QTest::newRow("good") << good;
        QTest::newRow("empty") << QByteArray();
        for (int i = 0; i < 4; ++i)
            QTest::addRow("random %d", i) << randomBytes(1 + int(m_random.bounded(600)));
        for (const int length : truncations(int(good.size()), 7))
            QTest::addRow("truncated to %d", length) << good.left(length);
        QTest::newRow("NUL byte") << withByteAt(good, '\0');
        QTest::newRow("not UTF-8") << withByteAt(good, char(0xe9));
        QTest::newRow("lone continuation byte") << withByteAt(good, char(0x80));
        QTest::newRow("foreign keys") << good + "[someone]\nelse=42\n";
        QTest::newRow("refused values") << QByteArray("[agent]\nurl=ftp://evil\nlocalAutostart=perhaps\n");
        QTest::newRow("no INI") << QByteArray("]]]=\n[\n=\n");
    }

    void settingsFiles()
    {
        QFETCH(QByteArray, bytes);
        writeFile(settingsFile(), bytes);
        // The core's word on the file decides what iwb may do with it.
        const Settings core(settingsFile());
        const bool damaged = core.isDamaged();
        const std::optional<QUrl> target = core.agentTarget();
        const Snapshot before = snapshot(configDir());
        QSignalSpy captured(&m_agent, &LocalAgent::captured);

        const QList<QStringList> reading{
            {u"config"_s, u"list"_s},
            {u"config"_s, u"list"_s, u"--json"_s},
            {u"config"_s, u"get"_s, u"agent.url"_s},
            {u"event"_s, u"send"_s, u"--title"_s, u"fuzz"_s, u"--timeout"_s, u"3000"_s},
        };
        for (const QStringList &arguments : reading) {
            // Where the file names no agent of ours, the command must not go elsewhere.
            const bool sends = arguments.at(0) == u"event"_s;
            if (sends && target && *target != m_agent.url() && !damaged)
                continue;
            const ProcessResult r = iwb(arguments);
            QVERIFY(wellBehaved(r, arguments));
            if (arguments.at(0) == u"config"_s)
                QCOMPARE(r.exitCode, 0);
            if (damaged)
                QVERIFY2(r.err.contains(u"cannot be read"_s), qPrintable(r.err));
            if (sends) {
                QCOMPARE(r.exitCode, target ? 0 : 1);
                QTRY_COMPARE(captured.size(), target ? 1 : 0);
            }
            if (arguments.contains(u"--json"_s))
                QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isArray());
        }
        // Reading never writes the settings file (nor anything next to it).
        QCOMPARE(snapshot(configDir()), before);

        const QList<QStringList> writing{
            {u"config"_s, u"set"_s, u"agent.url"_s, u"http://127.0.0.1:9"_s},
            {u"config"_s, u"unset"_s, u"agent.local.autostart"_s},
        };
        for (const QStringList &arguments : writing) {
            const ProcessResult r = iwb(arguments);
            QVERIFY(wellBehaved(r, arguments));
            QCOMPARE(r.exitCode, damaged ? 1 : 0);
        }
        if (damaged) {
            QCOMPARE(snapshot(configDir()), before); // not a byte, not a file more or less
        } else {
            QCOMPARE(Settings(settingsFile()).agentUrl().toString(), u"http://127.0.0.1:9"_s);
            if (bytes.contains("[someone]"))
                QVERIFY(
                    snapshot(m_home->path()).value(u"config/instana-workbench/workbench.ini"_s).contains("else=42"));
        }
    }

    void outboxFolders_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 2") << 2u;
    }

    void outboxFolders()
    {
        QFETCH(quint32, seed);
        m_random.seed(seed);
        // Two good entries for the local agent, queued as iwb and the window queue them.
        Outbox outbox(outboxDir());
        const QUrl target(m_agent.url().toString() + u"/com.instana.plugin.generic.event"_s);
        QByteArray good;
        for (const QString &title : {u"first"_s, u"second"_s}) {
            OutboxEntry entry;
            entry.target = target;
            entry.body = "{\"title\":\"" + title.toUtf8() + "\"}";
            entry.eventCount = 1;
            entry.title = title;
            QString error;
            QVERIFY2(outbox.enqueue(entry, &error), qPrintable(error));
            good = entry.toJson();
        }
        // The junk, under names that are the outbox's and names that are not.
        int serial = 0;
        auto plant = [&](const QByteArray &bytes) {
            writeFile(outboxDir() + u"/1600000000000-%1.json"_s.arg(++serial, 12, 10, QChar(u'0')), bytes);
        };
        for (int i = 0; i < 3; ++i)
            plant(randomBytes(int(m_random.bounded(400))));
        for (const int length : truncations(int(good.size()), 6))
            plant(good.left(length));
        plant(withByteAt(good, '\0'));
        plant(withByteAt(good, char(0xff)));
        plant(QByteArray(good).replace("\"attempts\": 0", "\"attempts\": 99999999999999"));
        plant(QByteArray(good).replace("\"attempts\": 0", "\"attempts\": \"0\""));
        plant(QByteArray(good).replace("http://", "ftp://"));
        writeFile(outboxDir() + u"/1600000000000-000000000099.discarding"_s, randomBytes(80));
        writeFile(outboxDir() + u"/notes.txt"_s, "foreign: left alone\n");
        writeFile(outboxDir() + u"/entry.json.bak"_s, good);
        QVERIFY(mkfifo(QFile::encodeName(outboxDir() + u"/1600000000000-000000000098.json"_s).constData(), 0600) == 0);

        // The core's one view of the folder; every command must agree with it.
        const OutboxScan scan = outbox.scan();
        QVERIFY(scan.entries.size() >= 2);
        QVERIFY(scan.damaged.size() >= 10);
        QCOMPARE(scan.foreign.size(), 2);
        Snapshot unreadable;
        const Snapshot before = snapshot(outboxDir());
        for (const OutboxDamage &damage : scan.damaged)
            unreadable.insert(damage.fileName, before.value(damage.fileName));
        for (const QString &name : scan.foreign)
            unreadable.insert(name, before.value(name));
        auto untouched = [&] {
            const Snapshot now = snapshot(outboxDir());
            for (auto it = unreadable.cbegin(); it != unreadable.cend(); ++it) {
                if (now.value(it.key(), "<gone>") != it.value()) {
                    qWarning() << it.key() << "changed";
                    return false;
                }
            }
            return true;
        };

        ProcessResult r = iwb({u"outbox"_s, u"list"_s, u"--json"_s});
        QVERIFY(wellBehaved(r, {u"outbox list --json"_s}));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), scan.entries.size() + scan.damaged.size() + scan.foreign.size());
        QVERIFY(untouched());

        // Queuing next to junk adds one entry and touches nothing else.
        r = iwb({u"event"_s, u"send"_s, u"--title"_s, u"queued"_s, u"--queue"_s, u"--agent"_s,
                 u"127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort())});
        QVERIFY(wellBehaved(r, {u"event send --queue"_s}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(outbox.scan().entries.size(), scan.entries.size() + 1);
        QVERIFY(untouched());

        QSignalSpy captured(&m_agent, &LocalAgent::captured);
        r = iwb({u"outbox"_s, u"flush"_s, u"--json"_s, u"--timeout"_s, u"3000"_s});
        QVERIFY(wellBehaved(r, {u"outbox flush"_s}));
        QCOMPARE(r.exitCode, 1); // damaged files: the outbox was not emptied
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(report[u"delivered"_s].toInt(), int(scan.entries.size()));
        QCOMPARE(report[u"remaining"_s].toInt(), 1); // the one queued for the closed port
        QCOMPARE(report[u"damaged"_s].toInt(), int(scan.damaged.size()));
        QTRY_COMPARE(captured.size(), int(scan.entries.size()));
        QVERIFY(untouched());

        r = iwb({u"outbox"_s, u"clear"_s});
        QVERIFY(wellBehaved(r, {u"outbox clear"_s}));
        QCOMPARE(r.exitCode, 0);
        // Damaged files were moved aside with their bytes; foreign ones stayed; nothing was lost.
        const Snapshot after = snapshot(outboxDir());
        for (const OutboxDamage &damage : scan.damaged) {
            QVERIFY2(!after.contains(damage.fileName), qPrintable(damage.fileName));
            QCOMPARE(after.value(u"damaged/"_s + damage.fileName, "<gone>"), unreadable.value(damage.fileName));
        }
        for (const QString &name : scan.foreign)
            QCOMPARE(after.value(name, "<gone>"), unreadable.value(name));

        r = iwb({u"outbox"_s, u"flush"_s});
        QVERIFY(wellBehaved(r, {u"outbox flush"_s}));
        QCOMPARE(r.exitCode, 0);
        r = iwb({u"outbox"_s, u"list"_s});
        QVERIFY(r.out.contains(u"The outbox is empty."_s));
    }

private:
    LocalAgent m_agent;
    QRandomGenerator m_random;
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestStateFuzz)
#include "tst_statefuzz.moc"
