// The event model: encoding, reading what people write, the checks a form and iwb apply before
// anything is sent, templates with variables, and "Copy as" snippets (curl and Python run for
// real against the local agent).

#include "core/agentapi/agentrules.h"
#include "core/events/event.h"
#include "core/events/eventtemplate.h"
#include "core/events/snippets.h"
#include "core/json/jsontext.h"
#include "core/localagent/localagent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
constexpr qint64 Now = 1795441326000; // 2026-11-23T13:42:06Z

bool hasRule(const Findings &findings, const QString &rule, Finding::Severity severity)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [&](const Finding &f) { return f.rule == rule && f.severity == severity; });
}

QString describe(const Findings &findings)
{
    QStringList lines;
    for (const Finding &f : findings)
        lines.append(f.rule + u": "_s + f.message);
    return lines.join(u'\n');
}

Event sample()
{
    Event event;
    event.title = u"Deploy finished"_s;
    event.text = u"shop 4.2 on prod-1"_s;
    event.severity = EventSeverity::Warning;
    event.timestamp = Now;
    event.duration = 5000;
    return event;
}
} // namespace

class TestEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void severityNamesAndNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("change") << u"change"_s << -1;
        QTest::newRow("Change") << u" Change "_s << -1;
        QTest::newRow("-1") << u"-1"_s << -1;
        QTest::newRow("warning") << u"warning"_s << 5;
        QTest::newRow("5") << u"5"_s << 5;
        QTest::newRow("CRITICAL") << u"CRITICAL"_s << 10;
        QTest::newRow("10") << u"10"_s << 10;
        QTest::newRow("3") << u"3"_s << 0;
        QTest::newRow("info") << u"info"_s << 0;
        QTest::newRow("empty") << QString() << 0;
    }

    void severityNamesAndNumbers()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        const auto parsed = EventSeverity::parse(text);
        QCOMPARE(parsed.value_or(0), expected);
        if (parsed)
            QCOMPARE(EventSeverity::parse(EventSeverity::name(*parsed)), parsed);
    }

    void encodesInTheDocumentedOrder()
    {
        QCOMPARE(EventCodec::encode(sample()),
                 QByteArray("{\"title\":\"Deploy finished\",\"text\":\"shop 4.2 on prod-1\",\"severity\":5,"
                            "\"timestamp\":1795441326000,\"duration\":5000}"));
        Event minimal;
        minimal.title = u"x"_s;
        QCOMPARE(EventCodec::encode(minimal), QByteArray("{\"title\":\"x\",\"severity\":-1}"));
        Event entity = minimal;
        entity.plugin = u"com.instana.forge.connection.http.logical.LogicalWebApp"_s;
        entity.id = u"shop"_s;
        entity.host = u"prod-1"_s;
        QVERIFY(EventCodec::encode(entity).endsWith("\"plugin\":\"com.instana.forge.connection.http.logical."
                                                    "LogicalWebApp\",\"id\":\"shop\",\"host\":\"prod-1\"}"));
        // One event is an object unless a batch is asked for; a batch is one array.
        QVERIFY(EventCodec::encode(QList<Event>{minimal}, false).startsWith('{'));
        QCOMPARE(EventCodec::encode(QList<Event>{minimal}, true), "[" + EventCodec::encode(minimal) + "]");
        QCOMPARE(EventCodec::encode(QList<Event>{minimal, sample()}, false),
                 "[" + EventCodec::encode(minimal) + "," + EventCodec::encode(sample()) + "]");
    }

    void escapesWhatJsonRequires()
    {
        Event event;
        event.title = u"quote \" backslash \\ tab \t newline \n bell \x07 ümlaut 日本 😀"_s;
        const QByteArray json = EventCodec::encode(event);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(u"title"_s).toString(), event.title);
        QVERIFY(json.contains("\\u0007"));
        QVERIFY(json.contains("ümlaut"));
    }

    void decodesWhatItEncodes()
    {
        Event entity = sample();
        entity.plugin = u"p"_s;
        entity.id = u"i"_s;
        entity.host = u"h"_s;
        const QList<Event> events{sample(), entity};
        const EventCodec::Decoded decoded = EventCodec::decode(EventCodec::encode(events, true));
        QVERIFY2(decoded.ok(), qPrintable(describe(decoded.findings)));
        QVERIFY(decoded.isArray);
        QCOMPARE(decoded.events, events);

        const EventCodec::Decoded single = EventCodec::decode(EventCodec::encode(sample()));
        QVERIFY(!single.isArray);
        QCOMPARE(single.events, QList<Event>{sample()});

        // Absent severity is a change; absent timestamp stays absent until fired.
        const EventCodec::Decoded bare = EventCodec::decode("{\"title\":\"t\"}");
        QVERIFY(bare.ok());
        QCOMPARE(bare.events.first().severity, EventSeverity::Change);
        QVERIFY(!bare.events.first().timestamp);
        QCOMPARE(bare.events.first().firedAt(Now).timestamp, std::optional<qint64>(Now));
        QCOMPARE(sample().firedAt(Now + 99).timestamp, sample().timestamp);
    }

    void decodeNamesWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("empty") << QByteArray("  \n") << u"empty"_s << u"no JSON"_s;
        QTest::newRow("scalar") << QByteArray("42") << u"not-an-event"_s << u"event object"_s;
        QTest::newRow("syntax") << QByteArray("{\n  \"title\": \"x\",\n  \"text\" \"y\"\n}") << u"bad-json"_s
                                << u"line 3"_s;
        QTest::newRow("empty array") << QByteArray("[]") << u"empty-batch"_s << u"no events"_s;
        QTest::newRow("severity 7") << QByteArray("{\"title\":\"x\",\"severity\":7}") << u"bad-severity"_s
                                    << u"severity"_s;
        QTest::newRow("string severity") << QByteArray("{\"title\":\"x\",\"severity\":\"5\"}") << QString()
                                         << u"severity"_s;
        QTest::newRow("negative duration")
            << QByteArray("[{\"title\":\"a\"},{\"title\":\"b\",\"duration\":-5}]") << QString() << u"[1]"_s;
        QTest::newRow("title number") << QByteArray("{\"title\":5}") << QString() << u"title"_s;
        QTest::newRow("array of numbers") << QByteArray("[1,2]") << QString() << u"[0]"_s;
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"title\":\"x\"}") << u"bad-json"_s
                                         << u"starts with a UTF-8 byte order mark"_s;
        QTest::newRow("duplicate key") << QByteArray("[{\"title\":\"a\"},{\"title\":\"a\",\"title\":\"b\"}]")
                                       << u"duplicate-key"_s << u"[1] has \"title\" more than once"_s;
    }

    void decodeNamesWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, rule);
        QFETCH(QString, inMessage);
        const EventCodec::Decoded decoded = EventCodec::decode(json);
        QVERIFY(!decoded.ok());
        const QString text = describe(decoded.findings);
        if (!rule.isEmpty())
            QVERIFY2(hasRule(decoded.findings, rule, Finding::Severity::Error), qPrintable(text));
        QVERIFY2(text.contains(inMessage), qPrintable(text));
    }

    // The agent's view of a duplicate key: a warning (it takes the event), in the same wording.
    void theAgentWarnsOfDuplicateKeys()
    {
        const Findings findings = AgentRules::checkEvent("{\"title\":\"a\",\"title\":\"b\",\"x\":1,\"x\":2}", -1);
        QVERIFY2(hasRule(findings, u"duplicate-key"_s, Finding::Severity::Warning), qPrintable(describe(findings)));
        QCOMPARE(std::count_if(findings.begin(), findings.end(),
                               [](const Finding &f) { return f.rule == u"duplicate-key"_s; }),
                 2);
        QVERIFY2(describe(findings).contains(u"the event has \"title\" more than once"_s),
                 qPrintable(describe(findings)));
    }

    void checksBeforeFiring_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("severity");
        QTest::addColumn<qint64>("timestamp"); // 0: none
        QTest::addColumn<qint64>("duration"); // -2: none
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("isError");
        const qint64 none = -2;
        QTest::newRow("empty title") << QString() << -1 << qint64(0) << none << u"empty-title"_s << true;
        QTest::newRow("blank title") << u"   "_s << -1 << qint64(0) << none << u"empty-title"_s << true;
        QTest::newRow("severity 3") << u"x"_s << 3 << qint64(0) << none << u"bad-severity"_s << true;
        QTest::newRow("negative duration") << u"x"_s << 5 << qint64(0) << qint64(-1) << u"negative-duration"_s << true;
        QTest::newRow("two days ahead") << u"x"_s << 5 << Now + 2 * 86400000LL << none << u"timestamp-in-future"_s
                                        << true;
        QTest::newRow("a year ago") << u"x"_s << 5 << Now - 365 * 86400000LL << none << u"timestamp-too-old"_s << true;
        QTest::newRow("negative timestamp") << u"x"_s << 5 << qint64(-5) << none << u"negative-timestamp"_s << true;
        QTest::newRow("online change") << u"Node online"_s << -1 << qint64(0) << none << u"presence-event"_s << false;
        QTest::newRow("OFFLINE change") << u"db OFFLINE"_s << -1 << qint64(0) << none << u"presence-event"_s << false;
    }

    void checksBeforeFiring()
    {
        QFETCH(QString, title);
        QFETCH(int, severity);
        QFETCH(qint64, timestamp);
        QFETCH(qint64, duration);
        QFETCH(QString, rule);
        QFETCH(bool, isError);
        Event event;
        event.title = title;
        event.severity = severity;
        if (timestamp != 0)
            event.timestamp = timestamp;
        if (duration != -2)
            event.duration = duration;
        const Findings findings = EventRules::check(event, Now);
        QVERIFY2(hasRule(findings, rule, isError ? Finding::Severity::Error : Finding::Severity::Warning),
                 qPrintable(describe(findings)));
        QCOMPARE(EventRules::hasErrors(findings), isError);
        for (const Finding &f : findings)
            QVERIFY(f.message.startsWith(u"the event"_s));
    }

    void goodEventsPassAndBatchesNamePositions()
    {
        QVERIFY(EventRules::check(sample(), Now).isEmpty());
        Event warningOnline = sample();
        warningOnline.title = u"back online"_s; // only a change becomes a presence event
        QVERIFY(EventRules::check(warningOnline, Now).isEmpty());
        Event edge = sample();
        edge.timestamp = Now + EventRules::MaxFutureMs;
        QVERIFY(EventRules::check(edge, Now).isEmpty());

        Event bad;
        const Findings batch = EventRules::check(QList<Event>{sample(), bad, sample()}, Now);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.first().index, 1);
        QVERIFY(batch.first().message.startsWith(u"[1]"_s));
        QVERIFY(EventRules::hasErrors(EventRules::check(QList<Event>{}, Now)));

        Event partial = sample();
        partial.plugin = u"p"_s;
        QVERIFY(hasRule(EventRules::check(partial, Now), u"partial-entity"_s, Finding::Severity::Warning));
    }

    void oversizedBatchIsRefused()
    {
        Event big = sample();
        big.text = QString(100 * 1024, u'x');
        const QList<Event> events(45, big);
        QVERIFY(hasRule(EventRules::check(events, Now), u"request-too-large"_s, Finding::Severity::Error));
    }

    void templateVariablesExpand()
    {
        TemplateContext context;
        context.user = u"ops"_s;
        context.host = u"prod-1"_s;
        context.nowMs = Now;
        context.environment = [](const QString &name) { return name == u"BUILD"_s ? u"1234"_s : QString(); };
        QStringList unknown;
        QCOMPARE(TemplateVariables::expand(u"${user}@${host} at ${now} (${date} ${time}) build ${env:BUILD}"_s, context,
                                           &unknown),
                 u"ops@prod-1 at 2026-11-23T13:42:06Z (2026-11-23 13:42) build 1234"_s);
        QVERIFY(unknown.isEmpty());
        QCOMPARE(TemplateVariables::expand(u"$${user} costs $5, ${ user }"_s, context, &unknown),
                 u"${user} costs $5, ops"_s);
        QCOMPARE(TemplateVariables::expand(u"${nope} and ${unclosed"_s, context, &unknown),
                 u"${nope} and ${unclosed"_s);
        QCOMPARE(unknown, (QStringList{u"${nope}"_s, u"${unclosed"_s}));

        Event event;
        event.title = u"Deploy by ${user}"_s;
        event.text = u"on ${host}"_s;
        event.id = u"${host}"_s;
        const Event expanded = TemplateVariables::expand(event, context);
        QCOMPARE(expanded.title, u"Deploy by ops"_s);
        QCOMPARE(expanded.text, u"on prod-1"_s);
        QCOMPARE(expanded.id, u"prod-1"_s);
    }

    void templatesAreSavedLoadedAndRemoved()
    {
        QTemporaryDir dir;
        TemplateStore store(dir.filePath(u"sub/templates.json"_s));
        const qsizetype builtIns = TemplateStore::builtIns().size();
        QVERIFY(builtIns >= 4);
        QCOMPARE(store.templates().size(), builtIns);
        for (const EventTemplate &entry : TemplateStore::builtIns()) {
            // Every shipped template is fit to fire as it is.
            const Event fired = TemplateVariables::expand(entry.event, TemplateContext::current(Now)).firedAt(Now);
            QVERIFY2(!EventRules::hasErrors(EventRules::check(fired, Now)), qPrintable(entry.name));
            QVERIFY2(EventRules::check(fired, Now).isEmpty(), qPrintable(entry.name));
        }

        EventTemplate own{u"Cache flushed"_s, sample(), false};
        QString error;
        QVERIFY2(store.save(own, &error), qPrintable(error));
        const auto found = store.find(u"cache FLUSHED"_s);
        QVERIFY(found);
        QVERIFY(!found->event.timestamp); // the time is fixed when fired, never stored
        QCOMPARE(found->event.title, own.event.title);
        QCOMPARE(found->event.duration, own.event.duration);
        QCOMPARE(store.templates().size(), builtIns + 1);

        // Saving under a built-in's name replaces it; removing brings the built-in back.
        EventTemplate replacing{TemplateStore::builtIns().first().name, sample(), false};
        QVERIFY(store.save(replacing, &error));
        QCOMPARE(store.templates().size(), builtIns + 1);
        QCOMPARE(store.find(replacing.name)->builtIn, false);
        QVERIFY(store.remove(replacing.name, &error));
        QCOMPARE(store.find(replacing.name)->builtIn, true);
        QVERIFY(!store.remove(replacing.name, &error));
        QVERIFY(error.contains(u"built-in"_s));
        QVERIFY(!store.save(EventTemplate{u"  "_s, sample(), false}, &error));

        // A damaged file: the built-ins still, an error, and no overwrite of the user's file.
        QFile file(store.file());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[{\"name\": \"half");
        file.close();
        error.clear();
        QCOMPARE(store.templates(&error).size(), builtIns);
        QVERIFY(error.contains(u"damaged"_s));
        QVERIFY(!store.save(own, &error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("[{\"name\": \"half"));
    }

    void snippetsQuoteTheBody()
    {
        Event event;
        event.title = u"it's \"quoted\" \\ and 'more'"_s;
        const QByteArray body = EventCodec::encode(event);
        const QUrl url(u"http://user:secret@127.0.0.1:42699/com.instana.plugin.generic.event"_s);
        for (const Snippets::Language language : Snippets::languages()) {
            const QString text = Snippets::snippet(language, url, body);
            QVERIFY2(!text.contains(u"secret"_s), qPrintable(Snippets::name(language)));
            QVERIFY(text.contains(u"http://127.0.0.1:42699/com.instana.plugin.generic.event"_s));
        }
        QVERIFY(Snippets::snippet(Snippets::Language::Curl, url, body)
                    .startsWith(u"curl -XPOST 'http://127.0.0.1:42699/com.instana.plugin.generic.event' -H "
                                u"\"Content-Type: application/json\" -d '"_s));
        const QString powerShell = Snippets::snippet(Snippets::Language::PowerShell, url, body);
        QVERIFY(powerShell.startsWith(u"Invoke-RestMethod"_s));
        QVERIFY(powerShell.contains(u"it''s"_s));
        QVERIFY(powerShell.contains(u"-Method POST"_s));
        const QString ruby = Snippets::snippet(Snippets::Language::Ruby, url, body);
        QVERIFY(ruby.contains(u"Net::HTTP::Post.new(uri, 'Content-Type' => 'application/json')"_s));
        QVERIFY(ruby.contains(u"it\\'s"_s));
        QVERIFY(ruby.contains(u"\\\\"_s));
    }

    // curl and Python run the snippet as copied; the local agent receives the body byte for byte.
    void snippetsSendTheExactBody_data()
    {
        QTest::addColumn<int>("language");
        QTest::addColumn<QString>("program");
        QTest::newRow("curl") << int(Snippets::Language::Curl) << u"sh"_s;
        QTest::newRow("python") << int(Snippets::Language::Python) << u"python3"_s;
    }

    void snippetsSendTheExactBody()
    {
        QFETCH(int, language);
        QFETCH(QString, program);
        if (QStandardPaths::findExecutable(program).isEmpty() || QStandardPaths::findExecutable(u"curl"_s).isEmpty())
            QSKIP("the interpreter for this snippet is not installed");

        LocalAgent agent;
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        QSignalSpy captured(&agent, &LocalAgent::captured);

        Event first;
        first.title = u"it's a \"test\" with \\ and ümlaut 😀 $HOME `id`"_s;
        first.text = u"line one\nline two"_s;
        first.timestamp = Now;
        Event second = sample();
        second.timestamp = QDateTime::currentMSecsSinceEpoch();
        const QByteArray body = EventCodec::encode(QList<Event>{first, second}, true);
        const QString code = Snippets::snippet(
            Snippets::Language(language), QUrl(agent.url().toString() + u"/com.instana.plugin.generic.event"_s), body);
        QProcess process;
        process.start(program, {});
        process.write(code.toUtf8());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 1, 10000);
        const auto batch = captured.first().first().value<CaptureBatch>();
        QVERIFY(!batch.rejection);
        QCOMPARE(batch.request.body, body);
        QCOMPARE(batch.items.size(), 2);
    }

    // Generated damage: every input either decodes into events that encode again, or gets
    // findings with an error. Nothing crashes or hangs.
    void malformedInputGetsFindings()
    {
        const QByteArray good = EventCodec::encode(QList<Event>{sample(), sample()}, true);
        QRandomGenerator random(20261123);
        const QByteArray alphabet = "{}[]\":,-0123456789.eE truefalsnul\\\n\xc3\xa9\xff";
        int accepted = 0;
        for (int i = 0; i < 4000; ++i) {
            QByteArray input = good;
            const int edits = 1 + int(random.bounded(6));
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = qsizetype(random.bounded(int(input.size() + 1)));
                switch (random.bounded(4)) {
                case 0:
                    if (at < input.size())
                        input.remove(at, 1 + qsizetype(random.bounded(8)));
                    break;
                case 1:
                    input.insert(at, alphabet.at(qsizetype(random.bounded(int(alphabet.size())))));
                    break;
                case 2:
                    input.truncate(at);
                    break;
                default:
                    if (at < input.size())
                        input[at] = char(random.bounded(256));
                    break;
                }
            }
            const EventCodec::Decoded decoded = EventCodec::decode(input);
            if (decoded.ok()) {
                ++accepted;
                QVERIFY(!decoded.events.isEmpty());
                const QByteArray again = EventCodec::encode(decoded.events, decoded.isArray);
                QCOMPARE(EventCodec::decode(again).events, decoded.events);
            } else {
                for (const Finding &f : decoded.findings)
                    QVERIFY(!f.message.isEmpty());
            }
        }
        qInfo("%d of 4000 damaged inputs were still valid events", accepted);
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
