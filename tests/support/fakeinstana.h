#pragma once

#include "core/rest/connectionoptions.h"
#include "tests/support/tlsserver.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace TestSupport {

// A stand-in for an Instana backend's REST API, for tests and benchmarks: a real HTTP/1.1
// server on 127.0.0.1 (a free port chosen by the system), in the thread that makes it; answers
// come from the event loop, so the test must let it run (QTRY_*, QSignalSpy::wait,
// TestSupport::run for a child process).
//
// Every request is recorded (requests()), answered or not, so that a test can check where the
// token arrived and where it did not. Every request to a path under /api must carry
// `authorization: apiToken <token>`, or it is answered 401 with {"errors": [...]}. Every answer
// carries X-RateLimit-Limit, -Remaining and -Reset (seconds since the epoch); Remaining goes
// down by one with each answered /api request, as Instana counts calls.
//
// What it serves, shaped as openapi.yaml's schemas and examples:
//   GET  /api/instana/version   {"branch", "commit", "imageTag"}
//   GET  /api/instana/health    {"health": "GREEN", "messages": []}
//   GET  /api/application-monitoring/applications?page=&pageSize=
//        {"items": [{"boundaryScope", "entityType", "id", "label"}], "page", "pageSize", "totalHits"}
//        (pages count from 1; pageSize 20 unless asked, at most 200)
//   POST /api/application-monitoring/analyze/traces  with {"pagination": {"retrievalSize",
//        "offset", "ingestionTime"}} -> {"items": [{"trace": {...}, "cursor": {"@class",
//        "ingestionTime", "offset"}}], "canLoadMore", "totalHits"} (retrievalSize 20 unless
//        asked, at most 200; a cursor is the last item's ingestionTime and offset)
//   GET  /api/application-monitoring/v2/analyze/traces/{id}?retrievalSize=&offset=&ingestionTime=
//        {"items": [{"id", "timestamp", "name", "duration", ..., "cursor": {...}}], "canLoadMore",
//        "totalHits"}: the calls of one trace, with cursors in the query (retrievalSize 20 unless
//        asked, at most 200). Call k (from 0) has id k + 1 in 16 hex digits; call 0 is the root,
//        the parent of call k > 0 is call (k - 1) / 2, so the calls form a binary tree; call k
//        starts callTimestamp(k) and lasts callDuration(k), inside its parent; every seventh (k % 7
//        == 6) has errorCount 1.
// The REST Browser catalog's views (core/browse/catalog.h), counts settable, ids made from an
// index ("snap-0007"), times from the request's `to` (now when absent); a to or windowSize that
// is not a number, or a window over 31 days, is 400:
//   GET  /api/infrastructure-monitoring/snapshots?query=&plugin=&offline=&size=&to=&windowSize=
//        {"items": [{"snapshotId", "plugin", "from", "to", "tags", "label", "host"}]}: snapshot i
//        is of plugin host, jvmRuntimePlatform, docker (i % 3) on "host-<i/3>", every tenth is
//        offline (listed with offline=true only), the even ones tagged zone:production; the
//        query's terms entity.type:X, entity.host:X, entity.tag:X match those, any other term
//        the label; at most size (100 unless asked)
//   GET  /api/infrastructure-monitoring/snapshots/{id}: the snapshot with entityId and data;
//        404 for an unknown id
//   GET  /api/host-agent?query=&offline=&size=: the same listing of agents "agent-<i>"
//   GET  /api/infrastructure-monitoring/topology?includeData=: {"nodes": [...], "edges":
//        [{"source", "destination", "relation": "in"}]}, a node per snapshot
//   GET  /api/application-monitoring/services, .../applications;id=<id>/services (service i is
//        application i % applications'; 404 for an unknown application) and
//        .../applications/services/endpoints: pages as applications, with nameFilter on labels
//   GET  /api/website-monitoring/config, /api/mobile-app-monitoring/config: arrays; /{id}: one,
//        404 for an unknown id
//   GET  /api/application-monitoring/settings/service, .../settings/manual-service: arrays
//   GET  /api/events?to=&windowSize=&eventTypeFilters=: events spread over the window, of
//        types incident, issue, change in turn
//
// Backend traces and metrics (their own block):
//   GET  /api/application-monitoring/v2/analyze/traces/{traceId}/calls/{callId}/details
//        {"id", "label", "start", "duration", "errorCount", "source", "destination", "spans",
//        "logs"}: the root call has one ENTRY span (its id the call's id), any other call an EXIT
//        span (id exitSpanId(k), parent the entry span of the parent call) and an ENTRY span (the
//        call's id, parent the EXIT span), with data {"service": "service-<depth>", "http":
//        {"method", "url", "status"}}; 404 for a call the trace does not have
//   POST /api/infrastructure-monitoring/metrics  {metrics (1-5), plugin, snapshotIds (1-30) or
//        query, rollup (s), timeFrame} -> {"items": [{"snapshotId", "label", "plugin", "host",
//        "metrics": {id: [[ms, value], ...]}}]}: points every rollup from the window's start
//        (at most 600), point j of metric m of snapshot s (each counted from 0) has the value
//        infrastructureValue(s, m, j); a query gives the snapshots "snapshot-q0" and
//        "snapshot-q1"; bad bodies 400
//   POST /api/application-monitoring/metrics/{applications,services,endpoints}  {metrics:
//        [{metric, aggregation, granularity}], applicationId / serviceId / endpointId,
//        timeFrame} -> {"items": [{"application"|"service"|"endpoint": {"id", "label"},
//        "metrics": {"latency.mean": [[ms, value], ...]}}], "page", "pageSize", "totalHits"}:
//        one item for the id asked for (three without one), points every granularity (60 s
//        unless given, at most 600), point j of metric m has applicationValue(m, j)
//   GET  /api/infrastructure-monitoring/catalog/metrics/{plugin}  [{"metricId", "label",
//        "formatter", "pluginId", "description", "custom"}]: for "host" cpu.user, cpu.sys,
//        memory.used and load.1min; for any other plugin "<plugin>.requests"
// Anything else under /api is 404 with {"errors": [...]}, unless a fault or answerWith() says.
//
// Made with a TlsCertificate, it serves the same over HTTPS with that throwaway certificate
// (tlsserver.h): caBundle() is then the PEM file that makes a client trust it. A client that
// refuses the certificate sends nothing, so no request is recorded.
//
// Faults are set per path (without query, as sent) for the next `count` requests to it (-1:
// every one, until clearFaults()); they apply after the token was checked. The latest fault set
// for a path is used first.
class FakeInstana : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path; // without the query, as sent
        QUrlQuery query;
        QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
        QByteArray body;
        qint64 atMs = 0; // when it had arrived whole: monotonic, ms since the server was made
        bool authorized = false; // carried the expected authorization header

        QByteArray header(const QByteArray &lowerCaseName) const;
    };

    static constexpr qint64 IngestionTime = 1725601787000; // of every trace, as in the spec's example

    // The ids of items the fake served: an application's "id", a trace's "trace.id" or a call's "id".
    static QStringList itemIds(const QJsonArray &items);

    explicit FakeInstana(QByteArray token = "fake-instana-token", QObject *parent = nullptr);
    // Over HTTPS, showing `certificate`; not listening, with errorString(), when the throwaway
    // certificates could not be made.
    explicit FakeInstana(TlsCertificate certificate, QByteArray token = "fake-instana-token",
                         QObject *parent = nullptr);
    ~FakeInstana() override;

    bool isListening() const { return m_server->isListening(); }
    // Why it is not listening; empty when it is.
    QString errorString() const;
    quint16 port() const { return m_server->serverPort(); }
    bool isTls() const { return m_tls.has_value(); }
    // The PEM file of the certificate shown over HTTPS (the CA bundle that trusts it); empty
    // for plain HTTP.
    QString caBundle() const;
    // "http://127.0.0.1:<port>", or "https://127.0.0.1:<port>" over HTTPS
    QUrl baseUrl() const;
    QUrl url(const QString &path) const;
    // Options for a client of this server: its base URL, no proxy, a timeout of 10 s.
    Workbench::Rest::ConnectionOptions clientOptions() const;

    QByteArray token() const { return m_token; }
    void setToken(QByteArray token) { m_token = std::move(token); }

    // The rate limit the answers tell (5,000 an hour, all left, reset at the next full hour
    // unless set). Remaining goes down from `remaining`.
    void setRateLimit(qint64 limit, qint64 remaining, qint64 resetEpochSeconds);
    // Sends these header values instead, as they are (garbage, too); an empty list sends none.
    void setRateLimitHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers);

    // Answers `status` with optional Retry-After and {"errors": errors}.
    void failWith(const QByteArray &path, int status, int count = 1, const QByteArray &retryAfter = {},
                  const QStringList &errors = {});
    // Answers with this status and body, as given (any bytes, any Content-Type).
    void answerWith(const QByteArray &path, int status, const QByteArray &body,
                    const QByteArray &contentType = "application/json", int count = -1);
    // Answers 200 with a body that is no JSON.
    void answerNotJson(const QByteArray &path, int count = -1);
    // Reads the request and never answers; the connection stays open.
    void hang(const QByteArray &path, int count = -1);
    // Reads the request and closes the connection without an answer.
    void dropConnection(const QByteArray &path, int count = 1);
    // Answers `status` (301, 302, 307, 308) with Location: `to`.
    void redirect(const QByteArray &path, const QUrl &to, int status = 302, int count = -1);
    // Answers 200 with a JSON array of items ({"id", "label", "value"}) of exactly `bytes` bytes
    // (at least 2), made as it is written, in chunks: the server never holds more than a few MiB.
    void answerLarge(const QByteArray &path, qint64 bytes, int count = -1);
    void clearFaults();

    // Items the paging endpoints have (45 applications and 45 traces unless set).
    void setApplicationCount(int count) { m_applications = count; }
    void setTraceCount(int count) { m_traces = count; }
    // Calls of the trace that v2/analyze/traces/{id} serves (45 unless set).
    void setCallCount(int count) { m_calls = count; }
    // The faults of endless paging: every page is the first one (same items, whatever page or
    // cursor is asked for), and analyze/traces says canLoadMore forever.
    void setPagingStuck(bool stuck) { m_pagingStuck = stuck; }

    // The catalog's listings (core/browse/catalog.h): 45 snapshots, 3 agents, 45 services, 45
    // endpoints, 3 websites, 2 mobile apps, 4 custom service rules, 2 manual service mappings and
    // 12 events unless set.
    void setSnapshotCount(qint64 count) { m_snapshots = count; }
    void setAgentCount(qint64 count) { m_agents = count; }
    void setServiceCount(int count) { m_services = count; }
    void setEndpointCount(int count) { m_endpoints = count; }
    void setWebsiteCount(int count) { m_websites = count; }
    void setMobileAppCount(int count) { m_mobileApps = count; }
    void setServiceConfigCount(int count) { m_serviceConfigs = count; }
    void setManualServiceCount(int count) { m_manualServices = count; }
    void setEventCount(int count) { m_events = count; }
    // Backend traces and metrics: what the calls, their details and the metrics serve.
    static QString callId(int call);
    static QString exitSpanId(int call);
    static int callParent(int call) { return call == 0 ? -1 : (call - 1) / 2; }
    qint64 callTimestamp(int call) const { return IngestionTime - 60000 + call; }
    qint64 callDuration(int call) const { return qint64(m_calls) * 2 + 100 - qint64(call) * 2; }
    static double infrastructureValue(int snapshot, int metric, int point)
    {
        return (snapshot + 1) * 100 + (metric + 1) * 10 + point % 10;
    }
    static double applicationValue(int metric, int point) { return (metric + 1) * 1000 + point % 50; }

    const QList<Request> &requests() const { return m_requests; }
    QList<Request> requestsTo(const QByteArray &path) const;
    void clearRequests() { m_requests.clear(); }
    // Connections accepted so far.
    int connections() const { return m_connections; }

