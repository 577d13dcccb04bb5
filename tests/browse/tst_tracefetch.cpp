// A whole backend trace fetched from the fake Instana backend over real sockets on 127.0.0.1:
// every call (cursor paging), then each call's details a few at once; the spans form the
// backend's tree and pass the validator; and the bounds: a trace of too many calls, endless
// paging, failing and damaged answers, a trace id that is none, cancel.

#include "core/browse/tracefetch.h"
#include "core/rest/restclient.h"
#include "core/traces/tracevalidator.h"
#include "tests/support/fakeinstana.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "tracefetch-T0KEN-1234";
const auto TraceId = u"506aef767d8ec147"_s;
const QByteArray Calls = "/api/application-monitoring/v2/analyze/traces/506aef767d8ec147";

QByteArray detailsPath(int call)
{
    return Calls + "/calls/" + FakeInstana::callId(call).toLatin1() + "/details";
}

int detailsRequests(const FakeInstana &fake)
{
    int count = 0;
    for (const FakeInstana::Request &request : fake.requests())
        count += request.path.endsWith("/details") ? 1 : 0;
    return count;
}
} // namespace

class TestTraceFetch : public QObject
{
    Q_OBJECT

    std::unique_ptr<Rest::RestClient> clientFor(const FakeInstana &fake)
    {
        auto options = fake.clientOptions();
        auto client = std::make_unique<Rest::RestClient>(options, QString::fromLatin1(Token));
        client->setRetryPolicy(RetryPolicy{5ms, 20ms});
        client->setMaxAttempts(1);
        return client;
    }

    // Runs a fetch to its end; checks that finished() came once, never inside start().
    static void run(TraceFetch &fetch)
    {
        QSignalSpy finished(&fetch, &TraceFetch::finished);
        fetch.start();
        [&] { QCOMPARE(finished.size(), 0); }();
        [&] { QVERIFY(finished.wait(Patience)); }();
        fetch.abort(); // after the end: nothing more
        QTest::qWait(0);
        [&] { QCOMPARE(finished.size(), 1); }();
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeInstana>(Token);
        QVERIFY(m_fake->isListening());
        m_client = clientFor(*m_fake);
    }
    void cleanup()
    {
        m_client.reset();
        m_fake.reset();
    }

    void fetchesTheWholeTrace()
    {
        m_fake->setCallCount(450); // three pages of calls
        TraceFetch fetch(m_client.get(), TraceId);
        QSignalSpy progress(&fetch, &TraceFetch::progressed);
        run(fetch);
        QCOMPARE(fetch.error(), TraceFetch::Error::None);
        QCOMPARE(fetch.errorString(), QString());
        QCOMPARE(fetch.totalCalls(), 450);
        QCOMPARE(fetch.doneCalls(), 450);
        QCOMPARE(detailsRequests(*m_fake), 450);
        QCOMPARE(m_fake->requestsTo(Calls).size(), 3);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.first().at(1).toLongLong(), -1); // while the calls are listed
        QCOMPARE(progress.last().at(0).toLongLong(), 450);
        QCOMPARE(progress.last().at(1).toLongLong(), 450);

