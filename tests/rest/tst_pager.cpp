// The pager against the fake Instana backend over real sockets on 127.0.0.1: every page in both
// styles (page/pageSize with totalHits; cursors in the query for GET and in the body's pagination
// for POST), merged without duplicates; and the bounds: a page that repeats, a cursor that does
// not advance, more pages than totalHits needs, ceilings, a page that fails, an answer that is no
// listing, cancel.

#include "core/rest/pager.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"

#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Rest;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "pager-T0KEN-4711";
const auto Applications = u"/api/application-monitoring/applications"_s;
const auto Traces = u"/api/application-monitoring/analyze/traces"_s;
const auto Calls = u"/api/application-monitoring/v2/analyze/traces/506aef767d8ec147"_s;

bool allDifferent(const QStringList &ids)
{
    return QSet<QString>(ids.cbegin(), ids.cend()).size() == ids.size() && !ids.contains(QString());
}
} // namespace

class TestPager : public QObject
{
    Q_OBJECT

    std::unique_ptr<RestClient> clientFor(const FakeInstana &fake)
    {
        auto options = fake.clientOptions();
        options.maxResponseBytes = qint64(16) * 1024 * 1024;
        auto client = std::make_unique<RestClient>(options, QString::fromLatin1(Token));
        client->setRetryPolicy(RetryPolicy{5ms, 20ms});
        return client;
    }

    // Runs a pager to its end; checks that finished() came once, never inside start().
    static void run(Pager &pager)
    {
        QSignalSpy finished(&pager, &Pager::finished);
        pager.start();
        [&] { QCOMPARE(finished.size(), 0); }();
        [&] { QVERIFY(finished.wait(Patience)); }();
        pager.abort(); // after the end: nothing more
        QCoreApplication::processEvents();
        [&] { QCOMPARE(finished.size(), 1); }();
        [&] { QVERIFY(pager.isFinished()); }();
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<PagerProgress>(); }

    void pagesWithTotalHits_data()
    {
        QTest::addColumn<QString>("pageSize"); // empty: the server's 20
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("pagesAsked");
        QTest::newRow("20 of 45") << u"20"_s << 45 << QStringList{u"1"_s, u"2"_s, u"3"_s};
        QTest::newRow("15 of 45, the last page full") << u"15"_s << 45 << QStringList{u"1"_s, u"2"_s, u"3"_s};
        QTest::newRow("server's size, page not asked") << QString() << 45 << QStringList{QString(), u"2"_s, u"3"_s};
        // The server pages by 200 at most, whatever the query asks for.
        QTest::newRow("500 asked, 200 served") << u"500"_s << 450 << QStringList{u"1"_s, u"2"_s, u"3"_s};
        QTest::newRow("one short page") << u"20"_s << 7 << QStringList{u"1"_s};
        QTest::newRow("none") << u"20"_s << 0 << QStringList{u"1"_s};
    }

    void pagesWithTotalHits()
    {
        QFETCH(QString, pageSize);
        QFETCH(int, count);
        QFETCH(QStringList, pagesAsked);
        FakeInstana fake(Token);
        fake.setApplicationCount(count);
        auto client = clientFor(fake);
        QUrlQuery query;
        if (!pageSize.isEmpty()) {
            query.addQueryItem(u"page"_s, u"1"_s);
            query.addQueryItem(u"pageSize"_s, pageSize);
        }
        Pager pager(client.get(), "GET", Applications, query);
        QSignalSpy progress(&pager, &Pager::progressed);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QVERIFY(pager.errorString().isEmpty());
        QCOMPARE(pager.usedStyle(), Pager::Style::Pages);
        QCOMPARE(pager.items().size(), count);
        const QStringList ids = FakeInstana::itemIds(pager.items());
        QVERIFY(allDifferent(ids));
        if (count > 0) {
            QCOMPARE(ids.first(), u"app-0000"_s);
            QCOMPARE(ids.last(), u"app-%1"_s.arg(count - 1, 4, 10, QChar(u'0')));
        }
        QStringList asked;
        for (const FakeInstana::Request &request : fake.requests())
            asked.append(request.query.queryItemValue(u"page"_s));
        QCOMPARE(asked, pagesAsked);
        QCOMPARE(progress.size(), pagesAsked.size());
        QCOMPARE(pager.progress().pages, pagesAsked.size());
        QCOMPARE(pager.progress().calls, pagesAsked.size());
        QCOMPARE(pager.progress().totalHits, count);
        QCOMPARE(pager.progress().items, count);
        // Each answer cost one call of the budget, as its rate limit headers told.
        QCOMPARE(pager.progress().rateLimit.remaining, 5000 - pagesAsked.size());
    }

