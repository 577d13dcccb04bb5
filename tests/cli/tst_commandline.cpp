#include "iwb/cli/commandline.h"
#include "iwb/cli/numberoption.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <limits>

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
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption({u"o"_s, u"output"_s}, u"Where to write."_s, u"FILE"_s),
                QCommandLineOption(u"tag"_s, u"A tag."_s, u"T"_s)};
    }
    QStringList repeatableOptions() const override { return {u"tag"_s}; }
    void run(Invocation &invocation) override
    {
        QJsonObject result{{u"path"_s, invocation.commandPath()}};
        if (invocation.isSet(u"tag"_s))
            result.insert(u"tags"_s, QJsonArray::fromStringList(invocation.parser().values(u"tag"_s)));
        invocation.printJson(QJsonDocument(result));
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
        QTest::newRow("unknown option") << QStringList{
            u"echo"_s, u"x"_s,
            u"--nope"_s} << u"test echo: unknown option --nope; run 'test echo --help' to see the options\n"_s;
        QTest::newRow("unknown option, one dash")
            << QStringList{u"echo"_s, u"x"_s, u"-nope=1"_s}
            << u"test echo: unknown option -nope; run 'test echo --help' to see the options\n"_s;
        QTest::newRow("option typo") << QStringList{u"echo"_s, u"x"_s, u"--fial"_s, u"y"_s}
                                     << u"test echo: unknown option --fial; did you mean --fail?\n"_s;
        QTest::newRow("unknown program option")
            << QStringList{u"--foo"_s} << u"test: unknown option --foo; run 'test --help' to see the options\n"_s;
        QTest::newRow("program option typo")
            << QStringList{u"--verison"_s} << u"test: unknown option --verison; did you mean --version?\n"_s;
        QTest::newRow("missing value") << QStringList{u"echo"_s, u"x"_s, u"--fail"_s}
                                       << u"test echo: missing value for --fail <message>\n"_s;
        QTest::newRow("value of a switch")
            << QStringList{u"echo"_s, u"x"_s, u"--usage=yes"_s} << u"test echo: --usage takes no value\n"_s;
        QTest::newRow("given twice") << QStringList{u"echo"_s, u"x"_s, u"--fail"_s, u"a"_s, u"--fail=b"_s}
                                     << u"test echo: --fail given twice\n"_s;
        QTest::newRow("given twice, by two names")
            << QStringList{u"group"_s, u"leaf"_s, u"-o"_s, u"a"_s, u"--output"_s, u"b"_s}
            << u"test group leaf: --output given twice\n"_s;
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

    void repeatableOptionsMayBeGivenAgain()
    {
        const Run tags = run({u"group"_s, u"leaf"_s, u"--tag"_s, u"a"_s, u"--tag=b"_s});
        QCOMPARE(tags.code, 0);
        QCOMPARE(tags.out, u"{\"path\":\"test group leaf\",\"tags\":[\"a\",\"b\"]}\n"_s);
        const Run help = run({u"group"_s, u"leaf"_s, u"--help"_s});
        QVERIFY2(help.out.contains(u"A tag. May be given more than once."_s), qPrintable(help.out));
    }

    void switchesMayBeRepeatedAndDashesEndTheOptions()
    {
        const Run twice = run({u"echo"_s, u"a"_s, u"--usage"_s, u"--usage"_s});
        QCOMPARE(twice.code, 2);
        QCOMPARE(twice.err, u"test echo: bad usage\n"_s); // the command's own error: the switch was taken

        const Run dashes = run({u"echo"_s, u"--"_s, u"--nope"_s, u"-x"_s});
        QCOMPARE(dashes.code, 0);
        QCOMPARE(dashes.out, u"--nope -x\n"_s);
    }

    void wholeNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("low");
        QTest::addColumn<qint64>("high");
        QTest::addColumn<QString>("problem"); // empty: read as `value`
        QTest::addColumn<qint64>("value");
        const qint64 min = std::numeric_limits<qint64>::min();
        const qint64 max = std::numeric_limits<qint64>::max();
        QTest::newRow("plain") << u"42"_s << qint64(0) << qint64(100) << QString() << qint64(42);
        QTest::newRow("spaces and sign") << u" +7 "_s << qint64(0) << qint64(100) << QString() << qint64(7);
        QTest::newRow("negative") << u"-3"_s << qint64(-5) << qint64(5) << QString() << qint64(-3);
        QTest::newRow("smallest") << u"-9223372036854775808"_s << min << max << QString() << min;
        QTest::newRow("largest") << u"9223372036854775807"_s << min << max << QString() << max;
        QTest::newRow("one past the largest")
            << u"9223372036854775808"_s << min << max
            << u"--n: 9223372036854775808 is out of range (-9223372036854775808–9223372036854775807)."_s << qint64(0);
        QTest::newRow("past 64 bits") << u"99999999999999999999"_s << qint64(0) << qint64(9)
                                      << u"--n: 99999999999999999999 is out of range (0–9)."_s << qint64(0);
        QTest::newRow("below") << u"-1"_s << qint64(0) << qint64(9) << u"--n: -1 is out of range (0–9)."_s << qint64(0);
        for (const QString &text : {u""_s, u"-"_s, u"1e3"_s, u"0x10"_s, u"1,000"_s, u"5 5"_s, u"٣"_s})
            QTest::newRow(qPrintable(u"not a number: "_s + text))
                << text << qint64(0) << qint64(9) << u"--n takes a whole number from 0 to 9, not \"%1\"."_s.arg(text)
                << qint64(0);
    }

    void wholeNumbers()
    {
        QFETCH(QString, text);
        QFETCH(qint64, low);
        QFETCH(qint64, high);
        QFETCH(QString, problem);
        QFETCH(qint64, value);
        qint64 read = -1;
        QCOMPARE(wholeNumberProblem(u"n"_s, text, low, high, NumberUnit::None, &read), problem);
        if (problem.isEmpty())
            QCOMPARE(read, value);
        else
            QCOMPARE(read, qint64(-1)); // untouched
    }

    void unsignedNumbers()
    {
        const quint64 max = std::numeric_limits<quint64>::max();
        quint64 value = 0;
        QCOMPARE(unsignedNumberProblem(u"seed"_s, u"18446744073709551615"_s, max, &value), QString());
        QCOMPARE(value, max);
        QCOMPARE(unsignedNumberProblem(u"seed"_s, u"-0"_s, max, &value), QString());
        QCOMPARE(value, quint64(0));
        QCOMPARE(unsignedNumberProblem(u"seed"_s, u"18446744073709551616"_s, max, &value),
                 u"--seed: 18446744073709551616 is out of range (0–18446744073709551615)."_s);
        QCOMPARE(unsignedNumberProblem(u"seed"_s, u"-1"_s, max, &value),
                 u"--seed: -1 is out of range (0–18446744073709551615)."_s);
        QCOMPARE(wholeNumberProblem(u"timeout"_s, u"0"_s, 1, 600000, NumberUnit::Milliseconds, nullptr),
                 u"--timeout: 0 is out of range (1–600000 ms)."_s);
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
