// instana-workbench started as a person starts it, on a real X server (Xvfb): the window
// opens, carries its title, and the program keeps running until it is closed.

#include "tests/support/rawhttp.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstddef>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestGuiX11 : public QObject
{
    Q_OBJECT

    QString windowTree()
    {
        QProcess xwininfo;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DISPLAY"_s, m_display);
        xwininfo.setProcessEnvironment(environment);
        xwininfo.start(u"xwininfo"_s, {u"-root"_s, u"-tree"_s});
        xwininfo.waitForFinished(10000);
        m_lastTreeError = QString::fromUtf8(xwininfo.readAllStandardError());
        return QString::fromUtf8(xwininfo.readAllStandardOutput());
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const auto tool : {"Xvfb", "xwininfo"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QString::fromLatin1(tool) + u" is missing; run packaging/install-deps.sh"_s));
        }
        // A display is free only when neither its lock file nor its abstract socket is taken:
        // another X server in another mount namespace (a private /tmp) shares the abstract
        // socket, and the client would connect to it instead of ours.
        // Another run of this test may take the same number at the same moment: a display counts
        // as ours only when our Xvfb still runs after its server answered a client.
        for (int number = 40; number < 140 && m_display.isEmpty(); ++number) {
            if (!displayLooksFree(number))
                continue;
            const QString display = u":"_s + QString::number(number);
            m_xvfb.start(u"Xvfb"_s, {display, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s, u"tcp"_s});
            QVERIFY(m_xvfb.waitForStarted());
            m_display = display;
            QElapsedTimer waited;
            waited.start();
            bool answers = false;
            while (!answers && m_xvfb.state() == QProcess::Running && waited.elapsed() < 20000) {
                answers = windowTree().contains(u"Root window"_s);
                if (!answers)
                    QTest::qSleep(50);
            }
            if (answers)
                QTest::qSleep(200); // a second server on this number gives up at once
            if (answers && m_xvfb.state() == QProcess::Running)
                break;
            m_xvfb.kill();
            m_xvfb.waitForFinished(5000);
            m_display.clear();
        }
        QVERIFY2(!m_display.isEmpty(),
                 qPrintable(u"no X display between :40 and :139 could be started: "_s + m_lastTreeError));
    }

    static bool displayLooksFree(int number)
    {
        if (QFile::exists(u"/tmp/.X%1-lock"_s.arg(number)))
            return false;
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0)
            return false;
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray name = "/tmp/.X11-unix/X" + QByteArray::number(number);
        // An abstract name starts with a NUL byte and is not NUL-terminated.
        std::memcpy(address.sun_path + 1, name.constData(), size_t(name.size()));
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(name.size()));
        const bool free = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), length) == 0;
        ::close(fd);
        return free;
    }

    void cleanupTestCase()
    {
        m_xvfb.terminate();
        m_xvfb.waitForFinished(5000);
    }

    void windowOpens()
    {
        QTemporaryDir home;
        // The agent target: a free port on this machine, so the embedded default starts the
        // local agent there (and not on the real agent's port).
        const quint16 agentPort = TestSupport::closedLoopbackPort();
        QVERIFY(QDir().mkpath(home.filePath(u"config/instana-workbench"_s)));
        QFile ini(home.filePath(u"config/instana-workbench/workbench.ini"_s));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[agent]\nurl=http://127.0.0.1:" + QByteArray::number(agentPort) + "\n");
        ini.close();
        QProcessEnvironment environment = TestSupport::isolatedEnvironment(home.path());
        environment.insert(u"DISPLAY"_s, m_display);
        environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        // Debian 12's libxkbcommon-x11 strndup()s a buffer that is not NUL-terminated when the
        // X connection starts; ASan's strndup interceptor reports it. It is outside this project,
        // so only that interceptor is turned off, and only for this process.
        const QString asan = environment.value(u"ASAN_OPTIONS"_s);
        environment.insert(u"ASAN_OPTIONS"_s, asan + (asan.isEmpty() ? u""_s : u":"_s) + u"intercept_strndup=0"_s);

        QProcess gui;
        gui.setProcessEnvironment(environment);
        gui.start(TestSupport::guiBinary(), {u"--page"_s, u"viewer"_s});
        QVERIFY(gui.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(windowTree().contains(u"Trace Viewer"_s) || gui.state() != QProcess::Running, 20000);
        QVERIFY2(gui.state() == QProcess::Running, qPrintable(QString::fromUtf8(gui.readAllStandardError())));
        QVERIFY(windowTree().contains(u"Instana Workbench"_s));

        // Nothing listened at the target, so the window started its local agent there.
        TestSupport::RawHttpClient client;
        bool connected = false;
        QTRY_VERIFY_WITH_TIMEOUT((connected = client.connectTo(agentPort, 500)) || gui.state() != QProcess::Running,
                                 30000);
        QVERIFY2(connected,
                 qPrintable(u"no local agent on port %1 (display %2): "_s.arg(agentPort).arg(m_display)
                            + QString::fromUtf8(gui.readAllStandardError())));
        const auto answer = client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.body.contains("local agent"));
        QCOMPARE(
            client.send(TestSupport::postRequest("/com.instana.plugin.generic.event", "{\"title\":\"hello\"}")).status,
            200);

        gui.terminate();
        QVERIFY(gui.waitForFinished(10000));
    }

private:
    QProcess m_xvfb;
    QString m_display;
    QString m_lastTreeError;
};

QTEST_GUILESS_MAIN(TestGuiX11)
#include "tst_guix11.moc"
