#include "tests/support/fakeinstana.h"

#include "core/localagent/httprequestparser.h"
#include "core/localagent/httpresponse.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpSocket>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace TestSupport {

namespace {

constexpr qint64 ChunkBytes = 256 * 1024;
constexpr qint64 MaxQueuedBytes = 1024 * 1024;
constexpr int MaxPageSize = 200;

QByteArray errorsBody(const QStringList &messages)
{
    QJsonArray errors;
    for (const QString &message : messages)
        errors.append(message);
    return QJsonDocument(QJsonObject{{u"errors"_s, errors}}).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// One item of the large answer; every item is as long as every other.
QByteArray largeItem(qint64 index)
{
    const QByteArray number = QByteArray::number(index).rightJustified(12, '0');
    // The value right-aligned with spaces: a number may not have leading zeros.
    return R"({"id":"item-)" + number + R"(","label":"Item )" + number + R"(","value":)"
        + QByteArray::number(index).rightJustified(12, ' ') + '}';
}

} // namespace

QByteArray FakeInstana::Request::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

// One client connection: reads requests one after the other and writes their answers.
class FakeInstana::Connection : public QObject
{
public:
    Connection(FakeInstana *server, QTcpSocket *socket)
        : QObject(socket)
        , m_server(server)
        , m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &Connection::read);
        connect(socket, &QTcpSocket::bytesWritten, this, &Connection::writeLarge);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void read()
    {
        if (m_stopped)
            return;
        m_buffer.append(m_socket->readAll());
        while (!m_stopped && m_largeLeft == 0) {
            const Workbench::HttpRequestParser::Status status = m_parser.feed(m_buffer);
            if (status == Workbench::HttpRequestParser::Status::NeedMore)
                return;
            if (status == Workbench::HttpRequestParser::Status::Failed) {
                Workbench::HttpResponse response;
                response.status = m_parser.errorStatus() > 0 ? m_parser.errorStatus() : 400;
                response.body = errorsBody({m_parser.errorMessage()});
                m_socket->write(response.serialize(false));
                m_socket->disconnectFromHost();
                m_stopped = true;
                return;
            }
            serve(m_parser.takeRequest());
        }
    }

    void serve(const Workbench::HttpRequest &http)
    {
        Request request;
        request.method = http.method;
        const QByteArray target = http.target;
        const qsizetype mark = target.indexOf('?');
        request.path = mark < 0 ? target : target.left(mark);
        if (mark >= 0)
            request.query.setQuery(QString::fromUtf8(target.mid(mark + 1)));
        request.headers = http.headers;
        request.body = http.body;
        request.atMs = m_server->m_clock.elapsed();
        request.authorized = request.header("authorization") == "apiToken " + m_server->m_token;
        m_server->m_requests.append(request);
        const int index = int(m_server->m_requests.size()) - 1;

        const Answer answer = m_server->answer(request);
        const bool keepAlive = http.keepAlive();
        switch (answer.kind) {
        case Answer::Kind::Hang:
            m_stopped = true;
            break;
        case Answer::Kind::Drop:
            m_stopped = true;
            m_socket->disconnectFromHost();
            break;
        case Answer::Kind::Large: {
            QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(answer.largeBytes) + "\r\nConnection: close\r\n";
            for (const auto &[name, value] : answer.headers)
                head += name + ": " + value + "\r\n";
            m_socket->write(head + "\r\n");
            m_largeTotal = answer.largeBytes;
            m_largeLeft = answer.largeBytes;
            m_largeItems = std::max<qint64>(0, (answer.largeBytes - 1) / (largeItem(0).size() + 1));
            m_largeNext = 0;
            writeLarge();
            break;
        }
        case Answer::Kind::Normal: {
            Workbench::HttpResponse response;
            response.status = answer.status;
            response.headers = answer.headers;
            response.body = answer.body;
            response.contentType = answer.contentType;
            m_socket->write(response.serialize(keepAlive));
            if (!keepAlive) {
                m_socket->disconnectFromHost();
                m_stopped = true;
            }
            break;
        }
        }
        Q_EMIT m_server->requestReceived(index);
    }

