// TLS over real sockets on 127.0.0.1, with throwaway certificates (tests/support/tlsserver.h):
// HttpJob accepts a server's certificate given as a CA bundle, one among several, or with
// verification off; and tlsConfiguration() keeps the system's certificates beside a bundle's,
// and refuses files that are no bundle with a sentence.

#include "core/net/httpjob.h"
#include "core/net/requestfactory.h"
#include "core/net/tlsconfig.h"
#include "tests/support/tlsserver.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
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

    static void startServer(TlsServer &server) { QVERIFY2(server.start(), qPrintable(server.errorString())); }

private Q_SLOTS:
    void initTestCase()
    {
        const auto &certificates = TestSupport::ThrowawayCertificates::get();
        QVERIFY2(certificates.isValid(), qPrintable(certificates.errorString()));
        QVERIFY(!certificates.certificate(TlsCertificate::Localhost).isNull());
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
