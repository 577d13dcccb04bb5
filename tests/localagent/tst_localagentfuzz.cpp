// Thousands of generated malformed requests, HTTP and JSON, thrown at the local agent over
// real sockets from several clients at once. Every one must be answered with an HTTP status,
// and the agent must keep serving. Reproducible: the cases come from a fixed seed
// (WORKBENCH_FUZZ_SEED overrides it, WORKBENCH_FUZZ_CASES the count).

#include "core/localagent/localagent.h"

#include "tests/localagent/agentexamples.h"
#include "tests/support/rawhttp.h"

#include <QMutex>
#include <QTest>
#include <QThread>

#include <atomic>
#include <random>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;

namespace {

const QByteArray eventPath = "/com.instana.plugin.generic.event";
const QByteArray tracePath = "/com.instana.plugin.generic.trace";

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {
    }

    int below(int n) { return n > 0 ? int(m_random() % quint32(n)) : 0; }
    char anyByte() { return char(m_random() & 0xff); }

    QByteArray validSpans()
    {
        QByteArrayList spans;
        const int count = 1 + below(5);
        for (int i = 0; i < count; ++i) {
            spans << "{\"spanId\":\"" + QByteArray::number(m_random(), 16) + "\",\"traceId\":\"abc\",\"timestamp\":"
                    + QByteArray::number(1700000000000LL + below(100000)) + ",\"duration\":"
                    + QByteArray::number(below(500)) + ",\"name\":\"op\",\"type\":\"EXIT\",\"data\":{\"k\":\"v\"}}";
        }
        return '[' + spans.join(",\n") + ']';
    }

    // JSON that is wrong in one of many ways.
    QByteArray badJson()
    {
        QByteArray json = below(2) ? validSpans() : AgentExamples::curlEventBody;
        switch (below(10)) {
        case 0: // cut short
            return json.left(below(int(json.size())));
        case 1: // a byte replaced
            json[below(int(json.size()))] = anyByte();
            return json;
        case 2: // random bytes inserted
            for (int i = below(5); i >= 0; --i)
                json.insert(below(int(json.size())), anyByte());
            return json;
        case 3: // deeply nested
            return QByteArray(1000 + below(20000), '[') + QByteArray(below(2) ? 10 : 25000, ']');
        case 4: // a huge string
            return "[{\"spanId\":\"" + QByteArray(100000 + below(200000), 'x') + "\"}]";
        case 5: // numbers out of range
            return "[{\"spanId\":\"a\",\"traceId\":\"b\",\"timestamp\":1e999,\"duration\":-0.5,\"name\":\"n\"}]";
        case 6: // invalid UTF-8 in a string
            return "{\"title\":\"\xff\xfe\xc3\x28 bad\"}";
        case 7: // wrong types everywhere
            return "[{\"spanId\":1,\"traceId\":[],\"timestamp\":\"x\",\"duration\":{},\"name\":null,\"type\":7,"
                   "\"error\":\"no\",\"data\":\"d\"}, 5, null, \"s\"]";
        case 8: // not JSON at all
            return QByteArray(1 + below(200), 'a');
        default: // a lone value
            return below(2) ? QByteArray("42") : QByteArray("\"text\"");
        }
    }

    // HTTP that is wrong in one of many ways (or right, with a wrong body).
    QByteArray badRequest()
    {
        const QByteArray path = below(2) ? tracePath : eventPath;
        QByteArray request = postRequest(path, below(3) ? badJson() : validSpans());
        switch (below(12)) {
        case 0: // cut short
            return request.left(1 + below(int(request.size()) - 1));
        case 1: // bytes flipped in the head
            for (int i = below(4); i >= 0; --i)
                request[below(int(request.indexOf("\r\n\r\n") + 1))] = anyByte();
            return request;
        case 2: { // a wrong Content-Length
            const qsizetype at = request.indexOf("Content-Length: ") + 16;
            const qsizetype end = request.indexOf("\r\n", at);
            const QByteArray lengths[]
                = {"-1", "abc", "99999999999999999999", "0", QByteArray::number(below(1000)), "1 2", ""};
            return request.replace(at, end - at, lengths[below(7)]);
        }
        case 3: // a garbage request line
        {
            QByteArray line;
            for (int i = 1 + below(80); i > 0; --i)
                line += anyByte();
            return line.replace('\n', ' ') + "\r\n" + request.mid(request.indexOf("\r\n") + 2);
        }
        case 4: // another method, version or path
        {
            const QByteArray firsts[]
                = {"GET " + path + " HTTP/1.1",   "PUT / HTTP/1.1", "POST " + path + " HTTP/3",
                   "POST " + path + " HTTX/1.1",  "POST  HTTP/1.1", "POST /../../etc/passwd HTTP/1.1",
                   "DELETE " + path + " HTTP/1.0"};
            return firsts[below(7)] + request.mid(request.indexOf("\r\n"));
        }
        case 5: // a bad chunked body
        {
            const QByteArray body = badJson();
            QByteArray chunked = "POST " + path + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
            const QByteArray sizes[] = {QByteArray::number(body.size(), 16), "zz", "-5", "ffffffffff",
                                        QByteArray::number(body.size() + 3, 16)};
            chunked += sizes[below(5)] + "\r\n" + body + "\r\n0\r\n\r\n";
            return chunked;
        }
        case 6: // an endless header
            return "POST " + path + " HTTP/1.1\r\nX-Long: " + QByteArray(70000 + below(10000), 'h') + "\r\n\r\n";
        case 7: // NUL bytes and bare CRs
            return request.replace("\r\n", below(2) ? QByteArray("\r") : QByteArray("\0\r\n", 3));
        case 8: // two requests glued, the second broken
            return request + request.left(below(int(request.size())) + 1) + "\r\n\r\n";
        case 9: // unsupported encoding
            return "POST " + path + " HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n";
        default:
            return request; // framing fine, the body decides
        }
    }

private:
    std::mt19937 m_random;
};

