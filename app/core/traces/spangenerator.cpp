#include "core/traces/spangenerator.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <array>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace Workbench::Traces {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Traces::SpanGenerator)
};
} // namespace

using Id = StringPool::Id;

// splitmix64's finaliser: a bijection of 64-bit values, so distinct counters give distinct ids.
quint64 mix(quint64 x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Spans a tree of `depth` levels with `fanout` children per span holds, saturated at `limit`.
qsizetype capacity(int depth, qsizetype fanout, qsizetype limit)
{
    qsizetype total = 0;
    qsizetype level = 1;
    for (int d = 0; d < depth; ++d) {
        total += level;
        if (total >= limit)
            return limit;
        if (d + 1 == depth)
            break;
        if (level > limit / fanout)
            return limit; // the next level alone holds more than the limit
        level *= fanout;
    }
    return total;
}

// The smallest fanout >= `fanout` whose tree of `depth` levels holds `spans` spans.
qsizetype fanoutFor(qsizetype spans, int depth, qsizetype fanout)
{
    if (depth <= 1 || capacity(depth, fanout, spans) >= spans)
        return fanout;
    qsizetype low = fanout; // too small
    qsizetype high = std::max<qsizetype>(fanout, 1);
    while (capacity(depth, high, spans) < spans)
        high *= 2;
    while (high - low > 1) {
        const qsizetype middle = low + (high - low) / 2;
        if (capacity(depth, middle, spans) >= spans)
            high = middle;
        else
            low = middle;
    }
    return high;
}

constexpr std::array BaseServices{
    "checkout"_L1, "catalog"_L1, "payments"_L1,        "inventory"_L1, "shipping"_L1, "cart"_L1,          "users"_L1,
    "auth"_L1,     "search"_L1,  "recommendations"_L1, "pricing"_L1,   "orders"_L1,   "notifications"_L1, "reviews"_L1,
    "gateway"_L1,  "billing"_L1, "fraud"_L1,           "loyalty"_L1,   "media"_L1,    "analytics"_L1,
};

struct Route
{
    const char *method;
    const char *suffix; // after /api/<service>
};
constexpr std::array Routes{
    Route{"GET", ""},        Route{"GET", "/items"},      Route{"GET", "/items/{id}"},
    Route{"POST", "/items"}, Route{"PUT", "/items/{id}"}, Route{"DELETE", "/items/{id}"},
    Route{"GET", "/search"}, Route{"POST", "/batch"},
};
constexpr int RouteCount = int(Routes.size());

struct Statement
{
    const char *verb;
    const char *text;
};
constexpr std::array DbTypes{"postgresql"_L1, "mysql"_L1, "redis"_L1, "mongodb"_L1};
constexpr std::array<std::array<Statement, 3>, 4> Statements{{
    {{{"SELECT", "SELECT id, name, price FROM %1 WHERE id = $1"},
      {"UPDATE", "UPDATE %1 SET quantity = quantity - $1 WHERE id = $2"},
      {"INSERT", "INSERT INTO %1 (id, payload, created_at) VALUES ($1, $2, now())"}}},
    {{{"SELECT", "SELECT * FROM %1 WHERE customer_id = ? ORDER BY created_at DESC LIMIT 20"},
      {"UPDATE", "UPDATE %1 SET status = ? WHERE id = ?"},
      {"INSERT", "INSERT INTO %1 (customer_id, total) VALUES (?, ?)"}}},
    {{{"GET", "GET %1:{id}"}, {"SET", "SET %1:{id} {value} EX 300"}, {"DEL", "DEL %1:{id}"}}},
    {{{"find", "db.%1.find({\"_id\": ?})"},
      {"update", "db.%1.updateOne({\"_id\": ?}, {\"$set\": {\"state\": ?}})"},
      {"insert", "db.%1.insertOne({...})"}}},
}};

constexpr std::array MqTypes{"kafka"_L1, "rabbitmq"_L1};
constexpr std::array Operations{
    "validate request"_L1, "apply discounts"_L1,   "compute totals"_L1, "render response"_L1,
    "serialize"_L1,        "check permissions"_L1, "resolve locale"_L1, "map results"_L1,
    "merge responses"_L1,  "reserve stock"_L1,     "build query"_L1,    "audit"_L1,
};
struct External
{
    const char *host;
    const char *method;
    const char *path;
};
constexpr std::array Externals{
    External{"api.partner.example", "POST", "/v2/charges"},
    External{"maps.example.net", "GET", "/v1/geocode"},
    External{"sms-gateway.example.org", "POST", "/messages"},
    External{"tax.example.com", "GET", "/rates"},
};
constexpr std::array ErrorMessages{
    "connection reset by peer"_L1, "deadlock detected"_L1,     "timed out after 5000 ms"_L1,
    "broker not available"_L1,     "upstream answered 503"_L1,
};
constexpr std::array OkStatuses{"200"_L1, "200"_L1, "200"_L1, "201"_L1, "204"_L1};
constexpr std::array ErrorStatuses{"500"_L1, "502"_L1, "503"_L1, "504"_L1};

// Every text a span may carry, interned once, so that generating is only numbers and ids.
struct Catalogue
{
    struct Endpoint
    {
        Id name, method, path, url, callName;
    };
    struct Service
    {
        Id name, host, dbType, dbInstance, mqType;
        std::array<Endpoint, RouteCount> endpoints;
        std::array<Id, 3> dbNames, dbCalls, dbStatements;
        std::array<Id, 2> mqNames, mqTopics;
    };
    struct Ext
    {
        Id name, method, path, url, host, callName;
    };

    Id kService, kEndpoint, kCallName, kMethod, kUrl, kPath, kHost, kStatus, kDbType, kDbInstance, kDbStatement,
        kMqType, kMqTopic, kErrorMessage;
    std::vector<Service> services;
    std::vector<Id> operations, errorMessages, okStatuses, errorStatuses;
    std::vector<Ext> externals;

    Catalogue(StringPool &pool, int serviceCount)
    {
        auto in = [&pool](const QString &text) { return pool.intern(QStringView(text)); };
        auto inL = [&pool](QLatin1StringView text) { return pool.intern(QByteArrayView(text.data(), text.size())); };
        kService = inL("service"_L1);
        kEndpoint = inL("endpoint"_L1);
        kCallName = inL("call.name"_L1);
        kMethod = inL("http.method"_L1);
        kUrl = inL("http.url"_L1);
        kPath = inL("http.path"_L1);
        kHost = inL("http.host"_L1);
        kStatus = inL("http.status_code"_L1);
        kDbType = inL("db.type"_L1);
        kDbInstance = inL("db.instance"_L1);
        kDbStatement = inL("db.statement"_L1);
        kMqType = inL("mq.type"_L1);
        kMqTopic = inL("mq.topic"_L1);
        kErrorMessage = inL("error.message"_L1);
        for (QLatin1StringView text : Operations)
            operations.push_back(inL(text));
        for (QLatin1StringView text : ErrorMessages)
            errorMessages.push_back(inL(text));
        for (QLatin1StringView text : OkStatuses)
            okStatuses.push_back(inL(text));
        for (QLatin1StringView text : ErrorStatuses)
            errorStatuses.push_back(inL(text));
        for (const External &e : Externals) {
            const QString host = QString::fromLatin1(e.host);
            const QString method = QString::fromLatin1(e.method);
            const QString path = QString::fromLatin1(e.path);
            externals.push_back(Ext{in(method % u' ' % host % path), in(method), in(path),
                                    in(u"https://"_s % host % path), in(host), in(method % u' ' % host)});
        }
        services.resize(size_t(serviceCount));
        for (int s = 0; s < serviceCount; ++s) {
            const qsizetype base = qsizetype(BaseServices.size());
            QString name = BaseServices[size_t(s % base)];
            if (s >= base)
                name += u'-' + QString::number(s / base + 1);
            Service &service = services[size_t(s)];
            service.name = in(name);
            const QString host = name % u".shop.svc:8080"_s;
            service.host = in(host);
            for (int e = 0; e < RouteCount; ++e) {
                const QString method = QString::fromLatin1(Routes[size_t(e)].method);
                const QString path = u"/api/"_s % name % QString::fromLatin1(Routes[size_t(e)].suffix);
                service.endpoints[size_t(e)]
                    = Endpoint{in(method % u' ' % path), in(method), in(path), in(u"http://"_s % host % path),
                               in(name % u": "_s % method % u' ' % path)};
            }
            const int db = s % int(DbTypes.size());
            service.dbType = inL(DbTypes[size_t(db)]);
            service.dbInstance = in(name % u"-db"_s);
            const QString table = name == "cart"_L1 ? u"carts"_s : name;
            for (int k = 0; k < 3; ++k) {
                const Statement &statement = Statements[size_t(db)][size_t(k)];
                const QString verb = QString::fromLatin1(statement.verb);
                service.dbNames[size_t(k)] = in(QString(DbTypes[size_t(db)]) % u' ' % verb);
                service.dbCalls[size_t(k)] = in(verb % u' ' % table);
                service.dbStatements[size_t(k)] = in(QString::fromLatin1(statement.text).arg(table));
            }
            const QLatin1StringView mq = MqTypes[size_t(s % int(MqTypes.size()))];
            service.mqType = inL(mq);
            for (int k = 0; k < 2; ++k) {
                const QString topic = name % (k == 0 ? u".events"_s : u".audit"_s);
                service.mqTopics[size_t(k)] = in(topic);
                service.mqNames[size_t(k)] = in(QString(mq) % u" publish "_s % topic);
            }
        }
    }
};

enum class Kind : quint8 {
    Entry, // an HTTP entry into a service
    CallExit, // an HTTP call to another service; its only child is that service's entry
    Intermediate, // work inside a service
    DbExit,
    MqExit,
    HttpExit, // a call to an outside API
};

class Generator
{
public:
    Generator(const GeneratorOptions &options, SpanStore &store)
        : m_options(options)
        , m_store(store)
        , m_catalogue(store.strings(), options.services)
    {
        const std::array<quint32, 2> seed{quint32(options.seed), quint32(options.seed >> 32)};
        m_random = QRandomGenerator(seed.data(), qsizetype(seed.size()));
        m_idBase = quint64(m_random.generate64());
        m_start = options.startMs;
    }

    void run()
    {
        const qsizetype per = m_options.spans / m_options.traces;
        const qsizetype extra = m_options.spans % m_options.traces;
        m_store.reserve(m_options.spans);
        for (int t = 0; t < m_options.traces; ++t) {
            trace(per + (t < extra ? 1 : 0));
            m_start += 1 + pick(1000);
        }
    }

private:
    int pick(int n) { return n <= 1 ? 0 : int(m_random.bounded(quint32(n))); }
    int between(int low, int high) { return low + pick(high - low + 1); }

    quint64 nextId()
    {
        for (;;) {
            const quint64 id = mix(m_idBase + m_counter++);
            if (id != 0)
                return id;
        }
    }

    void trace(qsizetype n)
    {
        const qsizetype fanout = fanoutFor(n, m_options.depth, m_options.fanout);
        const size_t count = size_t(n);
        m_parent.assign(count, -1);
        m_level.assign(count, 1);
        m_children.assign(count, 0);
        m_open.clear();

        // The shape: each new span goes under an open span (one with room for a child and
        // above the depth limit), half the time the newest one (deep chains), else any.
        if (m_options.depth > 1)
            m_open.push_back(0);
        for (qsizetype i = 1; i < n; ++i) {
            Q_ASSERT(!m_open.empty());
            const size_t slot = (pick(2) == 0) ? m_open.size() - 1 : size_t(pick(int(m_open.size())));
            const qint32 p = m_open[slot];
            m_parent[size_t(i)] = p;
            m_level[size_t(i)] = m_level[size_t(p)] + 1;
            if (++m_children[size_t(p)] >= fanout) {
                m_open[slot] = m_open.back();
                m_open.pop_back();
            }
            if (m_level[size_t(i)] < m_options.depth)
                m_open.push_back(qint32(i));
        }

        // Children in creation order (CSR), for the depth-first order and the times.
        m_first.assign(count + 1, 0);
        for (size_t i = 1; i < count; ++i)
            ++m_first[size_t(m_parent[i]) + 1];
        for (size_t i = 0; i < count; ++i)
            m_first[i + 1] += m_first[i];
        m_list.assign(count, 0);
        m_fill.assign(m_first.begin(), m_first.end() - 1);
        for (size_t i = 1; i < count; ++i)
            m_list[size_t(m_fill[size_t(m_parent[i])]++)] = qint32(i);

        // Renumbered depth-first (parents before children, siblings in their order), which is
        // the order spans are written in; the passes below then walk memory in order.
        m_order.clear();
        m_stack.clear();
        m_stack.push_back(0);
        while (!m_stack.empty()) {
            const qint32 i = m_stack.back();
            m_stack.pop_back();
            m_order.push_back(i);
            for (qint32 k = m_first[size_t(i) + 1]; k-- > m_first[size_t(i)];)
                m_stack.push_back(m_list[size_t(k)]);
        }
        m_fill.assign(count, 0); // the rank of each span in that order
        for (size_t k = 0; k < count; ++k)
            m_fill[size_t(m_order[k])] = qint32(k);
        m_list.assign(count, -1); // the parent, by rank
        m_counts.assign(count, 0); // the children, by rank
        for (size_t k = 0; k < count; ++k) {
            const size_t i = size_t(m_order[k]);
            if (k > 0)
                m_list[k] = m_fill[size_t(m_parent[i])];
            m_counts[k] = m_children[i];
        }
        m_parent.swap(m_list);
        m_children.swap(m_counts);

        // Kinds, services and endpoints, parents first (a parent's index is below its children's).
        m_kind.assign(count, Kind::Entry);
        m_service.assign(count, 0);
        m_route.assign(count, 0);
        m_target.assign(count, 0);
        m_service[0] = pick(m_options.services);
        m_route[0] = pick(RouteCount);
        for (size_t i = 1; i < count; ++i) {
            const size_t p = size_t(m_parent[i]);
            if (m_kind[p] == Kind::CallExit) {
                m_kind[i] = Kind::Entry;
                m_service[i] = m_target[p];
                m_route[i] = m_route[p];
                continue;
            }
            m_service[i] = m_service[p];
            if (m_children[i] > 1) {
                m_kind[i] = Kind::Intermediate;
                m_route[i] = pick(int(Operations.size()));
            } else if (m_children[i] == 1) {
                m_kind[i] = Kind::CallExit;
                int target = pick(m_options.services);
                if (m_options.services > 1 && target == m_service[i])
                    target = (target + 1 + pick(m_options.services - 1)) % m_options.services;
                m_target[i] = target;
                m_route[i] = pick(RouteCount);
            } else {
                const int roll = pick(100);
                if (roll < 45) {
                    m_kind[i] = Kind::DbExit;
                    m_route[i] = pick(3);
                } else if (roll < 65) {
                    m_kind[i] = Kind::MqExit;
                    m_route[i] = pick(2);
                } else if (roll < 80) {
                    m_kind[i] = Kind::HttpExit;
                    m_route[i] = pick(int(Externals.size()));
                } else {
                    m_kind[i] = Kind::Intermediate;
                    m_route[i] = pick(int(Operations.size()));
                }
            }
        }

        // Durations bottom-up: a span's own time plus its children's, one after another.
        m_own.assign(count, 0);
        m_gap.assign(count, 0);
        m_duration.assign(count, 0);
        for (size_t i = 0; i < count; ++i) {
            switch (m_kind[i]) {
            case Kind::Entry:
                m_own[i] = between(1, 20);
                break;
            case Kind::CallExit:
                m_own[i] = between(1, 4);
                break;
            case Kind::Intermediate:
                m_own[i] = between(0, 10);
                break;
            case Kind::DbExit:
                m_own[i] = between(1, 30);
                break;
            case Kind::MqExit:
                m_own[i] = between(1, 5);
                break;
            case Kind::HttpExit:
                m_own[i] = between(20, 300);
                break;
            }
            m_gap[i] = pick(3);
            m_duration[i] = m_own[i];
        }
        for (size_t i = count; i-- > 1;)
            m_duration[size_t(m_parent[i])] += m_duration[i] + m_gap[i];

        // Start times top-down: half the own time before the first child.
        m_timestamp.assign(count, 0);
        m_cursor.assign(count, 0);
        m_timestamp[0] = m_start;
        m_cursor[0] = m_start + m_own[0] / 2;
        for (size_t i = 1; i < count; ++i) {
            const size_t p = size_t(m_parent[i]);
            m_timestamp[i] = m_cursor[p] + m_gap[i];
            m_cursor[p] = m_timestamp[i] + m_duration[i];
            m_cursor[i] = m_timestamp[i] + m_own[i] / 2;
        }

        m_ids.resize(count);
        for (size_t i = 0; i < count; ++i)
            m_ids[i] = nextId();

        for (size_t i = 0; i < count; ++i)
            emitSpan(i);
    }

    void emitSpan(size_t i)
    {
        const bool error = m_options.errorRate > 0 && m_random.generateDouble() < m_options.errorRate;
        const Catalogue &c = m_catalogue;
        const Catalogue::Service &service = c.services[size_t(m_service[i])];
        SpanStore::Record &r = m_store.beginRecord();
        r.spanId = m_ids[i];
        r.traceId = m_ids[0];
        r.timestamp = m_timestamp[i];
        r.duration = m_duration[i];
        r.flags = SpanStore::HasSpanId | SpanStore::HasTraceId | SpanStore::HasTimestamp | SpanStore::HasDuration
            | SpanStore::HasName | SpanStore::HasType | SpanStore::HasData;
        if (i != 0) {
            r.parentId = m_ids[size_t(m_parent[i])];
            r.flags |= SpanStore::HasParentId | SpanStore::ParentMember;
        }
        if (error)
            r.flags |= SpanStore::HasError | SpanStore::ErrorValue;
        const Id status = error ? c.errorStatuses[size_t(pick(int(c.errorStatuses.size())))]
                                : c.okStatuses[size_t(pick(int(c.okStatuses.size())))];
        const int route = m_route[i];
        switch (m_kind[i]) {
        case Kind::Entry: {
            const Catalogue::Endpoint &endpoint = service.endpoints[size_t(route)];
            r.name = endpoint.name;
            r.type = SpanType::Entry;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kEndpoint, endpoint.name, false);
            m_store.addData(c.kMethod, endpoint.method, false);
            m_store.addData(c.kUrl, endpoint.url, false);
            m_store.addData(c.kPath, endpoint.path, false);
            m_store.addData(c.kHost, service.host, false);
            m_store.addData(c.kStatus, status, false);
            break;
        }
        case Kind::CallExit: {
            const Catalogue::Service &target = c.services[size_t(m_target[i])];
            const Catalogue::Endpoint &endpoint = target.endpoints[size_t(route)];
            r.name = endpoint.name;
            r.type = SpanType::Exit;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kCallName, endpoint.callName, false);
            m_store.addData(c.kMethod, endpoint.method, false);
            m_store.addData(c.kUrl, endpoint.url, false);
            m_store.addData(c.kPath, endpoint.path, false);
            m_store.addData(c.kHost, target.host, false);
            m_store.addData(c.kStatus, status, false);
            break;
        }
        case Kind::Intermediate: {
            const Id operation = c.operations[size_t(route)];
            r.name = operation;
            r.type = SpanType::Intermediate;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kCallName, operation, false);
            break;
        }
        case Kind::DbExit:
            r.name = service.dbNames[size_t(route)];
            r.type = SpanType::Exit;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kCallName, service.dbCalls[size_t(route)], false);
            m_store.addData(c.kDbType, service.dbType, false);
            m_store.addData(c.kDbInstance, service.dbInstance, false);
            m_store.addData(c.kDbStatement, service.dbStatements[size_t(route)], false);
            break;
        case Kind::MqExit:
            r.name = service.mqNames[size_t(route)];
            r.type = SpanType::Exit;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kCallName, service.mqNames[size_t(route)], false);
            m_store.addData(c.kMqType, service.mqType, false);
            m_store.addData(c.kMqTopic, service.mqTopics[size_t(route)], false);
            break;
        case Kind::HttpExit: {
            const Catalogue::Ext &external = c.externals[size_t(route)];
            r.name = external.name;
            r.type = SpanType::Exit;
            m_store.addData(c.kService, service.name, false);
            m_store.addData(c.kCallName, external.callName, false);
            m_store.addData(c.kMethod, external.method, false);
            m_store.addData(c.kUrl, external.url, false);
            m_store.addData(c.kPath, external.path, false);
            m_store.addData(c.kHost, external.host, false);
            m_store.addData(c.kStatus, status, false);
            break;
        }
        }
        const Kind kind = m_kind[i];
        if (error && (kind == Kind::Intermediate || kind == Kind::DbExit || kind == Kind::MqExit))
            m_store.addData(c.kErrorMessage, c.errorMessages[size_t(pick(int(c.errorMessages.size())))], false);
        m_store.commitRecord();
    }

    const GeneratorOptions &m_options;
    SpanStore &m_store;
    Catalogue m_catalogue;
    QRandomGenerator m_random;
    quint64 m_idBase = 0;
    quint64 m_counter = 0;
    qint64 m_start = 0;

    // Per trace, reused: indexed by the order spans were created in.
    std::vector<qint32> m_parent, m_open, m_first, m_fill, m_list, m_stack, m_order;
    std::vector<int> m_level, m_service, m_route, m_target;
    std::vector<qsizetype> m_children, m_counts;
    std::vector<Kind> m_kind;
    std::vector<qint64> m_own, m_gap, m_duration, m_timestamp, m_cursor;
    std::vector<quint64> m_ids;
};

} // namespace

