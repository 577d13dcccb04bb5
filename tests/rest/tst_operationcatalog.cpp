// The operations of the API's specification compiled into the core: that the resource is the
// generator's output of the specification, search, filling and matching paths, and the curl
// command of a request, run for real by a shell against the fake backend.

#include "core/browse/curlcommand.h"
#include "core/browse/operationcatalog.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;

class TestOperationCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInHoldsEveryOperation()
    {
        const OperationCatalog &catalog = OperationCatalog::builtIn();
        QVERIFY2(catalog.errorString().isEmpty(), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.operations().size(), qsizetype(429)); // every method of every path in openapi.yaml
        const Operation *search = catalog.find("GET", u"/api/infrastructure-monitoring/snapshots");
        QVERIFY(search);
        QCOMPARE(search->summary, u"Search snapshots"_s);
        QCOMPARE(search->tag, u"Infrastructure Resources"_s);
        QCOMPARE(search->operationId, u"getSnapshots"_s);
        QStringList names;
        for (const OperationParameter &parameter : search->parametersIn(OperationParameter::Location::Query))
            names << parameter.name;
        QVERIFY2(names.contains(u"query"_s) && names.contains(u"plugin"_s) && names.contains(u"size"_s),
                 qPrintable(names.join(u',')));
    }

    void bodyExampleAndEnums()
    {
        const OperationCatalog &catalog = OperationCatalog::builtIn();
        const Operation *traces = catalog.find("POST", u"/api/application-monitoring/analyze/traces");
        QVERIFY(traces);
        QVERIFY(traces->hasBody());
        QJsonParseError error{};
        const QJsonDocument example = QJsonDocument::fromJson(traces->bodyExample.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(example["pagination"_L1]["retrievalSize"_L1].toInt(), 1);
        QCOMPARE(example["includeInternal"_L1].toBool(true), false);
        // A GET has no body example.
        QVERIFY(catalog.find("GET", u"/api/instana/version")->bodyExample.isEmpty());
        // An enum of a query parameter, and a required path parameter.
        bool sawEnum = false;
        for (const Operation &operation : catalog.operations()) {
            for (const OperationParameter &parameter : operation.parameters)
                sawEnum = sawEnum || (!parameter.choices.isEmpty() && !parameter.choices.contains(QString()));
        }
        QVERIFY(sawEnum);
        const Operation *snapshot = catalog.find("GET", u"/api/infrastructure-monitoring/snapshots/{id}");
        QVERIFY(snapshot);
        const auto pathParameters = snapshot->parametersIn(OperationParameter::Location::Path);
        QCOMPARE(pathParameters.size(), qsizetype(1));
        QCOMPARE(pathParameters.first().name, u"id"_s);
        QVERIFY(pathParameters.first().required);
    }

    void quirkPathHasItsParameter()
    {
        const Operation *services
            = OperationCatalog::builtIn().find("GET", u"/api/application-monitoring/applications;id=<appId>/services");
        QVERIFY(services);
        const auto pathParameters = services->parametersIn(OperationParameter::Location::Path);
        QCOMPARE(pathParameters.size(), qsizetype(1));
        QCOMPARE(pathParameters.first().name, u"appId"_s);
        QCOMPARE(Browse::fillPath(*services, {{u"appId"_s, u"a;b/c"_s}}),
                 u"/api/application-monitoring/applications;id=a%3Bb%2Fc/services"_s);
        QCOMPARE(Browse::fillPath(*services, {{u"appId"_s, u"CxJ55sRbQwqBIfw5DzpRmQ"_s}}),
                 u"/api/application-monitoring/applications;id=CxJ55sRbQwqBIfw5DzpRmQ/services"_s);
        // A concrete path finds its operation, the value read back.
        QHash<QString, QString> values;
        QVERIFY(
            Browse::matchPath(services->path, u"/api/application-monitoring/applications;id=x%20y/services", &values));
        QCOMPARE(values.value(u"appId"_s), u"x y"_s);
        QCOMPARE(OperationCatalog::builtIn().find("get", u"/api/application-monitoring/applications;id=abc/services"),
                 services);
    }

    void fillPath_data()
    {
        QTest::addColumn<QString>("pathTemplate");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("filled");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("plain") << u"/api/x/{id}"_s << u"abc"_s << u"/api/x/abc"_s << QStringList();
        QTest::newRow("slash and space") << u"/api/x/{id}/y"_s << u"a/b c"_s << u"/api/x/a%2Fb%20c/y"_s
                                         << QStringList();
        QTest::newRow("unicode") << u"/api/x/{id}"_s << u"é"_s << u"/api/x/%C3%A9"_s << QStringList();
        QTest::newRow("question mark") << u"/api/x/{id}"_s << u"a?b#c"_s << u"/api/x/a%3Fb%23c"_s << QStringList();
        QTest::newRow("missing") << u"/api/x/{id}/{other}"_s << u"1"_s << u"/api/x/1/{other}"_s
                                 << QStringList{u"other"_s};
        QTest::newRow("empty value") << u"/api/x/{id}"_s << QString() << u"/api/x/{id}"_s << QStringList{u"id"_s};
        QTest::newRow("unclosed brace stays") << u"/api/x/{id"_s << u"1"_s << u"/api/x/{id"_s << QStringList();
    }

    void fillPath()
    {
        QFETCH(QString, pathTemplate);
        QFETCH(QString, id);
        QFETCH(QString, filled);
        QFETCH(QStringList, missing);
        QStringList saw;
        QCOMPARE(Browse::fillPath(pathTemplate, {{u"id"_s, id}}, &saw), filled);
        QCOMPARE(saw, missing);
    }

    void matchPath()
    {
        QVERIFY(Browse::matchPath(u"/api/x/{id}", u"/api/x/abc"));
        QVERIFY(!Browse::matchPath(u"/api/x/{id}", u"/api/x/"));
        QVERIFY(!Browse::matchPath(u"/api/x/{id}", u"/api/x/a/b"));
        QVERIFY(!Browse::matchPath(u"/api/x/{id}", u"/api/y/abc"));
        // A literal path wins over a template that it also fills.
        const OperationCatalog &catalog = OperationCatalog::builtIn();
        QCOMPARE(catalog.find("GET", u"/api/infrastructure-monitoring/snapshots/abc")->path,
                 u"/api/infrastructure-monitoring/snapshots/{id}"_s);
        QCOMPARE(catalog.find("GET", u"/api/nothing/here"), nullptr);
    }

    void search()
    {
        const OperationCatalog &catalog = OperationCatalog::builtIn();
        const auto all = catalog.search(u"");
        QCOMPARE(all.size(), catalog.operations().size());
        // By path prefix: those first.
        const auto snapshots = catalog.search(u"/api/infrastructure-monitoring/snap");
        QVERIFY(!snapshots.isEmpty());
        QVERIFY(snapshots.first()->path.startsWith(u"/api/infrastructure-monitoring/snap"_s));
        // By summary words, any case, in any order.
        const auto bySummary = catalog.search(u"SNAPSHOTS search");
        QVERIFY(std::any_of(bySummary.cbegin(), bySummary.cend(),
                            [](const Operation *op) { return op->summary == u"Search snapshots"_s; }));
        for (const Operation *op : bySummary) {
            const QString text = op->path + op->summary + op->tag + op->operationId;
            QVERIFY(text.contains(u"snapshots"_s, Qt::CaseInsensitive)
                    && text.contains(u"search"_s, Qt::CaseInsensitive));
        }
        // By tag, with a limit.
        QCOMPARE(catalog.search(u"Infrastructure", 3).size(), qsizetype(3));
        QVERIFY(catalog.search(u"no-operation-has-this").isEmpty());
    }

    void damagedResourceText_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no json") << QByteArray("{\"operations\":[") << u"no JSON"_s;
        QTest::newRow("no array") << QByteArray("{\"operations\":{}}") << u"\"operations\" array"_s;
        QTest::newRow("array") << QByteArray("[]") << u"\"operations\" array"_s;
        QTest::newRow("empty") << QByteArray() << u"no JSON"_s;
    }

    void damagedResourceText()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        const OperationCatalog catalog = OperationCatalog::fromJson(json, &error);
        QVERIFY(catalog.operations().isEmpty());
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(catalog.errorString(), error);
    }

    void wrongShapesAreSkipped()
    {
        const OperationCatalog catalog = OperationCatalog::fromJson(
            "{\"operations\":[1,\"x\",{\"method\":\"GET\"},{\"path\":\"/a\"},{\"method\":\"get\",\"path\":\"/ok/"
            "{id}\",\"parameters\":[3,{\"in\":\"path\"},{\"name\":\"id\",\"in\":\"path\",\"required\":\"yes\",\"enum\":"
            "{}}]}]}");
        QVERIFY(catalog.errorString().isEmpty());
        QCOMPARE(catalog.operations().size(), qsizetype(1));
        const Operation &operation = catalog.operations().first();
        QCOMPARE(operation.method, QByteArray("GET"));
        QCOMPARE(operation.parameters.size(), qsizetype(1));
        QCOMPARE(operation.parameters.first().required, false);
        QVERIFY(operation.parameters.first().choices.isEmpty());
    }

    void generatorReproducesResource()
    {
        const QString spec = qEnvironmentVariable("WORKBENCH_OPENAPI_SPEC");
        if (spec.isEmpty() || !QFile::exists(spec))
            QSKIP(qPrintable(
                u"the specification %1 is absent"_s.arg(spec.isEmpty() ? u"(WORKBENCH_OPENAPI_SPEC unset)"_s : spec)));
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const QString source = qEnvironmentVariable("WORKBENCH_SOURCE_DIR");
        QProcess generator;
        generator.start(python, {source + u"/packaging/openapi-operations.py"_s, spec, u"-"_s});
        QVERIFY(generator.waitForFinished(120000));
        QCOMPARE(generator.exitStatus(), QProcess::NormalExit);
        QVERIFY2(generator.exitCode() == 0, generator.readAllStandardError().constData());
        QFile checkedIn(source + u"/resources/api/operations.json"_s);
        QVERIFY(checkedIn.open(QIODevice::ReadOnly));
        const QByteArray generated = generator.readAllStandardOutput();
        QVERIFY(generated.contains("getSnapshots"));
        QCOMPARE(generated, checkedIn.readAll());
        // And what is compiled in is that file.
        QFile compiled(u":/api/operations.json"_s);
        QVERIFY(compiled.open(QIODevice::ReadOnly));
        QCOMPARE(compiled.readAll(), generated);
    }

    void curlText_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QUrlQuery>("query");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("get")
            << QByteArray("GET") << u"/api/instana/version"_s << QUrlQuery() << QByteArray()
            << u"curl -sS 'https://unit-acme.instana.io/api/instana/version' -H \"authorization: apiToken $INSTANA_API_TOKEN\" -H 'Accept: application/json'"_s;
        QUrlQuery query;
        query.addQueryItem(u"query"_s, u"entity.type:host a+b"_s);
        query.addQueryItem(u"size"_s, u"5"_s);
        QTest::newRow("query encoded")
            << QByteArray("GET") << u"/api/infrastructure-monitoring/snapshots"_s << query << QByteArray()
            << u"curl -sS 'https://unit-acme.instana.io/api/infrastructure-monitoring/snapshots?query=entity.type%3Ahost%20a%2Bb&size=5' -H \"authorization: apiToken $INSTANA_API_TOKEN\" -H 'Accept: application/json'"_s;
        QTest::newRow("post body with quotes")
            << QByteArray("post") << u"/api/x"_s << QUrlQuery() << QByteArray("{\"a\":\"it's $(id) `x`\"}")
            << u"curl -sS -X 'POST' 'https://unit-acme.instana.io/api/x' -H \"authorization: apiToken $INSTANA_API_TOKEN\" -H 'Accept: application/json' -H 'Content-Type: application/json' --data-binary '{\"a\":\"it'\\''s $(id) `x`\"}'"_s;
        QTest::newRow("delete, quirk path")
            << QByteArray("DELETE") << u"/api/application-monitoring/applications;id=a'b/services"_s << QUrlQuery()
            << QByteArray()
            << u"curl -sS -X 'DELETE' 'https://unit-acme.instana.io/api/application-monitoring/applications;id=a'\\''b/services' -H \"authorization: apiToken $INSTANA_API_TOKEN\" -H 'Accept: application/json'"_s;
    }

    void curlText()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QUrlQuery, query);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const QUrl base(u"https://user:secret-password@unit-acme.instana.io"_s);
        const QString command = curlCommand(method, base, path, query, body);
        QCOMPARE(command, expected);
        QVERIFY(!command.contains(u"secret-password"_s));
        // The same URL the client sends to.
        QNetworkAccessManager network;
        Rest::ConnectionOptions options;
        options.baseUrl = QUrl(u"https://unit-acme.instana.io"_s);
        const Rest::RestClient client(options, u"t"_s, &network);
        QCOMPARE(requestUrl(base, path, query), client.urlFor(path, query));
    }

    // The command run by a real shell: what arrives is what was asked, the token from the
    // environment, and nothing of the body was run by the shell.
    void curlRunsAgainstTheBackend()
    {
        const QString curl = QStandardPaths::findExecutable(u"curl"_s);
        const QString sh = QStandardPaths::findExecutable(u"sh"_s);
        if (curl.isEmpty() || sh.isEmpty())
            QSKIP("curl or sh is not installed");
        TestSupport::FakeInstana backend("curl-token-4711");
        QVERIFY(backend.isListening());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(u"ran"_s);
        const QByteArray body = u"{\"text\":\"it's $(touch %1) `touch %1` \\\"quoted\\\" é\"}"_s.arg(marker).toUtf8();
        QUrlQuery query;
        query.addQueryItem(u"q"_s, u"a b&c=d'e"_s);
        const QString command = curlCommand("POST", backend.baseUrl(), u"/api/custom/x;y=z"_s, query, body);
        QVERIFY(!command.contains(u"curl-token-4711"_s));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"INSTANA_API_TOKEN"_s, u"curl-token-4711"_s);
        const auto result = TestSupport::run(sh, {u"-c"_s, command}, environment);
        QCOMPARE(result.exitCode, 0); // a 404 without -f is still exit 0
        QCOMPARE(backend.requests().size(), qsizetype(1));
        const auto &request = backend.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/api/custom/x;y=z"));
        QCOMPARE(request.query.queryItemValue(u"q"_s, QUrl::FullyDecoded), u"a b&c=d'e"_s);
        QCOMPARE(request.body, body);
        QVERIFY(request.authorized);
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QVERIFY(!QFile::exists(marker));
    }
};

QTEST_GUILESS_MAIN(TestOperationCatalog)
#include "tst_operationcatalog.moc"
