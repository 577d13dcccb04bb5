#include "core/agentapi/agentendpoint.h"
#include "core/settings/paths.h"
#include "core/settings/settings.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::Settings;

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    QString path() const { return m_dir->filePath(u"workbench.ini"_s); }

    void sharedLocationIsXdgConfig()
    {
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QCOMPARE(Workbench::Paths::settingsFile(), config + u"/instana-workbench/workbench.ini"_s);
        QVERIFY(Workbench::Paths::dataDir().endsWith(u"/instana-workbench"_s));
        Settings defaults;
        QCOMPARE(defaults.fileName(), Workbench::Paths::settingsFile());
    }

    void defaultsWhenEmpty()
    {
        Settings settings(path());
        QCOMPARE(settings.agentUrl().toString(), u"http://127.0.0.1:42699"_s);
        QVERIFY(!settings.hasAgentUrl());
        QVERIFY(settings.lastWorkspace().isEmpty());
        QVERIFY(settings.mainWindowGeometry().isEmpty());
    }

    void roundTripThroughTheIniFile()
    {
        {
            Settings settings(path());
            settings.setAgentUrl(QUrl(u"http://10.1.2.3:4000"_s));
            settings.setLastWorkspace(u"viewer"_s);
            settings.setMainWindowGeometry(QByteArray("\x01\x02geometry", 10));
            QVERIFY(settings.sync().isEmpty());
        }
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ini = file.readAll();
        QVERIFY2(ini.contains("[agent]\nurl=http://10.1.2.3:4000"), ini.constData());
        QVERIFY(ini.contains("workspace=viewer"));

        Settings again(path());
        QCOMPARE(again.agentUrl().toString(), u"http://10.1.2.3:4000"_s);
        QCOMPARE(again.lastWorkspace(), u"viewer"_s);
        QCOMPARE(again.mainWindowGeometry(), QByteArray("\x01\x02geometry", 10));
    }

    void signalsOnlyOnChange()
    {
        Settings settings(path());
        QSignalSpy agent(&settings, &Settings::agentUrlChanged);
        QSignalSpy workspace(&settings, &Settings::lastWorkspaceChanged);

        settings.setAgentUrl(QUrl(u"http://agent:1"_s));
        settings.setAgentUrl(QUrl(u"http://agent:1"_s));
        QCOMPARE(agent.count(), 1);
        QCOMPARE(agent.at(0).at(0).toUrl().toString(), u"http://agent:1"_s);

        // Storing the default explicitly changes nothing a reader sees.
        Settings other(m_dir->filePath(u"other.ini"_s));
        QSignalSpy otherAgent(&other, &Settings::agentUrlChanged);
        other.setAgentUrl(Workbench::AgentEndpoint::defaultUrl());
        QCOMPARE(otherAgent.count(), 0);

        settings.setLastWorkspace(u"events"_s);
        settings.setLastWorkspace(u"events"_s);
        settings.setLastWorkspace(u"rest"_s);
        QCOMPARE(workspace.count(), 2);

        settings.resetAgentUrl();
        QCOMPARE(agent.count(), 2);
        QCOMPARE(settings.agentUrl().toString(), u"http://127.0.0.1:42699"_s);
    }

    void brokenStoredAgentFallsBackToDefault()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[agent]\nurl=ftp://nowhere\n");
        file.close();
        Settings settings(path());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring agent address"_s));
        QCOMPARE(settings.agentUrl().toString(), u"http://127.0.0.1:42699"_s);
    }

    void preferences()
    {
        Settings settings(path());
        QVERIFY(Settings::isPreference(u"agent.url"_s));
        QVERIFY(!Settings::isPreference(u"agent.nope"_s));
        QVERIFY(!Settings::preferences().isEmpty());
        for (const auto &preference : Settings::preferences())
            QVERIFY(!preference.description.isEmpty());

        QCOMPARE(settings.preferenceText(u"agent.url"_s), u"http://127.0.0.1:42699"_s);
        QVERIFY(!settings.isPreferenceSet(u"agent.url"_s));

        QVERIFY(settings.setPreferenceText(u"agent.url"_s, u"agent.example:7"_s).isEmpty());
        QCOMPARE(settings.preferenceText(u"agent.url"_s), u"http://agent.example:7"_s);
        QVERIFY(settings.isPreferenceSet(u"agent.url"_s));

        const QString error = settings.setPreferenceText(u"agent.url"_s, u"gopher://x"_s);
        QVERIFY(!error.isEmpty());
        QCOMPARE(settings.preferenceText(u"agent.url"_s), u"http://agent.example:7"_s); // untouched

        QVERIFY(!settings.setPreferenceText(u"no.such"_s, u"1"_s).isEmpty());

        settings.resetPreference(u"agent.url"_s);
        QVERIFY(!settings.isPreferenceSet(u"agent.url"_s));

        QVERIFY(settings.localAgentAutostart()); // on unless turned off
        QCOMPARE(settings.preferenceText(u"agent.local.autostart"_s), u"true"_s);
        for (const QString &no : {u"false"_s, u"off"_s, u"No"_s, u"0"_s}) {
            QVERIFY(settings.setPreferenceText(u"agent.local.autostart"_s, no).isEmpty());
            QVERIFY(!settings.localAgentAutostart());
            settings.resetPreference(u"agent.local.autostart"_s);
        }
        QVERIFY(!settings.setPreferenceText(u"agent.local.autostart"_s, u"perhaps"_s).isEmpty());
        QVERIFY(settings.localAgentAutostart());
    }

    void twoInstancesSeeEachOthersWrites()
    {
        Settings gui(path());
        Settings cli(path());
        QCOMPARE(gui.agentUrl(), cli.agentUrl());
        cli.setAgentUrl(QUrl(u"http://elsewhere:9"_s));
        QVERIFY(cli.sync().isEmpty());
        QVERIFY(gui.sync().isEmpty());
        QCOMPARE(gui.agentUrl().toString(), u"http://elsewhere:9"_s);
    }

    void unwritableFileIsReported()
    {
        // A regular file where the folder should be: no one can write below it, not even root.
        QFile blocker(m_dir->filePath(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Settings settings(m_dir->filePath(u"blocker/workbench.ini"_s));
        settings.setLastWorkspace(u"events"_s);
        const QString error = settings.sync();
        QVERIFY2(error.contains(u"Cannot write"_s), qPrintable(error));
    }

    void damagedFileIsNeverWritten()
    {
        const QByteArray junk("[agent]\nurl=http://10.0.0.1:1\n\0\xff\xfe junk\n", 32);
        writeFile(junk);
        {
            Settings settings(path());
            QVERIFY(settings.isDamaged());
            QVERIFY2(settings.damage().contains(u"NUL bytes"_s), qPrintable(settings.damage()));
            QVERIFY(settings.recoveryHint().contains(u"mv '"_s + path()));
            // The defaults, and changes held in memory only.
            QCOMPARE(settings.agentUrl(), Workbench::AgentEndpoint::defaultUrl());
            QVERIFY(!settings.agentTarget());
            settings.setMainWindowGeometry("geometry");
            settings.setLastWorkspace(u"events"_s);
            QCOMPARE(settings.lastWorkspace(), u"events"_s);
            const QString error = settings.sync();
            QVERIFY2(error.contains(u"Nothing was written"_s), qPrintable(error));
        }
        QCOMPARE(readFile(), junk);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"workbench.ini"_s});
    }

    void fileDamagedMeanwhileIsNotWritten()
    {
        Settings settings(path());
        settings.setLastWorkspace(u"viewer"_s);
        QVERIFY(settings.sync().isEmpty());
        const QByteArray junk("\xc3\x28 not text");
        writeFile(junk);
        settings.setLastWorkspace(u"events"_s);
        QVERIFY(!settings.sync().isEmpty());
        QVERIFY(settings.isDamaged());
        QCOMPARE(readFile(), junk);
    }

    void damagedFileMovedAsideKeepsItsBytes()
    {
        const QByteArray junk("\x01\x02\x00\x03", 4);
        writeFile(junk);
        Settings settings(path());
        settings.setLastWorkspace(u"spans"_s); // made before the move, kept for the next sync
        QString error;
        const auto aside = settings.moveDamagedAside(&error);
        QVERIFY2(aside, qPrintable(error));
        QVERIFY(aside->startsWith(path() + u".damaged-"_s));
        QFile moved(*aside);
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), junk);
        QVERIFY(!settings.isDamaged());
        QVERIFY(settings.sync().isEmpty());
        QCOMPARE(Settings(path()).lastWorkspace(), u"spans"_s);
    }

    void refusedValuesAreNamed()
    {
        writeFile("[agent]\nurl=ftp://evil\nlocalAutostart=maybe\n");
        Settings settings(path());
        QVERIFY(!settings.isDamaged());
        QString refusal;
        QVERIFY(!settings.agentTarget(&refusal));
        QVERIFY2(refusal.contains(u"agent.url"_s) && refusal.contains(u"ftp://evil"_s) && refusal.contains(path()),
                 qPrintable(refusal));
        QVERIFY(settings.preferenceRefusal(u"agent.local.autostart"_s).contains(u"maybe"_s));
        QVERIFY(settings.localAgentAutostart()); // the default
        QVERIFY(settings.setPreferenceText(u"agent.url"_s, u"10.0.0.2:5"_s).isEmpty());
        QCOMPARE(settings.agentTarget(), std::optional<QUrl>(QUrl(u"http://10.0.0.2:5"_s)));
        QVERIFY(settings.preferenceRefusal(u"agent.url"_s).isEmpty());
    }

private:
    void writeFile(const QByteArray &bytes) const
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    QByteArray readFile() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
