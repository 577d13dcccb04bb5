#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>
#include <utility>

class QTcpSocket;

namespace TestSupport {

// The certificates a TLS test server can show. All are self-signed with one P-256 key, so each
// is its own CA: its PEM file is the CA bundle that makes a client trust it.
enum class TlsCertificate {
    Localhost, // CN=localhost, for DNS:localhost and IP:127.0.0.1, valid from now for 2 days
    OtherHost, // CN=other.example, for DNS:other.example only: wrong for https://127.0.0.1
    Expired, // CN=localhost, O=Expired Example, for localhost and 127.0.0.1, valid 2020-01-01 to 2020-01-02
    NotYetValid, // CN=localhost, O=Future Example, for localhost and 127.0.0.1, valid from 2099-01-01
};

// Throwaway certificates, made once per test process with the `openssl` command (Debian's
// package `openssl`, installed by packaging/install-deps.sh) into a temporary directory that
// goes at exit: one key generation (`openssl genpkey`), `openssl req -x509` for the certificates
// valid now, and `openssl ca -selfsign` with -startdate/-enddate for those valid in the past and
// the future (openssl 3.0's `req -days` cannot go back). Nothing is left in the user's files.
class ThrowawayCertificates
{
public:
    // The process's certificates, made at the first call.
    static const ThrowawayCertificates &get();

    // False, with a sentence in errorString() (openssl missing, a command failing), when the
    // certificates could not be made: tests then fail with that sentence.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    QString keyFile() const;
    // The certificate alone, as PEM: also the CA bundle that trusts it.
    QString pemFile(TlsCertificate which) const;
    QSslCertificate certificate(TlsCertificate which) const;
    QSslKey key() const { return m_key; }
    // One more self-signed certificate with the same key, valid from now for 2 days: `subject`
    // as openssl's -subj takes it ("/CN=name/O=org", UTF-8), `names` its subjectAltName
    // ("DNS:a.example,IP:10.0.0.1") or none. Null, with *error set, when openssl refuses.
    QSslCertificate makeCertificate(const QString &subject, const QString &names, QString *error) const;

private:
    ThrowawayCertificates();
    bool make();
    bool openssl(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_openssl;
    QSslKey m_key;
    QList<QSslCertificate> m_certificates; // in the order of TlsCertificate
    QString m_error;
};

// A real HTTPS/1.1 server on 127.0.0.1 for tests of clients: the REST client, `iwb profile test
// --ca-bundle`, HttpJob itself. It shows one of the throwaway certificates, records each request
// (method, target, headers, body) only once the handshake is done, answers it with a fixed
// response or a handler's, and closes the connection. Handshakes are counted, done and failed,
// so that a test can tell that nothing of a refused request arrived. The other modes stand for
// servers that are wrong for an https URL: one speaking plain HTTP, one that never says
// anything, one that closes the connection as soon as the client's first bytes arrive.
//
//     TestSupport::TlsServer server;
//     QVERIFY2(server.start(), qPrintable(server.errorString()));
//     request.url = server.url(u"/api/instana/version"_s);
//     request.tls = Workbench::tlsConfiguration(true, server.caBundle());
class TlsServer : public QTcpServer
{
    Q_OBJECT
public:
    enum class Mode {
        Tls,
        PlainHttp, // answers as the Tls mode would, without TLS
        Silent, // takes the connection, reads, never writes
        CloseOnFirstBytes, // closes the connection when the client's first bytes (its hello) arrive
    };

    struct Request
    {
        QByteArray method;
        QByteArray target; // "/api/x?y=1"
        QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case, in the order sent
        QByteArray body;

        QByteArray header(const QByteArray &name) const;
    };
    struct Response
    {
        int status = 200;
        QByteArray reason = "OK";
        QList<std::pair<QByteArray, QByteArray>> headers; // Content-Length and Connection are added
        QByteArray body;
    };
    using Handler = std::function<Response(const Request &)>;

    explicit TlsServer(TlsCertificate certificate = TlsCertificate::Localhost, Mode mode = Mode::Tls,
                       QObject *parent = nullptr);
    ~TlsServer() override;

    // Listens on 127.0.0.1 on a free port; false with errorString() when the certificates could
    // not be made or nothing can listen.
    bool start();
    QString errorString() const { return m_error; }

    // https://127.0.0.1:<port><path> (http:// in PlainHttp mode); `host` may be "localhost".
    QUrl url(const QString &path = QStringLiteral("/"), const QString &host = QStringLiteral("127.0.0.1")) const;
    // The PEM file of the server's certificate, to pass as a CA bundle.
    QString caBundle() const;
    QSslCertificate certificate() const;

    // What every request is answered with; 200 with an empty body unless set.
    void setResponse(const Response &response);
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QList<Request> &requests() const { return m_requests; }
    int connections() const { return m_connections; } // taken, of every mode
    int handshakes() const { return m_handshakes; } // finished TLS handshakes
    int failedHandshakes() const { return m_failedHandshakes; }
    int closedConnections() const { return m_closed; } // ended, however
    // The server side's view of failed handshakes (its socket's error strings).
    const QStringList &handshakeErrors() const { return m_handshakeErrors; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void serve(QTcpSocket *socket);
    void readRequest(QTcpSocket *socket, QByteArray *buffer);

    TlsCertificate m_certificate;
    Mode m_mode;
    Handler m_handler;
    QList<Request> m_requests;
    QStringList m_handshakeErrors;
    QString m_error;
    int m_connections = 0;
    int m_handshakes = 0;
    int m_failedHandshakes = 0;
    int m_closed = 0;
};

} // namespace TestSupport
