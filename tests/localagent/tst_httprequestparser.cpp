#include "core/localagent/httprequestparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::HttpRequest;
using Workbench::HttpRequestParser;
using Status = Workbench::HttpRequestParser::Status;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

    // Feeds the bytes in pieces of `step` bytes; returns the requests and the final status.
    static std::pair<QList<HttpRequest>, Status> parseInSteps(const QByteArray &bytes, qsizetype step,
                                                              HttpRequestParser::Limits limits = {})
    {
        HttpRequestParser parser(limits);
        QList<HttpRequest> requests;
        QByteArray buffer;
        Status status = Status::NeedMore;
        for (qsizetype at = 0; at < bytes.size(); at += step) {
            buffer.append(bytes.mid(at, step));
            for (;;) {
                status = parser.feed(buffer);
                if (status == Status::RequestReady) {
                    requests.append(parser.takeRequest());
                    continue;
                }
                break;
            }
            if (status == Status::Failed)
                break;
        }
        return {requests, status};
    }

private Q_SLOTS:
    void simpleRequestInEveryPieceSize()
    {
        const QByteArray bytes = "POST /com.instana.plugin.generic.event HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                 "application/json\r\nContent-Length: 13\r\n\r\n{\"title\":\"a\"}";
        for (qsizetype step = 1; step <= bytes.size(); ++step) {
            const auto [requests, status] = parseInSteps(bytes, step);
            QCOMPARE(status, Status::NeedMore);
            QCOMPARE(requests.size(), 1);
            const HttpRequest &request = requests.constFirst();
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.path(), QByteArray("/com.instana.plugin.generic.event"));
            QCOMPARE(request.header("content-type"), QByteArray("application/json"));
            QCOMPARE(request.body, QByteArray("{\"title\":\"a\"}"));
            QVERIFY(request.keepAlive());
            QVERIFY(request.head.startsWith("POST /com.instana"));
            QVERIFY(request.head.endsWith("\r\n\r\n"));
        }
    }

    void pipelinedAndChunked()
    {
        const QByteArray bytes = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n"
                                 "GET /b?q=1 HTTP/1.0\r\n\r\n"
                                 "\r\nPOST /c HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        for (const qsizetype step : {qsizetype(1), qsizetype(3), qsizetype(7), bytes.size()}) {
            const auto [requests, status] = parseInSteps(bytes, step);
            QCOMPARE(requests.size(), 3);
            QCOMPARE(requests.at(0).body, QByteArray("hello world"));
            QCOMPARE(requests.at(1).method, QByteArray("GET"));
            QCOMPARE(requests.at(1).path(), QByteArray("/b"));
            QCOMPARE(requests.at(1).minorVersion, 0);
            QVERIFY(!requests.at(1).keepAlive());
            QCOMPARE(requests.at(2).path(), QByteArray("/c"));
            QVERIFY(!requests.at(2).keepAlive());
        }
    }

    void keepAliveRules()
    {
        auto parseOne = [](const QByteArray &bytes) { return parseInSteps(bytes, bytes.size()).first.value(0); };
        QVERIFY(!parseOne("GET / HTTP/1.0\r\n\r\n").keepAlive());
        QVERIFY(parseOne("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
        QVERIFY(parseOne("GET / HTTP/1.1\r\n\r\n").keepAlive());
        QVERIFY(!parseOne("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive());
        QVERIFY(parseOne("GET / HTTP/1.1\nHost: lf-only\n\n").keepAlive());
    }

    void expectContinue()
    {
        HttpRequestParser parser;
        QByteArray buffer = "POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n";
        QCOMPARE(parser.feed(buffer), Status::NeedMore);
        QVERIFY(parser.isReadingBody());
        QVERIFY(parser.expectsContinue());
        buffer = "abc";
        QCOMPARE(parser.feed(buffer), Status::RequestReady);
        QCOMPARE(parser.takeRequest().body, QByteArray("abc"));
        QVERIFY(parser.isIdle());
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("rule");

        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n", 13) << 400
                                 << QByteArray("bad-request-line");
        QTest::newRow("two words") << QByteArray("HELLO WORLD\r\n") << 400 << QByteArray("bad-request-line");
        QTest::newRow("http/2") << QByteArray("POST / HTTP/2.0\r\n") << 505 << QByteArray("http-version");
        QTest::newRow("header without colon")
            << QByteArray("POST / HTTP/1.1\r\nNoColon\r\n") << 400 << QByteArray("bad-header");
        QTest::newRow("folded header") << QByteArray("POST / HTTP/1.1\r\nA: b\r\n c\r\n") << 400
                                       << QByteArray("bad-header");
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << 400
                                         << QByteArray("bad-content-length");
        QTest::newRow("length with letters")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n") << 400 << QByteArray("bad-content-length");
        QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                     << 400 << QByteArray("bad-content-length");
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                     << 400 << QByteArray("bad-content-length");
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400
            << QByteArray("bad-content-length");
        QTest::newRow("gzip encoding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501
                                       << QByteArray("transfer-encoding");
        QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4194305\r\n\r\n") << 413
                                        << QByteArray("body-too-large");
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << 400 << QByteArray("bad-chunk");
        QTest::newRow("chunk longer than said")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n") << 400
            << QByteArray("bad-chunk");
        QTest::newRow("chunks beyond 4 MiB")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400000\r\n") + QByteArray(0x400000, 'x')
                + "\r\n1\r\n"
            << 413 << QByteArray("body-too-large");
        QTest::newRow("endless request line") << QByteArray(70000, 'A') << 414 << QByteArray("request-line-too-long");
        QTest::newRow("endless header") << QByteArray("POST / HTTP/1.1\r\nX: ") + QByteArray(70000, 'a') << 431
                                        << QByteArray("header-too-large");
        QByteArray manyHeaders = "POST / HTTP/1.1\r\n";
        for (int i = 0; i < 300; ++i)
            manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("many headers") << manyHeaders << 431 << QByteArray("header-too-large");
    }

    void failures()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QByteArray, rule);
        for (const qsizetype step : {qsizetype(1), qsizetype(5), bytes.size()}) {
            if (step == 1 && bytes.size() > 100000)
                continue; // byte by byte through 4 MiB takes long and shows nothing new
            HttpRequestParser parser;
            QByteArray buffer;
            Status result = Status::NeedMore;
            for (qsizetype at = 0; at < bytes.size() && result == Status::NeedMore; at += step) {
                buffer.append(bytes.mid(at, step));
                result = parser.feed(buffer);
            }
            QCOMPARE(result, Status::Failed);
            QCOMPARE(parser.errorStatus(), status);
            QCOMPARE(parser.errorRule(), rule);
            QVERIFY(!parser.errorMessage().isEmpty());
            QCOMPARE(parser.feed(buffer), Status::Failed); // stays failed
        }
    }

    void truncatedRequestWaitsForMore()
    {
        HttpRequestParser parser;
        QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"a\":";
        QCOMPARE(parser.feed(buffer), Status::NeedMore);
        QVERIFY(!parser.isIdle());
        QVERIFY(parser.isReadingBody());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
