// TLS over real sockets on 127.0.0.1, with throwaway certificates (tests/support/tlsserver.h):
// HttpJob refuses a certificate it cannot trust and says what a person needs to decide
// (subject, issuer, validity, fingerprint, Qt's reason), accepts it with the certificate as a
// CA bundle or with verification off, names a host name mismatch even when the CA is trusted,
// says clearly when the server speaks no TLS, never finishes its handshake or closes during it;
// nothing of a request, its Authorization header least of all, reaches a server whose
// certificate was refused; and tlsConfiguration() reads CA bundles, keeps the system's
// certificates beside them, and refuses files that are no bundle with a sentence.

#include "core/net/httpjob.h"
#include "core/net/requestfactory.h"
#include "core/net/tlsconfig.h"
#include "core/net/tlsfailure.h"
#include "tests/support/tlsserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QSslError>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace std::chrono_literals;
using TestSupport::TlsCertificate;
using TestSupport::TlsServer;

namespace {
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement
constexpr auto Token = "apiToken tls-test-token-value";

QByteArray pem(TlsCertificate which)
{
    return TestSupport::ThrowawayCertificates::get().certificate(which).toPem();
}

QString date(const QDateTime &when)
{
    return when.toUTC().toString(u"yyyy-MM-dd"_s);
}
} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpJob> run(OutgoingRequest request)
    {
        auto job = std::make_unique<HttpJob>(&m_network, std::move(request));
        int finished = 0;
        connect(job.get(), &HttpJob::finished, this, [&finished] { ++finished; });
        job->start();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished, 1, Patience); }();
        job->disconnect(this);
        return job;
    }

    static OutgoingRequest get(const QUrl &url, std::optional<QSslConfiguration> tls = std::nullopt)
    {
        OutgoingRequest request;
        request.url = url;
        request.tls = std::move(tls);
        request.transferTimeout = 10s;
        request.setHeader("Authorization", Token);
        return request;
    }

    static std::optional<QSslConfiguration> trusting(const TlsServer &server)
    {
        QString error;
        auto configuration = tlsConfiguration(true, server.caBundle(), &error);
        if (!configuration)
            qWarning("%s", qPrintable(error));
        return configuration;
    }

    // The server saw every connection end, and not one request among them.
    static void nothingArrived(const TlsServer &server)
    {
        QVERIFY(server.connections() >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.closedConnections(), server.connections(), Patience);
        QCOMPARE(server.requests().size(), 0);
    }

    static void startServer(TlsServer &server) { QVERIFY2(server.start(), qPrintable(server.errorString())); }

