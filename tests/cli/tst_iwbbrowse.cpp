// `iwb browse VIEW` as a process against the fake Instana backend over real sockets on
// 127.0.0.1, the profile from INSTANA_BASE_URL and INSTANA_API_TOKEN: every view as a table and
// as JSON, the view's options sent as the API takes them, --all in both paging styles, usage
// errors with exit 2, a failing backend with exit 1, a full standard output; the token in no
// output.

#include "core/json/jsontable.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;

namespace {
const QByteArray Token = "iwb-browse-T0KEN-4242";
const QByteArray Applications = "/api/application-monitoring/applications";
const QByteArray Traces = "/api/application-monitoring/analyze/traces";
} // namespace

class TestIwbBrowse : public QObject
{
    Q_OBJECT

    QProcessEnvironment environment(int columns = 200) const
    {
        QProcessEnvironment environment = TestSupport::isolatedEnvironment(m_home->path());
        environment.insert(u"HOME"_s, m_home->path());
        environment.insert(u"INSTANA_BASE_URL"_s, m_fake->baseUrl().toString());
        environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(Token));
        environment.insert(u"COLUMNS"_s, QString::number(columns));
        return environment;
    }

    ProcessResult iwb(const QStringList &arguments, const QProcessEnvironment &env = {}, const QString &outputFile = {})
    {
        QProcess process;
        process.setProcessEnvironment(env.isEmpty() ? environment() : env);
        if (!outputFile.isEmpty())
            process.setStandardOutputFile(outputFile);
        process.start(TestSupport::iwbBinary(), QStringList{u"browse"_s} + arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        ProcessResult result = TestSupport::finish(process);
        [&] {
            QVERIFY(!result.crashed);
            QVERIFY(!result.out.contains(QString::fromLatin1(Token)));
            QVERIFY(!result.err.contains(QString::fromLatin1(Token)));
        }();
        return result;
    }

    static QJsonDocument parse(const QString &text)
    {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << "not JSON:" << text.left(300) << error.errorString();
        return document;
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

    void everyView_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("rows"); // -1: a detail view
        QTest::addColumn<QString>("key"); // of the first row, or of the object
        QTest::addColumn<QString>("value"); // in the JSON and in the text
        QTest::addColumn<QString>("summary"); // the table's last line
        QTest::newRow("snapshots") << QStringList{u"snapshots"_s} << 41 << u"snapshotId"_s << u"snap-0000"_s
                                   << u"Snapshots: 41 rows."_s;
        QTest::newRow("snapshots of a plugin")
            << QStringList{u"snapshots"_s, u"--plugin"_s, u"docker"_s, u"--offline"_s, u"--size"_s, u"3"_s} << 3
            << u"label"_s << u"docker 2"_s << u"Snapshots: 3 rows."_s;
        QTest::newRow("snapshot") << QStringList{u"snapshot"_s, u"snap-0004"_s} << -1 << u"snapshotId"_s
                                  << u"snap-0004"_s << QString();
        QTest::newRow("agents") << QStringList{u"agents"_s} << 3 << u"plugin"_s << u"instanaAgent"_s
                                << u"Host agents: 3 rows."_s;
        QTest::newRow("topology") << QStringList{u"topology"_s} << 45 << u"id"_s << u"snap-0000"_s
                                  << u"Topology: 45 rows."_s;
        QTest::newRow("topology-edges") << QStringList{u"topology-edges"_s} << 30 << u"source"_s << u"snap-0001"_s
                                        << u"Topology edges: 30 rows."_s;
        QTest::newRow("applications") << QStringList{u"applications"_s} << 45 << u"label"_s << u"Application 0"_s
                                      << u"Application perspectives: 45 rows."_s;
        QTest::newRow("services") << QStringList{u"services"_s, u"--page-size"_s, u"20"_s} << 20 << u"id"_s
                                  << u"service-0000"_s << u"Services: 20 of 45; --all fetches every page."_s;
        QTest::newRow("services of an application") << QStringList{u"services"_s, u"--application"_s, u"app-0002"_s}
                                                    << 1 << u"id"_s << u"service-0002"_s << u"Services: 1 row."_s;
        QTest::newRow("endpoints") << QStringList{u"endpoints"_s, u"--name"_s, u"items/7"_s} << 1 << u"label"_s
                                   << u"GET /api/items/7"_s << u"Endpoints: 1 row."_s;
        QTest::newRow("websites") << QStringList{u"websites"_s} << 3 << u"name"_s << u"Website 0"_s
                                  << u"Websites: 3 rows."_s;
        QTest::newRow("website") << QStringList{u"website"_s, u"website-0001"_s} << -1 << u"appName"_s << u"website_1"_s
                                 << QString();
        QTest::newRow("mobile-apps") << QStringList{u"mobile-apps"_s} << 2 << u"id"_s << u"mobile-0000"_s
                                     << u"Mobile apps: 2 rows."_s;
        QTest::newRow("mobile-app") << QStringList{u"mobile-app"_s, u"mobile-0001"_s} << -1 << u"name"_s
                                    << u"Mobile app 1"_s << QString();
        QTest::newRow("service-configs") << QStringList{u"service-configs"_s} << 4 << u"name"_s << u"Rule 0"_s
                                         << u"Custom service rules: 4 rows."_s;
        QTest::newRow("manual-services") << QStringList{u"manual-services"_s} << 2 << u"unmonitoredServiceName"_s
                                         << u"redis-0"_s << u"Manual service mappings: 2 rows."_s;
        QTest::newRow("events") << QStringList{u"events"_s, u"--window"_s, u"24h"_s, u"--type"_s, u"ISSUE"_s} << 4
                                << u"type"_s << u"issue"_s << u"Events: 4 rows."_s;
        QTest::newRow("traces") << QStringList{u"traces"_s, u"--page-size"_s, u"10"_s} << 10 << u"trace.id"_s
                                << u"0000000000000001"_s << u"Traces: 10 of 45; --all fetches every page."_s;
        QTest::newRow("trace") << QStringList{u"trace"_s, u"00000000000000a1"_s} << 45 << u"name"_s
                               << u"GET /api/shipping/cities/0"_s << u"Trace: 45 rows."_s;
        QTest::newRow("version") << QStringList{u"version"_s} << -1 << u"imageTag"_s << u"3.307.417-0"_s << QString();
        QTest::newRow("health") << QStringList{u"health"_s} << -1 << u"health"_s << u"GREEN"_s << QString();
    }

    void everyView()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, rows);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, summary);

        const ProcessResult json = iwb(arguments + QStringList{u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QCOMPARE(json.err, QString());
        QVERIFY(json.out.endsWith(u'\n'));
        QCOMPARE(json.out.count(u'\n'), 1); // one document on one line
        const QJsonDocument document = parse(json.out);
        if (rows < 0) {
            QVERIFY(document.isObject());
            QCOMPARE(document.object().value(key).toString(), value);
        } else {
            QVERIFY(document.isArray());
            QCOMPARE(document.array().size(), rows);
            QCOMPARE(Workbench::Json::cellText(Workbench::Json::valueAt(document.array().first(), key)), value);
        }

        const ProcessResult text = iwb(arguments);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QCOMPARE(text.err, QString());
        const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
        if (rows < 0) {
            QVERIFY2(lines.contains(key + u": "_s + value), qPrintable(text.out));
        } else {
            QCOMPARE(lines.size(), rows + 2); // the header, a line a row, the summary
            QVERIFY2(lines.constFirst().split(u' ', Qt::SkipEmptyParts).contains(key), qPrintable(lines.constFirst()));
            QVERIFY2(lines.at(1).contains(value), qPrintable(lines.at(1)));
            QCOMPARE(lines.constLast(), summary);
        }
        QCOMPARE(m_fake->requests().size(), 2);
        QCOMPARE(m_fake->requests().constFirst().header("authorization"), "apiToken " + Token);
    }

    void optionsAsTheApiTakesThem()
    {
        const ProcessResult r = iwb({u"snapshots"_s, u"--query"_s, u"entity.type:host entity.tag:zone:production"_s,
                                     u"--window"_s, u"7d"_s, u"--to"_s, u"2026-12-01T21:00:00Z"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QUrlQuery query = m_fake->requests().constFirst().query;
        QCOMPARE(query.queryItemValue(u"query"_s, QUrl::FullyDecoded),
                 u"entity.type:host entity.tag:zone:production"_s);
        QCOMPARE(query.queryItemValue(u"windowSize"_s), QString::number(7 * 24 * 3600000LL));
        QCOMPARE(query.queryItemValue(u"to"_s), u"1796158800000"_s);
        // Hosts 0, 6, 12, ... (even and online): 0, 6, 12, 18, 24, 30, 36, 42, without the offline ones.
        const QJsonArray rows = parse(r.out).array();
        QVERIFY(!rows.isEmpty());
        for (const auto &row : rows) {
            QCOMPARE(row.toObject().value(u"plugin"_s).toString(), u"host"_s);
            QCOMPARE(row.toObject().value(u"tags"_s).toArray(), QJsonArray{u"zone:production"_s});
        }

        const ProcessResult traces = iwb({u"traces"_s, u"--service"_s, u"shop"_s, u"--erroneous"_s, u"--json"_s});
        QVERIFY2(traces.exitCode == 0, qPrintable(traces.err));
        const QJsonObject body = QJsonDocument::fromJson(m_fake->requests().constLast().body).object();
        const QJsonArray elements = body.value(u"tagFilterExpression"_s).toObject().value(u"elements"_s).toArray();
        QCOMPARE(elements.size(), 2);
        QCOMPARE(elements.at(0).toObject().value(u"name"_s).toString(), u"service.name"_s);
        QCOMPARE(elements.at(0).toObject().value(u"value"_s).toString(), u"shop"_s);
        QCOMPARE(elements.at(1).toObject().value(u"value"_s), QJsonValue(true));
    }

    void allPages_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("pages") << QStringList{u"applications"_s, u"--page-size"_s, u"20"_s} << Applications;
        QTest::newRow("cursors") << QStringList{u"traces"_s, u"--page-size"_s, u"20"_s} << Traces;
    }

    void allPages()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, path);
        const ProcessResult json = iwb(arguments + QStringList{u"--all"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonArray rows = parse(json.out).array();
        QCOMPARE(rows.size(), 45);
        const QStringList ids = FakeInstana::itemIds(rows);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 45);
        QCOMPARE(m_fake->requestsTo(path).size(), 3);

        const ProcessResult text = iwb(arguments + QStringList{u"--all"_s});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.endsWith(u": 45 rows.\n"_s), qPrintable(text.out.right(100)));

        // Endless paging stops with one line.
        m_fake->setPagingStuck(true);
        const ProcessResult stuck = iwb(arguments + QStringList{u"--all"_s});
        QCOMPARE(stuck.exitCode, 1);
        QCOMPARE(stuck.out, QString());
        QVERIFY2(stuck.err.startsWith(u"iwb browse "_s + arguments.constFirst() + u": "_s), qPrintable(stuck.err));
        QCOMPARE(stuck.err.count(u'\n'), 1);

        // A ceiling of pages.
        m_fake->setPagingStuck(false);
        const ProcessResult ceiling = iwb(arguments + QStringList{u"--all"_s, u"--max-pages"_s, u"2"_s});
        QCOMPARE(ceiling.exitCode, 1);
        QVERIFY2(ceiling.err.contains(u"2 pages"_s), qPrintable(ceiling.err));
    }

    void tableFitsTheWidth()
    {
        const ProcessResult r = iwb({u"events"_s}, environment(60));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 14);
        // Every column is narrowed to no less than 6 characters; with 12 columns the table is
        // wider than 60, but no wider than the narrowed columns need.
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            QVERIFY2(lines.at(i).size() <= 12 * 8, qPrintable(lines.at(i)));
        QVERIFY(r.out.contains(u'…'));

        const ProcessResult wide = iwb({u"websites"_s}, environment(60));
        QVERIFY2(wide.exitCode == 0, qPrintable(wide.err));
        for (const QString &line : wide.out.split(u'\n', Qt::SkipEmptyParts))
            QVERIFY2(line.size() <= 60, qPrintable(line));
    }

    void detailAsIndentedLines()
    {
        const ProcessResult r = iwb({u"snapshot"_s, u"snap-0007"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n');
        const qsizetype data = lines.indexOf(u"data:"_s);
        QVERIFY2(data >= 0, qPrintable(r.out));
        QVERIFY2(lines.contains(u"  hostname: host2.example.com"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"  cpu:"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"    count: 7"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"    eth0:"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"      [0]: 10.0.2.7"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"tags: []"_s), qPrintable(r.out));
        QVERIFY2(lines.contains(u"to: null"_s), qPrintable(r.out));
    }

    // A server's keys and values reach the terminal on one line each, without control characters.
    void controlCharactersNeverReachTheTerminal_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("shown");
        QTest::newRow("detail") << u"version"_s << QByteArray("/api/instana/version") << QByteArray(R"({"a[2Jb": "x
y"})") << u"a [2Jb: x y "_s;
        QTest::newRow("table") << u"websites"_s << QByteArray("/api/website-monitoring/config")
                               << QByteArray(R"([{"id": "w", "kx": "v]0;title"}])") << u"k x"_s;
    }

    void controlCharactersNeverReachTheTerminal()
    {
        QFETCH(QString, view);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, shown);
        m_fake->answerWith(path, 200, body);
        const ProcessResult r = iwb({view});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(shown), qPrintable(r.out));
        for (const QChar c : r.out)
            QVERIFY2(c == u'\n' || (c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() > 0x9f)),
                     qPrintable(QString::number(c.unicode(), 16)));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("size out of range") << QStringList{u"snapshots"_s, u"--size"_s, u"0"_s}
                                           << u"iwb browse snapshots: --size: 0 is out of range (1–100000)\n"_s;
        QTest::newRow("size no number") << QStringList{u"agents"_s, u"--size"_s, u"many"_s}
                                        << u"iwb browse agents: --size takes a whole number from 1 to 100000, not "
                                           "\"many\"\n"_s;
        QTest::newRow("window") << QStringList{u"events"_s, u"--window"_s, u"2y"_s}
                                << u"iwb browse events: --window: "_s;
        QTest::newRow("window too long") << QStringList{u"events"_s, u"--window"_s, u"32d"_s}
                                         << u"iwb browse events: --window: "_s;
        QTest::newRow("to") << QStringList{u"events"_s, u"--to"_s, u"yesterday"_s} << u"iwb browse events: --to: "_s;
        QTest::newRow("choice") << QStringList{u"events"_s, u"--type"_s, u"ALERT"_s}
                                << u"iwb browse events: --type takes one of INCIDENT, ISSUE, CHANGE, not \"ALERT\"\n"_s;
        QTest::newRow("max-pages without all") << QStringList{u"applications"_s, u"--max-pages"_s, u"3"_s}
                                               << u"iwb browse applications: --max-pages is for --all\n"_s;
        QTest::newRow("no window for websites")
            << QStringList{u"websites"_s, u"--window"_s, u"1h"_s} << u"iwb browse websites: "_s;
        QTest::newRow("no all for snapshots") << QStringList{u"snapshots"_s, u"--all"_s} << u"iwb browse snapshots: "_s;
        QTest::newRow("missing id") << QStringList{u"snapshot"_s} << u"iwb browse snapshot: "_s;
        QTest::newRow("unknown view") << QStringList{u"snapshotz"_s} << u"iwb browse: "_s;
        QTest::newRow("empty text") << QStringList{u"applications"_s, u"--name"_s, u" "_s}
                                    << u"iwb browse applications: --name needs a value\n"_s;
        QTest::newRow("empty profile") << QStringList{u"health"_s, u"--profile"_s, u""_s}
                                       << u"iwb browse health: --profile needs a profile's name\n"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.startsWith(error), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void failingBackend_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status"); // 0: the fake's own answer
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown snapshot") << QStringList{u"snapshot"_s, u"snap-9999"_s} << QByteArray() << 0
                                          << QByteArray() << u"Snapshot snap-9999 not found"_s;
        QTest::newRow("server error") << QStringList{u"applications"_s} << Applications << 500
                                      << QByteArray(R"({"errors": ["Overloaded"]})") << u"Overloaded"_s;
        QTest::newRow("not JSON") << QStringList{u"websites"_s} << QByteArray("/api/website-monitoring/config") << 200
                                  << QByteArray("<html>") << u"no JSON"_s;
        QTest::newRow("wrong shape") << QStringList{u"websites"_s, u"--json"_s}
                                     << QByteArray("/api/website-monitoring/config") << 200
                                     << QByteArray(R"({"items": []})") << u"no JSON array"_s;
        QTest::newRow("wrong shape, detail") << QStringList{u"version"_s} << QByteArray("/api/instana/version") << 200
                                             << QByteArray(R"(["3.307"])") << u"no JSON object"_s;
    }

    void failingBackend()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        if (status != 0)
            m_fake->answerWith(path, status, body);
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.startsWith(u"iwb browse "_s + arguments.constFirst() + u": "_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(error), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
    }

    void fullStandardOutput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("table") << QStringList{u"applications"_s};
        QTest::newRow("json") << QStringList{u"websites"_s, u"--json"_s};
        QTest::newRow("detail") << QStringList{u"version"_s};
    }

    void fullStandardOutput()
    {
        QFETCH(QStringList, arguments);
        const ProcessResult r = iwb(arguments, {}, u"/dev/full"_s);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err,
                 u"iwb browse "_s + arguments.constFirst()
                     + u": cannot write standard output: No space left on device\n"_s);
    }

    void help()
    {
        const ProcessResult group = iwb({u"--help"_s});
        QCOMPARE(group.exitCode, 0);
        for (const QString &view : {u"snapshots"_s, u"service-configs"_s, u"traces"_s, u"health"_s})
            QVERIFY2(group.out.contains(view), qPrintable(group.out));
        const ProcessResult snapshots = iwb({u"snapshots"_s, u"--help"_s});
        QCOMPARE(snapshots.exitCode, 0);
        for (const QString &option : {u"--query"_s, u"--plugin"_s, u"--offline"_s, u"--size"_s, u"--window"_s,
                                      u"--to"_s, u"--json"_s, u"--profile"_s})
            QVERIFY2(snapshots.out.contains(option), qPrintable(option));
        QVERIFY(!snapshots.out.contains(u"--all"_s));
        const ProcessResult services = iwb({u"services"_s, u"--help"_s});
        for (const QString &option : {u"--application"_s, u"--name"_s, u"--page-size"_s, u"--all"_s, u"--max-pages"_s})
            QVERIFY2(services.out.contains(option), qPrintable(option));
        QCOMPARE(m_fake->requests().size(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeInstana> m_fake;
};

QTEST_GUILESS_MAIN(TestIwbBrowse)
#include "tst_iwbbrowse.moc"
