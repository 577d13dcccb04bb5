// A backend trace (the calls of v2/analyze/traces/{id} and each call's details, shaped as
// openapi.yaml's examples) made into the agent's span format: ids, parents, times, kinds, errors,
// names and data flattened to texts; and what damaged answers give: a finding and a span made
// from what there is, never a crash; the result passes the validator.

#include "core/browse/backendtrace.h"
#include "core/traces/spanjson.h"
#include "core/traces/tracevalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;

namespace {

const auto TraceId = u"506aef767d8ec147"_s;
using Answers = QHash<QString, QJsonValue>;

QJsonObject call(const QString &id, const QJsonValue &parentId, qint64 timestamp, qint64 duration, const QString &name,
                 int errorCount = 0)
{
    return QJsonObject{{u"id"_s, id},
                       {u"timestamp"_s, timestamp},
                       {u"parentId"_s, parentId},
                       {u"name"_s, name},
                       {u"duration"_s, duration},
                       {u"callCount"_s, 1},
                       {u"errorCount"_s, errorCount},
                       {u"destination"_s,
                        QJsonObject{{u"service"_s, QJsonObject{{u"id"_s, u"ce4b"_s}, {u"label"_s, u"nginx-web"_s}}}}}};
}

QJsonObject span(const QString &id, const QString &parentId, const QString &kind, qint64 start, qint64 duration,
                 const QJsonObject &data = {}, int errorCount = 0)
{
    return QJsonObject{{u"id"_s, id},
                       {u"parentId"_s, parentId},
                       {u"name"_s, kind == u"EXIT"_s ? u"node.http.client"_s : u"node.http.server"_s},
                       {u"kind"_s, kind},
                       {u"foreignParentId"_s, u""_s},
                       {u"start"_s, start},
                       {u"duration"_s, duration},
                       {u"errorCount"_s, errorCount},
                       {u"stackTrace"_s, QJsonArray()},
                       {u"data"_s, data}};
}

QJsonObject details(const QString &id, const QJsonArray &spans)
{
    return QJsonObject{{u"id"_s, id}, {u"label"_s, u"GET /"_s}, {u"spans"_s, spans}, {u"logs"_s, QJsonArray()}};
}

// A root call daa9141549aea210 and its child 14219b3deb6a6bc5 (an EXIT of the root's service and
// the ENTRY of nginx-web's).
QJsonArray twoCalls()
{
    return {call(u"daa9141549aea210"_s, QJsonValue::Null, 1688544599223, 30, u"GET /api/shipping"_s),
            call(u"14219b3deb6a6bc5"_s, u"daa9141549aea210"_s, 1688544599230, 20, u"GET /api/shipping/cities/bg"_s, 1)};
}

QHash<QString, QJsonValue> twoDetails()
{
    const QJsonObject http{{u"path"_s, u"/api/shipping/cities/bg"_s},
                           {u"method"_s, u"GET"_s},
                           {u"status"_s, 200},
                           {u"headers"_s, QJsonArray{u"a"_s, u"b"_s}}};
    return {{u"daa9141549aea210"_s,
             details(u"daa9141549aea210"_s,
                     {span(u"daa9141549aea210"_s, u""_s, u"ENTRY"_s, 1688544599223, 30, {{u"service"_s, u"shop"_s}})})},
            {u"14219b3deb6a6bc5"_s,
             details(u"14219b3deb6a6bc5"_s,
                     {span(u"00000000000000e1"_s, u"daa9141549aea210"_s, u"EXIT"_s, 1688544599229, 22,
                           {{u"service"_s, u"shop"_s}, {u"http"_s, http}}),
                      span(u"14219b3deb6a6bc5"_s, u"00000000000000e1"_s, u"ENTRY"_s, 1688544599230, 20,
                           {{u"service"_s, u"nginx-web"_s}, {u"http"_s, http}}, 1)})}};
}

QStringList rules(const Findings &findings)
{
    QStringList result;
    for (const Finding &finding : findings)
        result.append(finding.rule);
    return result;
}

qsizetype validationErrors(const Traces::SpanStore &store)
{
    Traces::ValidationOptions options;
    options.requestLimits = false;
    const Traces::ValidationReport report = Traces::TraceValidator::validate(store, options);
    for (const Finding &finding : report.findings) {
        if (finding.isError())
            qWarning() << finding.rule << finding.message;
    }
    return report.errors;
}

} // namespace

class TestBackendTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths()
    {
        QCOMPARE(BackendTrace::callsPath(TraceId), u"/api/application-monitoring/v2/analyze/traces/506aef767d8ec147"_s);
        QCOMPARE(BackendTrace::detailsPath(u"a/b"_s, u"c d"_s),
                 u"/api/application-monitoring/v2/analyze/traces/a%2Fb/calls/c%20d/details"_s);
    }

    void convertsCallsAndTheirSpans()
    {
        const BackendTrace::Conversion result = BackendTrace::convert(TraceId, twoCalls(), twoDetails());
        QCOMPARE(rules(result.findings), QStringList());
        const QList<Traces::Span> spans = result.store.spans();
        QCOMPARE(spans.size(), 3);

        const Traces::Span &root = spans[0];
        QCOMPARE(root.spanId, u"daa9141549aea210"_s);
        QVERIFY(root.parentId.isNull());
        QCOMPARE(root.traceId, TraceId);
        QCOMPARE(root.timestamp, std::optional<qint64>(1688544599223));
        QCOMPARE(root.duration, std::optional<qint64>(30));
        QCOMPARE(root.type, u"ENTRY"_s);
        QCOMPARE(root.name, u"node.http.server"_s);
        QCOMPARE(root.error, std::optional<bool>());
        QCOMPARE(root.dataValue(u"service"), u"shop"_s);

        const Traces::Span &exit = spans[1];
        QCOMPARE(exit.spanId, u"00000000000000e1"_s);
        QCOMPARE(exit.parentId, u"daa9141549aea210"_s);
        QCOMPARE(exit.type, u"EXIT"_s);
        QCOMPARE(exit.name, u"node.http.client"_s);
        QCOMPARE(exit.traceId, TraceId);

        const Traces::Span &entry = spans[2];
        QCOMPARE(entry.parentId, u"00000000000000e1"_s);
        QCOMPARE(entry.error, std::optional<bool>(true));
        // Nested data flattened into dotted keys, every value a text.
        QCOMPARE(entry.dataValue(u"http.path"), u"/api/shipping/cities/bg"_s);
        QCOMPARE(entry.dataValue(u"http.status"), u"200"_s);
        QCOMPARE(entry.dataValue(u"http.headers[1]"), u"b"_s);
        for (const Traces::DataItem &item : entry.data)
            QVERIFY2(!item.raw, qPrintable(item.key));

        QCOMPARE(validationErrors(result.store), 0);
        // And as the file `iwb trace fetch` writes: read back the same.
        Traces::SpanStore back;
        QVERIFY(Traces::SpanJson::read(Traces::SpanJson::write(result.store), back).ok());
        QCOMPARE(back.spans(), spans);
    }

    void damagedAnswers_data()
    {
        QTest::addColumn<QJsonArray>("calls");
        QTest::addColumn<Answers>("answers");
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<int>("spans");

        const QHash<QString, QJsonValue> good = twoDetails();
        QHash<QString, QJsonValue> notObject = good;
        notObject.insert(u"14219b3deb6a6bc5"_s, QJsonArray{1, 2});
        QTest::newRow("details no object") << twoCalls() << notObject << QStringList{u"call-without-spans"_s} << 2;

        QHash<QString, QJsonValue> noSpans = good;
        noSpans.insert(u"14219b3deb6a6bc5"_s, QJsonObject{{u"spans"_s, u"none"_s}});
        QTest::newRow("spans no array") << twoCalls() << noSpans << QStringList{u"call-without-spans"_s} << 2;

        QHash<QString, QJsonValue> missing = good;
        missing.remove(u"14219b3deb6a6bc5"_s);
        QTest::newRow("details missing") << twoCalls() << missing << QStringList() << 2;

        QHash<QString, QJsonValue> wrongTypes = good;
        {
            QJsonObject bad = span(u"14219b3deb6a6bc5"_s, u"00000000000000e1"_s, u"UNKNOWN"_s, 0, 0);
            bad.insert(u"start"_s, u"yesterday"_s);
            bad.insert(u"duration"_s, -3);
            bad.insert(u"name"_s, 42);
            bad.insert(u"data"_s, u"no object"_s);
            QJsonObject exit = span(u"00000000000000e1"_s, u"daa9141549aea210"_s, u"EXIT"_s, 1688544599229, 22);
            wrongTypes.insert(u"14219b3deb6a6bc5"_s,
                              details(u"14219b3deb6a6bc5"_s, {exit, bad, u"text"_s, QJsonObject{{u"id"_s, 7}}}));
        }
        QTest::newRow("wrong types") << twoCalls() << wrongTypes << QStringList(7, u"span-field"_s) << 3;

        QHash<QString, QJsonValue> orphan = good;
        orphan.insert(u"14219b3deb6a6bc5"_s,
                      details(u"14219b3deb6a6bc5"_s,
                              {span(u"14219b3deb6a6bc5"_s, u"00000000000000ff"_s, u"ENTRY"_s, 1688544599230, 20)}));
        QTest::newRow("orphan") << twoCalls() << orphan << QStringList{u"parent-replaced"_s} << 2;

        QJsonArray calls = twoCalls();
        calls.append(QJsonObject{{u"name"_s, u"no id"_s}});
        calls.append(calls.at(1));
        calls.append(u"no object"_s);
        QTest::newRow("bad calls") << calls << good << QStringList{u"bad-call"_s, u"bad-call"_s, u"bad-call"_s} << 3;

        QHash<QString, QJsonValue> repeated = good;
        repeated.insert(u"14219b3deb6a6bc5"_s,
                        details(u"14219b3deb6a6bc5"_s, {span(u"daa9141549aea210"_s, u""_s, u"ENTRY"_s, 1, 1)}));
        QTest::newRow("repeated span") << twoCalls() << repeated << QStringList{u"repeated-span"_s} << 1;
    }

    void damagedAnswers()
    {
        QFETCH(QJsonArray, calls);
        QFETCH(Answers, answers);
        QFETCH(QStringList, rules);
        QFETCH(int, spans);
        const BackendTrace::Conversion result = BackendTrace::convert(TraceId, calls, answers);
        QCOMPARE(::rules(result.findings), rules);
        for (const Finding &finding : result.findings) {
            QVERIFY(!finding.isError());
            QVERIFY(!finding.message.isEmpty());
        }
        QCOMPARE(result.store.size(), spans);
        QCOMPARE(validationErrors(result.store), 0);
    }

    void wrongTypesTakeTheCallsFields()
    {
        QHash<QString, QJsonValue> answers = twoDetails();
        QJsonObject bad = span(u"14219b3deb6a6bc5"_s, u"00000000000000e1"_s, u"UNKNOWN"_s, 0, 0);
        bad.insert(u"start"_s, u"yesterday"_s);
        bad.remove(u"duration"_s);
        bad.insert(u"name"_s, 42);
        answers.insert(u"14219b3deb6a6bc5"_s, QJsonObject{{u"spans"_s, QJsonArray{bad}}});
        const BackendTrace::Conversion result = BackendTrace::convert(TraceId, twoCalls(), answers);
        const Traces::Span entry = result.store.span(1);
        QCOMPARE(entry.timestamp, std::optional<qint64>(1688544599230));
        QCOMPARE(entry.duration, std::optional<qint64>(20));
        QCOMPARE(entry.name, u"GET /api/shipping/cities/bg"_s);
        QCOMPARE(entry.type, u"INTERMEDIATE"_s);
        // Its parent, an exit span not in the trace, is the parent call's span.
        QCOMPARE(entry.parentId, u"daa9141549aea210"_s);
    }

    void largeDataIsShortenedToFit()
    {
        QHash<QString, QJsonValue> answers = twoDetails();
        const QString statement = QString(20000, u'x');
        answers.insert(
            u"daa9141549aea210"_s,
            details(u"daa9141549aea210"_s,
                    {span(u"daa9141549aea210"_s, u""_s, u"ENTRY"_s, 1688544599223, 30,
                          {{u"service"_s, u"shop"_s}, {u"sql"_s, QJsonObject{{u"statement"_s, statement}}}})}));
        const BackendTrace::Conversion result = BackendTrace::convert(TraceId, twoCalls(), answers);
        QCOMPARE(rules(result.findings), QStringList{u"data-shortened"_s});
        QVERIFY(Traces::SpanJson::compactSize(result.store, 0) <= 4096);
        QVERIFY(result.store.span(0).dataValue(u"sql.statement").startsWith(u"xxxx"_s));
        QCOMPARE(result.store.span(0).dataValue(u"service"), u"shop"_s);
        QCOMPARE(validationErrors(result.store), 0);
    }

    void longTraceIdsKeepTheirLowerBits()
    {
        const QString longId = u"4bf92f3577b34da6a3ce929d0e0e4736"_s;
        const BackendTrace::Conversion result = BackendTrace::convert(longId, twoCalls(), twoDetails());
        QCOMPARE(result.traceId, u"a3ce929d0e0e4736"_s);
        QCOMPARE(result.store.span(0).traceId, u"a3ce929d0e0e4736"_s);
        QCOMPARE(rules(result.findings), QStringList{u"trace-id"_s});
        QCOMPARE(validationErrors(result.store), 0);
    }
};

QTEST_GUILESS_MAIN(TestBackendTrace)
#include "tst_backendtrace.moc"
