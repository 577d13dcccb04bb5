#include "core/localagent/agentprotocol.h"

#include "core/about/buildinfo.h"
#include "core/agentapi/agentrules.h"
#include "core/json/jsontext.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanrules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::AgentProtocol)
};

QString emptyBody()
{
    return Messages::tr("The body is empty; send a JSON object or an array of objects.");
}

QString malformed(qsizetype line, qsizetype column, qsizetype offset, const QString &message)
{
    return Messages::tr("Malformed JSON at line %1, column %2 (byte %3): %4.")
        .arg(line)
        .arg(column)
        .arg(offset)
        .arg(message);
}

constexpr auto eventPath = "/com.instana.plugin.generic.event"_L1;
constexpr auto tracePath = "/com.instana.plugin.generic.trace"_L1;

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The head as received, with the values of credential headers replaced: whatever a client
// sends, tokens and passwords are not kept, shown or logged.
QByteArray redactedHead(const QByteArray &head)
{
    static const QByteArrayList secretHeaders{"authorization", "proxy-authorization", "cookie", "x-instana-key"};
    QByteArrayList lines = head.split('\n');
    for (QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && secretHeaders.contains(line.left(colon).trimmed().toLower()))
            line = line.left(colon + 1) + " (redacted)" + (line.endsWith('\r') ? "\r" : "");
    }
    return lines.join('\n');
}

// "http://host:port/path?q" (absolute form, as sent to proxies) -> "/path".
QByteArray normalisedPath(const HttpRequest &request)
{
    QByteArray path = request.path();
    if (path.startsWith("http://") || path.startsWith("https://")) {
        const qsizetype slash = path.indexOf('/', path.indexOf("//") + 2);
        path = slash < 0 ? QByteArray("/") : path.mid(slash);
    }
    return path;
}

} // namespace

AgentProtocol::Outcome AgentProtocol::refuse(int status, const QString &rule, const QString &reason,
                                             const QByteArray &head, const QString &source, qint64 nowMs)
{
    Outcome outcome;
    RequestRecord &record = outcome.batch.request;
    record.id = nextRequestId();
    record.receivedAtMs = nowMs;
    record.source = source;
    record.head = redactedHead(head);
    const qsizetype space = head.indexOf(' ');
    record.method = space > 0 && space < 16 ? head.left(space) : QByteArray();
    record.path = space > 0 ? head.mid(space + 1, head.indexOf(' ', space + 1) - space - 1).left(200) : QByteArray();
    // Protocol errors are refused even in lenient mode: there is no request to accept.
    outcome.batch.rejection = Rejection{status, rule, reason};
    record.status = status;
    outcome.response.status = status;
    outcome.response.body = jsonBody({{u"status"_s, status}, {u"rule"_s, rule}, {u"reason"_s, reason}});
    return outcome;
}

AgentProtocol::Outcome &AgentProtocol::reject(Outcome &outcome, int status, const QString &rule, const QString &reason,
                                              Refusal refusal)
{
    if (m_lenient && refusal == UnlessLenient) {
        outcome.batch.request.findings.append(Finding{Finding::Severity::Error, rule, reason, {}, -1});
        return outcome;
    }
    outcome.batch.items.clear();
    outcome.batch.rejection = Rejection{status, rule, reason};
    outcome.batch.request.status = status;
    outcome.response.status = status;
    outcome.response.body = jsonBody({{u"status"_s, status}, {u"rule"_s, rule}, {u"reason"_s, reason}});
    return outcome;
}

AgentProtocol::Outcome &AgentProtocol::accept(Outcome &outcome, int items, int warnings)
{
    outcome.batch.request.status = 200;
    outcome.response.status = 200;
    QJsonObject body{{u"accepted"_s, items}, {u"warnings"_s, warnings}};
    if (!outcome.batch.request.findings.isEmpty()) {
        QJsonArray problems;
        for (const Finding &finding : std::as_const(outcome.batch.request.findings))
            problems.append(finding.toJson());
        body.insert(u"lenient"_s, problems);
    }
    outcome.response.body = jsonBody(body);
    return outcome;
}