private Q_SLOTS:
    void initTestCase()
    {
        const auto &certificates = TestSupport::ThrowawayCertificates::get();
        QVERIFY2(certificates.isValid(), qPrintable(certificates.errorString()));
        QVERIFY(!certificates.certificate(TlsCertificate::Localhost).isNull());
    }

    void refusedByDefault()
    {
        TlsServer server;
        startServer(server);
        const auto job = run(get(server.url(u"/api/instana/version"_s)));
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        QCOMPARE(job->httpStatus(), 0);

        const QSslCertificate certificate = server.certificate();
        const TlsFailure &failure = job->tlsFailure();
        QVERIFY(failure.hasCertificate);
        QCOMPARE(failure.subject, u"CN=localhost"_s);
        QCOMPARE(failure.issuer, u"CN=localhost"_s);
        QCOMPARE(failure.names, (QStringList{u"localhost"_s, u"127.0.0.1"_s}));
        QCOMPARE(failure.notBefore, certificate.effectiveDate().toUTC());
        QCOMPARE(failure.notAfter, certificate.expiryDate().toUTC());
        QCOMPARE(failure.sha256, certificate.digest(QCryptographicHash::Sha256));
        QCOMPARE(failure.validity(QDateTime::currentDateTimeUtc()), TlsFailure::Validity::Valid);
        QVERIFY2(failure.reasons.join(u' ').contains(u"self-signed"_s), qPrintable(failure.reasons.join(u'|')));

        const QString text = job->errorString();
        const QString fingerprint
            = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
        QVERIFY2(text.startsWith(u"The certificate of 127.0.0.1 is not trusted: "_s), qPrintable(text));
        for (const QString &part :
             QStringList{u"self-signed"_s, u"Subject: CN=localhost;"_s, u"issuer: CN=localhost;"_s,
                         u"names: localhost, 127.0.0.1;"_s,
                         u"valid %1 to %2;"_s.arg(date(certificate.effectiveDate()), date(certificate.expiryDate())),
                         QString(u"SHA-256 "_s + fingerprint)})
            QVERIFY2(text.contains(part), qPrintable(part + u" in: "_s + text));
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        QVERIFY(!text.contains(u'\n'));
        QVERIFY(!text.contains(QLatin1StringView(Token)));
        nothingArrived(server);
    }

    void acceptedWithTheCertificateAsCaBundle()
    {
        TlsServer server;
        startServer(server);
        server.setResponse({.status = 200, .reason = "OK", .headers = {}, .body = R"({"version":"1.2.3"})"});
        const auto configuration = trusting(server);
        QVERIFY(configuration);
        const auto job = run(get(server.url(u"/api/instana/version"_s), configuration));
        QCOMPARE(job->error(), HttpJob::Error::None);
        QVERIFY2(job->errorString().isEmpty(), qPrintable(job->errorString()));
        QVERIFY(job->tlsFailure().isEmpty());
        QCOMPARE(job->responseBody(), R"({"version":"1.2.3"})");
        QCOMPARE(server.handshakes(), 1);
        QCOMPARE(server.requests().size(), 1);
        const TlsServer::Request &request = server.requests().first();
        QCOMPARE(request.method, "GET");
        QCOMPARE(request.target, "/api/instana/version");
        QVERIFY(request.header("authorization") == Token); // not printed: it stands for a token
    }

    void acceptedWithVerificationOff()
    {
        for (const TlsCertificate which : {TlsCertificate::Localhost, TlsCertificate::Expired}) {
            TlsServer server(which);
            startServer(server);
            server.setResponse({.status = 204, .reason = "No Content", .headers = {}, .body = {}});
            const auto configuration = tlsConfiguration(false, {});
            QVERIFY(configuration);
            QCOMPARE(configuration->peerVerifyMode(), QSslSocket::VerifyNone);
            const auto job = run(get(server.url(), configuration));
            QCOMPARE(job->error(), HttpJob::Error::None);
            QCOMPARE(job->httpStatus(), 204);
            QCOMPARE(server.requests().size(), 1);
        }
    }

    void wrongHostName_data()
    {
        QTest::addColumn<bool>("withBundle");
        QTest::newRow("with its CA bundle") << true;
        QTest::newRow("untrusted") << false;
    }

    void wrongHostName()
    {
        QFETCH(bool, withBundle);
        TlsServer server(TlsCertificate::OtherHost);
        startServer(server);
        const auto job = run(get(server.url(), withBundle ? trusting(server) : std::nullopt));
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        const QString text = job->errorString();
        QVERIFY2(text.contains(u"host name did not match"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Subject: CN=other.example;"_s), qPrintable(text));
        QVERIFY2(text.contains(u"names: other.example;"_s), qPrintable(text));
        // Trusted, the mismatch is the only reason.
        QCOMPARE(text.contains(u"self-signed"_s), !withBundle);
        QCOMPARE(job->tlsFailure().reasons.size(), withBundle ? 1 : 2);
        nothingArrived(server);
    }

    void outOfItsDates_data()
    {
        QTest::addColumn<TlsCertificate>("which");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("validity");
        QTest::addColumn<TlsFailure::Validity>("state");
        QTest::newRow("expired") << TlsCertificate::Expired << u"expired"_s
                                 << u"valid 2020-01-01 to 2020-01-02 (expired);"_s << TlsFailure::Validity::Expired;
        QTest::newRow("not yet valid") << TlsCertificate::NotYetValid << u"not yet valid"_s
                                       << u"valid 2099-01-01 to 2099-12-31 (not yet valid);"_s
                                       << TlsFailure::Validity::NotYetValid;
    }

    void outOfItsDates()
    {
        QFETCH(TlsCertificate, which);
        QFETCH(QString, reason);
        QFETCH(QString, validity);
        QFETCH(TlsFailure::Validity, state);
        TlsServer server(which);
        startServer(server);
        // Trusted as a CA, it is still refused for its dates.
        const auto job = run(get(server.url(), trusting(server)));
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        const QString text = job->errorString();
        QVERIFY2(job->tlsFailure().reasons.join(u' ').contains(reason), qPrintable(text));
        QVERIFY2(text.contains(validity), qPrintable(text));
        QVERIFY2(text.contains(u"Subject: CN=localhost, O="_s), qPrintable(text));
        QCOMPARE(job->tlsFailure().validity(QDateTime::currentDateTimeUtc()), state);
        nothingArrived(server);
    }

    void plainHttpOnAnHttpsUrl()
    {
        TlsServer server(TlsCertificate::Localhost, TlsServer::Mode::PlainHttp);
        startServer(server);
        QUrl url = server.url(u"/api"_s);
        url.setScheme(u"https"_s);
        const auto job = run(get(url, trusting(server)));
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        const QString text = job->errorString();
        QVERIFY2(text.contains(u"failed before the server showed a certificate"_s), qPrintable(text));
        QVERIFY2(text.contains(u"port %1"_s.arg(server.serverPort())), qPrintable(text));
        QVERIFY2(text.contains(u"http://"_s), qPrintable(text));
        QVERIFY(!job->tlsFailure().hasCertificate);
        nothingArrived(server);
    }

    void handshakeNeverFinishes()
    {
        TlsServer server(TlsCertificate::Localhost, TlsServer::Mode::Silent);
        startServer(server);
        OutgoingRequest request = get(server.url());
        request.transferTimeout = 300ms;
        const auto job = run(request);
        QCOMPARE(job->error(), HttpJob::Error::TimedOut);
        const QString text = job->errorString();
        QVERIFY2(text.contains(u"TLS handshake did not finish"_s), qPrintable(text));
        QVERIFY2(text.contains(u"300 ms"_s), qPrintable(text));
        QCOMPARE(server.connections(), 1);
    }

    void closedDuringTheHandshake()
    {
        TlsServer server(TlsCertificate::Localhost, TlsServer::Mode::CloseOnFirstBytes);
        startServer(server);
        const auto job = run(get(server.url()));
        QCOMPARE(job->error(), HttpJob::Error::Tls);
        const QString text = job->errorString();
        QVERIFY2(text.contains(u"closed the connection during the secure handshake"_s), qPrintable(text));
        QVERIFY2(text.contains(u"127.0.0.1 port %1"_s.arg(server.serverPort())), qPrintable(text));
        QVERIFY(server.connections() >= 1);
    }

    void failureWithoutReasons()
    {
        // A handshake that failed after the certificate came, for another reason than the
        // certificate: Qt's text is the reason, and the certificate is still described.
        QStringList names;
        for (int i = 1; i <= 12; ++i)
            names.append(u"DNS:host%1.example"_s.arg(i));
        QString error;
        const QSslCertificate certificate
            = TestSupport::ThrowawayCertificates::get().makeCertificate(u"/O=Only An Org"_s, names.join(u','), &error);
        QVERIFY2(!certificate.isNull(), qPrintable(error));
        const TlsFailure failure = TlsFailure::fromErrors(certificate, {});
        QVERIFY(failure.reasons.isEmpty());
        QVERIFY(!failure.isEmpty());
        QCOMPARE(failure.subject, u"O=Only An Org"_s);
        QCOMPARE(failure.names.size(), 11);
        QCOMPARE(failure.names.at(9), u"host10.example"_s);
        QCOMPARE(failure.names.last(), u"…"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString text = failure.describe(u"h.example"_s, u"SSL handshake failed: no shared cipher."_s, now);
        QVERIFY2(text.startsWith(u"The secure connection to h.example failed: SSL handshake failed: no shared "
                                 "cipher. The server's certificate: Subject: O=Only An Org; names: host1.example, "_s),
                 qPrintable(text));
        QVERIFY2(text.endsWith(u"SHA-256 "_s + failure.fingerprint() + u'.'), qPrintable(text));
        QVERIFY(!text.contains(u"not trusted"_s));

        QCOMPARE(failure.validity(failure.notAfter.addSecs(1)), TlsFailure::Validity::Expired);
        QCOMPARE(failure.validity(failure.notBefore.addSecs(-1)), TlsFailure::Validity::NotYetValid);
        QCOMPARE(failure.validity(failure.notBefore.addSecs(1)), TlsFailure::Validity::Valid);
        QVERIFY(failure.details(failure.notAfter.addDays(1)).contains(u"(expired)"_s));
        QVERIFY(TlsFailure{}.isEmpty());
        QVERIFY(TlsFailure{}.details(now).isEmpty());
    }

    void bundleOfSeveral()
    {
        TlsServer server;
        startServer(server);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile bundle(dir.filePath(u"bundle.pem"_s));
        QVERIFY(bundle.open(QIODevice::WriteOnly));
        bundle.write(pem(TlsCertificate::OtherHost) + "\n" + pem(TlsCertificate::Localhost));
        bundle.close();
        QString error;
        const auto configuration = tlsConfiguration(true, bundle.fileName(), &error);
        QVERIFY2(configuration, qPrintable(error));
        const auto job = run(get(server.url(), configuration));
        QCOMPARE(job->error(), HttpJob::Error::None);
        QCOMPARE(server.requests().size(), 1);
    }

    void systemCertificatesKept()
    {
        // A bundle adds to the system's trusted certificates; it does not replace them.
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        if (system.isEmpty())
            QSKIP("this system trusts no certificate authority");
        TlsServer server;
        const auto configuration = tlsConfiguration(true, server.caBundle());
        QVERIFY(configuration);
        const QList<QSslCertificate> trusted = configuration->caCertificates();
        QVERIFY(trusted.contains(server.certificate()));
        for (const QSslCertificate &certificate : system)
            QVERIFY2(trusted.contains(certificate), qPrintable(certificate.subjectDisplayName()));
        QCOMPARE(configuration->peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());
    }

    void serversTextsStayOnOneLine()
    {
        // A certificate's names are the server's: a line break or a direction override in them
        // reaches a message escaped, and a name of any length is cut to a readable one.
        QString error;
        const QString longName = QString(300, u'a') + u".example"_s;
        const QSslCertificate certificate = TestSupport::ThrowawayCertificates::get().makeCertificate(
            u"/CN=evil\nline\u202Egnp.exe/O=Org\tName"_s, u"DNS:"_s + longName, &error);
        QVERIFY2(!certificate.isNull(), qPrintable(error));
        const TlsFailure failure
            = TlsFailure::fromErrors(certificate, {QSslError(QSslError::SelfSignedCertificate, certificate)});
        const QString text = failure.describe(u"127.0.0.1"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY2(text.contains(u"Subject: CN=evil\\u000aline\\u202egnp.exe, O=Org\\u0009Name;"_s), qPrintable(text));
        QVERIFY(!text.contains(u'\n'));
        QVERIFY(!text.contains(u'\t'));
        QVERIFY(!text.contains(QChar(0x202E)));
        QCOMPARE(failure.names.size(), 1);
        QCOMPARE(failure.names.first(), QString(200, u'a') + u"…"_s);
        QVERIFY2(text.contains(u"The certificate is self-signed"_s), qPrintable(text));
    }

    void caBundleRefused_data()
    {
        QTest::addColumn<QString>("name"); // under the temporary directory, or absolute
        QTest::addColumn<QByteArray>("contents"); // written when not null
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << u"missing.pem"_s << QByteArray() << u"No such file or directory"_s;
        QTest::newRow("empty") << u"empty.pem"_s << QByteArray("") << u"holds no PEM certificate"_s;
        QTest::newRow("not PEM") << u"notes.txt"_s << QByteArray("just some text\n") << u"holds no PEM certificate"_s;
        QTest::newRow("a key") << u"key.pem"_s
                               << QByteArray("-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n")
                               << u"holds no PEM certificate"_s;
        QTest::newRow("damaged") << u"damaged.pem"_s
                                 << QByteArray(
                                        "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
                                 << u"holds no PEM certificate"_s;
        QTest::newRow("one of two damaged")
            << u"two.pem"_s
            << (pem(TlsCertificate::Localhost)
                + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")
            << u"holds a damaged certificate: 1 of its 2 can be read"_s;
        QTest::newRow("DER") << u"cert.der"_s
                             << TestSupport::ThrowawayCertificates::get().certificate(TlsCertificate::Localhost).toDer()
                             << u"is a DER certificate, not PEM"_s;
        QTest::newRow("/dev/zero") << u"/dev/zero"_s << QByteArray() << u"over the limit"_s;
        QTest::newRow("directory") << u"."_s << QByteArray() << u"Is a directory"_s;
    }

    void caBundleRefused()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, contents);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = QDir::isAbsolutePath(name) ? name : dir.filePath(name);
        if (!contents.isNull()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        QString error;
        QVERIFY(!tlsConfiguration(true, path, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(QFileInfo(path).fileName()) || name == u"."_s, qPrintable(error));
        QVERIFY(!error.contains(u'\n'));
        // Without verification the bundle is not read at all.
        QVERIFY(tlsConfiguration(false, path, &error));
    }

private:
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
