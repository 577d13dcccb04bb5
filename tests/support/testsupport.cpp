#include "tests/support/testsupport.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace TestSupport {

QString iwbBinary()
{
    return qEnvironmentVariable("IWB_BINARY");
}

QString guiBinary()
{
    return qEnvironmentVariable("WORKBENCH_GUI_BINARY");
}

QProcessEnvironment isolatedEnvironment(const QString &root)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, root + u"/config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, root + u"/data"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, root + u"/cache"_s);
    // Qt warns on stderr when the runtime directory is missing or open to others.
    const QString runtime = root + u"/runtime"_s;
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    return environment;
}

ProcessResult run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                  std::chrono::milliseconds timeout, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        ProcessResult result;
        result.err = process.errorString();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    return finish(process, timeout);
}

ProcessResult finish(QProcess &process, std::chrono::milliseconds timeout)
{
    // Waiting in the event loop, so that servers of the test's own process answer meanwhile.
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeout);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    ProcessResult result;
    if (process.state() != QProcess::NotRunning) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished();
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

quint16 closedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

long peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

namespace {
void appendRows(const QAbstractItemModel &model, const QModelIndex &parent, int depth, int role, QString &text)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(parent); ++column)
            cells << model.index(row, column, parent).data(role).toString();
        text += QString(depth * 2, u' ') + cells.join(u" | "_s) + u'\n';
        const QModelIndex first = model.index(row, 0, parent);
        if (model.hasChildren(first))
            appendRows(model, first, depth + 1, role, text);
    }
}
} // namespace

QString modelText(const QAbstractItemModel &model, int role)
{
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal).toString();
    QString text = headers.join(u" | "_s) + u'\n';
    appendRows(model, {}, 0, role, text);
    return text;
}

} // namespace TestSupport
