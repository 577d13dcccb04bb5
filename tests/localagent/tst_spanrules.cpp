// One generated corpus of broken spans, fed to the validator and to the local agent: both
// give the same rule ids for every per-span rule, and the validator finds beyond that
// exactly the rules the local agent documents it does not check.

#include "core/json/jsontext.h"
#include "core/localagent/agentprotocol.h"
#include "core/localagent/localagent.h"
#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanrules.h"
#include "core/traces/tracevalidator.h"

#include "tests/support/rawhttp.h"

#include <QSignalSpy>
#include <QTest>

#include <map>
#include <optional>
#include <set>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

const QByteArray tracePath = "/com.instana.plugin.generic.trace";

// The span's compact JSON with one member's value replaced, added (at the end) or, for no
// value, removed.
QByteArray edited(const QByteArray &span, QByteArrayView key, const std::optional<QByteArray> &value)
{
    qsizetype keyBegin = -1;
    qsizetype valueBegin = -1;
    qsizetype valueEnd = -1;
    JsonText::forEachMember(span, [&](QByteArrayView k, QByteArrayView v) {
        if (k == key) {
            keyBegin = k.data() - span.constData() - 1;
            valueBegin = v.data() - span.constData();
            valueEnd = valueBegin + v.size();
        }
    });
    if (keyBegin < 0)
        return value ? span.left(span.size() - 1) + ",\"" + key.toByteArray() + "\":" + *value + '}' : span;
    if (value)
        return span.left(valueBegin) + *value + span.mid(valueEnd);
    if (span.at(keyBegin - 1) == ',')
        return span.left(keyBegin - 1) + span.mid(valueEnd);
    return span.left(keyBegin) + span.mid(valueEnd + 1);
}

struct Breakage
{
    const char *name;
    QByteArray key;
    std::optional<QByteArray> value;
    QString rule; // a rule the broken span must break
};

// Every per-span rule, field by field.
const QList<Breakage> &breakages()
{
    static const QList<Breakage> list{
        {"spanId a number", "spanId", "5", u"wrong-type"_s},
        {"traceId an object", "traceId", "{}", u"wrong-type"_s},
        {"name a number", "name", "5", u"wrong-type"_s},
        {"type a number", "type", "1", u"wrong-type"_s},
        {"timestamp a string", "timestamp", "\"soon\"", u"wrong-type"_s},
        {"duration a fraction", "duration", "1.5", u"wrong-type"_s},
        {"error a string", "error", "\"yes\"", u"wrong-type"_s},
        {"data an array", "data", "[]", u"wrong-type"_s},
        {"no spanId", "spanId", std::nullopt, u"missing-field"_s},
        {"no traceId", "traceId", std::nullopt, u"missing-field"_s},
        {"no name", "name", std::nullopt, u"missing-field"_s},
        {"no timestamp", "timestamp", std::nullopt, u"missing-field"_s},
        {"no duration", "duration", std::nullopt, u"missing-field"_s},
        {"spanId no hex", "spanId", "\"xyz\"", u"bad-id"_s},
        {"parentId of 17 digits", "parentId", "\"0123456789abcdef0\"", u"bad-id"_s},
        {"spanId short", "spanId", "\"1f\"", u"id-length"_s},
        {"type unknown", "type", "\"SERVER\"", u"bad-type"_s},
        {"duration negative", "duration", "-5", u"negative-duration"_s},
        {"timestamp negative", "timestamp", "-1", u"negative-timestamp"_s},
        {"timestamp in seconds", "timestamp", "1767225600", u"implausible-timestamp"_s},
        {"timestamp in microseconds", "timestamp", "1767225600000000", u"implausible-timestamp"_s},
        {"timestamp with an exponent", "timestamp", "1.7672256e12", u"number-format"_s},
        {"backendTrace on an EXIT", "backendTrace", "\"00000000000000aa\"", u"backend-trace-not-eum"_s},
        {"data value a number", "data", "{\"http.status_code\":200}", u"data-not-string"_s},
        {"unknown field", "colour", "\"blue\"", u"unknown-field"_s},
        {"data key twice", "data", "{\"k\":\"1\",\"k\":\"2\"}", u"duplicate-key"_s},
        {"too large", "data", "{\"sql\":\"" + QByteArray(4200, 'x') + "\"}", u"span-too-large"_s},
    };
    return list;
}

QByteArray spanText(const Span &span)
{
    SpanStore store;
    store.append(span);
    return SpanJson::spanJson(store, 0);
}

