#include "core/traces/spanjson.h"
#include "core/traces/spanrules.h"
#include "core/traces/tracevalidator.h"
#include "tests/localagent/agentexamples.h"
#include "tests/traces/jsonquotes.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

Span span(quint64 id, quint64 parent, const QString &type, qint64 start = 1700000000000, qint64 duration = 100)
{
    Span s;
    s.spanId = SpanIds::format(id);
    s.traceId = SpanIds::format(0x100);
    if (parent)
        s.parentId = SpanIds::format(parent);
    s.timestamp = start;
    s.duration = duration;
    s.name = u"span %1"_s.arg(id);
    if (!type.isEmpty())
        s.type = type;
    return s;
}

ValidationReport check(const QList<Span> &spans)
{
    return TraceValidator::validate(SpanStore::fromSpans(spans));
}

ValidationReport check(const QByteArray &json)
{
    SpanStore store;
    const ReadResult read = SpanJson::read(json, store);
    if (!read.ok())
        qFatal("unreadable test input: %s", qPrintable(read.error.toString()));
    return TraceValidator::validate(store);
}

QStringList rules(const ValidationReport &report, Finding::Severity severity)
{
    QStringList list;
    for (const Finding &f : report.findings) {
        if (f.severity == severity)
            list.append(f.rule);
    }
    return list;
}

QStringList errors(const ValidationReport &report)
{
    return rules(report, Finding::Severity::Error);
}

QStringList warnings(const ValidationReport &report)
{
    return rules(report, Finding::Severity::Warning);
}

} // namespace

class TestTraceValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A key written twice in a span, its data or its unknown fields: the agent's behaviour is
    // unspecified, so it is an error naming the span and the key, once per repetition.
    void duplicateKeysAreErrors()
    {
        const ValidationReport report
            = check(J("[{'spanId':'0000000000000001','spanId':'0000000000000002','traceId':'0000000000000001',"
                      "'timestamp':1700000000000,'duration':1,'name':'n','data':{'k':'1','k':'2'},'x':1,'x':2}]"));
        QCOMPARE(errors(report), (QStringList{u"duplicate-key"_s, u"duplicate-key"_s, u"duplicate-key"_s}));
        QCOMPARE(warnings(report), QStringList{u"unknown-field"_s}); // the first x only
        QVERIFY2(report.findings[0].message.contains(u"span 0000000000000001 ([0])"_s),
                 qPrintable(report.findings[0].message));
        QVERIFY2(report.findings[0].message.contains(u"\"spanId\""_s), qPrintable(report.findings[0].message));
        QCOMPARE(report.findings[0].spanId, u"0000000000000001"_s);
        QVERIFY(SpanRules::perSpanRules().contains(u"duplicate-key"_s));
        QVERIFY(!SpanRules::isRefusedByAgent(u"duplicate-key"));
    }

    void officialExampleHasNoErrors()
    {
        const ValidationReport report = check(AgentExamples::traceBody);
        QCOMPARE(report.errors, 0);
        // The example sends http.status_code as a number: the one warning per span.
        QCOMPARE(warnings(report), (QStringList{u"data-not-string"_s, u"data-not-string"_s}));
        QCOMPARE(report.findings[0].spanId, u"8165b19a37094800"_s);
        QVERIFY(report.findings[0].message.contains(u"data.http.status_code is a number"_s));
    }

    void aWellFormedTreeIsClean()
    {
        const ValidationReport report = check(
            QList<Span>{span(1, 0, u"ENTRY"_s, 1700000000000, 100), span(2, 1, u"INTERMEDIATE"_s, 1700000000010, 50),
                        span(3, 2, u"EXIT"_s, 1700000000020, 30), span(4, 3, u"ENTRY"_s, 1700000000021, 20),
                        span(5, 4, {}, 1700000000021, 20)}); // absent type = ENTRY, under an ENTRY: a warning
        QCOMPARE(errors(report), QStringList());
        QCOMPARE(warnings(report), QStringList{u"hierarchy"_s});
    }

    void idsMustBeHex()
    {
        QList<Span> spans{span(1, 0, u"ENTRY"_s)};
        spans[0].spanId = u"xyz"_s;
        QCOMPARE(errors(check(spans)), QStringList{u"bad-id"_s});
        spans[0].spanId = u"0123456789abcdef0"_s; // 17 digits: more than 64 bits
        QCOMPARE(errors(check(spans)), QStringList{u"bad-id"_s});
        spans[0].spanId = u"abc"_s;
        const ValidationReport short_ = check(spans);
        QCOMPARE(errors(short_), QStringList());
        QCOMPARE(warnings(short_), QStringList{u"id-length"_s});
        QCOMPARE(short_.findings[0].spanId, u"abc"_s);
    }

    void spanIdsAreUnique()
    {
        const ValidationReport report
            = check(QList<Span>{span(1, 0, u"ENTRY"_s), span(2, 1, u"EXIT"_s), span(2, 1, u"EXIT"_s)});
        QCOMPARE(errors(report), QStringList{u"duplicate-span-id"_s});
        QCOMPARE(report.findings[0].index, 2);
    }

    void aTraceHasExactlyOneRoot()
    {
        QCOMPARE(errors(check(QList<Span>{span(1, 0, u"ENTRY"_s), span(2, 0, u"ENTRY"_s)})),
                 QStringList{u"several-roots"_s});
        // Two spans pointing at each other: no root and a cycle.
        const ValidationReport loop = check(QList<Span>{span(1, 2, u"ENTRY"_s), span(2, 1, u"EXIT"_s)});
        QVERIFY(errors(loop).contains(u"no-root"_s));
        QVERIFY(errors(loop).contains(u"cycle"_s));
    }

    void parentsMustExistInTheSameTrace()
    {
        QList<Span> spans{span(1, 0, u"ENTRY"_s), span(2, 7, u"EXIT"_s)};
        QCOMPARE(errors(check(spans)), QStringList{u"missing-parent"_s});
        spans[1].parentId = SpanIds::format(1);
        spans[1].traceId = SpanIds::format(0x200);
        QStringList found = errors(check(spans));
        QVERIFY(found.contains(u"parent-in-other-trace"_s));
        QVERIFY(found.contains(u"no-root"_s)); // trace 200 has no root of its own
    }

    void cyclesAreFoundOnce()
    {
        const ValidationReport report
            = check(QList<Span>{span(1, 0, u"ENTRY"_s), span(2, 4, u"EXIT"_s), span(3, 2, u"ENTRY"_s),
                                span(4, 3, u"EXIT"_s), span(5, 5, u"EXIT"_s)});
        QCOMPARE(errors(report).count(u"cycle"_s), 2); // 2→4→3→2, and 5 its own parent
    }

    void typesAndHierarchy()
    {
        QCOMPARE(errors(check(QList<Span>{span(1, 0, u"SERVER"_s)})), QStringList{u"bad-type"_s});
        QCOMPARE(warnings(check(QList<Span>{span(1, 0, u"ENTRY"_s), span(2, 1, u"EXIT"_s), span(3, 2, u"EXIT"_s)})),
                 QStringList{u"hierarchy"_s});
        QCOMPARE(warnings(check(QList<Span>{span(1, 0, u"EUM"_s), span(2, 1, u"ENTRY"_s)})), QStringList());
    }

    void backendTraceOnlyWithEum()
    {
        QList<Span> spans{span(1, 0, u"EUM"_s)};
        spans[0].backendTrace = SpanIds::format(0xabc);
        QCOMPARE(warnings(check(spans)), QStringList());
        spans[0].type = u"ENTRY"_s;
        QCOMPARE(warnings(check(spans)), QStringList{u"backend-trace-not-eum"_s});
    }

    void timesMustBePlausible()
    {
        QList<Span> spans{span(1, 0, u"ENTRY"_s, 1700000000)};
        ValidationReport report = check(spans);
        QCOMPARE(errors(report), QStringList{u"implausible-timestamp"_s});
        QVERIFY(report.findings[0].message.contains(u"seconds"_s));
        spans[0].timestamp = 1700000000000000;
        QVERIFY(check(spans).findings[0].message.contains(u"micro"_s));
        spans[0].timestamp = 1700000000000;
        spans[0].duration = -1;
        QCOMPARE(errors(check(spans)), QStringList{u"negative-duration"_s});
        // A child outside its parent's window: a warning.
        QCOMPARE(warnings(check(
                     QList<Span>{span(1, 0, u"ENTRY"_s, 1700000000000, 10), span(2, 1, u"EXIT"_s, 1700000000005, 10)})),
                 QStringList{u"outside-parent"_s});
        QCOMPARE(warnings(check(
                     QList<Span>{span(1, 0, u"ENTRY"_s, 1700000000000, 10), span(2, 1, u"EXIT"_s, 1699999999999, 5)})),
                 QStringList{u"outside-parent"_s});
    }

    void fieldsMissingOrMistyped()
    {
        const ValidationReport report = check(QByteArray(
            J("[{'spanId':'0000000000000001','traceId':'0000000000000001','name':3,'timestamp':'now','duration':1,"
              "'error':'yes','data':[1],'parentId':5}]")));
        QCOMPARE(errors(report).count(u"wrong-type"_s), 5);
        const ValidationReport missing = check(QByteArray(J("{'spanId':'0000000000000001'}")));
        QCOMPARE(errors(missing).count(u"missing-field"_s), 4); // traceId, name, timestamp, duration
        QVERIFY(missing.findings[0].message.contains(u"has no traceId"_s));
    }

    void limits()
    {
        QList<Span> spans{span(1, 0, u"ENTRY"_s)};
        spans[0].setData(u"big"_s, QString(5000, u'x'));
        const ValidationReport big = check(spans);
        QCOMPARE(errors(big), QStringList{u"span-too-large"_s});
        QVERIFY(big.findings[0].message.contains(u"4 KiB"_s));

        QList<Span> many{span(1, 0, u"ENTRY"_s, 1700000000000, 5000)};
        for (quint64 i = 2; i <= 1001; ++i)
            many.append(span(i, 1, u"EXIT"_s, 1700000000001, 1));
        const ValidationReport report = check(many);
        QCOMPARE(errors(report), QStringList());
        QCOMPARE(warnings(report), QStringList{u"too-many-spans"_s});

        // 1100 spans of 3.9 KiB: more than 4 MiB as one request.
        QList<Span> heavy{span(1, 0, u"ENTRY"_s, 1700000000000, 5000)};
        for (quint64 i = 2; i <= 1100; ++i) {
            heavy.append(span(i, 1, u"EXIT"_s, 1700000000001, 1));
            heavy.last().setData(u"payload"_s, QString(3800, u'y'));
        }
        const ValidationReport heavyReport = check(heavy);
        QCOMPARE(warnings(heavyReport), (QStringList{u"too-many-spans"_s, u"request-too-large"_s}));
        ValidationOptions noLimits;
        noLimits.requestLimits = false;
        QCOMPARE(TraceValidator::validate(SpanStore::fromSpans(heavy), noLimits).findings.size(), 0);
    }

    void reportsCountBeyondWhatTheyKeep()
    {
        QList<Span> spans;
        for (quint64 i = 1; i <= 50; ++i)
            spans.append(span(i, 0, u"BAD"_s));
        ValidationOptions options;
        options.maxFindings = 10;
        const ValidationReport report = TraceValidator::validate(SpanStore::fromSpans(spans), options);
        QCOMPARE(report.findings.size(), 10);
        QCOMPARE(report.errors, 50 + 49); // bad types and extra roots
        QCOMPARE(report.omitted, 89);
        const QJsonObject json = report.toJson();
        QCOMPARE(json[u"errors"_s].toInt(), 99);
        QCOMPARE(json[u"findings"_s].toArray().size(), 10);
        const QJsonObject first = json[u"findings"_s].toArray()[0].toObject();
        QCOMPARE(first.keys(), (QStringList{u"index"_s, u"message"_s, u"rule"_s, u"severity"_s, u"spanId"_s}));
    }
};

QTEST_GUILESS_MAIN(TestTraceValidator)
#include "tst_tracevalidator.moc"