AgentProtocol::Outcome AgentProtocol::handle(const HttpRequest &request, const QString &source, qint64 nowMs)
{
    Outcome outcome;
    RequestRecord &record = outcome.batch.request;
    record.id = nextRequestId();
    record.receivedAtMs = nowMs;
    record.source = source;
    record.method = request.method;
    record.path = normalisedPath(request);
    record.head = redactedHead(request.head);
    record.body = request.body;

    const bool isEvent = record.path == QByteArrayView(eventPath);
    const bool isTrace = record.path == QByteArrayView(tracePath);
    if (!isEvent && !isTrace) {
        if (record.path == "/" && (request.method == "GET" || request.method == "HEAD")) {
            outcome.capture = false;
            outcome.response.status = 200;
            outcome.response.body = jsonBody({
                {u"agent"_s, u"Instana Workbench local agent (capture only)"_s},
                {u"version"_s, BuildInfo::current().applicationVersion},
                {u"endpoints"_s, QJsonArray{QString(eventPath), QString(tracePath)}},
            });
            return outcome;
        }
        // An unknown endpoint cannot be accepted, lenient or not.
        return reject(outcome, 404, u"unknown-endpoint"_s,
                      Messages::tr("%1 is not an endpoint of the agent; events go to %2 and spans to %3.")
                          .arg(QString::fromLatin1(record.path.left(200)), QString(eventPath), QString(tracePath)),
                      Always);
    }
    if (request.method != "POST") {
        reject(outcome, 405, u"method-not-allowed"_s,
               Messages::tr("%1 takes POST, not %2.")
                   .arg(QString::fromLatin1(record.path), QString::fromLatin1(request.method)),
               Always);
        outcome.response.headers.append(std::pair<QByteArray, QByteArray>("Allow", "POST"));
        return outcome;
    }
    return handleEndpoint(isEvent ? Endpoint::Event : Endpoint::Trace, request, std::move(outcome), nowMs);
}

AgentProtocol::Outcome AgentProtocol::handleEndpoint(Endpoint endpoint, const HttpRequest &request, Outcome outcome,
                                                     qint64 nowMs)
{
    if (endpoint == Endpoint::Trace) {
        while (!m_traceCalls.empty() && m_traceCalls.front() <= nowMs - 1000)
            m_traceCalls.pop_front();
        if (int(m_traceCalls.size()) >= m_traceCallsPerSecond) {
            const qint64 waitMs = m_traceCalls.front() + 1000 - nowMs;
            const qint64 retryAfter = std::max<qint64>(1, (waitMs + 999) / 1000);
            reject(outcome, 429, u"rate-limit"_s,
                   Messages::tr("More than %1 calls to the trace endpoint in one second; retry after %2 s.")
                       .arg(m_traceCallsPerSecond)
                       .arg(retryAfter));
            if (!m_lenient) {
                outcome.response.headers.append(
                    std::pair<QByteArray, QByteArray>("Retry-After", QByteArray::number(retryAfter)));
                return outcome;
            }
        }
        m_traceCalls.push_back(nowMs);
    }

    if (request.body.size() > AgentRules::MaxRequestBytes) {
        // Only reachable with a parser configured for larger bodies; the limit stands here too.
        reject(outcome, 413, u"body-too-large"_s,
               Messages::tr("The body is %1 bytes; the agent takes at most %2 bytes (4 MiB) in one request.")
                   .arg(request.body.size())
                   .arg(AgentRules::MaxRequestBytes));
        if (!m_lenient)
            return outcome;
    }

    if (endpoint == Endpoint::Trace)
        acceptSpans(outcome, request.body);
    else
        acceptEvents(outcome, request.body);
    return outcome;
}

void AgentProtocol::acceptEvents(Outcome &outcome, const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QByteArray trimmed = body.trimmed();
    if (parseError.error != QJsonParseError::NoError && !trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        // QJsonDocument takes only objects and arrays at the top; a lone string or number is
        // valid JSON of the wrong kind, which deserves to be called that.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + trimmed + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1) {
            const Findings findings = AgentRules::checkEvent(trimmed, -1);
            reject(outcome, 400, findings.value(0).rule, findings.value(0).message);
            if (m_lenient)
                accept(outcome, 0, 0);
            return;
        }
    }
    if (parseError.error != QJsonParseError::NoError || trimmed.isEmpty() || JsonText::startsWithByteOrderMark(body)) {
        QString reason;
        if (trimmed.isEmpty()) {
            reason = emptyBody();
        } else if (parseError.error == QJsonParseError::NoError) {
            // QJsonDocument skips a byte order mark; the span reader names it, and so does this.
            reason = malformed(1, 1, 0, JsonText::byteOrderMarkProblem());
        } else {
            const auto [line, column] = JsonText::lineAndColumn(body, parseError.offset);
            reason = malformed(line, column, parseError.offset, parseError.errorString());
        }
        reject(outcome, 400, u"malformed-json"_s, reason);
        if (m_lenient)
            accept(outcome, 0, 0);
        return;
    }

    bool isArray = false;
    const QList<JsonText::Range> ranges = JsonText::topLevelElements(body, &isArray);
    QJsonArray elements;
    if (document.isArray())
        elements = document.array();
    else
        elements.append(document.object());

    const bool rangesFit = ranges.size() == elements.size();
    Findings errors;
    int warnings = 0;
    outcome.batch.items.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QJsonValue element = elements.at(i);
        const int index = isArray ? int(i) : -1;
        // The element as sent: its text is kept.
        QByteArray serialised;
        if (!rangesFit) { // not expected for text QJsonDocument accepted; kept as a safe fallback
            serialised = QJsonDocument(QJsonArray{element}).toJson(QJsonDocument::Compact);
            serialised = serialised.mid(1, serialised.size() - 2);
        }
        const QByteArrayView sent = rangesFit ? QByteArrayView(body).sliced(ranges.at(i).begin, ranges.at(i).size())
                                              : QByteArrayView(serialised);
        Findings findings = AgentRules::checkEvent(sent, index);
        for (const Finding &finding : std::as_const(findings)) {
            if (finding.isError())
                errors.append(finding);
            else
                ++warnings;
        }
        if (!element.isObject())
            continue;
        CapturedItem item;
        item.kind = CapturedItem::Kind::Event;
        item.requestId = outcome.batch.request.id;
        item.index = std::max(index, 0);
        item.receivedAtMs = outcome.batch.request.receivedAtMs;
        item.source = outcome.batch.request.source;
        item.json = rangesFit ? JsonText::minified(sent) : serialised;
        item.summary = CapturedItem::summaryOf(element.toObject());
        item.findings = std::move(findings);
        outcome.batch.items.append(std::move(item));
    }
    finish(outcome, errors, warnings);
}

