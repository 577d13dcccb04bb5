// `iwb profile test` end to end: inside tests/support/with-keyring.sh (a throwaway GNOME Keyring
// on a private session bus, HOME and XDG dirs of its own), against the fake Instana backend of
// this process over plain HTTP and over HTTPS with a throwaway certificate. A token goes in
// through `iwb profile add --token-stdin`, a new iwb process reads it from the keychain and
// sends it to the backend, and it is found nowhere else: not under HOME and the XDG dirs, not in
// any iwb run's output, not in its debug output, not at the server a redirect points to.

#include "core/rest/ratelimit.h"

#include "tests/support/fakeinstana.h"
#include "tests/support/secrets.h"
#include "tests/support/testsupport.h"
#include "tests/support/tlsserver.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::keyringFilesHolding;
using TestSupport::ProcessResult;
using TestSupport::readSecret;
using TestSupport::TlsCertificate;
using Workbench::SecretStore;

namespace {

QByteArray freshToken()
{
    return "tok-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
}

QStringList lines(const QString &text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestIwbProfileTest : public QObject
{
    Q_OBJECT

    // iwb with the keyring's environment and `extra` set, `input` on its standard input. Its
    // output is checked for every token the test has used, whatever the run was for.
    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {},
                      const QList<std::pair<QString, QString>> &extra = {})
    {
        QProcessEnvironment environment = m_environment;
        for (const auto &[name, value] : extra)
            environment.insert(name, value);
        ProcessResult result
            = TestSupport::run(TestSupport::iwbBinary(), arguments, environment, std::chrono::seconds(30), input);
        const QByteArray out = result.out.toUtf8();
        const QByteArray err = result.err.toUtf8();
        ++m_runs;
        for (const QByteArray &token : std::as_const(m_tokens)) {
            // Shown masked when the check fails: a token is never in the test's output either.
            const auto masked = [&](QByteArray text) -> QString {
                return arguments.join(u' ') + u": "_s + QString::fromUtf8(text.replace(token, "<the token>"));
            };
            [&] {
                QVERIFY2(!out.contains(token), qPrintable(masked(out)));
                QVERIFY2(!err.contains(token), qPrintable(masked(err)));
            }();
        }
        return result;
    }

    // A token this test uses: never to be seen in any iwb run's output.
    QByteArray token()
    {
        m_tokens.append(freshToken());
        return m_tokens.constLast();
    }

    // `iwb profile add NAME --url URL [more] --token-stdin`, which must succeed.
    void add(const QString &name, const QUrl &url, const QByteArray &secret, const QStringList &more = {})
    {
        QStringList arguments{u"profile"_s, u"add"_s, name, u"--url"_s, url.toString()};
        arguments << more;
        if (!secret.isEmpty())
            arguments << u"--token-stdin"_s;
        const ProcessResult added = iwb(arguments, secret.isEmpty() ? QByteArray() : secret + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }

    QString settingsFile() const
    {
        return qEnvironmentVariable("XDG_CONFIG_HOME") + u"/instana-workbench/workbench.ini"_s;
    }

    // The authorization header of every request the backend recorded.
    static QList<QByteArray> authorizations(const FakeInstana &backend)
    {
        QList<QByteArray> headers;
        for (const FakeInstana::Request &request : backend.requests())
            headers << request.header("authorization");
        return headers;
    }

    static void verifyOneLineError(const ProcessResult &r)
    {
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(u"iwb profile test: "_s), qPrintable(r.err));
        QVERIFY2(r.err.count(u'\n') == 1, qPrintable(r.err));
        QVERIFY(!r.err.trimmed().endsWith(u'.'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "this test runs inside tests/support/with-keyring.sh");
        QVERIFY(!qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME"));
        const TestSupport::ThrowawayCertificates &certificates = TestSupport::ThrowawayCertificates::get();
        QVERIFY2(certificates.isValid(), qPrintable(certificates.errorString()));
        m_environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
             {u"INSTANA_BASE_URL"_s, u"INSTANA_API_TOKEN"_s, u"INSTANA_SSL_VERIFY"_s, u"INSTANA_CA_BUNDLE"_s,
              u"QT_QPA_PLATFORM"_s, u"QT_LOGGING_RULES"_s, u"http_proxy"_s, u"https_proxy"_s, u"all_proxy"_s,
              u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s, u"ALL_PROXY"_s})
            m_environment.remove(name);
        if (m_environment.contains(u"ASAN_OPTIONS"_s)) {
            // Under LeakSanitizer, iwb's exit after a refused or unverified handshake is reported
            // for the per-thread random generators OpenSSL 3 made in Qt's network thread. They are
            // OpenSSL's, allocated in libcrypto, which the workbench never calls itself; its own
            // objects (Qt's certificates and sockets) are allocated elsewhere and still reported.
            QVERIFY(m_scratch.isValid());
            QFile suppressions(m_scratch.filePath(u"lsan-openssl.supp"_s));
            QVERIFY(suppressions.open(QIODevice::WriteOnly));
            suppressions.write("leak:libcrypto.so\n");
            suppressions.close();
            m_environment.insert(u"LSAN_OPTIONS"_s,
                                 u"suppressions=%1:print_suppressions=0"_s.arg(suppressions.fileName()));
        }
    }

    void init()
    {
        m_name = u"p"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QFile::remove(settingsFile());
    }

    void cleanupTestCase()
    {
        // The output of every run was checked for every token.
        QVERIFY(m_runs > 0);
        QVERIFY(!m_tokens.isEmpty());
    }

    // The first proof: a token stored through iwb is read back from the keychain by a
    // new process, reaches the backend in its header, is in no file outside the keyring, and
    // goes with its profile.
    void theTokenLivesInTheKeychainAndReachesTheBackend()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        QVERIFY(backend.isListening());
        add(m_name, backend.baseUrl(), secret);

        const ProcessResult tested = iwb({u"profile"_s, u"test"_s, m_name});
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.err));
        QVERIFY2(tested.out.contains(u"3.307.417-0"_s), qPrintable(tested.out));
        QCOMPARE(authorizations(backend), (QList<QByteArray>{"apiToken " + secret, "apiToken " + secret}));

