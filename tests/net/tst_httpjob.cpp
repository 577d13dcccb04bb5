// HttpJob over real sockets on 127.0.0.1: every Error it tells apart, finished() exactly once
// however abort() is called, any method with a body, the User-Agent; and the pieces around it:
// the Retry-After parser, the backoff's bounds, the rate window, and Authorization redacted in
// debug output.

#include "core/logging/logging.h"
#include "core/net/httpjob.h"
#include "core/net/ratewindow.h"
#include "core/net/requestfactory.h"
#include "core/net/retrypolicy.h"
#include "tests/support/testsupport.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace std::chrono_literals;

namespace {
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement

// A server that reads each request whole, keeps it, and answers with fixed bytes, or, given
// none, never answers and keeps the connection open.
class CannedServer
{
public:
    explicit CannedServer(QByteArray response = {})
        : m_response(std::move(response))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url(const QString &path = u"/x"_s, const QString &scheme = u"http"_s) const
    {
        return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_server.serverPort()).arg(path));
    }
    // Each request's head (lower case) and body.
    const QList<std::pair<QByteArray, QByteArray>> &requests() const { return m_requests; }
    int connections() const { return m_connections; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_connections;
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                const QByteArray head = buffer->left(headEnd);
                qsizetype length = 0;
                const QByteArray lower = head.toLower() + "\r\n";
                const qsizetype at = lower.indexOf("\r\ncontent-length:");
                if (at >= 0) {
                    const qsizetype from = at + qsizetype(qstrlen("\r\ncontent-length:"));
                    length = lower.mid(from, lower.indexOf("\r\n", from) - from).trimmed().toLongLong();
                }
                if (buffer->size() < headEnd + 4 + length)
                    return;
                m_requests.append({head, buffer->mid(headEnd + 4, length)});
                buffer->clear();
                if (!m_response.isEmpty()) {
                    socket->write(m_response);
                    socket->disconnectFromHost();
                }
            });
        }
    }

    QByteArray m_response;
    QList<std::pair<QByteArray, QByteArray>> m_requests;
    int m_connections = 0;
    QTcpServer m_server; // last: its sockets go before what their handlers use
};

QByteArray answer(int status, const QByteArray &reason, const QByteArray &body = {}, const QByteArray &headers = {},
                  bool withLength = true)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n" + headers;
    if (withLength)
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "Connection: close\r\n\r\n" + body;
}

QStringList *g_messages = nullptr;
void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (g_messages)
        g_messages->append(message);
}
} // namespace

class TestHttpJob : public QObject
{
    Q_OBJECT

    // Runs a job to its end; checks that finished() came once, never inside start().
    std::unique_ptr<HttpJob> run(OutgoingRequest request)
    {
        auto job = std::make_unique<HttpJob>(&m_network, std::move(request));
        int finished = 0;
        connect(job.get(), &HttpJob::finished, this, [&finished, &job](HttpJob *which) {
            QCOMPARE(which, job.get());
            ++finished;
        });
        job->start();
        [&] { QCOMPARE(finished, 0); }();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished, 1, Patience); }();
        job->abort(); // after the end: nothing more
        QTest::qWait(50);
        [&] { QCOMPARE(finished, 1); }();
        job->disconnect(this);
        return job;
    }

    static OutgoingRequest get(const QUrl &url)
    {
        OutgoingRequest request;
        request.url = url;
        return request;
    }