Q_SIGNALS:
    // A request arrived whole: requests().at(index).
    void requestReceived(int index);

private:
    class Connection;
    struct Fault
    {
        enum class Kind { Status, Canned, Hang, Drop, Redirect, Large };
        Kind kind = Kind::Status;
        int status = 200;
        QByteArray body;
        QByteArray contentType;
        QByteArray retryAfter;
        QByteArray location;
        qint64 bytes = 0;
        int remaining = -1;
    };
    struct Answer
    {
        enum class Kind { Normal, Hang, Drop, Large };
        Kind kind = Kind::Normal;
        int status = 200;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray contentType = "application/json";
        qint64 largeBytes = 0;
    };

    void listen();
    void accept();
    Answer answer(const Request &request);
    Answer route(const Request &request) const;
    Answer applications(const Request &request) const;
    Answer traces(const Request &request) const;
    Answer traceCalls(const Request &request) const;
    // Backend traces and metrics.
    Answer callDetails(const Request &request) const;
    Answer infrastructureMetrics(const Request &request) const;
    Answer applicationMetrics(const Request &request) const;
    Answer metricCatalog(const Request &request) const;
    QList<std::pair<QByteArray, QByteArray>> rateLimitHeaders(bool counted);

    // The catalog's endpoints (fakeinstanabrowse.cpp); nothing for another path.
    std::optional<Answer> browse(const Request &request) const;
    Answer searchSnapshots(const Request &request, qint64 count, bool agents) const;
    Answer pageOf(const Request &request, qint64 count, const std::function<QJsonObject(qint64)> &item) const;
    QJsonObject snapshotItem(qint64 index, qint64 to, bool withData) const;
    QJsonObject serviceItem(qint64 index) const;
    static bool snapshotMatches(const QJsonObject &snapshot, const QString &query, const QString &plugin);
    static Answer jsonAnswer(const QJsonValue &value);
    static Answer errorAnswer(int status, const QString &message);
    void addFault(const QByteArray &path, Fault fault);

    QByteArray m_token;
    QElapsedTimer m_clock;
    QList<Request> m_requests;
    QHash<QByteArray, QList<Fault>> m_faults;
    QList<std::pair<QByteArray, QByteArray>> m_customRateHeaders;
    bool m_useCustomRateHeaders = false;
    qint64 m_rateLimit = 5000;
    qint64 m_rateRemaining = 5000;
    qint64 m_rateReset = 0;
    int m_applications = 45;
    int m_traces = 45;
    int m_calls = 45;
    int m_connections = 0;
    bool m_pagingStuck = false;
    qint64 m_snapshots = 45;
    qint64 m_agents = 3;
    int m_services = 45;
    int m_endpoints = 45;
    int m_websites = 3;
    int m_mobileApps = 2;
    int m_serviceConfigs = 4;
    int m_manualServices = 2;
    int m_events = 12;
    std::optional<TlsCertificate> m_tls;
    QString m_error;
    std::unique_ptr<QTcpServer> m_server; // last: its connections go before what they use
};

} // namespace TestSupport