// Spans each breaking one rule that concerns several spans, around the generated trace.
QByteArrayList crossSpanBreakage(const SpanStore &trace)
{
    const Span root = trace.span(0);
    auto child = [&](const QString &spanId) {
        Span span = trace.span(1);
        span.spanId = spanId;
        span.parentId = root.spanId;
        span.traceId = root.traceId;
        span.type = u"EXIT"_s;
        span.timestamp = root.timestamp;
        span.duration = 1;
        return span;
    };
    QByteArrayList out;
    out << SpanJson::spanJson(trace, 2); // duplicate-span-id
    Span orphan = child(u"00000000000000c1"_s);
    orphan.parentId = u"00000000000000ff"_s; // missing-parent
    out << spanText(orphan);
    Span other = child(u"00000000000000c2"_s);
    other.traceId = u"0000000000000bad"_s; // parent-in-other-trace, and a trace without root
    out << spanText(other);
    Span a = child(u"00000000000000c3"_s);
    Span b = child(u"00000000000000c4"_s);
    a.traceId = b.traceId = u"000000000000c0c0"_s;
    a.parentId = b.spanId; // cycle, no-root
    b.parentId = a.spanId;
    out << spanText(a) << spanText(b);
    Span second = child(u"00000000000000c5"_s);
    second.parentId = QString(); // several-roots
    out << spanText(second);
    Span entry = child(u"00000000000000c6"_s);
    entry.type = u"ENTRY"_s; // hierarchy: an ENTRY under an ENTRY
    out << spanText(entry);
    Span early = child(u"00000000000000c7"_s);
    early.timestamp = *root.timestamp - 5; // outside-parent
    out << spanText(early);
    return out;
}

struct Corpus
{
    QByteArray body;
    int brokenFirst = 0; // the span broken by breakages()[0]
    int elements = 0;
};

Corpus corpus()
{
    GeneratorOptions options;
    options.spans = 40;
    const SpanStore trace = SpanGenerator::generate(options);
    QByteArrayList elements;
    for (qsizetype i = 0; i < trace.size(); ++i)
        elements << SpanJson::spanJson(trace, i);
    Corpus out;
    out.brokenFirst = int(elements.size());
    // Broken copies of one leaf, so that breaking it troubles no other span.
    const QByteArray leaf = SpanJson::spanJson(trace, trace.size() - 1);
    int n = 0;
    for (const Breakage &b : breakages()) {
        const QByteArray id = "\"10000000000000" + QByteArray::number(n++, 16).rightJustified(2, '0') + '"';
        elements << edited(edited(leaf, "spanId", b.key == "spanId" ? b.value : std::optional<QByteArray>(id)), b.key,
                           b.value);
    }
    elements << crossSpanBreakage(trace);
    elements << "5"; // not-a-span, last, so that positions and store indexes agree
    out.elements = int(elements.size());
    out.body = '[' + elements.join(',') + ']';
    return out;
}

HttpRequest post(const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.target = tracePath;
    request.body = body;
    request.head = "POST " + tracePath + " HTTP/1.1\r\n\r\n";
    return request;
}

using RulesByPosition = std::map<int, QStringList>;

RulesByPosition byPosition(const Findings &findings, const QStringList &only)
{
    RulesByPosition out;
    for (const Finding &f : findings) {
        if (only.contains(f.rule))
            out[f.index] << f.rule;
    }
    return out;
}

RulesByPosition agentRules(const CaptureBatch &batch, const ReadResult &read)
{
    Findings all;
    for (const CapturedItem &item : batch.items)
        all << item.findings;
    all << read.skipped;
    return byPosition(all, SpanRules::perSpanRules());
}

} // namespace

class TestSpanRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validatorAndLocalAgentAgree()
    {
        const Corpus c = corpus();

        // The validator, as iwb trace validate runs it: the reader's findings and the report.
        SpanStore store;
        const ReadResult read = SpanJson::read(c.body, store);
        QVERIFY(read.ok());
        QCOMPARE(read.elements, c.elements);
        ValidationOptions options;
        options.requestLimits = false;
        const ValidationReport report = TraceValidator::validate(store, options);
        Findings validatorFindings = report.findings;
        validatorFindings << read.skipped;

        // The local agent, lenient, so that it takes the whole request and reports everything.
        AgentProtocol protocol;
        protocol.setLenient(true);
        const AgentProtocol::Outcome outcome = protocol.handle(post(c.body), u"test"_s, 1000);
        QCOMPARE(outcome.response.status, 200);
        QCOMPARE(outcome.batch.items.size(), c.elements - 1);

        // The same rule ids, span by span, for every per-span rule.
        const RulesByPosition validator = byPosition(validatorFindings, SpanRules::perSpanRules());
        const RulesByPosition agent = agentRules(outcome.batch, read);
        QCOMPARE(agent, validator);
        // Each breakage breaks the rule it is about, seen by both.
        for (qsizetype k = 0; k < breakages().size(); ++k) {
            const Breakage &b = breakages().at(k);
            QVERIFY2(agent.count(c.brokenFirst + int(k)) && agent.at(c.brokenFirst + int(k)).contains(b.rule), b.name);
        }
        // Every per-span rule is in the corpus.
        std::set<QString> seen;
        for (const auto &[position, rules] : agent)
            seen.insert(rules.cbegin(), rules.cend());
        const QStringList perSpan = SpanRules::perSpanRules();
        QCOMPARE(seen, std::set<QString>(perSpan.cbegin(), perSpan.cend()));

        // What only the validator finds is exactly the documented list.
        std::set<QString> validatorOnly;
        for (const Finding &f : std::as_const(validatorFindings)) {
            if (!perSpan.contains(f.rule))
                validatorOnly.insert(f.rule);
        }
        const QStringList cross = SpanRules::crossSpanRules();
        QCOMPARE(validatorOnly, std::set<QString>(cross.cbegin(), cross.cend()));
        for (const CapturedItem &item : outcome.batch.items) {
            for (const Finding &f : item.findings)
                QVERIFY2(!cross.contains(f.rule), qPrintable(f.rule));
        }

        // One wording: the messages of a span are the same on both sides.
        for (const CapturedItem &item : outcome.batch.items) {
            QStringList agentMessages;
            for (const Finding &f : item.findings)
                agentMessages << f.message;
            QStringList validatorMessages;
            for (const Finding &f : std::as_const(report.findings)) {
                if (f.index == item.index && perSpan.contains(f.rule))
                    validatorMessages << f.message;
            }
            QCOMPARE(agentMessages, validatorMessages);
        }
    }

    void theAgentRefusesOnlyWhatTheHostAgentRefuses_data()
    {
        QTest::addColumn<int>("breakage");
        for (int k = 0; k < breakages().size(); ++k)
            QTest::newRow(breakages().at(k).name) << k;
    }

    void theAgentRefusesOnlyWhatTheHostAgentRefuses()
    {
        QFETCH(int, breakage);
        const Breakage &b = breakages().at(breakage);
        GeneratorOptions options;
        options.spans = 3;
        const SpanStore trace = SpanGenerator::generate(options);
        const QByteArray body = edited(SpanJson::spanJson(trace, 2), b.key, b.value);
        AgentProtocol protocol;
        const AgentProtocol::Outcome outcome = protocol.handle(post(body), u"test"_s, 1000);
        if (SpanRules::isRefusedByAgent(b.rule)) {
            QCOMPARE(outcome.response.status, b.rule == u"span-too-large"_s ? 413 : 400);
            QCOMPARE(outcome.batch.rejection->rule, b.rule);
        } else {
            QCOMPARE(outcome.response.status, 200);
            QCOMPARE(outcome.batch.items.size(), 1);
            QStringList rules;
            for (const Finding &f : outcome.batch.items.at(0).findings)
                rules << f.rule;
            QVERIFY2(rules.contains(b.rule), qPrintable(rules.join(u' ')));
        }
    }

    void overASocketTheSameRules()
    {
        const Corpus c = corpus();
        AgentProtocol protocol;
        protocol.setLenient(true);
        const AgentProtocol::Outcome direct = protocol.handle(post(c.body), u"test"_s, 1000);

        LocalAgent agent;
        LocalAgentConfig config;
        config.port = 0;
        config.lenient = true;
        QString error;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        QSignalSpy captured(&agent, &LocalAgent::captured);
        TestSupport::RawHttpClient client;
        QVERIFY(client.connectTo(agent.port()));
        QCOMPARE(client.send(TestSupport::postRequest(tracePath, c.body)).status, 200);
        QVERIFY(captured.count() > 0 || captured.wait(10000));
        const auto batch = captured.at(0).at(0).value<CaptureBatch>();
        QCOMPARE(batch.items.size(), direct.batch.items.size());
        for (qsizetype i = 0; i < batch.items.size(); ++i) {
            QStringList overSocket;
            for (const Finding &f : batch.items.at(i).findings)
                overSocket << f.rule;
            QStringList handled;
            for (const Finding &f : direct.batch.items.at(i).findings)
                handled << f.rule;
            QCOMPARE(overSocket, handled);
            QCOMPARE(batch.items.at(i).json, direct.batch.items.at(i).json);
        }

        // Strict: a timestamp in seconds is taken and reported; a negative duration refused.
        agent.setLenient(false);
        GeneratorOptions options;
        options.spans = 1;
        const QByteArray span = SpanJson::spanJson(SpanGenerator::generate(options), 0);
        const TestSupport::RawResponse seconds
            = client.send(TestSupport::postRequest(tracePath, edited(span, "timestamp", QByteArray("1767225600"))));
        QCOMPARE(seconds.status, 200);
        QVERIFY(captured.count() > 1 || captured.wait(10000));
        const auto taken = captured.at(1).at(0).value<CaptureBatch>();
        QCOMPARE(taken.items.size(), 1);
        QCOMPARE(taken.items.at(0).findings.value(0).rule, u"implausible-timestamp"_s);
        QVERIFY(taken.items.at(0).findings.value(0).message.contains(u"seconds"_s));
        const TestSupport::RawResponse negative
            = client.send(TestSupport::postRequest(tracePath, edited(span, "duration", QByteArray("-1"))));
        QCOMPARE(negative.status, 400);
        QVERIFY(negative.body.contains("negative-duration"));
    }
};

QTEST_GUILESS_MAIN(TestSpanRules)
#include "tst_spanrules.moc"