        QCOMPARE(keyringFilesHolding(secret), QStringList());

        const ProcessResult removed = iwb({u"profile"_s, u"remove"_s, m_name});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        QCOMPARE(readSecret(m_name).error, SecretStore::Error::NotFound);
        const ProcessResult gone = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(gone);
        QVERIFY2(gone.err.contains(u"no profile named"_s), qPrintable(gone.err));
        QCOMPARE(backend.requests().size(), 2);
    }

    void printsVersionHealthAndRateLimit()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + 1800;
        backend.setRateLimit(5000, 4321, reset);
        add(m_name, backend.baseUrl(), secret);
        // Without NAME: the current profile.
        QCOMPARE(iwb({u"profile"_s, u"use"_s, m_name}).exitCode, 0);

        const ProcessResult text = iwb({u"profile"_s, u"test"_s});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY(text.err.isEmpty());
        Workbench::Rest::RateLimit seen;
        seen.limit = 5000;
        seen.remaining = 4319; // two calls: the version and the health
        seen.resetAt = QDateTime::fromSecsSinceEpoch(reset);
        QCOMPARE(lines(text.out),
                 (QStringList{
                     u"profile:    %1 (%2)"_s.arg(m_name, backend.baseUrl().toString()),
                     u"version:    3.307.417-0 (release-307, 862420f)"_s,
                     u"commit:     862420fa8696bd5106224f340a1f93d3c7d86409"_s,
                     u"health:     GREEN"_s,
                     u"rate limit: "_s + seen.toText(QLocale()),
                 }));

        backend.setRateLimit(5000, 4321, reset);
        const ProcessResult json = iwb({u"profile"_s, u"test"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QCOMPARE(json.out.count(u'\n'), 1);
        const QJsonObject result = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(result[u"ok"_s].toBool(), true);
        QCOMPARE(result[u"profile"_s].toString(), m_name);
        QCOMPARE(result[u"source"_s].toString(), u"current"_s);
        QCOMPARE(result[u"version"_s].toObject(),
                 (QJsonObject{{u"branch"_s, u"release-307"_s},
                              {u"commit"_s, u"862420fa8696bd5106224f340a1f93d3c7d86409"_s},
                              {u"imageTag"_s, u"3.307.417-0"_s}}));
        QCOMPARE(result[u"health"_s].toObject(),
                 (QJsonObject{{u"health"_s, u"GREEN"_s}, {u"messages"_s, QJsonArray()}}));
        QCOMPARE(result[u"rateLimit"_s].toObject(),
                 (QJsonObject{{u"limit"_s, 5000}, {u"remaining"_s, 4319}, {u"resetAt"_s, reset}}));
    }

    // What the backend says about its health is shown on one line, its terminal escapes and
    // line breaks as spaces.
    void healthMessagesAreShownSafely()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        const QJsonObject health{{u"health"_s, u"YELLOW"_s},
                                 {u"messages"_s, QJsonArray{u"ingest is slow"_s, u"disk\nfull \x1b[31mred"_s}}};
        backend.answerWith("/api/instana/health", 200, QJsonDocument(health).toJson(QJsonDocument::Compact));
        add(m_name, backend.baseUrl(), secret);
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"\nhealth:     YELLOW: ingest is slow; disk full  [31mred\n"_s), qPrintable(r.out));
        QVERIFY(!r.out.contains(u'\x1b'));
    }

    void aWrongTokenIsRejected()
    {
        const QByteArray secret = token();
        const QByteArray wrong = token();
        FakeInstana backend(secret);
        add(m_name, backend.baseUrl(), wrong);
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(r);
        QVERIFY2(r.err.contains(u"answered 401: the API token was rejected"_s), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(authorizations(backend), QList<QByteArray>{"apiToken " + wrong});

        const ProcessResult json = iwb({u"profile"_s, u"test"_s, m_name, u"--json"_s});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject result = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(result[u"ok"_s].toBool(), false);
        QCOMPARE(result[u"error"_s].toString(), u"unauthorized"_s);
        QVERIFY(result[u"message"_s].toString().contains(u"the API token was rejected"_s));
    }

    void aHangingBackendTimesOut()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        backend.hang("/api/instana/version");
        add(m_name, backend.baseUrl(), secret);
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name, u"--timeout"_s, u"1000"_s});
        verifyOneLineError(r);
        QVERIFY2(r.err.contains(
                     u"No answer to GET %1 within 1000 ms"_s.arg(backend.url(u"/api/instana/version"_s).toString())),
                 qPrintable(r.err));
        QCOMPARE(backend.requests().size(), 1);

        const ProcessResult tooShort = iwb({u"profile"_s, u"test"_s, m_name, u"--timeout"_s, u"10"_s});
        QCOMPARE(tooShort.exitCode, 2);
        QVERIFY2(tooShort.err.contains(u"--timeout"_s), qPrintable(tooShort.err));
        QCOMPARE(backend.requests().size(), 1);
    }

    // A version is a small object: an endless answer is cut off at 1 MiB, not read into memory.
    void aHugeAnswerIsCutOff()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        backend.answerLarge("/api/instana/version", qint64(64) * 1024 * 1024);
        add(m_name, backend.baseUrl(), secret);
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(r);
        QCOMPARE(r.err,
                 u"iwb profile test: %1 answered with more than 1048576 bytes, which no version or health "
                 "state is: is it an Instana backend?\n"_s.arg(backend.baseUrl().toString()));
        QCOMPARE(backend.requests().size(), 1);
    }

    // Nothing is sent without a token, and the sentence says how to store one.
    void withoutATokenNothingIsSent()
    {
        FakeInstana backend(token());
        add(m_name, backend.baseUrl(), {});
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(r);
        QVERIFY2(r.err.contains(u"iwb profile set-token %1 --token-stdin"_s.arg(m_name)), qPrintable(r.err));
        QCOMPARE(backend.requests().size(), 0);

        const ProcessResult none = iwb({u"profile"_s, u"test"_s});
        verifyOneLineError(none);
        QVERIFY2(none.err.contains(u"iwb profile use NAME"_s), qPrintable(none.err));
    }

    // INSTANA_BASE_URL and INSTANA_API_TOKEN make the session's profile; a NAME still wins.
    void theEnvironmentsProfile()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        const QList<std::pair<QString, QString>> environment{{u"INSTANA_BASE_URL"_s, backend.baseUrl().toString()},
                                                             {u"INSTANA_API_TOKEN"_s, QString::fromLatin1(secret)}};
        const ProcessResult r = iwb({u"profile"_s, u"test"_s}, {}, environment);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"profile:    environment ("_s), qPrintable(r.out));
        QCOMPARE(authorizations(backend), (QList<QByteArray>{"apiToken " + secret, "apiToken " + secret}));

        const ProcessResult noToken
            = iwb({u"profile"_s, u"test"_s}, {}, {{u"INSTANA_BASE_URL"_s, backend.baseUrl().toString()}});
        verifyOneLineError(noToken);
        QVERIFY2(noToken.err.contains(u"INSTANA_API_TOKEN"_s), qPrintable(noToken.err));

        // A stored profile named on the command line is tested with its own token instead.
        const QByteArray other = token();
        FakeInstana second(other);
        add(m_name, second.baseUrl(), other);
        const ProcessResult named = iwb({u"profile"_s, u"test"_s, m_name}, {}, environment);
        QVERIFY2(named.exitCode == 0, qPrintable(named.err));
        QCOMPARE(authorizations(second), (QList<QByteArray>{"apiToken " + other, "apiToken " + other}));
        QCOMPARE(backend.requests().size(), 2);
    }

    // Over HTTPS with a throwaway certificate: refused by default with what the certificate is,
    // before the token goes out; accepted with it as the CA bundle, or with verification off
    // (and a warning).
    void tlsIsVerified()
    {
        const QByteArray secret = token();
        FakeInstana backend(TlsCertificate::Localhost, secret);
        QVERIFY2(backend.isListening(), qPrintable(backend.errorString()));
        QCOMPARE(backend.baseUrl().scheme(), u"https"_s);
        add(m_name, backend.baseUrl(), secret);

        const ProcessResult refused = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(refused);
        const QSslCertificate certificate
            = TestSupport::ThrowawayCertificates::get().certificate(TlsCertificate::Localhost);
        for (const QString &part :
             {u"The certificate of 127.0.0.1 is not trusted"_s, u"self-signed"_s, u"Subject: CN=localhost"_s,
              u"issuer: CN=localhost"_s,
              u"valid %1 to %2"_s.arg(certificate.effectiveDate().toUTC().date().toString(Qt::ISODate),
                                      certificate.expiryDate().toUTC().date().toString(Qt::ISODate))}) {
            QVERIFY2(refused.err.contains(part), qPrintable(part + u" is not in: "_s + refused.err));
        }
        QCOMPARE(backend.requests().size(), 0);

        const ProcessResult trusted = iwb({u"profile"_s, u"test"_s, m_name, u"--ca-bundle"_s, backend.caBundle()});
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        QVERIFY(trusted.err.isEmpty());
        QVERIFY2(trusted.out.contains(u"version:    3.307.417-0"_s), qPrintable(trusted.out));
        QCOMPARE(backend.requests().size(), 2);

        const ProcessResult unchecked = iwb({u"profile"_s, u"test"_s, m_name, u"--no-verify-tls"_s});
        QVERIFY2(unchecked.exitCode == 0, qPrintable(unchecked.err));
        QVERIFY2(unchecked.out.contains(u"version:    3.307.417-0"_s), qPrintable(unchecked.out));
        QCOMPARE(lines(unchecked.err),
                 QStringList{u"iwb profile test: warning: TLS verification is off: the certificate of 127.0.0.1 is "
                             "not checked, so anyone in between may read the token"_s});
        QCOMPARE(backend.requests().size(), 4);

        // The CA bundle kept in the profile does the same, test after test.
        const QString stored = m_name + u"-ca"_s;
        add(stored, backend.baseUrl(), secret, {u"--ca-bundle"_s, backend.caBundle()});
        const ProcessResult kept = iwb({u"profile"_s, u"test"_s, stored});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
        QCOMPARE(authorizations(backend), QList<QByteArray>(6, "apiToken " + secret));
        QCOMPARE(iwb({u"profile"_s, u"remove"_s, stored}).exitCode, 0);
    }

    // Plain http to a host that is not this machine is tested only when the profile allows it,
    // and then with a warning before anything is sent. 192.0.2.1 is TEST-NET-1, never routed.
    void plainHttpElsewhereIsWarnedAbout()
    {
        add(m_name, QUrl(u"http://192.0.2.1:9"_s), token(), {u"--allow-http"_s, u"--timeout"_s, u"1000"_s});
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        QCOMPARE(r.exitCode, 1);
        const QStringList said = lines(r.err);
        QCOMPARE(said.size(), 2);
        QCOMPARE(said.at(0),
                 u"iwb profile test: warning: http://192.0.2.1:9 is plain http: the token travels unencrypted"_s);
        QVERIFY2(said.at(1).startsWith(u"iwb profile test: "_s), qPrintable(r.err));
    }

    // A certificate the CA bundle trusts but that is out of date is refused all the same,
    // saying so.
    void anExpiredCertificateIsRefused()
    {
        const QByteArray secret = token();
        FakeInstana backend(TlsCertificate::Expired, secret);
        QVERIFY2(backend.isListening(), qPrintable(backend.errorString()));
        add(m_name, backend.baseUrl(), secret, {u"--ca-bundle"_s, backend.caBundle()});
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(r);
        QVERIFY2(r.err.contains(u"expired"_s) && r.err.contains(u"valid 2020-01-01 to 2020-01-02"_s),
                 qPrintable(r.err));
        QCOMPARE(backend.requests().size(), 0);
    }

    // A redirect to another port is not followed: the token never arrives there.
    void aRedirectElsewhereKeepsTheToken()
    {
        const QByteArray secret = token();
        FakeInstana backend(secret);
        FakeInstana elsewhere(secret);
        backend.redirect("/api/instana/version", elsewhere.url(u"/api/instana/version"_s));
        add(m_name, backend.baseUrl(), secret);
        const ProcessResult r = iwb({u"profile"_s, u"test"_s, m_name});
        verifyOneLineError(r);
        QVERIFY2(r.err.contains(u"was redirected to %1"_s.arg(elsewhere.url(u"/api/instana/version"_s).toString())),
                 qPrintable(r.err));
        QCOMPARE(backend.requests().size(), 1);
        QCOMPARE(elsewhere.connections(), 0);
        QCOMPARE(authorizations(elsewhere), QList<QByteArray>());
    }

    // With every debug message of the workbench on, the token is still in no output: the
    // requests are logged with their authorization redacted.
    void debugOutputHoldsNoToken()
    {
        const QByteArray secret = token();
        const QByteArray wrong = token();
        FakeInstana backend(secret);
        const QList<std::pair<QString, QString>> debug{{u"QT_LOGGING_RULES"_s, u"workbench.*=true"_s}};
        const ProcessResult added
            = iwb({u"profile"_s, u"add"_s, m_name, u"--url"_s, backend.baseUrl().toString(), u"--token-stdin"_s},
                  secret + '\n', debug);
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const ProcessResult tested = iwb({u"profile"_s, u"test"_s, m_name}, {}, debug);
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.err));
        QVERIFY2(tested.err.contains(u"authorization: <redacted>"_s), qPrintable(tested.err));
        QVERIFY2(tested.err.contains(u"workbench.rest"_s), qPrintable(tested.err));

        QCOMPARE(iwb({u"profile"_s, u"set-token"_s, m_name, u"--token-stdin"_s}, wrong + '\n', debug).exitCode, 0);
        const ProcessResult rejected = iwb({u"profile"_s, u"test"_s, m_name}, {}, debug);
        QCOMPARE(rejected.exitCode, 1);
        QVERIFY2(rejected.err.contains(u"authorization: <redacted>"_s), qPrintable(rejected.err));
        const ProcessResult environment = iwb({u"profile"_s, u"test"_s}, {},
                                              {{u"QT_LOGGING_RULES"_s, u"workbench.*=true"_s},
                                               {u"INSTANA_BASE_URL"_s, backend.baseUrl().toString()},
                                               {u"INSTANA_API_TOKEN"_s, QString::fromLatin1(secret)}});
        QVERIFY2(environment.exitCode == 0, qPrintable(environment.err));
        QVERIFY(environment.err.contains(u"authorization: <redacted>"_s));
        QCOMPARE(iwb({u"profile"_s, u"remove"_s, m_name}, {}, debug).exitCode, 0);
        QCOMPARE(keyringFilesHolding(secret), QStringList());
        QCOMPARE(keyringFilesHolding(wrong), QStringList());
    }

private:
    QTemporaryDir m_scratch;
    QProcessEnvironment m_environment;
    QString m_name;
    QList<QByteArray> m_tokens;
    int m_runs = 0;
};

QTEST_GUILESS_MAIN(TestIwbProfileTest)
#include "tst_iwbprofiletest.moc"