bool onlyBlankLines(const QByteArray &bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\r' || c == '\n'; });
}

} // namespace

class TestLocalAgentFuzz : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyMalformedRequestIsAnswered()
    {
        const quint32 seed = qEnvironmentVariableIsSet("WORKBENCH_FUZZ_SEED")
            ? quint32(qEnvironmentVariableIntValue("WORKBENCH_FUZZ_SEED"))
            : 20261123u;
        const int caseCount = qEnvironmentVariableIsSet("WORKBENCH_FUZZ_CASES")
            ? qEnvironmentVariableIntValue("WORKBENCH_FUZZ_CASES")
            : 4000;
        qInfo() << "seed" << seed << "cases" << caseCount;

        Generator generator(seed);
        QList<QByteArray> cases;
        for (int i = 0; i < caseCount; ++i) {
            QByteArray bytes
                = i % 2 ? generator.badRequest() : postRequest(i % 4 ? tracePath : eventPath, generator.badJson());
            if (bytes.isEmpty() || onlyBlankLines(bytes))
                bytes = "\x01";
            cases.append(bytes);
        }

        LocalAgent agent;
        LocalAgentConfig config;
        config.port = 0;
        config.lenient = false;
        config.requestTimeout = std::chrono::milliseconds(150);
        config.idleTimeout = std::chrono::milliseconds(150);
        config.maxConnections = 64;
        // The rate limit has its own tests; here it would stop most trace requests before
        // their bodies are read.
        config.traceCallsPerSecond = 1000000;
        QVERIFY(agent.start(config));
        const quint16 port = agent.port();

        std::atomic<int> next{0};
        QMutex mutex;
        QStringList unanswered;
        QMap<int, int> statuses;
        auto worker = [&] {
            for (int i = next++; i < cases.size(); i = next++) {
                RawHttpClient client;
                if (!client.connectTo(port)) {
                    QMutexLocker lock(&mutex);
                    unanswered << u"case %1: could not connect"_s.arg(i);
                    continue;
                }
                client.write(cases.at(i));
                const auto response = client.read(5000);
                QMutexLocker lock(&mutex);
                if (!response.ok || response.status < 200)
                    unanswered << u"case %1: %2 (%3 bytes: %4)"_s.arg(i)
                                      .arg(response.error)
                                      .arg(cases.at(i).size())
                                      .arg(QString::fromLatin1(cases.at(i).left(80).toPercentEncoding()));
                else
                    ++statuses[response.status];
            }
        };
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 16; ++t) {
            threads.push_back(std::unique_ptr<QThread>(QThread::create(worker)));
            threads.back()->start();
        }
        // The captured batches arrive in this thread; keep its event loop turning meanwhile.
        QVERIFY(QTest::qWaitFor(
            [&] { return std::all_of(threads.begin(), threads.end(), [](const auto &t) { return t->isFinished(); }); },
            600000));

        qInfo() << "answers by status:" << statuses;
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered.mid(0, 10).join(u'\n')));
        int answered = 0;
        for (const int count : std::as_const(statuses))
            answered += count;
        QCOMPARE(answered, caseCount);
        QVERIFY(statuses.value(400) > 0);
        QVERIFY(statuses.value(200) > 0); // some mutations leave valid requests

        // Still serving, and every connection was freed.
        RawHttpClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.send(postRequest(eventPath, AgentExamples::curlEventBody)).status, 200);
        client.close();
        QTRY_COMPARE_WITH_TIMEOUT(agent.connectionCount(), 0, 10000);
    }
};

QTEST_GUILESS_MAIN(TestLocalAgentFuzz)
#include "tst_localagentfuzz.moc"
