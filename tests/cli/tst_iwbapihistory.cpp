// `iwb api` beyond one request, as a process against the fake Instana backend: the API's
// operations, --curl (exactly the command, never the token, nothing sent), --csv, and the
// request history every request is kept in (without the token; a damaged file left byte for
// byte).

#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;

namespace {
const QByteArray Token = "iwb-history-T0KEN-4242";
const auto Applications = u"/api/application-monitoring/applications"_s;
} // namespace

class TestIwbApiHistory : public QObject
{
    Q_OBJECT

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = TestSupport::isolatedEnvironment(m_home->path());
        environment.insert(u"HOME"_s, m_home->path());
        environment.insert(u"INSTANA_BASE_URL"_s, m_fake->baseUrl().toString());
        environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(Token));
        return environment;
    }

    ProcessResult iwb(const QStringList &arguments, const QByteArray &input = {})
    {
        ProcessResult result
            = TestSupport::run(TestSupport::iwbBinary(), arguments, environment(), std::chrono::seconds(30), input);
        [&] {
            QVERIFY(!result.out.contains(QString::fromLatin1(Token)));
            QVERIFY(!result.err.contains(QString::fromLatin1(Token)));
        }();
        return result;
    }

    QString historyFile() const { return m_home->path() + u"/data/instana-workbench/rest-history/environment.json"_s; }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
    }

    void operations()
    {
        const ProcessResult r = iwb({u"api"_s, u"operations"_s, u"/api/infrastructure-monitoring/snapshots"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        QVERIFY2(lines.first().startsWith(u"GET    /api/infrastructure-monitoring/snapshots "_s), qPrintable(r.out));
        QVERIFY2(lines.first().endsWith(u"  Search snapshots"_s), qPrintable(lines.first()));
        QVERIFY(r.out.contains(u"/api/infrastructure-monitoring/snapshots/{id}"_s));
        for (const QString &line : lines)
            QVERIFY2(line.contains(u"/api/infrastructure-monitoring/snapshots"_s), qPrintable(line));

        const ProcessResult json = iwb({u"api"_s, u"operations"_s, u"analyze traces"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
        const auto post = std::find_if(array.cbegin(), array.cend(), [](const QJsonValue &v) {
            return v["method"_L1] == u"POST"_s && v["path"_L1] == u"/api/application-monitoring/analyze/traces"_s;
        });
        QVERIFY(post != array.cend());
        QVERIFY((*post)["body"_L1].toString().contains(u"pagination"_s));

        const ProcessResult none = iwb({u"api"_s, u"operations"_s, u"no-such-words-anywhere"_s});
        QCOMPARE(none.exitCode, 1);
        QCOMPARE(none.err, u"iwb api operations: no operation holds \"no-such-words-anywhere\"\n"_s);
        QVERIFY(m_fake->requests().isEmpty());
    }

    void curlIsExactAndSendsNothing()
    {
        const QByteArray body = "{\"name\":\"it's $(id)\"}";
        const ProcessResult r = iwb({u"api"_s, u"post"_s, u"/api/application-monitoring/applications;id=a b/services"_s,
                                     u"--query"_s, u"nameFilter=x+y"_s, u"--body"_s, u"-"_s, u"--curl"_s},
                                    body);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected = u"curl -sS -X 'POST' '"_s + m_fake->baseUrl().toString()
            + u"/api/application-monitoring/applications;id=a%20b/services?nameFilter=x%2By' -H \"authorization: "
              "apiToken $INSTANA_API_TOKEN\" -H 'Accept: application/json' -H 'Content-Type: application/json' "
              "--data-binary '{\"name\":\"it'\\''s $(id)\"}'\n"_s;
        QCOMPARE(r.out, expected);
        QCOMPARE(r.err, QString());
        QVERIFY(m_fake->requests().isEmpty());
        QVERIFY(!QFile::exists(historyFile()));

        // Run by a shell, it is the request iwb would send, the token from the environment.
        const QString sh = QStandardPaths::findExecutable(u"sh"_s);
        if (sh.isEmpty() || QStandardPaths::findExecutable(u"curl"_s).isEmpty())
            QSKIP("sh or curl is not installed");
        const ProcessResult ran = TestSupport::run(sh, {u"-c"_s, r.out.trimmed()}, environment());
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(m_fake->requests().size(), qsizetype(1));
        QVERIFY(m_fake->requests().first().authorized);
        QCOMPARE(m_fake->requests().first().body, body);
        QCOMPARE(m_fake->requests().first().path,
                 QByteArray("/api/application-monitoring/applications;id=a%20b/services"));
    }

    void curlUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("with --all") << QStringList{u"api"_s, u"get"_s, Applications, u"--curl"_s, u"--all"_s};
        QTest::newRow("with --csv") << QStringList{u"api"_s, u"get"_s, Applications, u"--curl"_s, u"--csv"_s};
    }

    void curlUsageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(u"iwb api get: --curl"_s), qPrintable(r.err));
        QVERIFY(m_fake->requests().isEmpty());
    }

    void csvRows()
    {
        m_fake->setApplicationCount(3);
        const ProcessResult one = iwb({u"api"_s, u"get"_s, Applications, u"--csv"_s});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const QStringList lines = one.out.split(u"\r\n"_s);
        QCOMPARE(lines.size(), 5); // header, 3 rows, the empty rest after the last CRLF
        QVERIFY2(lines.first().split(u',').contains(u"id"_s), qPrintable(lines.first()));
        QCOMPARE(lines.last(), QString());

        m_fake->setApplicationCount(45);
        const ProcessResult all = iwb({u"api"_s, u"get"_s, Applications, u"--csv"_s, u"--all"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QCOMPARE(all.out.count(u"\r\n"_s), qsizetype(46));

        const ProcessResult notRows = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s, u"--csv"_s});
        QCOMPARE(notRows.exitCode, 1);
        QCOMPARE(notRows.out, QString());
        QVERIFY2(notRows.err.startsWith(u"iwb api get: --csv needs a listing"_s), qPrintable(notRows.err));
    }

    void historyKeepsRequestsWithoutTheToken()
    {
        QCOMPARE(iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s}).exitCode, 0);
        QCOMPARE(iwb({u"api"_s, u"post"_s, u"/api/nothing"_s, u"--body"_s, u"-"_s, u"--query"_s, u"a=b"_s}, "{\"x\":1}")
                     .exitCode,
                 1);
        QCOMPARE(iwb({u"api"_s, u"get"_s, Applications, u"--all"_s}).exitCode, 0);
        const QByteArray stored = readAll(historyFile());
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains(Token));
        QVERIFY(!stored.toLower().contains("authorization"));

        const ProcessResult list = iwb({u"api"_s, u"history"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QStringList lines = list.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).contains(u"  200  "_s) && lines.at(0).endsWith(u"GET    "_s + Applications),
                 qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).contains(u"  404  "_s) && lines.at(1).endsWith(u"POST   /api/nothing?a=b"_s),
                 qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).endsWith(u"GET    /api/instana/version"_s), qPrintable(lines.at(2)));

        const ProcessResult json = iwb({u"api"_s, u"history"_s, u"--json"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(array.size(), qsizetype(2));
        QCOMPARE(array.at(1)["body"_L1].toString(), u"{\"x\":1}"_s);
        QCOMPARE(array.at(1)["status"_L1].toInt(), 404);
        QCOMPARE(array.at(1)["query"_L1].toString(), u"a=b"_s);
    }

    void damagedHistoryLeftByteForByte()
    {
        QVERIFY(QDir().mkpath(QFileInfo(historyFile()).absolutePath()));
        const QByteArray damaged("{\"requests\": [ {\"method\": 7} ]}\n\x01\x02 not ours");
        {
            QFile file(historyFile());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damaged);
        }
        // The request is sent and printed all the same, with a warning.
        const ProcessResult r = iwb({u"api"_s, u"get"_s, u"/api/instana/version"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"imageTag"_s));
        QVERIFY2(r.err.startsWith(u"iwb api get: warning: the request history "_s) && r.err.contains(u"is damaged"_s)
                     && r.err.count(u'\n') == 1,
                 qPrintable(r.err));
        const ProcessResult list = iwb({u"api"_s, u"history"_s});
        QCOMPARE(list.exitCode, 1);
        QCOMPARE(list.out, QString());
        QVERIFY2(list.err.startsWith(u"iwb api history: the request history "_s) && list.err.count(u'\n') == 1,
                 qPrintable(list.err));
        QCOMPARE(readAll(historyFile()), damaged);
    }

    void historyOfANamedProfile()
    {
        QProcessEnvironment env = environment();
        env.remove(u"INSTANA_BASE_URL"_s);
        env.remove(u"INSTANA_API_TOKEN"_s);
        const auto add
            = TestSupport::run(TestSupport::iwbBinary(),
                               {u"profile"_s, u"add"_s, u"acme"_s, u"--url"_s, m_fake->baseUrl().toString()}, env);
        QVERIFY2(add.exitCode == 0 || add.exitCode == 1, qPrintable(add.err)); // saved, the keychain may be absent
        const auto empty
            = TestSupport::run(TestSupport::iwbBinary(), {u"api"_s, u"history"_s, u"--profile"_s, u"acme"_s}, env);
        QVERIFY2(empty.exitCode == 0, qPrintable(empty.err));
        QCOMPARE(empty.out, QString());
        const auto missing
            = TestSupport::run(TestSupport::iwbBinary(), {u"api"_s, u"history"_s, u"--profile"_s, u"nosuch"_s}, env);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.startsWith(u"iwb api history: "_s), qPrintable(missing.err));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeInstana> m_fake;
};

QTEST_GUILESS_MAIN(TestIwbApiHistory)
#include "tst_iwbapihistory.moc"