    void cursorsInTheBody()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        const QByteArray body = R"({"includeInternal":false,"pagination":{"retrievalSize":20}})";
        Pager pager(client.get(), "POST", Traces, {}, body);
        QSignalSpy progress(&pager, &Pager::progressed);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.usedStyle(), Pager::Style::Cursors);
        QCOMPARE(pager.items().size(), 45);
        QVERIFY(allDifferent(FakeInstana::itemIds(pager.items())));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().first().value<PagerProgress>().items, 45);

        const QList<FakeInstana::Request> requests = fake.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests.first().body, body); // the first as given
        for (int i = 1; i < 3; ++i) {
            const QJsonObject sent = QJsonDocument::fromJson(requests.at(i).body).object();
            const QJsonObject pagination = sent.value(u"pagination"_s).toObject();
            QCOMPARE(pagination.value(u"retrievalSize"_s).toInt(), 20);
            QCOMPARE(pagination.value(u"offset"_s).toInteger(), 20 * i);
            QCOMPARE(pagination.value(u"ingestionTime"_s).toInteger(), FakeInstana::IngestionTime);
            QCOMPARE(sent.value(u"includeInternal"_s), QJsonValue(false)); // the rest of the body kept
            QVERIFY(requests.at(i).query.isEmpty());
        }
    }

    void cursorsFromTheFirstAnswer()
    {
        // No pagination asked for: canLoadMore in the first answer decides, the server's size.
        FakeInstana fake(Token);
        fake.setTraceCount(41);
        auto client = clientFor(fake);
        Pager pager(client.get(), "POST", Traces, {}, R"({"includeInternal":true})");
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.usedStyle(), Pager::Style::Cursors);
        QCOMPARE(pager.items().size(), 41);
        QVERIFY(allDifferent(FakeInstana::itemIds(pager.items())));
        QCOMPARE(fake.requests().size(), 3);
    }

    void cursorsInTheQuery()
    {
        FakeInstana fake(Token);
        fake.setCallCount(50);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"retrievalSize"_s, u"20"_s);
        Pager pager(client.get(), "GET", Calls, query);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.usedStyle(), Pager::Style::Cursors);
        QCOMPARE(pager.items().size(), 50);
        QVERIFY(allDifferent(FakeInstana::itemIds(pager.items())));
        const QList<FakeInstana::Request> requests = fake.requests();
        QCOMPARE(requests.size(), 3);
        QVERIFY(!requests.first().query.hasQueryItem(u"offset"_s));
        QCOMPARE(requests.at(1).query.queryItemValue(u"offset"_s), u"20"_s);
        QCOMPARE(requests.at(2).query.queryItemValue(u"offset"_s), u"40"_s);
        QCOMPARE(requests.at(2).query.queryItemValue(u"ingestionTime"_s), QString::number(FakeInstana::IngestionTime));
        QCOMPARE(requests.at(2).query.queryItemValue(u"retrievalSize"_s), u"20"_s);
        QVERIFY(requests.at(2).body.isEmpty());
    }

    void onlyPage()
    {
        // A listing without paging: one answer is all of it.
        FakeInstana fake(Token);
        fake.answerWith(Applications.toUtf8(), 200, R"({"items":[{"id":"a"},{"id":"b"}]})");
        auto client = clientFor(fake);
        Pager pager(client.get(), "GET", Applications);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.usedStyle(), Pager::Style::Automatic);
        QCOMPARE(FakeInstana::itemIds(pager.items()), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(fake.requests().size(), 1);
    }

    void repeatedPage()
    {
        FakeInstana fake(Token);
        fake.setPagingStuck(true);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"20"_s);
        Pager pager(client.get(), "GET", Applications, query);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::RepeatedPage);
        QCOMPARE(pager.errorString(),
                 u"Answer 2 to GET /api/application-monitoring/applications holds the same items as the one before "
                 "it; the fetch stops instead of asking again."_s);
        QCOMPARE(fake.requests().size(), 2);
        QCOMPARE(pager.items().size(), 20); // the first page's, not twice
    }

    void cursorNeverAdvances_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("POST, in the body") << QByteArray("POST") << Traces << QByteArray(R"({"pagination":{}})");
        QTest::newRow("GET, in the query") << QByteArray("GET") << Calls << QByteArray();
    }

    void cursorNeverAdvances()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        FakeInstana fake(Token);
        fake.setPagingStuck(true);
        auto client = clientFor(fake);
        Pager pager(client.get(), method, path, {}, body);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::CursorStuck);
        QCOMPARE(pager.errorString(),
                 QString::fromLatin1(method) + u' ' + path
                     + u" says canLoadMore, but the cursor of its last item did not advance (offset 20, ingestionTime "
                       "1725601787000); the fetch stops instead of asking for the same page again."_s);
        QCOMPARE(fake.requests().size(), 2);
    }

    void cursorMissing_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("error");
        QTest::newRow("no cursor") << QByteArray(R"({"items":[{"id":"a"}],"canLoadMore":true})")
                                   << u"its last item has no cursor"_s;
        QTest::newRow("cursor without offset")
            << QByteArray(R"({"items":[{"id":"a","cursor":{"ingestionTime":1}}],"canLoadMore":true})")
            << u"its last item has no cursor"_s;
        QTest::newRow("no items") << QByteArray(R"({"items":[],"canLoadMore":true})") << u"on a page without items"_s;
    }

    void cursorMissing()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, error);
        FakeInstana fake(Token);
        fake.answerWith(Traces.toUtf8(), 200, answer);
        auto client = clientFor(fake);
        Pager pager(client.get(), "POST", Traces, {}, "{}");
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::CursorStuck);
        QVERIFY2(pager.errorString().contains(error), qPrintable(pager.errorString()));
        QCOMPARE(fake.requests().size(), 1);
    }

    void moreThanTotalHitsNeeds()
    {
        // The first page says 3 items in pages of 2; the second says 6: a third page is refused.
        FakeInstana fake(Token);
        const QByteArray path = Applications.toUtf8();
        fake.answerWith(path, 200, R"({"items":[{"id":"e"},{"id":"f"}],"page":3,"pageSize":2,"totalHits":9})");
        fake.answerWith(path, 200, R"({"items":[{"id":"c"},{"id":"d"}],"page":2,"pageSize":2,"totalHits":6})",
                        "application/json", 1);
        fake.answerWith(path, 200, R"({"items":[{"id":"a"},{"id":"b"}],"page":1,"pageSize":2,"totalHits":3})",
                        "application/json", 1);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"page"_s, u"1"_s);
        query.addQueryItem(u"pageSize"_s, u"2"_s);
        Pager pager(client.get(), "GET", Applications, query);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::TooManyPages);
        QCOMPARE(pager.errorString(),
                 u"GET /api/application-monitoring/applications said 3 items at first, which 2 "
                 "pages hold, yet asks for page 3; the fetch stops."_s);
        QCOMPARE(fake.requests().size(), 2);
        QCOMPARE(pager.items().size(), 4);
    }

    void ceilings()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"10"_s);
        Pager pages(client.get(), "GET", Applications, query);
        pages.setMaxPages(2);
        run(pages);
        QCOMPARE(pages.error(), Pager::Error::Ceiling);
        QCOMPARE(pages.errorString(),
                 u"GET /api/application-monitoring/applications has more than 2 pages, the "
                 "ceiling of a fetch of every page; the fetch stops."_s);
        QCOMPARE(fake.requests().size(), 2);
        QCOMPARE(pages.items().size(), 20);

        fake.clearRequests();
        Pager items(client.get(), "POST", Traces, {}, R"({"pagination":{"retrievalSize":10}})");
        items.setMaxItems(25);
        run(items);
        QCOMPARE(items.error(), Pager::Error::Ceiling);
        QVERIFY2(items.errorString().contains(u"more than 25 items"_s), qPrintable(items.errorString()));
        QCOMPARE(fake.requests().size(), 3);
    }

    void pageFails()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"20"_s);
        Pager pager(client.get(), "GET", Applications, query);
        // The second page and every one after it fail, retries included.
        connect(&pager, &Pager::progressed, &fake,
                [&fake] { fake.failWith(Applications.toUtf8(), 500, -1, {}, {u"database on fire"_s}); });
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::Request);
        QCOMPARE(pager.requestError(), Error::ServerError);
        QCOMPARE(pager.httpStatus(), 500);
        QVERIFY2(pager.errorString().contains(u"answered HTTP 500 after 4 attempts"_s),
                 qPrintable(pager.errorString()));
        QVERIFY(pager.errorString().contains(u"database on fire"_s));
        QCOMPARE(fake.requests().size(), 1 + RestClient::DefaultMaxAttempts);
        QCOMPARE(pager.progress().calls, 1 + RestClient::DefaultMaxAttempts);
        QCOMPARE(pager.items().size(), 20); // what came before
    }

    void notListing_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("error");
        QTest::newRow("object") << QByteArray(R"({"branch":"x","commit":"y"})")
                                << u"it is an object with the members branch, commit."_s;
        QTest::newRow("items no array") << QByteArray(R"({"items":{"a":1}})")
                                        << u"it is an object with the members items (its \"items\" is no array)."_s;
        QTest::newRow("array") << QByteArray(R"([1,2,3])") << u"it is an array of 3 elements."_s;
        QTest::newRow("empty") << QByteArray() << u"it is an empty answer."_s;
    }

    void notListing()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, error);
        FakeInstana fake(Token);
        fake.answerWith("/api/instana/version", 200, answer);
        auto client = clientFor(fake);
        Pager pager(client.get(), "GET", u"/api/instana/version"_s);
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::NotListing);
        QCOMPARE(pager.errorString(),
                 u"The answer to GET /api/instana/version is no listing with an \"items\" array: "_s + error);
    }

    void invalidRequest()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"page"_s, u"first"_s);
        Pager page(client.get(), "GET", Applications, query);
        run(page);
        QCOMPARE(page.error(), Pager::Error::InvalidRequest);
        QCOMPARE(page.errorString(),
                 u"The page of GET /api/application-monitoring/applications must be a whole number from 1, not "
                 "\"first\"."_s);

        Pager body(client.get(), "POST", Traces, {}, "[1]");
        body.setStyle(Pager::Style::Cursors);
        run(body);
        QCOMPARE(body.error(), Pager::Error::InvalidRequest);
        QVERIFY(body.errorString().contains(u"no JSON object"_s));
        QCOMPARE(fake.requests().size(), 0);
    }

    void pauseAndResume_data()
    {
        QTest::addColumn<bool>("cursors");
        QTest::addColumn<bool>("background");
        QTest::newRow("pages") << false << false;
        QTest::newRow("pages, parsed in the pool") << false << true;
        QTest::newRow("cursors, parsed in the pool") << true << true;
    }

    // Paused after each page, resumed from the page after the last; the bounds span the runs.
    void pauseAndResume()
    {
        QFETCH(bool, cursors);
        QFETCH(bool, background);
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"20"_s);
        Pager pager(client.get(), cursors ? "POST" : "GET", cursors ? Traces : Applications,
                    cursors ? QUrlQuery() : query, cursors ? R"({"pagination":{"retrievalSize":20}})" : QByteArray());
        pager.setParseInBackground(background);
        pager.setPauseAfter(1);
        QVERIFY(!pager.canResume());
        run(pager);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.items().size(), 20);
        QVERIFY(pager.canResume());
        QVERIFY(!pager.lastBody().isEmpty());
        QVERIFY(pager.lastAnswer()->object().value(u"items"_s).isArray());
        QSignalSpy finished(&pager, &Pager::finished);
        pager.resume(1);
        QCOMPARE(finished.size(), 0);
        QVERIFY(finished.wait(Patience));
        QCOMPARE(pager.items().size(), 40);
        QVERIFY(pager.canResume());
        pager.resume(); // the rest
        QVERIFY(finished.wait(Patience));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(pager.error(), Pager::Error::None);
        QCOMPARE(pager.items().size(), 45);
        QVERIFY(allDifferent(FakeInstana::itemIds(pager.items())));
        QVERIFY(!pager.canResume());
        pager.resume(); // nothing left: nothing happens
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 2);
        QCOMPARE(fake.requests().size(), 3);
        if (!cursors)
            QCOMPARE(fake.requests().at(2).query.queryItemValue(u"page"_s), u"3"_s);

        // A page that repeats the one of the run before is caught as well.
        fake.setPagingStuck(true);
        Pager stuck(client.get(), "GET", Applications, query);
        stuck.setParseInBackground(background);
        stuck.setPauseAfter(1);
        run(stuck);
        QVERIFY(stuck.canResume());
        QSignalSpy stuckFinished(&stuck, &Pager::finished);
        stuck.resume(1);
        QVERIFY(stuckFinished.wait(Patience));
        QCOMPARE(stuck.error(), Pager::Error::RepeatedPage);
        QVERIFY(!stuck.canResume());
    }

    void cancel()
    {
        FakeInstana fake(Token);
        auto client = clientFor(fake);
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"20"_s);
        Pager pager(client.get(), "GET", Applications, query);
        QSignalSpy finished(&pager, &Pager::finished);
        // The second page never comes; cancel ends the fetch at once.
        connect(&pager, &Pager::progressed, &fake, [&fake] { fake.hang(Applications.toUtf8()); });
        connect(&fake, &FakeInstana::requestReceived, &pager, [&pager](int index) {
            if (index == 1)
                pager.abort();
        });
        pager.start();
        QVERIFY(finished.wait(Patience));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(pager.error(), Pager::Error::Cancelled);
        QCOMPARE(pager.errorString(), u"Cancelled."_s);
        QCOMPARE(pager.items().size(), 20);
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(fake.requests().size(), 2);

        // Cancelled before it started: nothing is sent.
        Pager early(client.get(), "GET", Applications);
        QSignalSpy earlyFinished(&early, &Pager::finished);
        early.abort();
        early.start();
        QCOMPARE(earlyFinished.size(), 1);
        QCOMPARE(early.error(), Pager::Error::Cancelled);
        QCoreApplication::processEvents();
        QCOMPARE(fake.requests().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPager)
#include "tst_pager.moc"
