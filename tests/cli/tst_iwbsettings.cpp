// iwb and a settings file it cannot read or whose values it refuses: the file is never
// written over, every command says so in one line naming the file, and nothing is sent to
// an agent the operator did not choose.

#include "core/settings/settings.h"

#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::ProcessResult;

class TestIwbSettings : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, TestSupport::isolatedEnvironment(m_home->path()));
    }
    QString settingsFile() const { return m_home->path() + u"/config/instana-workbench/workbench.ini"_s; }

    void plant(const QByteArray &bytes)
    {
        QVERIFY(QDir().mkpath(QFileInfo(settingsFile()).path()));
        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    QByteArray bytesOnDisk() const
    {
        QFile file(settingsFile());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

    // The files next to the settings file, so that no stray one (a lock, a temporary) is missed.
    QStringList configFiles() const
    {
        return QDir(QFileInfo(settingsFile()).path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }

    static QByteArray randomBytes(quint32 seed, int size)
    {
        QRandomGenerator random(seed);
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        return bytes;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void damagedFileIsNeverWritten_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("random bytes") << randomBytes(12, 400) << u"cannot be read"_s;
        QTest::newRow("NUL byte") << QByteArray("[agent]\nurl=http://10.0.0.1:1\0\n", 31) << u"NUL bytes"_s;
        QTest::newRow("not UTF-8") << QByteArray("[agent]\nurl=http://caf\xe9:1\n") << u"not UTF-8"_s;
        QTest::newRow("no INI") << QByteArray("hello\n[[[\nfoo\n=bar\n") << u"not a valid INI file"_s;
    }

    void damagedFileIsNeverWritten()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        plant(bytes);
        const QStringList files = configFiles();
        const QString file = QDir::toNativeSeparators(settingsFile());

        for (const QStringList &write : {QStringList{u"config"_s, u"set"_s, u"agent.url"_s, u"http://1.2.3.4:5"_s},
                                         QStringList{u"config"_s, u"unset"_s, u"agent.url"_s},
                                         QStringList{u"config"_s, u"set"_s, u"agent.local.autostart"_s, u"off"_s}}) {
            const ProcessResult r = iwb(write);
            QCOMPARE(r.exitCode, 1);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(r.err.count(u'\n'), 1);
            QVERIFY2(r.err.startsWith(u"iwb config "_s), qPrintable(r.err));
            QVERIFY2(r.err.contains(file) && r.err.contains(reason), qPrintable(r.err));
            QVERIFY2(r.err.contains(u"Nothing was changed"_s) && r.err.contains(u"mv '"_s), qPrintable(r.err));
            QCOMPARE(bytesOnDisk(), bytes); // not a byte changed, twice in a row
            QCOMPARE(configFiles(), files);
        }

        ProcessResult r = iwb({u"config"_s, u"list"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"agent.url = http://127.0.0.1:42699  (default)"_s));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb config list: warning: "_s) && r.err.contains(file), qPrintable(r.err));

        r = iwb({u"config"_s, u"get"_s, u"agent.url"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"http://127.0.0.1:42699\n"_s);
        QVERIFY2(r.err.startsWith(u"iwb config get: warning: "_s) && r.err.contains(reason), qPrintable(r.err));

        // The agent it names cannot be known: nothing is sent to the default instead.
        r = iwb({u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--timeout"_s, u"2000"_s});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.startsWith(u"iwb event send: "_s) && r.err.contains(file), qPrintable(r.err));

        QCOMPARE(bytesOnDisk(), bytes);
        QCOMPARE(configFiles(), files);
    }

    void refusedAgentUrlStopsEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("event send") << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s};
        QTest::newRow("event send --queue") << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--queue"_s};
        QTest::newRow("trace send") << QStringList{u"trace"_s, u"send"_s, u"SPANS"_s};
        QTest::newRow("trace send --stream") << QStringList{u"trace"_s, u"send"_s, u"--stream"_s, u"SPANS"_s};
        QTest::newRow("status") << QStringList{u"status"_s};
    }

    void refusedAgentUrlStopsEveryCommand()
    {
        QFETCH(QStringList, arguments);
        const QString spans = m_home->filePath(u"spans.json"_s);
        {
            QFile file(spans);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"traceId":"a1","spanId":"b2","name":"x","timestamp":1,"duration":1})");
        }
        arguments.replaceInStrings(u"SPANS"_s, spans);
        // Whatever listens at the default address must hear nothing.
        QTcpServer fallback;
        const bool listening = fallback.listen(QHostAddress::LocalHost, 42699);
        const QByteArray ini("[agent]\nurl=ftp://evil\n");
        plant(ini);

        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.crashed);
        QCOMPARE(r.err.count(u'\n'), 1);
        const bool status = arguments.at(0) == u"status"_s;
        const QString command = status ? u"status"_s : arguments.at(0) + u' ' + arguments.at(1);
        QVERIFY2(r.err.startsWith(u"iwb "_s + command + u": "_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"agent.url"_s) && r.err.contains(u"ftp://evil"_s)
                     && r.err.contains(QDir::toNativeSeparators(settingsFile())),
                 qPrintable(r.err));
        if (listening)
            QVERIFY(!fallback.hasPendingConnections() && !fallback.waitForNewConnection(0));
        QCOMPARE(bytesOnDisk(), ini);
        QVERIFY(!QFileInfo::exists(m_home->path() + u"/data/instana-workbench/outbox"_s)
                || QDir(m_home->path() + u"/data/instana-workbench/outbox"_s).entryList({u"*.json"_s}).isEmpty());

        // --agent chooses for itself: the setting does not stand in its way.
        if (status || arguments.at(0) == u"event"_s) {
            const quint16 closed = TestSupport::closedLoopbackPort();
            const ProcessResult withOption
                = iwb(QStringList(arguments) << u"--agent"_s << u"127.0.0.1:%1"_s.arg(closed));
            QVERIFY2(withOption.err.contains(QString::number(closed)), qPrintable(withOption.err));
            QVERIFY2(!withOption.err.contains(u"agent.url"_s), qPrintable(withOption.err));
        }
    }

    void refusedValuesAreNamedByConfig()
    {
        plant("[agent]\nurl=ftp://evil\nlocalAutostart=maybe\n");
        ProcessResult r = iwb({u"config"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), 2);
        for (const auto &row : rows) {
            QVERIFY2(row[u"refused"_s].toString().contains(u"is refused"_s), qPrintable(r.out));
            QCOMPARE(row[u"default"_s].toBool(), true);
        }
        QCOMPARE(r.err.count(u'\n'), 2);

        r = iwb({u"config"_s, u"get"_s, u"agent.local.autostart"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"true\n"_s);
        QVERIFY2(r.err.contains(u"agent.local.autostart (\"maybe\")"_s), qPrintable(r.err));

        // The way out the message names works.
        QCOMPARE(iwb({u"config"_s, u"unset"_s, u"agent.url"_s}).exitCode, 0);
        QCOMPARE(iwb({u"config"_s, u"set"_s, u"agent.local.autostart"_s, u"false"_s}).exitCode, 0);
        r = iwb({u"config"_s, u"list"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestIwbSettings)
#include "tst_iwbsettings.moc"
