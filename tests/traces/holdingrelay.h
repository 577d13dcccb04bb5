#pragma once

// A relay on 127.0.0.1 in front of an agent: what a client sends goes on at once, but while
// the relay holds, the agent's answers wait in the relay until it is released. So a test can
// stop a sender at a moment when the agent has taken requests whose answers the sender has not
// seen yet, which is what a large send interrupted by Ctrl+C meets.

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <memory>
#include <utility>
#include <vector>

class HoldingRelay
{
public:
    explicit HoldingRelay(const QUrl &agent)
        : m_agent(agent)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qWarning() << "relay:" << m_server.errorString();
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    void hold() { m_holding = true; }
    // Passes on every answer held, and every later one at once.
    void release()
    {
        m_holding = false;
        for (const auto &link : m_links)
            flush(*link);
    }
    // Connections with an answer waiting in the relay.
    int answersHeld() const
    {
        int held = 0;
        for (const auto &link : m_links)
            held += link->held.isEmpty() ? 0 : 1;
        return held;
    }

private:
    struct Link
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *upstream = nullptr;
        QByteArray held;
        bool upstreamClosed = false;
    };

    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto link = std::make_shared<Link>();
            link->client = client;
            link->upstream = new QTcpSocket(client);
            Link *raw = link.get();
            QObject::connect(client, &QTcpSocket::readyRead, client,
                             [raw] { raw->upstream->write(raw->client->readAll()); });
            QObject::connect(client, &QTcpSocket::disconnected, client, [this, raw, client] {
                raw->upstream->abort();
                std::erase_if(m_links, [raw](const auto &l) { return l.get() == raw; });
                client->deleteLater();
            });
            QObject::connect(link->upstream, &QTcpSocket::readyRead, client, [this, raw] {
                raw->held.append(raw->upstream->readAll());
                if (!m_holding)
                    flush(*raw);
            });
            QObject::connect(link->upstream, &QTcpSocket::disconnected, client, [this, raw] {
                raw->upstreamClosed = true;
                if (!m_holding)
                    flush(*raw);
            });
            link->upstream->connectToHost(QHostAddress::LocalHost, quint16(m_agent.port()));
            m_links.push_back(std::move(link));
        }
    }

    static void flush(Link &link)
    {
        if (!link.held.isEmpty())
            link.client->write(std::exchange(link.held, {}));
        if (link.upstreamClosed)
            link.client->disconnectFromHost();
    }

    QUrl m_agent;
    bool m_holding = false;
    std::vector<std::shared_ptr<Link>> m_links;
    QTcpServer m_server; // last: its sockets go before what their handlers use
};
