#include "iwb/cli/commandline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Workbench::Cli;

namespace {

// Answers later from the event loop, as network commands do.
class EchoCommand : public Command
{
public:
    EchoCommand()
        : Command(u"echo"_s, u"Print the words."_s)
    {
    }
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"fail"_s, u"Fail with this message."_s, u"message"_s),
                QCommandLineOption(u"usage"_s, u"Complain about usage."_s)};
    }
    QList<Positional> positionals() const override
    {
        return {{u"WORD"_s, u"A word."_s, true}, {u"MORE"_s, u"Another word."_s, false}};
    }
    QStringList examples() const override { return {u"test echo hello"_s}; }
    void run(Invocation &invocation) override
    {
        QTimer::singleShot(10, &invocation, [&invocation] {
            if (invocation.isSet(u"fail"_s))
                return invocation.fail(invocation.value(u"fail"_s));
            if (invocation.isSet(u"usage"_s))
                return invocation.usageError(u"bad\nusage"_s);
            invocation.out() << invocation.positionalArguments().join(u' ') << '\n';
            invocation.succeed();
            invocation.fail(u"ignored: already finished"_s);
        });
    }
};

class NestedCommand : public Command
{
public:
    NestedCommand()
        : Command(u"leaf"_s, u"A leaf."_s)
    {
    }
    void run(Invocation &invocation) override
    {
        invocation.printJson(QJsonDocument(QJsonObject{{u"path"_s, invocation.commandPath()}}));
        invocation.succeed();
    }
};

struct Run
{
    int code;
    QString out;
    QString err;
};

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

    Run run(const QStringList &words)
    {
        CommandLine commandLine(u"test"_s, u"a test program"_s);
        commandLine.add(std::make_unique<EchoCommand>());
        auto group = std::make_unique<CommandGroup>(u"group"_s, u"A group."_s);
        group->add(std::make_unique<NestedCommand>());
        commandLine.add(std::move(group));

        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        const int code = commandLine.run(QStringList{u"/path/to/test"_s} + words, outStream, errStream);
        outStream.flush();
        errStream.flush();
        return {code, out, err};
    }

private Q_SLOTS:
    void programHelpListsCommands()
    {
        const Run r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.startsWith(u"test "_s));
        QVERIFY(r.out.contains(u"Usage: test <command> [options]"_s));
        QVERIFY(r.out.contains(u"  echo   Print the words."_s));
        QVERIFY(r.out.contains(u"  group  A group."_s));
        QVERIFY(r.out.contains(u"--version"_s));
        QVERIFY(r.out.contains(u"Exit codes: 0 success, 1 the operation failed, 2 usage error."_s));
        QCOMPARE(run({u"-h"_s}).out, r.out);
    }

    void commandHelp()
    {
        const Run r = run({u"echo"_s, u"--help"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out,
                 u"Usage: test echo [options] WORD [MORE]\n"
                 "\n"
                 "Print the words.\n"
                 "\n"
                 "Arguments:\n"
                 "  WORD  A word.\n"
                 "  MORE  Another word.\n"
                 "\n"
                 "Options:\n"
                 "  --fail <message>  Fail with this message.\n"
                 "  --usage           Complain about usage.\n"
                 "  -h, --help        Show this help.\n"
                 "\n"
                 "Examples:\n"
                 "  test echo hello\n"_s);
    }

    void groupHelpAndNesting()
    {
        const Run help = run({u"group"_s, u"--help"_s});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(u"Usage: test group <command> [options]"_s));
        QVERIFY(help.out.contains(u"  leaf  A leaf."_s));

        const Run leaf = run({u"group"_s, u"leaf"_s});
        QCOMPARE(leaf.code, 0);
        QCOMPARE(leaf.out, u"{\"path\":\"test group leaf\"}\n"_s);

        const Run missing = run({u"group"_s});
        QCOMPARE(missing.code, 2);
        QCOMPARE(missing.err, u"test group: missing command; run 'test group --help' to see them\n"_s);
    }

    void asynchronousSuccess()
    {
        const Run r = run({u"echo"_s, u"hello"_s, u"world"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, u"hello world\n"_s);
        QVERIFY(r.err.isEmpty()); // the second ending was ignored
    }

    void failureIsOneLineAndExitOne()
    {
        const Run r = run({u"echo"_s, u"x"_s, u"--fail"_s, u"it broke\nbadly"_s});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, u"test echo: it broke badly\n"_s);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("error");
        QTest::newRow("no command") << QStringList() << u"test: missing command\n"_s;
        QTest::newRow("typo") << QStringList{u"ehco"_s} << u"test: unknown command 'ehco'; did you mean 'echo'?\n"_s;
        QTest::newRow("unknown") << QStringList{u"frobnicate"_s}
                                 << u"test: unknown command 'frobnicate'; run 'test --help' to see the commands\n"_s;
        QTest::newRow("unknown option") << QStringList{u"echo"_s, u"x"_s, u"--nope"_s}
                                        << u"test echo: Unknown option 'nope'.\n"_s;
        QTest::newRow("missing value") << QStringList{u"echo"_s, u"x"_s, u"--fail"_s}
                                       << u"test echo: Missing value after '--fail'.\n"_s;
        QTest::newRow("missing argument")
            << QStringList{u"echo"_s} << u"test echo: missing argument WORD; run 'test echo --help'\n"_s;
        QTest::newRow("extra argument") << QStringList{u"echo"_s, u"a"_s, u"b"_s, u"c"_s}
                                        << u"test echo: unexpected argument 'c'; run 'test echo --help'\n"_s;
        QTest::newRow("from the command")
            << QStringList{u"echo"_s, u"a"_s, u"--usage"_s} << u"test echo: bad usage\n"_s;
        QTest::newRow("unknown subcommand")
            << QStringList{u"group"_s, u"branch"_s}
            << u"test group: unknown command 'branch'; run 'test group --help' to see the commands\n"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, error);
        const Run r = run(words);
        QCOMPARE(r.code, 2);
        // A missing command also shows the help on stderr; every other error is one line.
        QVERIFY(r.err.endsWith(error));
        if (!words.isEmpty())
            QCOMPARE(r.err, error);
        QVERIFY(r.out.isEmpty());
    }

    void version()
    {
        const Run text = run({u"--version"_s});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.startsWith(u"test "_s));
        QVERIFY(text.out.contains(u"Qt "_s));

        const Run json = run({u"--version"_s, u"--json"_s});
        QCOMPARE(json.code, 0);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!document.object().value(u"version"_s).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
