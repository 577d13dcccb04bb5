// `iwb api` as a process against the fake Instana backend over real sockets on 127.0.0.1, the
// profile from INSTANA_BASE_URL and INSTANA_API_TOKEN in the child's environment: the answer as
// the server sent it, errors as one line with exit 1, usage errors with exit 2, the query and the
// body as given, --all in both paging styles, Ctrl+C, a full standard output; and the token in
// no output.

#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;
using TestSupport::Sanitized;

namespace {
const QByteArray Token = "iwb-api-T0KEN-0815";
const auto Applications = u"/api/application-monitoring/applications"_s;
const auto Traces = u"/api/application-monitoring/analyze/traces"_s;
const auto Calls = u"/api/application-monitoring/v2/analyze/traces/506aef767d8ec147"_s;
} // namespace

class TestIwbApi : public QObject
{
    Q_OBJECT

    QProcessEnvironment environment(const QByteArray &token = Token) const
    {
        QProcessEnvironment environment = TestSupport::isolatedEnvironment(m_home->path());
        environment.insert(u"HOME"_s, m_home->path());
        environment.insert(u"INSTANA_BASE_URL"_s, m_fake->baseUrl().toString());
        if (!token.isEmpty())
            environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(token));
        return environment;
    }

    // iwb with `input` on its standard input, in the event loop so that the fake answers meanwhile.
    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {}, const QProcessEnvironment &env = {},
                      const QString &outputFile = {})
    {
        QProcess process;
        process.setProcessEnvironment(env.isEmpty() ? environment() : env);
        if (!outputFile.isEmpty())
            process.setStandardOutputFile(outputFile);
        process.start(TestSupport::iwbBinary(), arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        return finish(process);
    }

    static ProcessResult finish(QProcess &process)
    {
        ProcessResult result = TestSupport::finish(process);
        // Whatever happened, the token is in neither.
        [&] {
            QVERIFY(!result.out.contains(QString::fromLatin1(Token)));
            QVERIFY(!result.err.contains(QString::fromLatin1(Token)));
        }();
        return result;
    }

    static QJsonObject parseObject(const QString &text)
    {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << "not JSON:" << text.left(300) << error.errorString();
        return document.object();
    }

    QString origin() const { return m_fake->baseUrl().toString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
    }

    void getPrintsTheAnswerAsSent()
    {
        const QByteArray answer = "{ \"zeta\": 1,\n  \"alpha\": [1.50, \"caf\\u00e9\"] }";
        m_fake->answerWith("/api/instana/version", 200, answer);
        const ProcessResult r = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.toUtf8(), answer + '\n'); // byte for byte: key order, numbers, spaces
        QCOMPARE(r.err, QString());
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().header("authorization"), "apiToken " + Token);
        QCOMPARE(m_fake->requests().first().method, "GET");

        // A path without its leading slash is the same path.
        m_fake->clearFaults();
        const ProcessResult health = iwb({u"api"_s, u"get"_s, u"api/instana/health"_s});
        QCOMPARE(health.exitCode, 0);
        QCOMPARE(parseObject(health.out).value(u"health"_s).toString(), u"GREEN"_s);
    }

    void failuresExitOneWithOneLine_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status"); // a fault of the fake, 0 for none
        QTest::addColumn<QString>("error");
        QTest::newRow("401") << QByteArray("wrong-token") << u"/api/instana/version"_s << 0
                             << u"iwb api get: GET %1/api/instana/version answered 401: the API token was rejected. "
                                "The server said: Unauthorized: the API token is missing, invalid or expired\n"_s;
        QTest::newRow("404") << Token << u"/api/nothing/here"_s << 0
                             << u"iwb api get: GET %1/api/nothing/here answered 404: there is no such endpoint or "
                                "object. The server said: No resource found for GET /api/nothing/here\n"_s;
        QTest::newRow("403") << Token << u"/api/application-monitoring/applications"_s << 403
                             << u"iwb api get: GET %1/api/application-monitoring/applications answered 403: the API "
                                "token's permissions do not allow this request\n"_s;
        QTest::newRow("no JSON") << Token << u"/api/instana/health"_s << 200
                                 << u"iwb api get: The answer to GET %1/api/instana/health is no JSON: illegal value "
                                    "at byte 1\n"_s;
    }

    void failuresExitOneWithOneLine()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, error);
        if (status == 403)
            m_fake->failWith(path.toUtf8(), 403);
        else if (status == 200)
            m_fake->answerNotJson(path.toUtf8());
        const ProcessResult r = iwb({u"api"_s, u"get"_s, path}, {}, environment(token));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, error.arg(origin()));
        QVERIFY(!r.err.contains(u"wrong-token"_s));
    }

    void queryRepeated()
    {
        const ProcessResult r = iwb({u"api"_s, u"get"_s, Applications, u"--query"_s, u"pageSize=5"_s, u"--query"_s,
                                     u"page=2"_s, u"--query"_s, u"nameFilter=a b&c=d"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const FakeInstana::Request &request = m_fake->requests().constFirst();
        QCOMPARE(request.query.queryItemValue(u"pageSize"_s), u"5"_s);
        QCOMPARE(request.query.queryItemValue(u"page"_s), u"2"_s);
        QCOMPARE(request.query.queryItemValue(u"nameFilter"_s, QUrl::FullyDecoded), u"a b&c=d"_s);
        QCOMPARE(request.query.queryItems().size(), 3);
        const QJsonObject answer = parseObject(r.out);
        QCOMPARE(FakeInstana::itemIds(answer.value(u"items"_s).toArray()),
                 (QStringList{u"app-0005"_s, u"app-0006"_s, u"app-0007"_s, u"app-0008"_s, u"app-0009"_s}));
    }

    void bodyFromStandardInput()
    {
        const QByteArray body = R"({"includeInternal":false,"pagination":{"retrievalSize":3}})";
        const ProcessResult r = iwb({u"api"_s, u"post"_s, Traces, u"--body"_s, u"-"_s}, body);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().method, "POST");
        QCOMPARE(m_fake->requests().first().body, body);
        QCOMPARE(m_fake->requests().first().header("content-type"), "application/json");
        QCOMPARE(parseObject(r.out).value(u"items"_s).toArray().size(), 3);

        // From a file, and a body that is no JSON is never sent.
        QFile file(m_home->filePath(u"body.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"pagination\": {\"retrievalSize\": 2}}");
        file.close();
        const ProcessResult fromFile = iwb({u"api"_s, u"post"_s, Traces, u"--body"_s, file.fileName()});
        QCOMPARE(fromFile.exitCode, 0);
        QCOMPARE(parseObject(fromFile.out).value(u"items"_s).toArray().size(), 2);
        const ProcessResult bad = iwb({u"api"_s, u"post"_s, Traces, u"--body"_s, u"-"_s}, "{\"pagination\": ");
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.startsWith(u"iwb api post: standard input is no JSON: "_s), qPrintable(bad.err));
        QCOMPARE(m_fake->requests().size(), 2);

        const ProcessResult deleted = iwb({u"api"_s, u"delete"_s, u"/api/instana/version"_s});
        QCOMPARE(deleted.exitCode, 1); // the fake has no DELETE there
        QCOMPARE(m_fake->requests().last().method, "DELETE");
        const ProcessResult put = iwb({u"api"_s, u"put"_s, u"/api/instana/version"_s, u"--body"_s, u"-"_s}, "[1]");
        QCOMPARE(put.exitCode, 1);
        QCOMPARE(m_fake->requests().last().method, "PUT");
        QCOMPARE(m_fake->requests().last().body, "[1]");
    }

    void allPages()
    {
        const ProcessResult r = iwb({u"api"_s, u"get"_s, Applications, u"--query"_s, u"pageSize=20"_s, u"--all"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, QString()); // no progress: standard error is no terminal
        const QJsonObject merged = parseObject(r.out);
        const QStringList ids = FakeInstana::itemIds(merged.value(u"items"_s).toArray());
        QCOMPARE(ids.size(), 45);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 45);
        QCOMPARE(merged.value(u"pages"_s).toInt(), 3);
        QCOMPARE(merged.value(u"totalHits"_s).toInt(), 45);
        QCOMPARE(m_fake->requests().size(), 3);
        QCOMPARE(m_fake->requests().last().query.queryItemValue(u"page"_s), u"3"_s);
    }

    void allCursors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("POST, cursor in the body") << QStringList{u"post"_s, Traces, u"--body"_s, u"-"_s, u"--all"_s}
                                                  << QByteArray(R"({"pagination":{"retrievalSize":20}})");
        QTest::newRow("GET, cursor in the query")
            << QStringList{u"get"_s, Calls, u"--query"_s, u"retrievalSize=20"_s, u"--all"_s} << QByteArray();
    }

    void allCursors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        const ProcessResult r = iwb(QStringList{u"api"_s} + arguments, input);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject merged = parseObject(r.out);
        const QStringList ids = FakeInstana::itemIds(merged.value(u"items"_s).toArray());
        QCOMPARE(ids.size(), 45);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 45);
        QCOMPARE(merged.value(u"pages"_s).toInt(), 3);
        QCOMPARE(m_fake->requests().size(), 3);
    }

    void allStopsOnEndlessPaging()
    {
        m_fake->setPagingStuck(true);
        const ProcessResult cursor = iwb({u"api"_s, u"post"_s, Traces, u"--body"_s, u"-"_s, u"--all"_s}, "{}");
        QCOMPARE(cursor.exitCode, 1);
        QCOMPARE(cursor.out, QString());
        QCOMPARE(cursor.err,
                 u"iwb api post: POST %1 says canLoadMore, but the cursor of its last item did not advance "
                 "(offset 20, ingestionTime 1725601787000); the fetch stops instead of asking for the same "
                 "page again\n"_s.arg(Traces));
        const ProcessResult pages = iwb({u"api"_s, u"get"_s, Applications, u"--all"_s});
        QCOMPARE(pages.exitCode, 1);
        QVERIFY2(pages.err.contains(u"holds the same items as the one before it"_s), qPrintable(pages.err));

        m_fake->setPagingStuck(false);
        const ProcessResult ceiling = iwb(
            {u"api"_s, u"get"_s, Applications, u"--query"_s, u"pageSize=5"_s, u"--all"_s, u"--max-pages"_s, u"2"_s});
        QCOMPARE(ceiling.exitCode, 1);
        QVERIFY2(ceiling.err.contains(u"has more than 2 pages"_s), qPrintable(ceiling.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("query without =") << QStringList{u"get"_s, Applications, u"--query"_s, u"pageSize"_s}
                                         << u"iwb api get: --query takes KEY=VALUE, not \"pageSize\"\n"_s;
        QTest::newRow("a URL") << QStringList{u"get"_s, u"https://other.example/api/x"_s}
                               << u"iwb api get: PATH is a path of the API such as /api/instana/version, not "
                                  "\"https://other.example/api/x\"; the profile says which tenant\n"_s;
        QTest::newRow("max-pages alone") << QStringList{u"get"_s, Applications, u"--max-pages"_s, u"3"_s}
                                         << u"iwb api get: --max-pages is for --all\n"_s;
        QTest::newRow("max-pages 0") << QStringList{u"get"_s, Applications, u"--all"_s, u"--max-pages"_s, u"0"_s}
                                     << QString();
        QTest::newRow("body of GET") << QStringList{u"get"_s, Applications, u"--body"_s, u"-"_s} << QString();
        QTest::newRow("no PATH") << QStringList{u"get"_s} << QString();
        QTest::newRow("token") << QStringList{u"get"_s, Applications, u"--token"_s, u"x"_s} << QString();
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const ProcessResult r = iwb(QStringList{u"api"_s} + arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
        if (!error.isEmpty())
            QCOMPARE(r.err, error);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void noTokenNoProfile()
    {
        const ProcessResult noToken = iwb({u"api"_s, u"get"_s, Applications}, {}, environment({}));
        QCOMPARE(noToken.exitCode, 1);
        QCOMPARE(
            noToken.err,
            u"iwb api get: The profile of the environment has no token: set INSTANA_API_TOKEN beside INSTANA_BASE_URL\n"_s);
        QProcessEnvironment none = environment({});
        none.remove(u"INSTANA_BASE_URL"_s);
        const ProcessResult noProfile = iwb({u"api"_s, u"get"_s, Applications}, {}, none);
        QCOMPARE(noProfile.exitCode, 1);
        QVERIFY2(noProfile.err.startsWith(u"iwb api get: No connection profile to use"_s), qPrintable(noProfile.err));
        const ProcessResult unknown = iwb({u"api"_s, u"get"_s, Applications, u"--profile"_s, u"acme"_s}, {}, none);
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void fullStandardOutput()
    {
        const ProcessResult r = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s}, {}, {}, u"/dev/full"_s);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, u"iwb api get: cannot write standard output: No space left on device\n"_s);
        const ProcessResult all = iwb({u"api"_s, u"get"_s, Applications, u"--all"_s}, {}, {}, u"/dev/full"_s);
        QCOMPARE(all.exitCode, 1);
        QCOMPARE(all.err, u"iwb api get: cannot write standard output: No space left on device\n"_s);
    }

    void largeAnswerHeldOnce()
    {
        // 48 MiB of JSON to a file: complete, and the answer held once (as it came, checked to be
        // JSON, not also parsed into a document several times its size).
        constexpr qint64 Bytes = qint64(48) * 1024 * 1024;
        m_fake->answerLarge("/api/large", Bytes);
        const QString output = m_home->filePath(u"large.json"_s);
        const ProcessResult r = iwb({u"api"_s, u"get"_s, u"/api/large"_s}, {}, {}, output);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QFileInfo(output).size(), Bytes + 1);
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(64).startsWith("[{\"id\":\"item-000000000000\",\"label\""));
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);
        // Under ASan freed blocks wait in its quarantine, and each allocation has red zones.
        const long limitKiB = Sanitized ? long(Bytes * 4 / 1024) + 96 * 1024 : long(Bytes * 5 / 2 / 1024) + 64 * 1024;
        QVERIFY2(usage.ru_maxrss < limitKiB, qPrintable(u"peak resident memory %1 KiB"_s.arg(usage.ru_maxrss)));
        qInfo("peak resident memory of the largest child: %ld KiB", usage.ru_maxrss);
    }

    void progressOnATerminal()
    {
        // Standard error a pseudo terminal: a line that is rewritten after each page.
        const int master = posix_openpt(O_RDWR | O_NOCTTY);
        QVERIFY(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
        const QString slave = QString::fromLocal8Bit(ptsname(master));
        fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setStandardErrorFile(slave);
        process.start(TestSupport::iwbBinary(),
                      {u"api"_s, u"get"_s, Applications, u"--query"_s, u"pageSize=20"_s, u"--all"_s});
        QVERIFY(process.waitForStarted());
        process.closeWriteChannel();
        const ProcessResult r = finish(process);
        QByteArray shown;
        char buffer[4096];
        ssize_t got = 0;
        while ((got = ::read(master, buffer, sizeof buffer)) > 0)
            shown.append(buffer, got);
        ::close(master);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(parseObject(r.out).value(u"items"_s).toArray().size(), 45);
        QVERIFY2(shown.contains("\r1 page, 20 of 45 items, 1 call · 4,999 of 5,000 calls left"), shown.constData());
        QVERIFY2(shown.contains("\r3 pages, 45 of 45 items, 3 calls · 4,997 of 5,000 calls left"), shown.constData());
        QVERIFY(!shown.contains(Token));
    }

    void interruptCancels()
    {
        m_fake->hang(Applications.toUtf8());
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(TestSupport::iwbBinary(), {u"api"_s, u"get"_s, Applications, u"--all"_s});
        QVERIFY(process.waitForStarted());
        process.closeWriteChannel();
        QSignalSpy arrived(m_fake.get(), &FakeInstana::requestReceived);
        QVERIFY(arrived.wait(20000));
        ::kill(pid_t(process.processId()), SIGINT);
        const ProcessResult r = finish(process);
        QVERIFY(!r.timedOut);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, u"iwb api get: cancelled; nothing was printed\n"_s);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeInstana> m_fake;
};

QTEST_GUILESS_MAIN(TestIwbApi)
#include "tst_iwbapi.moc"