    // The large answer, made as the socket takes it: '[' items joined by ',', spaces, ']'.
    void writeLarge()
    {
        while (m_largeLeft > 0 && m_socket->bytesToWrite() < MaxQueuedBytes) {
            QByteArray chunk;
            chunk.reserve(ChunkBytes + 256);
            if (m_largeLeft == m_largeTotal)
                chunk += '[';
            while (m_largeNext < m_largeItems && chunk.size() < ChunkBytes) {
                if (m_largeNext > 0)
                    chunk += ',';
                chunk += largeItem(m_largeNext++);
            }
            if (m_largeNext == m_largeItems) {
                // Spaces up to the closing bracket, as many as the exact length needs.
                const qint64 rest = m_largeLeft - chunk.size();
                const qint64 spaces = std::min<qint64>(rest - 1, ChunkBytes);
                chunk += QByteArray(qsizetype(std::max<qint64>(0, spaces)), ' ');
                if (rest - spaces == 1)
                    chunk += ']';
            }
            m_largeLeft -= chunk.size();
            m_socket->write(chunk);
        }
        if (m_largeTotal > 0 && m_largeLeft == 0) {
            m_largeTotal = 0;
            m_socket->disconnectFromHost();
            m_stopped = true;
        }
    }

    FakeInstana *m_server;
    QTcpSocket *m_socket;
    Workbench::HttpRequestParser m_parser;
    QByteArray m_buffer;
    qint64 m_largeTotal = 0;
    qint64 m_largeLeft = 0;
    qint64 m_largeItems = 0;
    qint64 m_largeNext = 0;
    bool m_stopped = false;
};

FakeInstana::FakeInstana(QByteArray token, QObject *parent)
    : QObject(parent)
    , m_token(std::move(token))
    , m_server(std::make_unique<QTcpServer>())
{
    connect(m_server.get(), &QTcpServer::newConnection, this, &FakeInstana::accept);
    listen();
}

FakeInstana::FakeInstana(TlsCertificate certificate, QByteArray token, QObject *parent)
    : QObject(parent)
    , m_token(std::move(token))
    , m_tls(certificate)
{
    const ThrowawayCertificates &certificates = ThrowawayCertificates::get();
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificates.certificate(certificate));
    configuration.setPrivateKey(certificates.key());
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificate asked for
    server->setSslConfiguration(configuration);
    // A connection is taken once its handshake is done: one that refused the certificate never is.
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeInstana::accept);
    m_server = std::move(server);
    if (!certificates.isValid()) {
        m_error = certificates.errorString();
        return;
    }
    listen();
}

void FakeInstana::listen()
{
    m_clock.start();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_rateReset = now - now % 3600 + 3600;
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        m_error = u"cannot listen on 127.0.0.1: %1"_s.arg(m_server->errorString());
}

FakeInstana::~FakeInstana()
{
    // The connections refer to this object: they go before it.
    // Direct children only: a QSslSocket has a QTcpSocket of its own inside, which goes with it.
    const QList<QTcpSocket *> sockets = m_server->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect();
        socket->abort();
        delete socket;
    }
}

QString FakeInstana::errorString() const
{
    return m_error;
}

QString FakeInstana::caBundle() const
{
    return m_tls ? ThrowawayCertificates::get().pemFile(*m_tls) : QString();
}

QUrl FakeInstana::baseUrl() const
{
    return QUrl(u"%1://127.0.0.1:%2"_s.arg(m_tls ? u"https"_s : u"http"_s).arg(port()));
}

Workbench::Rest::ConnectionOptions FakeInstana::clientOptions() const
{
    Workbench::Rest::ConnectionOptions options;
    options.baseUrl = baseUrl();
    options.proxy = Workbench::Rest::ProxyMode::None;
    options.timeout = std::chrono::seconds(10);
    return options;
}

