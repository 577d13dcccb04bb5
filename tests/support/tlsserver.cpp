#include "tests/support/tlsserver.h"

#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>

#include <cctype>

using namespace Qt::StringLiterals;

namespace TestSupport {
namespace {
constexpr int OpensslPatience = 30000; // ms; one command takes milliseconds

QString certificateName(TlsCertificate which)
{
    switch (which) {
    case TlsCertificate::Localhost:
        return u"localhost"_s;
    case TlsCertificate::OtherHost:
        return u"other-host"_s;
    case TlsCertificate::Expired:
        return u"expired"_s;
    case TlsCertificate::NotYetValid:
        return u"not-yet-valid"_s;
    }
    return {};
}

// The configuration of `openssl ca` for certificates dated at will: self-signed, one request
// signed as many times as needed.
constexpr auto CaConfiguration = R"([ca]
default_ca = throwaway
[throwaway]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = anything
copy_extensions = none
x509_extensions = extensions
unique_subject = no
[anything]
commonName = supplied
organizationName = optional
[extensions]
subjectAltName = DNS:localhost,IP:127.0.0.1
basicConstraints = critical,CA:true
)";

bool runOpenssl(const QString &program, const QString &directory, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(OpensslPatience) || !process.waitForFinished(OpensslPatience)
        || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        *error
            = u"openssl %1 failed: %2"_s.arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}
} // namespace

const ThrowawayCertificates &ThrowawayCertificates::get()
{
    static const ThrowawayCertificates certificates;
    return certificates;
}

ThrowawayCertificates::ThrowawayCertificates()
{
    if (!make() && m_error.isEmpty())
        m_error = u"the throwaway certificates could not be made"_s;
}

QString ThrowawayCertificates::keyFile() const
{
    return m_dir.filePath(u"key.pem"_s);
}

QString ThrowawayCertificates::pemFile(TlsCertificate which) const
{
    return m_dir.filePath(certificateName(which) + u".pem"_s);
}

QSslCertificate ThrowawayCertificates::certificate(TlsCertificate which) const
{
    const auto index = qsizetype(which);
    return index < m_certificates.size() ? m_certificates.at(index) : QSslCertificate();
}

bool ThrowawayCertificates::openssl(const QStringList &arguments)
{
    return runOpenssl(m_openssl, m_dir.path(), arguments, &m_error);
}

QSslCertificate ThrowawayCertificates::makeCertificate(const QString &subject, const QString &names,
                                                       QString *error) const
{
    if (!isValid()) {
        *error = m_error;
        return QSslCertificate();
    }
    static int made = 0;
    const QString file = m_dir.filePath(u"made-%1.pem"_s.arg(++made));
    QStringList arguments{u"req"_s,   u"-x509"_s, u"-new"_s,  u"-utf8"_s, u"-key"_s, keyFile(), u"-nodes"_s,
                          u"-days"_s, u"2"_s,     u"-subj"_s, subject,    u"-out"_s, file};
    if (!names.isEmpty())
        arguments << u"-addext"_s << u"subjectAltName="_s + names;
    if (!runOpenssl(m_openssl, m_dir.path(), arguments, error))
        return QSslCertificate();
    const QList<QSslCertificate> read = QSslCertificate::fromPath(file);
    if (read.size() != 1) {
        *error = u"openssl made a certificate that Qt cannot read: %1"_s.arg(file);
        return QSslCertificate();
    }
    return read.first();
}

