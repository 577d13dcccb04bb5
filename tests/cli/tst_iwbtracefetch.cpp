// `iwb trace fetch` as a process against the fake Instana backend over real sockets on 127.0.0.1,
// the profile from INSTANA_BASE_URL and INSTANA_API_TOKEN: the file it writes passes `iwb trace
// validate` and holds the backend's tree of spans; standard output with -o -; a trace the backend
// does not know, damaged answers, a full disk and usage errors in one line each; the token in no
// output and in no file.

#include "core/traces/spanjson.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::FakeInstana;
using TestSupport::ProcessResult;

namespace {
const QByteArray Token = "iwb-trace-fetch-T0KEN-77";
const auto TraceId = u"506aef767d8ec147"_s;
const QByteArray Calls = "/api/application-monitoring/v2/analyze/traces/506aef767d8ec147";
} // namespace

class TestIwbTraceFetch : public QObject
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

    // iwb in the event loop so that the fake answers meanwhile.
    ProcessResult iwb(const QStringList &arguments, const QString &outputFile = {})
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        if (!outputFile.isEmpty())
            process.setStandardOutputFile(outputFile);
        process.start(TestSupport::iwbBinary(), arguments);
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

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
    }

    void fetchedTraceValidates()
    {
        m_fake->setCallCount(25);
        const QString file = m_home->filePath(u"trace.json"_s);
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, u"Wrote 49 spans of 25 calls to %1.\n"_s.arg(file));

        const ProcessResult validate = iwb({u"trace"_s, u"validate"_s, file});
        QVERIFY2(validate.exitCode == 0, qPrintable(validate.out + validate.err));
        QCOMPARE(validate.out, QString()); // not even a warning

        Traces::SpanStore store;
        QVERIFY(Traces::SpanJson::readFile(file, store).ok());
        QCOMPARE(store.size(), 49);
        QCOMPARE(store.spanIdText(0), FakeInstana::callId(0));
        QCOMPARE(store.span(0).traceId, TraceId);
        QCOMPARE(store.span(2).parentId, store.spanIdText(1)); // call 1's ENTRY under its EXIT
        QCOMPARE(store.span(1).parentId, FakeInstana::callId(0));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(!written.readAll().contains(Token));
        // The token went to the backend, each request carried it.
        for (const FakeInstana::Request &request : m_fake->requests())
            QVERIFY(request.authorized);
    }

    void standardOutput()
    {
        m_fake->setCallCount(3);
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, u"-"_s, u"--pretty"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err, u"Wrote 5 spans of 3 calls to standard output.\n"_s);
        Traces::SpanStore store;
        QVERIFY(Traces::SpanJson::read(r.out.toUtf8(), store).ok());
        QCOMPARE(store.size(), 5);
        QVERIFY(r.out.contains(u"\n    {"_s) || r.out.contains(u"\n    \""_s)); // pretty
    }

    void warningsOnStandardError()
    {
        m_fake->setCallCount(3);
        m_fake->failWith(Calls + "/calls/" + FakeInstana::callId(2).toLatin1() + "/details", 404, -1);
        const QString file = m_home->filePath(u"trace.json"_s);
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err,
                 u"warning: The backend has no details of call %1; its span is made from the call.\n"_s.arg(
                     FakeInstana::callId(2)));
        QCOMPARE(iwb({u"trace"_s, u"validate"_s, file}).exitCode, 0);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<QString>("error"); // %1: the origin
        QTest::newRow("404") << QByteArray("404")
                             << u"iwb trace fetch: GET %1/api/application-monitoring/v2/analyze/traces/506aef767d8ec147"
                                "?retrievalSize=200 answered 404: there is no such endpoint or object. The server "
                                "said: Trace not found\n"_s;
        QTest::newRow("no calls") << QByteArray("empty")
                                  << u"iwb trace fetch: The backend has no calls of trace 506aef767d8ec147; it may be "
                                     "older than the data kept\n"_s;
        QTest::newRow("calls no listing")
            << QByteArray("no listing")
            << u"iwb trace fetch: The answer to GET /api/application-monitoring/v2/analyze/traces/506aef767d8ec147 is "
               "no listing with an \"items\" array: it is an object with the members calls\n"_s;
        QTest::newRow("details no JSON") << QByteArray("details") << QString();
    }

    void failures()
    {
        QFETCH(QByteArray, fault);
        QFETCH(QString, error);
        m_fake->setCallCount(4);
        if (fault == "404")
            m_fake->failWith(Calls, 404, -1, {}, {u"Trace not found"_s});
        else if (fault == "empty")
            m_fake->setCallCount(0);
        else if (fault == "no listing")
            m_fake->answerWith(Calls, 200, R"({"calls": []})");
        else
            m_fake->answerNotJson(Calls + "/calls/" + FakeInstana::callId(1).toLatin1() + "/details");
        const QString file = m_home->filePath(u"trace.json"_s);
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, file});
        QCOMPARE(r.exitCode, 1);
        if (!error.isEmpty())
            QCOMPARE(r.err, error.arg(m_fake->baseUrl().toString()));
        QVERIFY2(r.err.startsWith(u"iwb trace fetch: "_s) && r.err.count(u'\n') == 1, qPrintable(r.err));
        QCOMPARE(r.out, QString());
        QVERIFY(!QFileInfo::exists(file)); // nothing written
    }

    void fullDisk()
    {
        m_fake->setCallCount(2);
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, u"/dev/full"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(u"iwb trace fetch: "_s) && r.err.contains(u"No space left on device"_s),
                 qPrintable(r.err));
        const ProcessResult out = iwb({u"trace"_s, u"fetch"_s, TraceId, u"-o"_s, u"-"_s}, u"/dev/full"_s);
        QCOMPARE(out.exitCode, 1);
        QVERIFY2(out.err.contains(u"No space left on device"_s), qPrintable(out.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("no id") << QStringList{u"-o"_s, u"x.json"_s} << u"missing argument TRACE_ID"_s;
        QTest::newRow("no output") << QStringList{TraceId} << u"give the file to write with -o FILE"_s;
        QTest::newRow("max calls") << QStringList{TraceId, u"-o"_s, u"x.json"_s, u"--max-calls"_s, u"0"_s}
                                   << u"--max-calls"_s;
        QTest::newRow("empty profile") << QStringList{TraceId, u"-o"_s, u"x.json"_s, u"--profile="_s}
                                       << u"--profile needs a profile's name"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const ProcessResult r = iwb(QStringList{u"trace"_s, u"fetch"_s} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(error), qPrintable(r.err));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void badTraceIdSendsNothing()
    {
        const ProcessResult r = iwb({u"trace"_s, u"fetch"_s, u"../instana/version"_s, u"-o"_s, u"-"_s});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err,
                 u"iwb trace fetch: \"../instana/version\" is no trace id: a trace id is letters and digits, as "
                 "the backend shows it\n"_s);
        QCOMPARE(m_fake->requests().size(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeInstana> m_fake;
};

QTEST_GUILESS_MAIN(TestIwbTraceFetch)
#include "tst_iwbtracefetch.moc"
