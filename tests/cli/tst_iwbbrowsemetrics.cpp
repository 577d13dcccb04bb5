// `iwb browse metrics` as a process against the fake Instana backend over real sockets on
// 127.0.0.1: infrastructure and application metrics, the values the backend served as a table
// (a row per time, a column per series) and as JSON, the request as the specification has it;
// the API's limits, damaged answers and failures in one line each; the token in no output.

#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;

namespace {
const QByteArray Token = "iwb-browse-metrics-T0KEN-5";
constexpr qint64 To = 1725600000000;
const auto Infrastructure = QByteArray("/api/infrastructure-monitoring/metrics");
} // namespace

class TestIwbBrowseMetrics : public QObject
{
    Q_OBJECT

    ProcessResult iwb(const QStringList &arguments)
    {
        QProcessEnvironment environment = TestSupport::isolatedEnvironment(m_home->path());
        environment.insert(u"HOME"_s, m_home->path());
        environment.insert(u"INSTANA_BASE_URL"_s, m_fake->baseUrl().toString());
        environment.insert(u"INSTANA_API_TOKEN"_s, QString::fromLatin1(Token));
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(TestSupport::iwbBinary(), QStringList{u"browse"_s, u"metrics"_s} + arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        ProcessResult result = TestSupport::finish(process);
        [&] {
            QVERIFY(!result.out.contains(QString::fromLatin1(Token)));
            QVERIFY(!result.err.contains(QString::fromLatin1(Token)));
        }();
        return result;
    }

    static QString utc(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
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

    void infrastructureTable()
    {
        const ProcessResult r = iwb({u"--plugin"_s, u"host"_s, u"--metric"_s, u"cpu.user"_s, u"--metric"_s,
                                     u"load.1min"_s, u"--snapshot"_s, u"snap-a"_s, u"--window"_s, u"10m"_s,
                                     u"--rollup"_s, u"60"_s, u"--to"_s, QString::number(To)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, QString());
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 10); // ten minutes, a point a minute
        // The header names each series; each row a time and the served values.
        QVERIFY2(lines.first().startsWith(u"time (UTC)"_s), qPrintable(lines.first()));
        QVERIFY(lines.first().contains(u"host on host-0 · cpu.user"_s));
        QVERIFY(lines.first().contains(u"host on host-0 · load.1min"_s));
        for (int j = 0; j < 10; ++j) {
            const QStringList cells = lines.at(1 + j).split(u"  "_s, Qt::SkipEmptyParts);
            QCOMPARE(cells.size(), 3);
            QCOMPARE(cells.at(0).trimmed(), utc(To - 600000 + (j + 1) * 60000));
            QCOMPARE(cells.at(1).trimmed().toDouble(), FakeInstana::infrastructureValue(0, 0, j));
            QCOMPARE(cells.at(2).trimmed().toDouble(), FakeInstana::infrastructureValue(0, 1, j));
        }
        // The request as the specification has it.
        const QList<FakeInstana::Request> requests = m_fake->requestsTo(Infrastructure);
        QCOMPARE(requests.size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(requests.first().body).object();
        QCOMPARE(body.value(u"plugin"_s).toString(), u"host"_s);
        QCOMPARE(body.value(u"snapshotIds"_s).toArray(), QJsonArray{u"snap-a"_s});
        QCOMPARE(body.value(u"metrics"_s).toArray(), (QJsonArray{u"cpu.user"_s, u"load.1min"_s}));
        QCOMPARE(body.value(u"timeFrame"_s).toObject(), (QJsonObject{{u"to"_s, To}, {u"windowSize"_s, 600000}}));
        QCOMPARE(body.value(u"rollup"_s).toInt(), 60);
    }

    void applicationJson()
    {
        const ProcessResult r = iwb({u"--application"_s, u"app-7"_s, u"--metric"_s, u"latency.p90"_s, u"--rollup"_s,
                                     u"300"_s, u"--window"_s, u"1h"_s, u"--to"_s, QString::number(To), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject answer = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(answer.value(u"kind"_s).toString(), u"applications"_s);
        QCOMPARE(answer.value(u"rollup"_s).toInt(), 300);
        const QJsonArray series = answer.value(u"series"_s).toArray();
        QCOMPARE(series.size(), 1);
        const QJsonObject one = series.first().toObject();
        QCOMPARE(one.value(u"entityId"_s).toString(), u"app-7"_s);
        QCOMPARE(one.value(u"metric"_s).toString(), u"latency.p90"_s);
        QCOMPARE(one.value(u"label"_s).toString(), u"Label of app-7 · latency.p90"_s);
        const QJsonArray points = one.value(u"points"_s).toArray();
        QCOMPARE(points.size(), 12);
        for (int j = 0; j < 12; ++j) {
            QCOMPARE(points.at(j).toArray().at(0).toInteger(), To - 3600000 + (j + 1) * 300000);
            QCOMPARE(points.at(j).toArray().at(1).toDouble(), FakeInstana::applicationValue(0, j));
        }
        const QJsonObject body
            = QJsonDocument::fromJson(
                  m_fake->requestsTo("/api/application-monitoring/metrics/applications").first().body)
                  .object();
        QCOMPARE(body.value(u"applicationId"_s).toString(), u"app-7"_s);
        QCOMPARE(body.value(u"metrics"_s).toArray().first().toObject().value(u"aggregation"_s).toString(), u"P90"_s);
    }

    void failures_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error"); // a part of the one line
        const QStringList host{u"--plugin"_s, u"host"_s, u"--metric"_s, u"cpu.user"_s, u"--snapshot"_s, u"s"_s};
        QTest::newRow("six metrics") << QStringList{u"--plugin"_s, u"host"_s, u"--snapshot"_s, u"s"_s,
                                                    u"--metric"_s, u"a"_s,    u"--metric"_s,   u"b"_s,
                                                    u"--metric"_s, u"c"_s,    u"--metric"_s,   u"d"_s,
                                                    u"--metric"_s, u"e"_s,    u"--metric"_s,   u"f"_s}
                                     << 2 << u"the API takes at most 5"_s;
        QTest::newRow("no plugin") << QStringList{u"--metric"_s, u"cpu.user"_s} << 2 << u"--plugin"_s;
        QTest::newRow("two kinds") << QStringList{u"--application"_s, u"a"_s, u"--service"_s, u"s"_s} << 2
                                   << u"one kind at once"_s;
        QTest::newRow("rollup") << host + QStringList{u"--rollup"_s, u"5"_s} << 2
                                << u"choose a rollup of 60 s or more"_s;
        QTest::newRow("window") << host + QStringList{u"--window"_s, u"soon"_s} << 2 << u"--window: "_s;
        QTest::newRow("to") << host + QStringList{u"--to"_s, u"yesterday"_s} << 2 << u"--to: "_s;
        QTest::newRow("damaged answer") << host + QStringList{u"--to"_s, u"damaged"_s} << 1
                                        << u"shape the API does not promise"_s;
        QTest::newRow("refused") << host + QStringList{u"--to"_s, u"refused"_s} << 1
                                 << u"answered HTTP 400 Bad Request. The server said: Bad metric"_s;
    }

    void failures()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        if (arguments.endsWith(u"damaged"_s)) {
            arguments.last() = QString::number(To);
            m_fake->answerWith(Infrastructure, 200, R"({"items": [{"snapshotId": "s", "metrics": {"m": 3}}]})");
        } else if (arguments.endsWith(u"refused"_s)) {
            arguments.last() = QString::number(To);
            m_fake->failWith(Infrastructure, 400, -1, {}, {u"Bad metric"_s});
        }
        const ProcessResult r = iwb(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith(u"iwb browse metrics: "_s) && r.err.contains(error), qPrintable(r.err));
        if (exitCode == 1)
            QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(r.out, QString());
        if (exitCode == 2)
            QCOMPARE(m_fake->requests().size(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeInstana> m_fake;
};

QTEST_GUILESS_MAIN(TestIwbBrowseMetrics)
#include "tst_iwbbrowsemetrics.moc"
