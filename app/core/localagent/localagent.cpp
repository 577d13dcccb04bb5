#include "core/localagent/localagent.h"

#include <QThread>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Workbench {

LocalAgent::LocalAgent(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Workbench::CaptureBatch>();
}

LocalAgent::~LocalAgent()
{
    stop();
}

bool LocalAgent::start(const LocalAgentConfig &config, QString *error)
{
    stop();
    m_thread = new QThread(this);
    m_thread->setObjectName(u"local-agent"_s);
    m_server = new AgentServer;
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_server, &AgentServer::captured, this, &LocalAgent::captured, Qt::QueuedConnection);
    m_thread->start();

    bool ok = false;
    QString message;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            ok = m_server->listen(config, &message);
            m_address = m_server->address();
            m_port = m_server->port();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        if (error)
            *error = message;
        return false;
    }
    m_config = config;
    m_running = true;
    Q_EMIT runningChanged(true);
    return true;
}

void LocalAgent::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_server, [server = m_server] { server->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread; // the server went with the thread's finished() signal
    m_thread = nullptr;
    m_server = nullptr;
    const bool wasRunning = m_running;
    m_running = false;
    m_port = 0;
    if (wasRunning)
        Q_EMIT runningChanged(false);
}

QUrl LocalAgent::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_address.isEqual(QHostAddress::Any) || m_address.isEqual(QHostAddress::AnyIPv6)
                    ? u"127.0.0.1"_s
                    : m_address.toString());
    url.setPort(m_port);
    return url;
}

void LocalAgent::setLenient(bool lenient)
{
    m_config.lenient = lenient;
    if (m_server)
        QMetaObject::invokeMethod(m_server, [server = m_server, lenient] { server->setLenient(lenient); });
}

int LocalAgent::connectionCount() const
{
    if (!m_server)
        return 0;
    int count = 0;
    QMetaObject::invokeMethod(
        m_server, [&] { count = m_server->connectionCount(); }, Qt::BlockingQueuedConnection);
    return count;
}

} // namespace Workbench