private Q_SLOTS:
    void answerIsNone()
    {
        CannedServer server(answer(200, "OK", "hello", "X-Thing: one\r\n"));
        const auto job = run(get(server.url()));
        QCOMPARE(job->error(), HttpJob::Error::None);
        QVERIFY(job->errorString().isEmpty());
        QCOMPARE(job->httpStatus(), 200);
        QCOMPARE(job->responseBody(), "hello");
        QCOMPARE(job->responseHeader("x-thing"), "one");
    }

    void refusedConnection()
    {
        const auto job = run(get(QUrl(u"http://127.0.0.1:%1/x"_s.arg(TestSupport::closedLoopbackPort()))));
        QCOMPARE(job->error(), HttpJob::Error::ConnectionRefused);
        QCOMPARE(job->httpStatus(), 0);
        QVERIFY2(job->errorString().contains(u"refused"_s), qPrintable(job->errorString()));
    }

    void silenceTimesOut()
    {
        CannedServer silent; // accepts, reads, never answers
        OutgoingRequest request = get(silent.url());
        request.transferTimeout = 300ms;
        const auto job = run(request);
        QCOMPARE(job->error(), HttpJob::Error::TimedOut);
        QVERIFY2(job->errorString().contains(u"300 ms"_s), qPrintable(job->errorString()));
        QCOMPARE(silent.requests().size(), 1);
    }

    void statusWithHeaders()
    {
        CannedServer server(answer(503, "Service Unavailable", "busy", "Retry-After: 7\r\n"));
        const auto job = run(get(server.url()));
        QCOMPARE(job->error(), HttpJob::Error::HttpStatus);
        QCOMPARE(job->httpStatus(), 503);
        QCOMPARE(job->reasonPhrase(), u"Service Unavailable"_s);
        QCOMPARE(job->responseHeader("Retry-After"), "7");
        QCOMPARE(job->responseBody(), "busy");
        QVERIFY2(job->errorString().contains(u"503"_s), qPrintable(job->errorString()));
    }

    void redirectIsAnswer()
    {
        // Not followed when the request says so; and never to another origin.
        const QByteArray moved = answer(302, "Found", {}, "Location: http://127.0.0.1:1/elsewhere\r\n");
        CannedServer server(moved);
        const auto job = run(get(server.url()));
        QCOMPARE(job->error(), HttpJob::Error::HttpStatus);
        QCOMPARE(job->httpStatus(), 302);

        CannedServer other(moved);
        OutgoingRequest following = get(other.url());
        following.followSameOriginRedirects = true;
        const auto followed = run(following);
        QCOMPARE(followed->error(), HttpJob::Error::Redirect);
        QCOMPARE(other.requests().size(), 1);
    }

    void tooLarge_data()
    {
        QTest::addColumn<bool>("withLength");
        QTest::newRow("declared") << true;
        QTest::newRow("counted") << false;
    }

    void tooLarge()
    {
        QFETCH(bool, withLength);
        CannedServer server(answer(200, "OK", QByteArray(5000, 'x'), {}, withLength));
        OutgoingRequest request = get(server.url());
        request.maxResponseBytes = 100;
        const auto job = run(request);
        QCOMPARE(job->error(), HttpJob::Error::TooLarge);
        QVERIFY(job->responseBody().size() <= 100);
        QVERIFY2(job->errorString().contains(u"100"_s), qPrintable(job->errorString()));
    }

    void cancelled()
    {
        CannedServer silent;
        HttpJob job(&m_network, get(silent.url()));
        int finished = 0;
        connect(&job, &HttpJob::finished, this, [&finished](HttpJob *which) {
            ++finished;
            which->abort(); // from the slot: nothing more
        });
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests().size(), 1, Patience);
        job.abort();
        QCOMPARE(finished, 1); // abort() ends it at once
        job.abort(); // twice: nothing more
        QTest::qWait(100);
        QCOMPARE(finished, 1);
        QCOMPARE(job.error(), HttpJob::Error::Cancelled);
        QCOMPARE(job.errorString(), u"Cancelled."_s);
        QVERIFY(!job.isRunning());
    }

    void cancelledBeforeStart()
    {
        CannedServer server(answer(200, "OK"));
        HttpJob job(&m_network, get(server.url()));
        int finished = 0;
        connect(&job, &HttpJob::finished, this, [&finished] { ++finished; });
        job.abort();
        job.start();
        QCOMPARE(finished, 0); // never inside start()
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1, Patience);
        QCOMPARE(job.error(), HttpJob::Error::Cancelled);
        QTest::qWait(100);
        QCOMPARE(finished, 1);
        QCOMPARE(server.connections(), 0);
    }

    void tlsHandshakeFails()
    {
        // A plain server asked for TLS: it answers the handshake with plain text at once.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
        connect(&plain, &QTcpServer::newConnection, this, [&plain] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                socket->write(answer(200, "OK", "not tls"));
                socket->disconnectFromHost();
            }
        });
        OutgoingRequest request = get(QUrl(u"https://127.0.0.1:%1/x"_s.arg(plain.serverPort())));
        request.transferTimeout = 10s;
        const auto job = run(request);
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        QVERIFY2(job->errorString().contains(u"secure connection"_s), qPrintable(job->errorString()));
    }

    void hostNotFound()
    {
        OutgoingRequest request = get(QUrl(u"http://workbench-test.invalid/x"_s));
        request.transferTimeout = 5s;
        const auto job = run(request);
        if (job->error() == HttpJob::Error::TimedOut)
            QSKIP("name lookups do not fail fast here; the mapping is tested in classification()");
        QCOMPARE(job->error(), HttpJob::Error::HostNotFound);
        QVERIFY2(job->errorString().contains(u"workbench-test.invalid"_s), qPrintable(job->errorString()));
    }

    void classification_data()
    {
        using E = HttpJob::NetworkError;
        QTest::addColumn<E>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("aborted");
        QTest::addColumn<HttpJob::Error>("error");
        QTest::newRow("ok") << E::NoError << 200 << false << HttpJob::Error::None;
        QTest::newRow("204") << E::NoError << 204 << false << HttpJob::Error::None;
        QTest::newRow("302 manual") << E::NoError << 302 << false << HttpJob::Error::HttpStatus;
        QTest::newRow("400") << E::ProtocolInvalidOperationError << 400 << false << HttpJob::Error::HttpStatus;
        QTest::newRow("404") << E::ContentNotFoundError << 404 << false << HttpJob::Error::HttpStatus;
        QTest::newRow("503") << E::ServiceUnavailableError << 503 << false << HttpJob::Error::HttpStatus;
        QTest::newRow("host") << E::HostNotFoundError << 0 << false << HttpJob::Error::HostNotFound;
        QTest::newRow("refused") << E::ConnectionRefusedError << 0 << false << HttpJob::Error::ConnectionRefused;
        QTest::newRow("timeout") << E::TimeoutError << 0 << false << HttpJob::Error::TimedOut;
        QTest::newRow("transfer timeout") << E::OperationCanceledError << 0 << false << HttpJob::Error::TimedOut;
        QTest::newRow("abort") << E::OperationCanceledError << 0 << true << HttpJob::Error::Cancelled;
        QTest::newRow("tls") << E::SslHandshakeFailedError << 0 << false << HttpJob::Error::Tls;
        QTest::newRow("insecure redirect") << E::InsecureRedirectError << 302 << false << HttpJob::Error::Redirect;
        QTest::newRow("closed") << E::RemoteHostClosedError << 0 << false << HttpJob::Error::Network;
        QTest::newRow("proxy") << E::ProxyConnectionRefusedError << 0 << false << HttpJob::Error::Network;
        QTest::newRow("protocol") << E::ProtocolFailure << 0 << false << HttpJob::Error::Protocol;
    }

    void classification()
    {
        QFETCH(HttpJob::NetworkError, code);
        QFETCH(int, status);
        QFETCH(bool, aborted);
        QFETCH(HttpJob::Error, error);
        QCOMPARE(HttpJob::classify(code, status, aborted), error);
        QVERIFY(!HttpJob::errorName(error).isEmpty());
    }

    void anyMethodWithABody_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("POST") << QByteArray("POST");
        QTest::newRow("PUT") << QByteArray("PUT");
        QTest::newRow("PATCH") << QByteArray("PATCH");
        QTest::newRow("DELETE") << QByteArray("DELETE");
    }

    void anyMethodWithABody()
    {
        QFETCH(QByteArray, method);
        CannedServer server(answer(204, "No Content"));
        OutgoingRequest request = get(server.url(u"/api/thing"_s));
        request.method = method;
        request.body = R"({"name":"Ünïcode"})";
        request.setHeader("Content-Type", "application/json");
        request.setHeader("X-Custom", "yes");
        const auto job = run(request);
        QCOMPARE(job->error(), HttpJob::Error::None);
        QCOMPARE(server.requests().size(), 1);
        const auto &[head, body] = server.requests().first();
        QVERIFY2(head.startsWith(QByteArray(method + " /api/thing HTTP/1.1")), head.constData());
        QCOMPARE(body, request.body);
        QVERIFY(head.toLower().contains("\r\nx-custom: yes"));
        QVERIFY(head.toLower().contains("\r\ncontent-type: application/json"));
    }

    void userAgent()
    {
        CannedServer server(answer(200, "OK"));
        run(get(server.url()));
        QCOMPARE(server.requests().size(), 1);
        const QByteArray head = server.requests().first().first;
        QVERIFY2(head.contains("\r\nUser-Agent: instana-workbench/" WORKBENCH_VERSION_STRING "\r\n"), head.constData());
        QCOMPARE(Workbench::userAgent(), QByteArray("instana-workbench/" WORKBENCH_VERSION_STRING));
    }

    void authorizationIsRedacted()
    {
        QStringList messages;
        g_messages = &messages;
        // Directly, as QT_LOGGING_RULES in the environment would override filter rules.
        auto &category = const_cast<QLoggingCategory &>(lcNet());
        category.setEnabled(QtDebugMsg, true);
        const QtMessageHandler previous = qInstallMessageHandler(keepMessage);
        OutgoingRequest request = get(QUrl(u"http://127.0.0.1:%1/api"_s.arg(TestSupport::closedLoopbackPort())));
        request.setHeader("Authorization", "apiToken s3cr3t-t0ken");
        request.setHeader("Accept", "application/json");
        run(request);
        qInstallMessageHandler(previous);
        category.setEnabled(QtDebugMsg, false);
        g_messages = nullptr;
        const QString all = messages.join(u'\n');
        QVERIFY2(all.contains(u"Authorization: <redacted>"_s), qPrintable(all));
        QVERIFY2(all.contains(u"Accept: application/json"_s), qPrintable(all));
        QVERIFY2(!all.contains(u"s3cr3t"_s), qPrintable(all));
        QVERIFY(!describeRequest(request).contains(u"s3cr3t"_s));
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms"); // -1: nothing
        QTest::newRow("seconds") << QByteArray("7") << qint64(7000);
        QTest::newRow("spaces") << QByteArray(" 120 ") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("date") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << qint64(60000);
        QTest::newRow("past date") << QByteArray("Sun, 06 Nov 1994 08:40:00 GMT") << qint64(0);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("junk") << QByteArray("soon") << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        const QDateTime now(QDate(1994, 11, 6), QTime(8, 48, 37), Qt::UTC);
        QCOMPARE(parseRetryAfter(value, now).value_or(-1), ms);
    }

    void backoffBounds()
    {
        // The outbox's numbers: 5 s, doubling, at most 5 minutes, up to 20% off.
        const RetryPolicy outbox{5s, 5min, 0.2};
        for (int failures = -2; failures < 40; ++failures) {
            const qint64 base = std::min<qint64>(300000, 5000LL << std::clamp(failures - 1, 0, 16));
            QCOMPARE(outbox.baseDelayMs(failures), base);
            for (int i = 0; i < 20; ++i) {
                const qint64 delay = outbox.delayMs(failures);
                QVERIFY2(delay > base * 8 / 10 - 1 && delay <= base, qPrintable(QString::number(delay)));
            }
        }
        // The trace senders': 500 ms, doubling, at most 30 s, no jitter.
        const RetryPolicy traces{500ms, 30s};
        const QList<qint64> expected{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(traces.delayMs(i + 1), expected.at(i));
        QCOMPARE(traces.delayMs(std::numeric_limits<int>::max()), 30000);
        // A ceiling below the start is the start.
        QCOMPARE((RetryPolicy{2s, 1s}.delayMs(5)), 2000);
    }

    void rateWindow()
    {
        // 3 a second, 30 ms margin: counted from the start and, once answered, from the answer.
        RateWindow window(3, 30ms);
        QCOMPARE(window.waitMs(0), 0);
        const quint64 a = window.started(0);
        const quint64 b = window.started(10);
        const quint64 c = window.started(20);
        QCOMPARE(window.waitMs(20), -1); // all three unanswered: only an answer frees a place
        window.answered(a, 100);
        // a frees at max(0 + 1030, 100 + 1005) = 1105.
        QCOMPARE(window.waitMs(200), 905);
        QCOMPARE(window.waitMs(1105), 0);
        window.answered(b, 1200);
        window.answered(c, 1210);
        window.started(1105);
        QCOMPARE(window.waitMs(1106), 2205 - 1106); // b: 1200 + 1005
        window.reset();
        QCOMPARE(window.waitMs(1106), 0);
    }

private:
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestHttpJob)
#include "tst_httpjob.moc"