QUrl FakeInstana::url(const QString &path) const
{
    return QUrl(baseUrl().toString() + path);
}

void FakeInstana::setRateLimit(qint64 limit, qint64 remaining, qint64 resetEpochSeconds)
{
    m_useCustomRateHeaders = false;
    m_rateLimit = limit;
    m_rateRemaining = remaining;
    m_rateReset = resetEpochSeconds;
}

void FakeInstana::setRateLimitHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    m_useCustomRateHeaders = true;
    m_customRateHeaders = headers;
}

void FakeInstana::addFault(const QByteArray &path, Fault fault)
{
    if (fault.remaining == 0)
        return;
    m_faults[path].prepend(std::move(fault));
}

void FakeInstana::failWith(const QByteArray &path, int status, int count, const QByteArray &retryAfter,
                           const QStringList &errors)
{
    Fault fault;
    fault.kind = Fault::Kind::Status;
    fault.status = status;
    fault.retryAfter = retryAfter;
    fault.body = errors.isEmpty() ? QByteArray() : errorsBody(errors);
    fault.contentType = "application/json";
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::answerWith(const QByteArray &path, int status, const QByteArray &body, const QByteArray &contentType,
                             int count)
{
    Fault fault;
    fault.kind = Fault::Kind::Canned;
    fault.status = status;
    fault.body = body;
    fault.contentType = contentType;
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::answerNotJson(const QByteArray &path, int count)
{
    answerWith(path, 200, "<html><body>Instana is under maintenance</body></html>", "text/html", count);
}

void FakeInstana::hang(const QByteArray &path, int count)
{
    Fault fault;
    fault.kind = Fault::Kind::Hang;
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::dropConnection(const QByteArray &path, int count)
{
    Fault fault;
    fault.kind = Fault::Kind::Drop;
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::redirect(const QByteArray &path, const QUrl &to, int status, int count)
{
    Fault fault;
    fault.kind = Fault::Kind::Redirect;
    fault.status = status;
    fault.location = to.toEncoded();
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::answerLarge(const QByteArray &path, qint64 bytes, int count)
{
    Fault fault;
    fault.kind = Fault::Kind::Large;
    fault.bytes = std::max<qint64>(2, bytes);
    fault.remaining = count;
    addFault(path, std::move(fault));
}

void FakeInstana::clearFaults()
{
    m_faults.clear();
}

QList<FakeInstana::Request> FakeInstana::requestsTo(const QByteArray &path) const
{
    QList<Request> result;
    std::copy_if(m_requests.cbegin(), m_requests.cend(), std::back_inserter(result),
                 [&path](const Request &request) { return request.path == path; });
    return result;
}

void FakeInstana::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        new Connection(this, socket);
    }
}

QList<std::pair<QByteArray, QByteArray>> FakeInstana::rateLimitHeaders(bool counted)
{
    if (m_useCustomRateHeaders)
        return m_customRateHeaders;
    if (counted && m_rateRemaining > 0)
        --m_rateRemaining;
    return {{"X-RateLimit-Limit", QByteArray::number(m_rateLimit)},
            {"X-RateLimit-Remaining", QByteArray::number(m_rateRemaining)},
            {"X-RateLimit-Reset", QByteArray::number(m_rateReset)}};
}

FakeInstana::Answer FakeInstana::answer(const Request &request)
{
    const bool api = request.path == "/api" || request.path.startsWith("/api/");
    Answer result;
    if (api && !request.authorized) {
        result.status = 401;
        result.body = errorsBody({u"Unauthorized: the API token is missing, invalid or expired."_s});
        result.headers = rateLimitHeaders(false);
        return result;
    }
    const auto faults = m_faults.find(request.path);
    if (faults != m_faults.end() && !faults->isEmpty()) {
        Fault &fault = faults->first();
        const Fault used = fault;
        if (fault.remaining > 0 && --fault.remaining == 0)
            faults->removeFirst();
        switch (used.kind) {
        case Fault::Kind::Hang:
            result.kind = Answer::Kind::Hang;
            return result;
        case Fault::Kind::Drop:
            result.kind = Answer::Kind::Drop;
            return result;
        case Fault::Kind::Large:
            result.kind = Answer::Kind::Large;
            result.largeBytes = used.bytes;
            result.headers = rateLimitHeaders(api);
            return result;
        case Fault::Kind::Redirect:
            result.status = used.status;
            result.headers = rateLimitHeaders(api);
            result.headers.append({"Location", used.location});
            return result;
        case Fault::Kind::Status:
        case Fault::Kind::Canned:
            result.status = used.status;
            result.body = used.body;
            result.contentType = used.contentType;
            result.headers = rateLimitHeaders(api);
            if (!used.retryAfter.isEmpty())
                result.headers.append({"Retry-After", used.retryAfter});
            return result;
        }
    }
    result = route(request);
    result.headers = rateLimitHeaders(api);
    return result;
}

FakeInstana::Answer FakeInstana::route(const Request &request) const
{
    Answer result;
    const QByteArray &path = request.path;
    const bool get = request.method == "GET";
    if (get && path == "/api/instana/version") {
        result.body = compact({{u"branch"_s, u"release-307"_s},
                               {u"commit"_s, u"862420fa8696bd5106224f340a1f93d3c7d86409"_s},
                               {u"imageTag"_s, u"3.307.417-0"_s}});
        return result;
    }
    if (get && path == "/api/instana/health") {
        result.body = compact({{u"health"_s, u"GREEN"_s}, {u"messages"_s, QJsonArray()}});
        return result;
    }
    if (get && path == "/api/application-monitoring/applications")
        return applications(request);
    if (request.method == "POST" && path == "/api/application-monitoring/analyze/traces")
        return traces(request);
    if (get && path.startsWith("/api/application-monitoring/v2/analyze/traces/") && path.count('/') == 6)
        return traceCalls(request);
    if (auto browsed = browse(request))
        return *browsed;
    // Backend traces and metrics.
    if (get && path.startsWith("/api/application-monitoring/v2/analyze/traces/") && path.count('/') == 9
        && path.endsWith("/details"))
        return callDetails(request);
    if (request.method == "POST" && path == "/api/infrastructure-monitoring/metrics")
        return infrastructureMetrics(request);
    if (request.method == "POST" && path.startsWith("/api/application-monitoring/metrics/"))
        return applicationMetrics(request);
    if (get && path.startsWith("/api/infrastructure-monitoring/catalog/metrics/") && path.count('/') == 5)
        return metricCatalog(request);
    result.status = 404;
    result.body = errorsBody(
        {u"No resource found for %1 %2"_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(path))});
    return result;
}

FakeInstana::Answer FakeInstana::applications(const Request &request) const
{
    bool pageOk = true;
    bool sizeOk = true;
    const QString pageText = request.query.queryItemValue(u"page"_s);
    const QString sizeText = request.query.queryItemValue(u"pageSize"_s);
    const int page = pageText.isEmpty() ? 1 : pageText.toInt(&pageOk);
    const int pageSize = sizeText.isEmpty() ? 20 : sizeText.toInt(&sizeOk);
    Answer result;
    if (!pageOk || !sizeOk || page < 1 || pageSize < 1) {
        result.status = 400;
        result.body = errorsBody({u"page must be 1 or more and pageSize from 1 to 200"_s});
        return result;
    }
    const int size = std::min(pageSize, MaxPageSize);
    const qint64 first = m_pagingStuck ? 0 : qint64(page - 1) * size;
    QJsonArray items;
    for (qint64 i = first; i < std::min<qint64>(m_applications, first + size); ++i) {
        items.append(QJsonObject{{u"boundaryScope"_s, u"INBOUND"_s},
                                 {u"entityType"_s, u"APPLICATION"_s},
                                 {u"id"_s, u"app-%1"_s.arg(i, 4, 10, QChar(u'0'))},
                                 {u"label"_s, u"Application %1"_s.arg(i)}});
    }
    result.body
        = compact({{u"items"_s, items}, {u"page"_s, page}, {u"pageSize"_s, size}, {u"totalHits"_s, m_applications}});
    return result;
}

FakeInstana::Answer FakeInstana::traces(const Request &request) const
{
    Answer result;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        result.status = 400;
        result.body = errorsBody({u"The request body is no JSON object"_s});
        return result;
    }
    const QJsonObject pagination = document.object().value(u"pagination"_s).toObject();
    const int retrievalSize = std::clamp(pagination.value(u"retrievalSize"_s).toInt(20), 1, MaxPageSize);
    const bool hasOffset = pagination.contains(u"offset"_s);
    if (hasOffset && !pagination.contains(u"ingestionTime"_s)) {
        result.status = 400;
        result.body = errorsBody({u"pagination.offset needs pagination.ingestionTime"_s});
        return result;
    }
    const qint64 first
        = m_pagingStuck || !hasOffset ? 0 : std::max<qint64>(0, pagination.value(u"offset"_s).toInteger());
    const qint64 end = std::min<qint64>(m_traces, first + retrievalSize);
    QJsonArray items;
    for (qint64 i = first; i < end; ++i) {
        const QJsonObject service{{u"id"_s, u"84b5041665ce4ed6f60b47d1fd96c12d4132c9ed"_s},
                                  {u"label"_s, u"appdata-processor"_s},
                                  {u"types"_s, QJsonArray()},
                                  {u"technologies"_s, QJsonArray()},
                                  {u"snapshotIds"_s, QJsonArray()},
                                  {u"entityType"_s, u"SERVICE"_s}};
        const QJsonObject trace{{u"id"_s, u"%1"_s.arg(i + 1, 16, 16, QChar(u'0'))},
                                {u"label"_s, u"GET /trace/%1"_s.arg(i)},
                                {u"startTime"_s, IngestionTime - 60000 + i},
                                {u"duration"_s, 12},
                                {u"erroneous"_s, false},
                                {u"service"_s, service},
                                {u"endpoint"_s, QJsonValue::Null}};
        const QJsonObject cursor{
            {u"@class"_s, u".IngestionOffsetCursor"_s}, {u"ingestionTime"_s, IngestionTime}, {u"offset"_s, i + 1}};
        items.append(QJsonObject{{u"trace"_s, trace}, {u"cursor"_s, cursor}});
    }
    result.body = compact({{u"items"_s, items},
                           {u"canLoadMore"_s, m_pagingStuck || end < m_traces},
                           {u"totalHits"_s, m_traces},
                           {u"totalRepresentedItemCount"_s, m_traces},
                           {u"totalRetainedItemCount"_s, m_traces}});
    return result;
}

FakeInstana::Answer FakeInstana::traceCalls(const Request &request) const
{
    Answer result;
    const QString sizeText = request.query.queryItemValue(u"retrievalSize"_s);
    const QString offsetText = request.query.queryItemValue(u"offset"_s);
    bool sizeOk = true;
    bool offsetOk = true;
    const int retrievalSize = sizeText.isEmpty() ? 20 : sizeText.toInt(&sizeOk);
    const qint64 offset = offsetText.isEmpty() ? 0 : offsetText.toLongLong(&offsetOk);
    if (!sizeOk || !offsetOk || retrievalSize < 1 || offset < 0) {
        result.status = 400;
        result.body = errorsBody({u"retrievalSize must be from 1 to 10000 and offset 0 or more"_s});
        return result;
    }
    if (!offsetText.isEmpty() && request.query.queryItemValue(u"ingestionTime"_s).isEmpty()) {
        result.status = 400;
        result.body = errorsBody({u"offset needs ingestionTime"_s});
        return result;
    }
    const qint64 first = m_pagingStuck ? 0 : offset;
    const qint64 end = std::min<qint64>(m_calls, first + std::min(retrievalSize, MaxPageSize));
    QJsonArray items;
    for (qint64 i = first; i < end; ++i) {
        const QJsonObject destination{
            {u"service"_s,
             QJsonObject{{u"id"_s, u"ce4b152bac7b99744d8314838e49b799afd6dd96"_s}, {u"label"_s, u"nginx-web"_s}}},
            {u"technologies"_s, QJsonArray()}};
        const QJsonObject cursor{
            {u"@class"_s, u".IngestionOffsetCursor"_s}, {u"ingestionTime"_s, IngestionTime}, {u"offset"_s, i + 1}};
        const int call = int(i);
        const int parent = callParent(call);
        items.append(QJsonObject{{u"id"_s, callId(call)},
                                 {u"timestamp"_s, callTimestamp(call)},
                                 {u"parentId"_s, parent < 0 ? QJsonValue(QJsonValue::Null) : callId(parent)},
                                 {u"name"_s, u"GET /api/shipping/cities/%1"_s.arg(i)},
                                 {u"duration"_s, callDuration(call)},
                                 {u"callCount"_s, 1},
                                 {u"errorCount"_s, call % 7 == 6 ? 1 : 0},
                                 {u"destination"_s, destination},
                                 {u"cursor"_s, cursor}});
    }
    result.body = compact({{u"items"_s, items},
                           {u"canLoadMore"_s, m_pagingStuck || end < m_calls},
                           {u"totalHits"_s, m_calls},
                           {u"totalRepresentedItemCount"_s, m_calls},
                           {u"totalRetainedItemCount"_s, m_calls}});
    return result;
}

QStringList FakeInstana::itemIds(const QJsonArray &items)
{
    QStringList ids;
    for (const auto &item : items) {
        const QJsonObject object = item.toObject();
        ids.append(object.contains(u"trace"_s) ? object.value(u"trace"_s).toObject().value(u"id"_s).toString()
                                               : object.value(u"id"_s).toString());
    }
    return ids;
}

// Backend traces and metrics.

QString FakeInstana::callId(int call)
{
    return u"%1"_s.arg(call + 1, 16, 16, QChar(u'0'));
}

QString FakeInstana::exitSpanId(int call)
{
    return u"%1"_s.arg(qint64(0xe000000000000000ULL >> 4) + call + 1, 16, 16, QChar(u'0'));
}

FakeInstana::Answer FakeInstana::callDetails(const Request &request) const
{
    // /api/application-monitoring/v2/analyze/traces/{traceId}/calls/{callId}/details
    const QList<QByteArray> parts = request.path.split('/');
    const QString callText = QString::fromUtf8(parts.value(8));
    bool ok = false;
    const qint64 number = callText.toLongLong(&ok, 16);
    Answer result;
    if (!ok || number < 1 || number > m_calls || parts.value(7) != "calls" || callText != callId(int(number - 1))) {
        result.status = 404;
        result.body = errorsBody({u"No call %1 in trace %2"_s.arg(callText, QString::fromUtf8(parts.value(6)))});
        return result;
    }
    const int call = int(number - 1);
    int depth = 0;
    for (int k = call; k > 0; k = callParent(k))
        ++depth;
    const bool erroneous = call % 7 == 6;
    const QJsonObject data{{u"service"_s, u"service-%1"_s.arg(depth)},
                           {u"http"_s,
                            QJsonObject{{u"method"_s, u"GET"_s},
                                        {u"url"_s, u"http://web:8080/api/shipping/cities/%1"_s.arg(call)},
                                        {u"status"_s, erroneous ? 500 : 200}}}};
    const auto span = [&](const QString &id, const QString &parentId, const QString &kind, const QString &name) {
        return QJsonObject{{u"id"_s, id},
                           {u"parentId"_s, parentId},
                           {u"name"_s, name},
                           {u"kind"_s, kind},
                           {u"foreignParentId"_s, u""_s},
                           {u"start"_s, callTimestamp(call)},
                           {u"duration"_s, callDuration(call)},
                           {u"errorCount"_s, erroneous ? 1 : 0},
                           {u"stackTrace"_s, QJsonArray()},
                           {u"data"_s, data}};
    };
    QJsonArray spans;
    const int parent = callParent(call);
    if (parent < 0) {
        spans.append(span(callId(call), u""_s, u"ENTRY"_s, u"sdk.http.entry"_s));
    } else {
        spans.append(span(exitSpanId(call), callId(parent), u"EXIT"_s, u"sdk.http.exit"_s));
        spans.append(span(callId(call), exitSpanId(call), u"ENTRY"_s, u"sdk.http.entry"_s));
    }
    const QJsonObject service{{u"id"_s, u"ce4b152bac7b99744d8314838e49b799afd6dd96"_s},
                              {u"label"_s, u"service-%1"_s.arg(depth)}};
    result.body = compact({{u"id"_s, callId(call)},
                           {u"label"_s, u"GET /api/shipping/cities/%1"_s.arg(call)},
                           {u"start"_s, callTimestamp(call)},
                           {u"duration"_s, callDuration(call)},
                           {u"minSelfTime"_s, 1},
                           {u"networkTime"_s, QJsonValue::Null},
                           {u"errorCount"_s, erroneous ? 1 : 0},
                           {u"batchSize"_s, 1},
                           {u"source"_s, QJsonObject{{u"applications"_s, QJsonArray()}}},
                           {u"destination"_s, QJsonObject{{u"applications"_s, QJsonArray()}, {u"service"_s, service}}},
                           {u"spans"_s, spans},
                           {u"logs"_s, QJsonArray()},
                           {u"synthetic"_s, false}});
    return result;
}

namespace {

// [[ms, value], ...] every `stepMs` from the window's start, at most 600.
QJsonArray metricPoints(const QJsonObject &timeFrame, qint64 stepMs, const std::function<double(int)> &value)
{
    const qint64 to = timeFrame.value(u"to"_s).toInteger(FakeInstana::IngestionTime);
    const qint64 windowSize = timeFrame.value(u"windowSize"_s).toInteger(3600000);
    const qint64 count = std::min<qint64>(600, std::max<qint64>(1, windowSize / stepMs));
    QJsonArray points;
    for (qint64 j = 0; j < count; ++j)
        points.append(QJsonArray{to - windowSize + (j + 1) * stepMs, value(int(j))});
    return points;
}

} // namespace

FakeInstana::Answer FakeInstana::infrastructureMetrics(const Request &request) const
{
    Answer result;
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonArray metrics = body.value(u"metrics"_s).toArray();
    const QJsonArray snapshotIds = body.value(u"snapshotIds"_s).toArray();
    const QString plugin = body.value(u"plugin"_s).toString();
    const bool byQuery = body.value(u"query"_s).isString();
    if (metrics.isEmpty() || metrics.size() > 5 || plugin.isEmpty() || snapshotIds.size() > 30
        || (snapshotIds.isEmpty() && !byQuery)) {
        result.status = 400;
        result.body = errorsBody({u"metrics (1 to 5), plugin and snapshotIds (1 to 30) or query are required"_s});
        return result;
    }
    const qint64 rollup = std::max<qint64>(1, body.value(u"rollup"_s).toInteger(60));
    const QJsonObject timeFrame = body.value(u"timeFrame"_s).toObject();
    QStringList ids;
    if (byQuery) {
        ids = {u"snapshot-q0"_s, u"snapshot-q1"_s};
    } else {
        for (const auto &id : snapshotIds)
            ids.append(id.toString());
    }
    QJsonArray items;
    for (int s = 0; s < ids.size(); ++s) {
        QJsonObject values;
        for (int m = 0; m < metrics.size(); ++m)
            values.insert(metrics.at(m).toString(), metricPoints(timeFrame, rollup * 1000, [s, m](int j) {
                              return infrastructureValue(s, m, j);
                          }));
        items.append(QJsonObject{{u"snapshotId"_s, ids.at(s)},
                                 {u"label"_s, u"%1 on host-%2"_s.arg(plugin).arg(s)},
                                 {u"plugin"_s, plugin},
                                 {u"host"_s, u"host-%1"_s.arg(s)},
                                 {u"metrics"_s, values}});
    }
    result.body = compact({{u"items"_s, items}});
    return result;
}

FakeInstana::Answer FakeInstana::applicationMetrics(const Request &request) const
{
    Answer result;
    const QByteArray kind = request.path.mid(request.path.lastIndexOf('/') + 1);
    const QHash<QByteArray, std::pair<QString, QString>> kinds{{"applications", {u"application"_s, u"applicationId"_s}},
                                                               {"services", {u"service"_s, u"serviceId"_s}},
                                                               {"endpoints", {u"endpoint"_s, u"endpointId"_s}}};
    const auto found = kinds.constFind(kind);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonArray metrics = body.value(u"metrics"_s).toArray();
    if (found == kinds.constEnd() || metrics.isEmpty() || metrics.size() > 5) {
        result.status = found == kinds.constEnd() ? 404 : 400;
        result.body = errorsBody({u"metrics (1 to 5) are required"_s});
        return result;
    }
    const auto &[member, idField] = *found;
    const QString id = body.value(idField).toString();
    const QStringList ids
        = id.isEmpty() ? QStringList{member + u"-0"_s, member + u"-1"_s, member + u"-2"_s} : QStringList{id};
    const QJsonObject timeFrame = body.value(u"timeFrame"_s).toObject();
    QJsonArray items;
    for (const QString &entity : ids) {
        QJsonObject values;
        for (int m = 0; m < metrics.size(); ++m) {
            const QJsonObject config = metrics.at(m).toObject();
            const qint64 granularity = std::max<qint64>(1, config.value(u"granularity"_s).toInteger(60));
            const QString key
                = config.value(u"metric"_s).toString() + u'.' + config.value(u"aggregation"_s).toString().toLower();
            values.insert(key,
                          metricPoints(timeFrame, granularity * 1000, [m](int j) { return applicationValue(m, j); }));
        }
        items.append(QJsonObject{{member, QJsonObject{{u"id"_s, entity}, {u"label"_s, u"Label of %1"_s.arg(entity)}}},
                                 {u"metrics"_s, values}});
    }
    result.body
        = compact({{u"items"_s, items}, {u"page"_s, 1}, {u"pageSize"_s, 20}, {u"totalHits"_s, qint64(ids.size())}});
    return result;
}

FakeInstana::Answer FakeInstana::metricCatalog(const Request &request) const
{
    const QString plugin = QString::fromUtf8(request.path.mid(request.path.lastIndexOf('/') + 1));
    const auto metric = [&plugin](const QString &id, const QString &label, const QString &formatter) {
        return QJsonObject{{u"metricId"_s, id},     {u"label"_s, label},       {u"formatter"_s, formatter},
                           {u"pluginId"_s, plugin}, {u"description"_s, label}, {u"custom"_s, false}};
    };
    QJsonArray catalog;
    if (plugin == u"host"_s) {
        catalog = {metric(u"cpu.user"_s, u"CPU user"_s, u"PERCENTAGE"_s),
                   metric(u"cpu.sys"_s, u"CPU system"_s, u"PERCENTAGE"_s),
                   metric(u"memory.used"_s, u"Memory used"_s, u"BYTES"_s),
                   metric(u"load.1min"_s, u"Load 1 min"_s, u"NUMBER"_s)};
    } else {
        catalog = {metric(plugin + u".requests"_s, u"Requests"_s, u"RATE"_s)};
    }
    Answer result;
    result.body = QJsonDocument(catalog).toJson(QJsonDocument::Compact);
    return result;
}

} // namespace TestSupport