        const Traces::SpanStore &store = fetch.store();
        QCOMPARE(store.size(), 1 + 2 * 449); // the root call's ENTRY, an EXIT and an ENTRY for every other
        QCOMPARE(fetch.findings().size(), 0);
        QHash<QString, Traces::Span> byId;
        for (const Traces::Span &span : store.spans())
            byId.insert(span.spanId, span);
        QCOMPARE(byId.size(), store.size());
        const Traces::Span root = byId.value(FakeInstana::callId(0));
        QVERIFY(root.isRoot());
        QCOMPARE(root.type, u"ENTRY"_s);
        QCOMPARE(root.traceId, TraceId);
        for (int call = 1; call < 450; ++call) {
            const Traces::Span exit = byId.value(FakeInstana::exitSpanId(call));
            const Traces::Span entry = byId.value(FakeInstana::callId(call));
            QCOMPARE(exit.type, u"EXIT"_s);
            QCOMPARE(exit.parentId, FakeInstana::callId(FakeInstana::callParent(call)));
            QCOMPARE(entry.parentId, exit.spanId);
            QCOMPARE(entry.timestamp, std::optional<qint64>(m_fake->callTimestamp(call)));
            QCOMPARE(entry.duration, std::optional<qint64>(m_fake->callDuration(call)));
            QCOMPARE(entry.error.value_or(false), call % 7 == 6);
            QCOMPARE(entry.dataValue(u"http.status"), call % 7 == 6 ? u"500"_s : u"200"_s);
            QCOMPARE(entry.traceId, TraceId);
        }
        Traces::ValidationOptions options;
        options.requestLimits = false;
        const Traces::ValidationReport report = Traces::TraceValidator::validate(store, options);
        QCOMPARE(report.errors, 0);
        QCOMPARE(report.warnings, 0);
    }

    void asksAFewDetailsAtOnceAndCancels()
    {
        m_fake->setCallCount(30);
        for (int call = 0; call < 30; ++call)
            m_fake->hang(detailsPath(call));
        TraceFetch fetch(m_client.get(), TraceId);
        fetch.setParallel(3);
        QSignalSpy finished(&fetch, &TraceFetch::finished);
        fetch.start();
        QTRY_COMPARE_WITH_TIMEOUT(detailsRequests(*m_fake), 3, Patience);
        // None answers, so no fourth is asked for while three are open.
        QTest::qWait(100);
        QCOMPARE(detailsRequests(*m_fake), 3);
        QCOMPARE(finished.size(), 0);
        fetch.abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(fetch.error(), TraceFetch::Error::Cancelled);
        QVERIFY(fetch.store().isEmpty());
        QTest::qWait(0);
        QCOMPARE(finished.size(), 1);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("fault"); // "404", "500", "no JSON", "stuck", "details 500", "details no JSON"
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("sentence"); // part of errorString()
        QTest::newRow("trace unknown") << QByteArray("404") << int(TraceFetch::Error::NotFound) << u"404"_s;
        QTest::newRow("calls fail") << QByteArray("500") << int(TraceFetch::Error::Request) << u"500"_s;
        QTest::newRow("calls no JSON") << QByteArray("no JSON") << int(TraceFetch::Error::Request) << u"no JSON"_s;
        QTest::newRow("calls no listing")
            << QByteArray("no listing") << int(TraceFetch::Error::BadAnswer) << u"\"items\""_s;
        QTest::newRow("no calls") << QByteArray("empty") << int(TraceFetch::Error::NotFound) << u"no calls"_s;
        QTest::newRow("endless canLoadMore") << QByteArray("stuck") << int(TraceFetch::Error::BadAnswer) << u"cursor"_s;
        QTest::newRow("details fail") << QByteArray("details 500") << int(TraceFetch::Error::Request) << u"500"_s;
    }

    void failures()
    {
        QFETCH(QByteArray, fault);
        QFETCH(int, error);
        QFETCH(QString, sentence);
        m_fake->setCallCount(10);
        if (fault == "404")
            m_fake->failWith(Calls, 404, -1, {}, {u"Trace not found"_s});
        else if (fault == "500")
            m_fake->failWith(Calls, 500, -1);
        else if (fault == "no JSON")
            m_fake->answerNotJson(Calls);
        else if (fault == "no listing")
            m_fake->answerWith(Calls, 200, R"({"calls": []})");
        else if (fault == "empty")
            m_fake->setCallCount(0);
        else if (fault == "stuck")
            m_fake->setPagingStuck(true);
        else if (fault == "details 500")
            m_fake->failWith(detailsPath(4), 500, -1);
        TraceFetch fetch(m_client.get(), TraceId);
        run(fetch);
        QCOMPARE(int(fetch.error()), error);
        QVERIFY2(fetch.errorString().contains(sentence, Qt::CaseInsensitive), qPrintable(fetch.errorString()));
        QVERIFY(!fetch.errorString().contains(u'\n'));
        QVERIFY(fetch.store().isEmpty());
    }

    void detailsNotFoundAreMadeFromTheCall()
    {
        m_fake->setCallCount(5);
        m_fake->failWith(detailsPath(2), 404, -1);
        m_fake->answerWith(detailsPath(3), 200, R"(["no", "object"])");
        TraceFetch fetch(m_client.get(), TraceId);
        run(fetch);
        QCOMPARE(fetch.error(), TraceFetch::Error::None);
        QCOMPARE(fetch.findings().size(), 2);
        QStringList rules{fetch.findings().at(0).rule, fetch.findings().at(1).rule};
        rules.sort();
        QCOMPARE(rules, (QStringList{u"call-not-found"_s, u"call-without-spans"_s}));
        // Calls 2 and 3 are one span each, their ENTRY made from the call, under the parent call's span.
        QCOMPARE(fetch.store().size(), 1 + 2 + 1 + 1 + 2);
        int fromCalls = 0;
        for (const Traces::Span &span : fetch.store().spans()) {
            for (int call : {2, 3}) {
                if (span.spanId != FakeInstana::callId(call))
                    continue;
                ++fromCalls;
                QCOMPARE(span.parentId, FakeInstana::callId(FakeInstana::callParent(call)));
                QCOMPARE(span.name, u"GET /api/shipping/cities/%1"_s.arg(call));
                QCOMPARE(span.type, u"ENTRY"_s);
            }
        }
        QCOMPARE(fromCalls, 2);
        Traces::ValidationOptions options;
        options.requestLimits = false;
        QCOMPARE(Traces::TraceValidator::validate(fetch.store(), options).errors, 0);
    }

    void tooManyCallsStopBeforeTheDetails()
    {
        m_fake->setCallCount(500);
        TraceFetch fetch(m_client.get(), TraceId);
        fetch.setMaxCalls(100);
        run(fetch);
        QCOMPARE(fetch.error(), TraceFetch::Error::TooManyCalls);
        QVERIFY2(fetch.errorString().contains(u"100"_s), qPrintable(fetch.errorString()));
        QCOMPARE(detailsRequests(*m_fake), 0);
        QCOMPARE(m_fake->requestsTo(Calls).size(), 1);
    }

    void traceIdsThatAreNone_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << u"a b"_s;
        QTest::newRow("slash") << u"../../instana/version"_s;
        QTest::newRow("long") << QString(500, u'a');
    }

    void traceIdsThatAreNone()
    {
        QFETCH(QString, id);
        TraceFetch fetch(m_client.get(), id);
        run(fetch);
        QCOMPARE(fetch.error(), TraceFetch::Error::InvalidTraceId);
        QVERIFY(!fetch.errorString().isEmpty());
        QCOMPARE(m_fake->requests().size(), 0);
    }

private:
    std::unique_ptr<FakeInstana> m_fake;
    std::unique_ptr<Rest::RestClient> m_client;
};

QTEST_GUILESS_MAIN(TestTraceFetch)
#include "tst_tracefetch.moc"