bool ThrowawayCertificates::make()
{
    m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (m_openssl.isEmpty()) {
        m_error = u"the openssl command is not installed: the TLS tests make their throwaway certificates with it "
                  "(packaging/install-deps.sh installs the package openssl)"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = u"no temporary directory for the throwaway certificates: %1"_s.arg(m_dir.errorString());
        return false;
    }
    const QString key = keyFile();
    const QString names = u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s;
    if (!openssl(
            {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-out"_s, key})
        || !openssl({u"req"_s, u"-x509"_s, u"-new"_s, u"-key"_s, key, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                     u"/CN=localhost"_s, u"-addext"_s, names, u"-out"_s, pemFile(TlsCertificate::Localhost)})
        || !openssl({u"req"_s, u"-x509"_s, u"-new"_s, u"-key"_s, key, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                     u"/CN=other.example"_s, u"-addext"_s, u"subjectAltName=DNS:other.example"_s, u"-out"_s,
                     pemFile(TlsCertificate::OtherHost)}))
        return false;

    QFile configuration(m_dir.filePath(u"ca.cnf"_s));
    QFile database(m_dir.filePath(u"index.txt"_s));
    QFile serial(m_dir.filePath(u"serial"_s));
    if (!configuration.open(QIODevice::WriteOnly) || configuration.write(CaConfiguration) < 0
        || !database.open(QIODevice::WriteOnly) || !serial.open(QIODevice::WriteOnly) || serial.write("01\n") < 0) {
        m_error = u"cannot write the openssl ca files in %1"_s.arg(m_dir.path());
        return false;
    }
    configuration.close();
    database.close();
    serial.close();
    const auto dated
        = [&](TlsCertificate which, const QString &organization, const QString &start, const QString &end) {
              const QString request = m_dir.filePath(certificateName(which) + u".csr"_s);
              return openssl({u"req"_s, u"-new"_s, u"-key"_s, key, u"-subj"_s, u"/CN=localhost/O="_s + organization,
                              u"-out"_s, request})
                  && openssl({u"ca"_s, u"-batch"_s, u"-config"_s, configuration.fileName(), u"-selfsign"_s,
                              u"-keyfile"_s, key, u"-in"_s, request, u"-startdate"_s, start, u"-enddate"_s, end,
                              u"-notext"_s, u"-out"_s, pemFile(which)});
          };
    if (!dated(TlsCertificate::Expired, u"Expired Example"_s, u"20200101000000Z"_s, u"20200102000000Z"_s)
        || !dated(TlsCertificate::NotYetValid, u"Future Example"_s, u"20990101000000Z"_s, u"20991231000000Z"_s))
        return false;

    QFile keyPem(key);
    if (keyPem.open(QIODevice::ReadOnly))
        m_key = QSslKey(keyPem.readAll(), QSsl::Ec, QSsl::Pem);
    if (m_key.isNull()) {
        m_error = u"openssl made a key that Qt cannot read: %1"_s.arg(key);
        return false;
    }
    for (const TlsCertificate which :
         {TlsCertificate::Localhost, TlsCertificate::OtherHost, TlsCertificate::Expired, TlsCertificate::NotYetValid}) {
        const QList<QSslCertificate> read = QSslCertificate::fromPath(pemFile(which));
        if (read.size() != 1) {
            m_error = u"openssl made a certificate that Qt cannot read: %1"_s.arg(pemFile(which));
            return false;
        }
        m_certificates.append(read.first());
    }
    return true;
}

QByteArray TlsServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

TlsServer::TlsServer(TlsCertificate certificate, Mode mode, QObject *parent)
    : QTcpServer(parent)
    , m_certificate(certificate)
    , m_mode(mode)
{
    setResponse({});
}

TlsServer::~TlsServer()
{
    close();
    // The sockets go first, without a word to handlers that use what is destroyed here.
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect();
        delete socket;
    }
}

bool TlsServer::start()
{
    if (m_mode == Mode::Tls) {
        const ThrowawayCertificates &certificates = ThrowawayCertificates::get();
        if (!certificates.isValid()) {
            m_error = certificates.errorString();
            return false;
        }
    }
    if (!listen(QHostAddress::LocalHost, 0)) {
        m_error = u"cannot listen on 127.0.0.1: %1"_s.arg(QTcpServer::errorString());
        return false;
    }
    return true;
}

QUrl TlsServer::url(const QString &path, const QString &host) const
{
    return QUrl(
        u"%1://%2:%3%4"_s.arg(m_mode == Mode::PlainHttp ? u"http"_s : u"https"_s, host).arg(serverPort()).arg(path));
}

QString TlsServer::caBundle() const
{
    return ThrowawayCertificates::get().pemFile(m_certificate);
}

QSslCertificate TlsServer::certificate() const
{
    return ThrowawayCertificates::get().certificate(m_certificate);
}

void TlsServer::setResponse(const Response &response)
{
    m_handler = [response](const Request &) { return response; };
}

void TlsServer::incomingConnection(qintptr descriptor)
{
    ++m_connections;
    if (m_mode != Mode::Tls) {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        serve(socket);
        return;
    }
    auto *socket = new QSslSocket(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate());
    configuration.setPrivateKey(ThrowawayCertificates::get().key());
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificate asked for
    socket->setSslConfiguration(configuration);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    auto failed = std::make_shared<bool>(false);
    connect(socket, &QSslSocket::encrypted, this, [this] { ++m_handshakes; });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket, failed](QAbstractSocket::SocketError) {
        if (!socket->isEncrypted() && !*failed) {
            *failed = true;
            ++m_failedHandshakes;
            m_handshakeErrors.append(socket->errorString());
        }
    });
    serve(socket);
    socket->startServerEncryption();
}

void TlsServer::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    auto ended = std::make_shared<bool>(false);
    const auto end = [this, socket, ended] {
        if (*ended)
            return;
        *ended = true;
        ++m_closed;
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, end);
    connect(socket, &QTcpSocket::errorOccurred, this, [socket, end](QAbstractSocket::SocketError) {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            end();
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        switch (m_mode) {
        case Mode::Silent:
            socket->readAll();
            return;
        case Mode::CloseOnFirstBytes:
            socket->abort();
            return;
        case Mode::Tls:
        case Mode::PlainHttp:
            readRequest(socket, buffer.get());
            return;
        }
    });
}

void TlsServer::readRequest(QTcpSocket *socket, QByteArray *buffer)
{
    buffer->append(socket->readAll());
    if (!buffer->isEmpty() && !std::isalpha(static_cast<unsigned char>(buffer->front()))) {
        // No request line (a TLS hello, say): refused as plain HTTP servers do.
        disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name == "content-length")
            length = value.toLongLong();
    }
    if (buffer->size() < headEnd + 4 + length)
        return;
    request.body = buffer->mid(headEnd + 4, length);
    m_requests.append(request);
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr); // one request a connection

    const Response response = m_handler ? m_handler(request) : Response{};
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    for (const auto &[name, value] : response.headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    socket->write(bytes + response.body);
    socket->disconnectFromHost();
}

} // namespace TestSupport