namespace SpanGenerator {

QString problem(const GeneratorOptions &options)
{
    if (options.spans < 1)
        return Messages::tr("The number of spans must be at least 1.");
    if (options.spans > MaxSpans)
        return Messages::tr("At most %1 spans can be generated at once.").arg(qlonglong(MaxSpans));
    if (options.depth < 1 || options.depth > MaxDepth)
        return Messages::tr("The depth must be from 1 to %1.").arg(MaxDepth);
    if (options.fanout < 1 || options.fanout > MaxFanout)
        return Messages::tr("The fanout must be from 1 to %1.").arg(MaxFanout);
    if (options.services < 1 || options.services > MaxServices)
        return Messages::tr("The number of services must be from 1 to %1.").arg(MaxServices);
    if (!(options.errorRate >= 0.0 && options.errorRate <= 1.0))
        return Messages::tr("The error rate must be from 0 to 1 (a share of the spans, e.g. 0.02).");
    if (options.traces < 1)
        return Messages::tr("The number of traces must be at least 1.");
    if (options.traces > options.spans)
        return Messages::tr("There are more traces (%1) than spans (%2); each trace needs at least one span.")
            .arg(options.traces)
            .arg(qlonglong(options.spans));
    if (options.depth == 1 && options.spans > options.traces)
        return Messages::tr(
                   "A depth of 1 allows only the root in each trace, so %1 spans need %1 traces; use a depth of 2 "
                   "or more.")
            .arg(qlonglong(options.spans));
    if (options.startMs < 946684800000 || options.startMs > 4102444800000 - 365LL * 24 * 3600 * 1000)
        return Messages::tr("The start time must be a time in milliseconds since the epoch between 2000 and 2099.");
    return {};
}

SpanStore generate(const GeneratorOptions &options)
{
    SpanStore store;
    if (!problem(options).isEmpty())
        return store;
    Generator(options, store).run();
    return store;
}

} // namespace SpanGenerator

} // namespace Workbench::Traces
