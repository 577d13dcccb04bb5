#include "core/agentapi/agentendpoint.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Workbench::AgentEndpoint;

class TestAgentEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        QCOMPARE(AgentEndpoint::defaultUrl().toString(), u"http://127.0.0.1:42699"_s);
        QCOMPARE(AgentEndpoint::eventUrl(AgentEndpoint::defaultUrl()).toString(),
                 u"http://127.0.0.1:42699/com.instana.plugin.generic.event"_s);
        QCOMPARE(AgentEndpoint::traceUrl(AgentEndpoint::defaultUrl()).toString(),
                 u"http://127.0.0.1:42699/com.instana.plugin.generic.trace"_s);
        QCOMPARE(AgentEndpoint::displayName(AgentEndpoint::defaultUrl()), u"127.0.0.1:42699"_s);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::addColumn<QString>("errorPart");

        QTest::newRow("host") << u"agent.local"_s << u"http://agent.local:42699"_s << QString();
        QTest::newRow("host:port") << u"10.0.0.5:4000"_s << u"http://10.0.0.5:4000"_s << QString();
        QTest::newRow("url") << u"http://localhost:42699"_s << u"http://localhost:42699"_s << QString();
        QTest::newRow("slash") << u"http://localhost:42699/"_s << u"http://localhost:42699"_s << QString();
        QTest::newRow("spaces") << u"  127.0.0.1  "_s << u"http://127.0.0.1:42699"_s << QString();
        QTest::newRow("http without port") << u"http://agent"_s << u"http://agent:42699"_s << QString();
        QTest::newRow("https without port") << u"https://agent"_s << u"https://agent:443"_s << QString();
        QTest::newRow("uppercase scheme") << u"HTTP://Agent:1"_s << u"http://agent:1"_s << QString();
        QTest::newRow("ipv6") << u"http://[::1]:42699"_s << u"http://[::1]:42699"_s << QString();
        QTest::newRow("event endpoint pasted")
            << u"http://localhost:42699/com.instana.plugin.generic.event"_s << u"http://localhost:42699"_s << QString();
        QTest::newRow("trace endpoint pasted")
            << u"localhost:42699/com.instana.plugin.generic.trace"_s << u"http://localhost:42699"_s << QString();

        QTest::newRow("empty") << QString() << QString() << u"empty"_s;
        QTest::newRow("blank") << u"   "_s << QString() << u"empty"_s;
        QTest::newRow("ftp") << u"ftp://agent"_s << QString() << u"http or https"_s;
        QTest::newRow("port too big") << u"agent:99999"_s << QString() << u"not a valid address"_s;
        QTest::newRow("port zero") << u"agent:0"_s << QString() << u"Port 0"_s;
        QTest::newRow("path") << u"http://agent:1/api"_s << QString() << u"path"_s;
        QTest::newRow("query") << u"http://agent:1/?a=b"_s << QString() << u"query"_s;
        QTest::newRow("credentials") << u"http://user:pw@agent:1"_s << QString() << u"user name"_s;
        QTest::newRow("no host") << u"http://:42699"_s << QString() << QString();
        QTest::newRow("garbage") << u"ht tp://\x01"_s << QString() << QString();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(QString, errorPart);

        QString error;
        const auto url = AgentEndpoint::parse(text, &error);
        if (expected.isEmpty()) {
            QVERIFY2(!url, qPrintable(url ? url->toString() : QString()));
            QVERIFY(!error.isEmpty());
            if (!errorPart.isEmpty())
                QVERIFY2(error.contains(errorPart), qPrintable(error));
        } else {
            QVERIFY2(url, qPrintable(error));
            QCOMPARE(url->toString(), expected);
            // What was parsed parses to itself.
            QCOMPARE(AgentEndpoint::parse(url->toString())->toString(), expected);
        }
    }

    void loopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << u"http://127.0.0.1:1"_s << true;
        QTest::newRow("127.1.2.3") << u"http://127.1.2.3:1"_s << true;
        QTest::newRow("localhost") << u"http://LOCALHOST:1"_s << true;
        QTest::newRow("::1") << u"http://[::1]:1"_s << true;
        QTest::newRow("10.0.0.1") << u"http://10.0.0.1:1"_s << false;
        QTest::newRow("name") << u"http://agent:1"_s << false;
    }

    void loopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, loopback);
        QCOMPARE(AgentEndpoint::isLoopback(QUrl(url)), loopback);
    }
};

QTEST_GUILESS_MAIN(TestAgentEndpoint)
#include "tst_agentendpoint.moc"
