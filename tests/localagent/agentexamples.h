#pragma once

#include <QByteArray>
#include <QString> // QStringBuilder, for "text" + QByteArray

// The examples of the agent documentation (../shared/instana-api/info-with-agent-api.md),
// and the bytes the tools named there put on the wire for them.
namespace AgentExamples {

inline const QByteArray curlEventBody
    = R"({"title":"Custom API Events ", "text": "Failure Redeploying Service Duration", "duration": 5000, "severity": -1})";
inline const QByteArray powerShellEventBody
    = R"({"title":"PowerShell Event ", "text": "You used PowerShell to create this event!", "duration": 5000, "severity": -1})";
// What Ruby's `payload.to_json` makes of the Ruby example's hash (duration as computed then).
inline const QByteArray rubyEventBody
    = R"({"title":"Deployed MyApp","text":"pglombardo deployed MyApp@revision","duration":1234})";

inline const QByteArray traceBody = R"([
  {
    "spanId": "8165b19a37094800",
    "traceId": "1368e0592a91fe00",
    "timestamp": 1591346182000,
    "duration": 134,
    "name": "GET /my/service/asdasd",
    "type": "ENTRY",
    "error": false,
    "data": {
      "http.url": "https://orders.happyshop.com/my/service/asdasd",
      "http.method": "GET",
      "http.status_code": 200,
      "http.path": "/my/service/asdasd",
      "http.host": "orders.happyshop.com"
    }
  },
  {
    "spanId": "7ddf6b31b320cc00",
    "parentId": "8165b19a37094800",
    "traceId": "1368e0592a91fe00",
    "timestamp": 1591346182010,
    "duration": 97,
    "name": "GET /orders/asdasd",
    "type": "EXIT",
    "error": false,
    "data": {
      "http.url": "https://crm.internal/orders/asdasd",
      "http.method": "GET",
      "http.status_code": 200,
      "http.path": "/orders/asdasd",
      "http.host": "crm.internal"
    }
  }
]
)";

// curl 7.88 (Debian 12): `curl -XPOST URL -H "Content-Type: application/json" -d '...'`
inline QByteArray curlEventRequest(quint16 port)
{
    return "POST /com.instana.plugin.generic.event HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port)
        + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(curlEventBody.size()) + "\r\n\r\n" + curlEventBody;
}

// Ruby's Net::HTTP::Post with 'Content-Type' => 'application/json', inside Net::HTTP.start.
inline QByteArray rubyEventRequest(quint16 port)
{
    return "POST /com.instana.plugin.generic.event HTTP/1.1\r\nContent-Type: application/json\r\n"
           "Accept-Encoding: gzip;q=1.0,deflate;q=0.6,identity;q=0.3\r\nAccept: */*\r\nUser-Agent: Ruby\r\n"
           "Host: localhost:"
        + QByteArray::number(port) + "\r\nContent-Length: " + QByteArray::number(rubyEventBody.size()) + "\r\n\r\n"
        + rubyEventBody;
}

// Windows PowerShell 5.1's Invoke-RestMethod -Method POST -Body '...': no JSON content type,
// and it waits for "100 Continue" before the body.
inline QByteArray powerShellEventHead(quint16 port)
{
    return "POST /com.instana.plugin.generic.event HTTP/1.1\r\n"
           "User-Agent: Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.1682\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nHost: localhost:"
        + QByteArray::number(port) + "\r\nContent-Length: " + QByteArray::number(powerShellEventBody.size())
        + "\r\nExpect: 100-continue\r\nConnection: Keep-Alive\r\n\r\n";
}

// curl -0 (HTTP/1.0) with the heredoc on stdin (-d @-), which strips the newlines.
inline QByteArray curlTraceRequest(quint16 port)
{
    QByteArray body = traceBody;
    body.replace('\n', "");
    return "POST /com.instana.plugin.generic.trace HTTP/1.0\r\nHost: localhost:" + QByteArray::number(port)
        + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json; charset=utf-8\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace AgentExamples
