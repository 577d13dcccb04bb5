// The rules of the local agent, request by request, without sockets.

#include "core/localagent/agentprotocol.h"

#include "tests/localagent/agentexamples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

const QByteArray eventPath = "/com.instana.plugin.generic.event";
const QByteArray tracePath = "/com.instana.plugin.generic.trace";

HttpRequest post(const QByteArray &path, const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.body = body;
    request.head = "POST " + path + " HTTP/1.1\r\n\r\n";
    return request;
}

QByteArray span(int i, const QByteArray &extra = {})
{
    return "{\"spanId\":\"" + QByteArray::number(0x1000000000000000ULL + quint64(i), 16)
        + "\",\"traceId\":\"1000000000000000\",\"timestamp\":1700000000000,\"duration\":1,\"name\":\"s\"" + extra + '}';
}

QByteArray spans(int count)
{
    QByteArrayList all;
    for (int i = 0; i < count; ++i)
        all << span(i);
    return '[' + all.join(',') + ']';
}

QJsonObject bodyOf(const AgentProtocol::Outcome &outcome)
{
    return QJsonDocument::fromJson(outcome.response.body).object();
}

} // namespace

class TestAgentProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void docsEventExampleIsAccepted()
    {
        AgentProtocol protocol;
        const auto outcome = protocol.handle(post(eventPath, AgentExamples::curlEventBody), u"127.0.0.1:1"_s, 1000);
        QCOMPARE(outcome.response.status, 200);
        QVERIFY(!outcome.batch.rejection);
        QCOMPARE(outcome.batch.items.size(), 1);
        const CapturedItem &event = outcome.batch.items.constFirst();
        QCOMPARE(event.kind, CapturedItem::Kind::Event);
        QCOMPARE(event.title(), u"Custom API Events "_s);
        QCOMPARE(event.fields().value(u"severity"_s).toInt(), -1);
        QCOMPARE(
            event.json,
            QByteArray(
                R"({"title":"Custom API Events ","text":"Failure Redeploying Service Duration","duration":5000,"severity":-1})"));
        QVERIFY(event.findings.isEmpty());
        QCOMPARE(event.receivedAtMs, 1000);
        QCOMPARE(outcome.batch.request.source, u"127.0.0.1:1"_s);
        QCOMPARE(bodyOf(outcome).value(u"accepted"_s).toInt(), 1);
    }

    void docsTraceExampleIsAcceptedWithTheNumberWarned()
    {
        AgentProtocol protocol;
        const auto outcome = protocol.handle(post(tracePath, AgentExamples::traceBody), u"s"_s, 1000);
        QCOMPARE(outcome.response.status, 200);
        QCOMPARE(outcome.batch.items.size(), 2);
        QCOMPARE(outcome.batch.items.at(1).spanId(), u"7ddf6b31b320cc00"_s);
        QCOMPARE(outcome.batch.items.at(1).parentId(), u"8165b19a37094800"_s);
        QCOMPARE(outcome.batch.items.at(1).index, 1);
        for (const CapturedItem &item : outcome.batch.items) {
            QCOMPARE(item.findings.size(), 1);
            QCOMPARE(item.findings.at(0).rule, u"data-not-string"_s);
            QCOMPARE(item.findings.at(0).severity, Finding::Severity::Warning);
            QCOMPARE(item.findings.at(0).spanId, item.spanId());
        }
    }

    void spansPerRequestLimit()
    {
        AgentProtocol protocol;
        QCOMPARE(protocol.handle(post(tracePath, spans(1000)), {}, 1000).response.status, 200);
        const auto outcome = protocol.handle(post(tracePath, spans(1001)), {}, 1000);
        QCOMPARE(outcome.response.status, 413);
        QCOMPARE(outcome.batch.rejection->rule, u"too-many-spans"_s);
        QVERIFY(outcome.batch.rejection->reason.contains(u"1001"_s));
        QVERIFY(outcome.batch.items.isEmpty());
        QCOMPARE(bodyOf(outcome).value(u"rule"_s).toString(), u"too-many-spans"_s);
    }

    void spanSizeLimitNamesTheSpan()
    {
        AgentProtocol protocol;
        const QByteArray big = ",\"data\":{\"sql\":\"" + QByteArray(4000, 'x') + "\"}";
        const QByteArray body = '[' + span(0) + ',' + span(7, big) + ']';
        const auto outcome = protocol.handle(post(tracePath, body), {}, 1000);
        QCOMPARE(outcome.response.status, 413);
        QCOMPARE(outcome.batch.rejection->rule, u"span-too-large"_s);
        QVERIFY2(outcome.batch.rejection->reason.contains(u"1000000000000007"_s),
                 qPrintable(outcome.batch.rejection->reason));
        QVERIFY(outcome.batch.rejection->reason.contains(u"[1]"_s));
        // Exactly 4096 bytes is allowed.
        QByteArray exact = span(1, ",\"data\":{\"k\":\"\"}");
        exact.insert(exact.size() - 3, QByteArray(4096 - exact.size(), 'y'));
        QCOMPARE(exact.size(), 4096);
        QCOMPARE(protocol.handle(post(tracePath, exact), {}, 1000).response.status, 200);
    }

    void requestSizeLimit()
    {
        AgentProtocol protocol;
        const auto outcome = protocol.handle(post(eventPath, QByteArray(4 * 1024 * 1024 + 1, ' ')), {}, 1000);
        QCOMPARE(outcome.response.status, 413);
        QCOMPARE(outcome.batch.rejection->rule, u"body-too-large"_s);
    }

    void malformedJsonSaysWhere()
    {
        AgentProtocol protocol;
        const auto outcome = protocol.handle(post(eventPath, "{\n  \"title\": \"a\",\n  \"text\" \"b\"\n}"), {}, 1000);
        QCOMPARE(outcome.response.status, 400);
        QCOMPARE(outcome.batch.rejection->rule, u"malformed-json"_s);
        QVERIFY2(outcome.batch.rejection->reason.contains(u"line 3, column"_s),
                 qPrintable(outcome.batch.rejection->reason));
        QCOMPARE(protocol.handle(post(eventPath, "  "), {}, 1000).batch.rejection->rule, u"malformed-json"_s);
    }

    // A byte order mark is named at both endpoints (QJsonDocument alone would skip it for events).
    void aByteOrderMarkIsNamed()
    {
        AgentProtocol protocol;
        for (const QByteArray &path : {eventPath, tracePath}) {
            const auto outcome = protocol.handle(post(path, "\xef\xbb\xbf[]"), {}, 1000);
            QCOMPARE(outcome.response.status, 400);
            QCOMPARE(outcome.batch.rejection->rule, u"malformed-json"_s);
            QVERIFY2(outcome.batch.rejection->reason.contains(u"UTF-8 byte order mark"_s),
                     qPrintable(outcome.batch.rejection->reason));
        }
    }

    void wrongContentNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("field");

        QTest::newRow("number for a span") << tracePath << QByteArray("[1]") << u"not-a-span"_s << u"[0]"_s;
        QTest::newRow("string body") << eventPath << QByteArray("\"hello\"") << u"wrong-type"_s << u"the event"_s;
        QTest::newRow("timestamp string") << tracePath << span(0, ",\"x\":1").replace("1700000000000", "\"soon\"")
                                          << u"wrong-type"_s << u"timestamp"_s;
        QTest::newRow("fractional duration")
            << tracePath << span(0).replace("\"duration\":1", "\"duration\":1.5") << u"wrong-type"_s << u"duration"_s;
        QTest::newRow("missing spanId") << tracePath
                                        << QByteArray(R"({"traceId":"a","timestamp":1,"duration":1,"name":"n"})")
                                        << u"missing-field"_s << u"spanId"_s;
        QTest::newRow("bad type") << tracePath << span(0, ",\"type\":\"SERVER\"") << u"bad-type"_s << u"type"_s;
        QTest::newRow("type number") << tracePath << span(0, ",\"type\":1") << u"wrong-type"_s << u"type"_s;
        QTest::newRow("name missing") << tracePath << span(0).replace(",\"name\":\"s\"", "") << u"missing-field"_s
                                      << u"name"_s;
        QTest::newRow("error as string") << tracePath << span(0, ",\"error\":\"yes\"") << u"wrong-type"_s << u"error"_s;
        QTest::newRow("data as array") << tracePath << span(0, ",\"data\":[]") << u"wrong-type"_s << u"data"_s;
        QTest::newRow("negative duration") << tracePath << span(0).replace("\"duration\":1", "\"duration\":-1")
                                           << u"negative-duration"_s << u"duration"_s;
        QTest::newRow("severity 3") << eventPath << QByteArray(R"([{"title":"t"},{"title":"t","severity":3}])")
                                    << u"bad-severity"_s << u"[1] has severity"_s;
        QTest::newRow("title number") << eventPath << QByteArray(R"({"title":5})") << u"wrong-type"_s << u"title"_s;
        QTest::newRow("negative event duration")
            << eventPath << QByteArray(R"({"title":"t","duration":-5})") << u"negative-duration"_s << u"duration"_s;
    }

    void wrongContentNamesTheField()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, rule);
        QFETCH(QString, field);

        AgentProtocol protocol;
        auto outcome = protocol.handle(post(path, body), {}, 1000);
        QCOMPARE(outcome.response.status, 400);
        QCOMPARE(outcome.batch.rejection->rule, rule);
        QVERIFY2(outcome.batch.rejection->reason.contains(field), qPrintable(outcome.batch.rejection->reason));
        QVERIFY(outcome.batch.items.isEmpty());

        // Lenient: taken, with the error as a finding of the item or the request.
        protocol.setLenient(true);
        outcome = protocol.handle(post(path, body), {}, 2000);
        QCOMPARE(outcome.response.status, 200);
        QVERIFY(!outcome.batch.rejection);
        QCOMPARE(outcome.batch.request.findings.size(), 1);
        QCOMPARE(outcome.batch.request.findings.at(0).rule, rule);
    }

    void rateLimitOfTheTraceEndpoint()
    {
        AgentProtocol protocol;
        const HttpRequest request = post(tracePath, span(1));
        for (int i = 0; i < 20; ++i)
            QCOMPARE(protocol.handle(request, {}, 10000 + i * 10).response.status, 200);
        auto outcome = protocol.handle(request, {}, 10200);
        QCOMPARE(outcome.response.status, 429);
        QCOMPARE(outcome.batch.rejection->rule, u"rate-limit"_s);
        QCOMPARE(outcome.response.headers.value(0).first, QByteArray("Retry-After"));
        QCOMPARE(outcome.response.headers.value(0).second, QByteArray("1"));
        // Events are not limited.
        QCOMPARE(protocol.handle(post(eventPath, "{\"title\":\"t\"}"), {}, 10200).response.status, 200);
        // One second after the first call, one more fits: the window slides.
        QCOMPARE(protocol.handle(request, {}, 11000).response.status, 200);
        QCOMPARE(protocol.handle(request, {}, 11005).response.status, 429);
        QCOMPARE(protocol.handle(request, {}, 11010).response.status, 200);
        // Twenty calls at once, a second later, all fit again.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(protocol.handle(request, {}, 13000).response.status, 200);

        protocol.setLenient(true);
        outcome = protocol.handle(request, {}, 13000);
        QCOMPARE(outcome.response.status, 200);
        QCOMPARE(outcome.batch.request.findings.value(0).rule, u"rate-limit"_s);
    }

    void escapedAndPrettySpans()
    {
        AgentProtocol protocol;
        // An escaped type is still the type; pretty-printed spans are measured as sent.
        const QByteArray escaped
            = "{\n  \"spanId\": \"a\",\n  \"traceId\": \"b\",\n  \"timestamp\": 1,\n  \"duration\": 2.0,\n"
              "  \"name\": \"n\",\n  \"type\": \"EXI\\u0054\",\n  \"extra\": 1\n}";
        const auto outcome = protocol.handle(post(tracePath, escaped), {}, 1000);
        QCOMPARE(outcome.response.status, 200);
        // Taken, with what the span rules find beyond what the agent refuses.
        QStringList rules;
        for (const Finding &finding : outcome.batch.items.at(0).findings)
            rules << finding.rule;
        QCOMPARE(rules,
                 (QStringList{u"id-length"_s, u"id-length"_s, u"number-format"_s, u"unknown-field"_s,
                              u"implausible-timestamp"_s}));
        QVERIFY(outcome.batch.items.at(0).findings.at(3).message.contains(u"extra"_s));
        QCOMPARE(outcome.batch.items.at(0).summary.type, u"EXIT"_s);
        QVERIFY(!outcome.batch.items.at(0).json.contains('\n'));
    }

    void warningsDoNotReject()
    {
        AgentProtocol protocol;
        const auto outcome = protocol.handle(
            post(eventPath,
                 R"([{"title":"host online"},{"text":"no title","colour":"red"},{"title":"x","severity":10}])"),
            {}, 1000);
        QCOMPARE(outcome.response.status, 200);
        QCOMPARE(outcome.batch.items.size(), 3);
        QCOMPARE(outcome.batch.items.at(0).findings.value(0).rule, u"presence-event"_s);
        QStringList rules;
        for (const Finding &finding : outcome.batch.items.at(1).findings)
            rules << finding.rule;
        QCOMPARE(rules, (QStringList{u"missing-title"_s, u"unknown-field"_s}));
        QVERIFY(outcome.batch.items.at(2).findings.isEmpty());
        QCOMPARE(bodyOf(outcome).value(u"warnings"_s).toInt(), 3);
    }

    void routing()
    {
        AgentProtocol protocol;
        protocol.setLenient(true); // even lenient, these are refused
        auto outcome = protocol.handle(post("/com.instana.plugin.nodejs.discovery", "{}"), {}, 1000);
        QCOMPARE(outcome.response.status, 404);
        QCOMPARE(outcome.batch.rejection->rule, u"unknown-endpoint"_s);

        HttpRequest get = post(eventPath, {});
        get.method = "GET";
        outcome = protocol.handle(get, {}, 1000);
        QCOMPARE(outcome.response.status, 405);
        QCOMPARE(outcome.response.headers.value(0).second, QByteArray("POST"));

        get.target = "/";
        outcome = protocol.handle(get, {}, 1000);
        QCOMPARE(outcome.response.status, 200);
        QVERIFY(!outcome.capture);
        QVERIFY(bodyOf(outcome).value(u"agent"_s).toString().contains(u"local agent"_s));

        // Absolute form and a query string still reach the endpoint.
        outcome = protocol.handle(post("http://localhost:42699" + eventPath + "?x=1", "{\"title\":\"t\"}"), {}, 1000);
        QCOMPARE(outcome.response.status, 200);
    }

    void credentialsAreNotKept()
    {
        AgentProtocol protocol;
        HttpRequest request = post(eventPath, "{\"title\":\"t\"}");
        request.head = "POST " + eventPath
            + " HTTP/1.1\r\nAuthorization: apiToken s3cr3t-t0ken\r\nCookie: a=s3cr3t\r\n"
              "X-Instana-Key: s3cr3t-key\r\nHost: x\r\n\r\n";
        const auto outcome = protocol.handle(request, {}, 1000);
        QCOMPARE(outcome.response.status, 200);
        QVERIFY(!outcome.batch.request.head.contains("s3cr3t"));
        QVERIFY(outcome.batch.request.head.contains("Authorization: (redacted)\r\n"));
        QVERIFY(outcome.batch.request.head.contains("Host: x\r\n"));
        const auto refused = protocol.refuse(400, u"bad-header"_s, u"x"_s, request.head, {}, 1000);
        QVERIFY(!refused.batch.request.head.contains("s3cr3t"));
    }

    void requestIdsIncrease()
    {
        AgentProtocol protocol;
        const auto a = protocol.handle(post(eventPath, "{\"title\":\"t\"}"), {}, 1);
        const auto b = protocol.refuse(408, u"timeout"_s, u"slow"_s, "POST /x HTTP/1.1\r\n", u"s"_s, 2);
        QVERIFY(b.batch.request.id > a.batch.request.id);
        QCOMPARE(b.batch.request.method, QByteArray("POST"));
        QCOMPARE(b.batch.request.path, QByteArray("/x"));
        QCOMPARE(b.response.status, 408);
    }
};

QTEST_GUILESS_MAIN(TestAgentProtocol)
#include "tst_agentprotocol.moc"