void AgentProtocol::acceptSpans(Outcome &outcome, const QByteArray &body)
{
    using namespace Traces;
    if (QByteArrayView(body).trimmed().isEmpty()) {
        reject(outcome, 400, u"malformed-json"_s, emptyBody());
        if (m_lenient)
            accept(outcome, 0, 0);
        return;
    }
    // One pass of the span reader: the spans, and where each lies in the body.
    SpanStore store;
    std::vector<SpanJson::SpanText> texts;
    const ReadResult read = SpanJson::read(body, store, texts);
    if (!read.ok()) {
        reject(outcome, 400, u"malformed-json"_s,
               malformed(read.error.line, read.error.column, read.error.offset, read.error.message));
        if (m_lenient)
            accept(outcome, 0, 0);
        return;
    }
    if (read.elements > AgentRules::MaxSpansPerRequest) {
        reject(outcome, 413, u"too-many-spans"_s,
               Messages::tr("The request holds %1 spans; the agent takes at most %2 spans in one request.")
                   .arg(read.elements)
                   .arg(AgentRules::MaxSpansPerRequest));
        if (!m_lenient)
            return;
    }

    // The agent refuses a request for what it cannot take; every other finding of the span
    // rules goes with the captured span. It does not check the rules that concern several
    // spans (SpanRules::crossSpanRules()): their spans may come in other requests.
    Findings errors = read.skipped;
    int warnings = 0;
    const QByteArrayView text(body);
    outcome.batch.items.reserve(store.size());
    for (qsizetype i = 0; i < store.size(); ++i) {
        const SpanJson::SpanText &where = texts[size_t(i)];
        CapturedItem item;
        // The span as sent, without the white space between tokens; its size is what the
        // 4 KiB limit is about.
        const QByteArrayView sent = text.sliced(where.begin, where.end - where.begin);
        item.json = where.compact ? sent.toByteArray() : JsonText::minified(sent);
        SpanRules::check(store, i, where.element, item.json.size(), item.findings);
        for (const Finding &finding : std::as_const(item.findings)) {
            if (finding.isError() && SpanRules::isRefusedByAgent(finding.rule))
                errors.append(finding);
            else
                ++warnings;
        }
        item.kind = CapturedItem::Kind::Span;
        item.requestId = outcome.batch.request.id;
        item.index = where.element;
        item.receivedAtMs = outcome.batch.request.receivedAtMs;
        item.source = outcome.batch.request.source;
        const SpanStore::Record &r = store.record(i);
        CapturedItem::Summary &summary = item.summary;
        summary.spanId = store.idText(i, SpanStore::Field::SpanId);
        summary.traceId = store.idText(i, SpanStore::Field::TraceId);
        summary.parentId = store.idText(i, SpanStore::Field::ParentId);
        if (r.has(SpanStore::HasName))
            summary.name = store.name(i);
        if (r.has(SpanStore::HasType)) {
            const SpanStore::Extra *typeText
                = r.type == SpanType::Unknown ? store.extra(i, SpanStore::Field::Type) : nullptr;
            summary.type = typeText ? store.strings().text(typeText->value) : spanTypeName(r.type);
        }
        summary.error = r.has(SpanStore::ErrorValue);
        if (r.has(SpanStore::HasTimestamp))
            summary.timestamp = r.timestamp;
        if (r.has(SpanStore::HasDuration))
            summary.duration = r.duration;
        outcome.batch.items.append(std::move(item));
    }
    finish(outcome, errors, warnings);
}

void AgentProtocol::finish(Outcome &outcome, const Findings &errors, int warnings)
{
    if (!errors.isEmpty()) {
        const Finding &first = errors.constFirst();
        QString reason = first.message;
        if (errors.size() > 1)
            reason += u' ' + Messages::tr("(and %n more problem(s))", nullptr, int(errors.size() - 1));
        const int status = first.rule == u"span-too-large"_s ? 413 : 400;
        reject(outcome, status, first.rule, reason);
        if (!m_lenient)
            return;
    }
    accept(outcome, int(outcome.batch.items.size()), warnings);
}

} // namespace Workbench
