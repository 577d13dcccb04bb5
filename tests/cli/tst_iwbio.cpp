// How iwb reads its input and writes its output, whatever the file names: devices, FIFOs,
// symbolic links, directories, a full disk, endless streams, names that are not UTF-8. Real
// processes, files only under a temporary folder (and the system's /dev/null, /dev/zero and
// /dev/full, which every user may read and write).

#include "tests/support/testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <functional>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using TestSupport::ProcessResult;
using TestSupport::Sanitized;

namespace {

// What a child may use: address space (not under ASan, which reserves terabytes of it), and
// the peak resident memory of the largest child, checked after each run.
constexpr rlim_t AddressSpaceLimit = rlim_t(3) << 30;
constexpr long PeakResidentLimitKiB = 200 * 1024;

struct Redirect
{
    QString input; // a file for standard input
    QString output; // a file for standard output
    QString workingDirectory;
};

long largestChildPeakKiB()
{
    rusage usage = {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool isOneErrorLine(const ProcessResult &result, const QString &command)
{
    return result.err.count(u'\n') == 1 && result.err.startsWith(command + u": "_s);
}

} // namespace

class TestIwbIo : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_small;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    ProcessResult iwb(const QStringList &arguments, const Redirect &redirect = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        return run(TestSupport::iwbBinary(), arguments, redirect, timeout);
    }

    ProcessResult run(const QString &program, const QStringList &arguments, const Redirect &redirect = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        QProcess process;
        process.setProcessEnvironment(TestSupport::isolatedEnvironment(m_dir->path()));
        if (!redirect.input.isEmpty())
            process.setStandardInputFile(redirect.input);
        if (!redirect.output.isEmpty())
            process.setStandardOutputFile(redirect.output);
        process.setWorkingDirectory(redirect.workingDirectory.isEmpty() ? m_dir->path() : redirect.workingDirectory);
        process.setChildProcessModifier([] {
            if (!Sanitized) {
                const rlimit limit{AddressSpaceLimit, AddressSpaceLimit};
                setrlimit(RLIMIT_AS, &limit);
            }
        });
        ProcessResult result;
        process.start(program, arguments);
        if (!process.waitForStarted()) {
            result.err = process.errorString();
            return result;
        }
        if (redirect.input.isEmpty())
            process.closeWriteChannel();
        // Not in the event loop: a test's own reader or writer of a FIFO is waited for afterwards.
        if (!process.waitForFinished(int(timeout.count()))) {
            result.timedOut = true;
            process.kill();
            process.waitForFinished();
        }
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    // A shell line run in the temporary folder: for names that are not UTF-8, which a QString
    // argument cannot carry.
    ProcessResult shell(const QString &line) { return run(u"/bin/sh"_s, {u"-c"_s, line, TestSupport::iwbBinary()}); }

    // A character device that gives ENOSPC on every write, as /dev/full does. As root (CI) a
    // node of our own below the temporary folder: were it replaced, the system's /dev/full
    // would be kept safe. Others cannot replace /dev/full, so they use it.
    QString fullDevice()
    {
        QString own = path(u"full"_s);
        if (::mknod(QFile::encodeName(own).constData(), S_IFCHR | 0666, makedev(1, 7)) == 0)
            return own;
        return geteuid() == 0 ? QString() : u"/dev/full"_s;
    }

    static bool isCharacterDevice(const QString &name)
    {
        struct stat status = {};
        return ::lstat(QFile::encodeName(name).constData(), &status) == 0 && S_ISCHR(status.st_mode);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFileInfo::exists(TestSupport::iwbBinary()), "IWB_BINARY not set"); }

    void cleanup()
    {
        // QTemporaryDir removes by names it decoded, which miss these.
        for (const char *name : {"/caf\xe9.json", "/out\xe9.json"})
            ::unlink(QByteArray(QFile::encodeName(m_dir->path()) + name).constData());
        m_dir.reset();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_small = path(u"small.json"_s);
        const ProcessResult generated = iwb({u"trace"_s, u"generate"_s, u"--spans"_s, u"5"_s, u"-o"_s, m_small});
        QCOMPARE(generated.exitCode, 0);
    }

    // Defect 1: writing to a device wrote a file beside it and renamed it over the device.
    void outputToADeviceIsWrittenInPlace_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("trace generate") << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s, u"100"_s};
        QTest::newRow("trace format") << QStringList{u"trace"_s, u"format"_s, u"SMALL"_s};
    }

    void outputToADeviceIsWrittenInPlace()
    {
        QFETCH(QStringList, command);
        command.replaceInStrings(u"SMALL"_s, m_small);
        const QString device = fullDevice();
        if (device.isEmpty())
            QSKIP("no device node of our own can be made here, and /dev/full is writable");
        const ProcessResult r = iwb(command + QStringList{u"-o"_s, device});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(isOneErrorLine(r, u"iwb "_s + command.mid(0, 2).join(u' ')), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"cannot write "_s + device + u": No space left on device"_s), qPrintable(r.err));
        QVERIFY2(!r.out.contains(u"Wrote"_s), qPrintable(r.out));
        QVERIFY(isCharacterDevice(device));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::System | QDir::Hidden).size(), 2); // no leftovers
    }

    void outputToAFifoIsWrittenInPlace()
    {
        const QString fifo = path(u"fifo"_s);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess reader;
        reader.start(u"cat"_s, {fifo});
        QVERIFY(reader.waitForStarted());
        const ProcessResult r = iwb({u"trace"_s, u"format"_s, u"--compact"_s, m_small, u"-o"_s, fifo});
        struct stat status = {};
        const bool stillAFifo = ::lstat(QFile::encodeName(fifo).constData(), &status) == 0 && S_ISFIFO(status.st_mode);
        if (!stillAFifo)
            reader.kill(); // it waits for a writer that will never come
        QVERIFY(stillAFifo);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(reader.waitForFinished());
        const QByteArray received = reader.readAllStandardOutput();
        QVERIFY2(received.startsWith("[{\"spanId\""), received.constData());
    }

    void outputThroughASymlinkKeepsTheLink()
    {
        const QString target = path(u"target.json"_s);
        const QString link = path(u"link.json"_s);
        QVERIFY(QFile(target).open(QIODevice::WriteOnly));
        QVERIFY(QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        QVERIFY(QFile::link(u"target.json"_s, link));
        const ProcessResult r = iwb({u"trace"_s, u"format"_s, m_small, u"-o"_s, link});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(QFileInfo(link).symLinkTarget(), target);
        QVERIFY(fileBytes(target).startsWith("[\n    {"));
        QCOMPARE(QFile::permissions(target) & 0x7777,
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup);

        // A link to nothing yet: the file is made where it points.
        const QString dangling = path(u"dangling.json"_s);
        QVERIFY(QFile::link(u"made.json"_s, dangling));
        QCOMPARE(iwb({u"trace"_s, u"format"_s, m_small, u"-o"_s, dangling}).exitCode, 0);
        QVERIFY(QFileInfo(dangling).isSymLink());
        QVERIFY(fileBytes(path(u"made.json"_s)).startsWith("[\n    {"));
    }

    void outputToADirectoryIsRefused()
    {
        const QString folder = path(u"folder"_s);
        QVERIFY(QDir().mkpath(folder + u"/inside"_s));
        const ProcessResult r = iwb({u"trace"_s, u"format"_s, m_small, u"-o"_s, folder});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, u"iwb trace format: cannot write %1: Is a directory\n"_s.arg(folder));
        QVERIFY(QFileInfo(folder + u"/inside"_s).isDir());
    }

    // One rule for every -o: "-" is standard output, an empty name is a usage error.
    void outputOptionRules_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("trace generate") << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s, u"3"_s};
        QTest::newRow("trace format") << QStringList{u"trace"_s, u"format"_s, u"SMALL"_s};
    }

    void outputOptionRules()
    {
        QFETCH(QStringList, command);
        command.replaceInStrings(u"SMALL"_s, m_small);
        const QString where = u"iwb "_s + command.mid(0, 2).join(u' ');

        const ProcessResult empty = iwb(command + QStringList{u"-o"_s, QString()});
        QCOMPARE(empty.exitCode, 2);
        QCOMPARE(empty.err, where + u": -o needs a file name; use - for standard output\n"_s);
        QVERIFY(empty.out.isEmpty());

        const ProcessResult dash = iwb(command + QStringList{u"-o"_s, u"-"_s});
        QCOMPARE(dash.exitCode, 0);
        QJsonParseError error;
        QJsonDocument::fromJson(dash.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!QFileInfo::exists(path(u"-"_s)));
    }

    void anEmptyLogNameIsAUsageError()
    {
        const ProcessResult r = iwb({u"agent"_s, u"serve"_s, u"--port"_s, u"0"_s, u"--log"_s, QString()});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, u"iwb agent serve: --log needs a file name\n"_s);
    }

    // An input named by an empty string ("$FILE" of an unset variable) is a usage error with
    // one wording in every command, not "cannot read : No such file or directory".
    void anEmptyInputNameIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("error");
        const QString stdinHint = u"needs a file name; use - for standard input\n"_s;
        QTest::newRow("trace validate") << QStringList{u"trace"_s, u"validate"_s, QString()}
                                        << u"iwb trace validate: FILE "_s + stdinHint;
        QTest::newRow("trace format") << QStringList{u"trace"_s, u"format"_s, QString()}
                                      << u"iwb trace format: FILE "_s + stdinHint;
        QTest::newRow("trace send") << QStringList{u"trace"_s, u"send"_s, QString()}
                                    << u"iwb trace send: FILE "_s + stdinHint;
        QTest::newRow("trace send --stream")
            << QStringList{u"trace"_s, u"send"_s, u"--stream"_s, QString()} << u"iwb trace send: FILE "_s + stdinHint;
        QTest::newRow("event send --file")
            << QStringList{u"event"_s, u"send"_s, u"--file"_s, QString()} << u"iwb event send: --file "_s + stdinHint;
    }

    void anEmptyInputNameIsAUsageError()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, error);
        const ProcessResult r = iwb(command);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, error);
        QVERIFY(r.out.isEmpty());
    }

    // Defect 8: a failed write to standard output is a failure, whatever printed it.
    void fullStandardOutputFails_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("where");
        QTest::newRow("trace format") << QStringList{u"trace"_s, u"format"_s, u"SMALL"_s} << u"iwb trace format"_s;
        QTest::newRow("trace validate --json")
            << QStringList{u"trace"_s, u"validate"_s, u"--json"_s, u"SMALL"_s} << u"iwb trace validate"_s;
        QTest::newRow("trace generate -o -")
            << QStringList{u"trace"_s, u"generate"_s, u"--spans"_s, u"10"_s, u"-o"_s, u"-"_s}
            << u"iwb trace generate"_s;
        QTest::newRow("event send --dry-run")
            << QStringList{u"event"_s, u"send"_s, u"--title"_s, u"x"_s, u"--dry-run"_s} << u"iwb event send"_s;
        QTest::newRow("config list") << QStringList{u"config"_s, u"list"_s} << u"iwb config list"_s;
        QTest::newRow("event templates") << QStringList{u"event"_s, u"templates"_s} << u"iwb event templates"_s;
        QTest::newRow("--version") << QStringList{u"--version"_s} << u"iwb"_s;
        QTest::newRow("--help") << QStringList{u"trace"_s, u"--help"_s} << u"iwb trace"_s;
    }

    void fullStandardOutputFails()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, where);
        command.replaceInStrings(u"SMALL"_s, m_small);
        const ProcessResult r = iwb(command, Redirect{{}, u"/dev/full"_s, {}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.crashed);
        QCOMPARE(r.err.section(u'\n', -2), where + u": cannot write standard output: No space left on device\n"_s);
    }

    // Defect 9: a FIFO and a character device are read as streams, not as empty files.
    void fifoIsReadAsAStream()
    {
        const QString fifo = path(u"spans.fifo"_s);
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        // The shell opens the FIFO after it started, so that starting it does not wait for a reader.
        QProcess writer;
        writer.start(u"/bin/sh"_s, {u"-c"_s, u"exec cat \"$0\" > \"$1\""_s, m_small, fifo});
        QVERIFY(writer.waitForStarted());
        const ProcessResult r = iwb({u"trace"_s, u"validate"_s, fifo});
        if (r.exitCode != 0)
            writer.kill(); // it may wait for a reader that is gone
        QVERIFY(writer.waitForFinished());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(u"5 spans, 0 errors"_s), qPrintable(r.err));

        const ProcessResult empty = iwb({u"trace"_s, u"validate"_s, u"/dev/null"_s});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains(u"empty"_s), qPrintable(empty.err));
    }

    // Defect 10: names are the system's bytes; shown escaped.
    void namesThatAreNotUtf8()
    {
        const QByteArray latin1 = QFile::encodeName(m_dir->path()) + "/caf\xe9.json";
        QVERIFY(QFile::copy(m_small, u"plain.json"_s.prepend(m_dir->path() + u'/')));
        QVERIFY(::rename(QFile::encodeName(path(u"plain.json"_s)).constData(), latin1.constData()) == 0);

        const ProcessResult r = shell(u"exec \"$0\" trace validate \"$(printf 'caf\\351.json')\""_s);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.startsWith(u"caf\\xe9.json: 5 spans"_s), qPrintable(r.err));

        const ProcessResult missing = shell(u"exec \"$0\" trace validate \"$(printf 'no\\351.json')\""_s);
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err, u"iwb trace validate: cannot read no\\xe9.json: No such file or directory\n"_s);

        const ProcessResult out
            = shell(u"exec \"$0\" trace format \"$(printf 'caf\\351.json')\" -o \"$(printf 'out\\351.json')\""_s);
        QCOMPARE(out.exitCode, 0);
        const QByteArray written = QFile::encodeName(m_dir->path()) + "/out\xe9.json";
        QVERIFY(::access(written.constData(), R_OK) == 0);

        const ProcessResult sent
            = shell(u"exec \"$0\" trace send --stream \"$(printf 'no\\351.json')\" --agent 127.0.0.1:%1"_s.arg(
                TestSupport::closedLoopbackPort()));
        QCOMPARE(sent.exitCode, 1);
        QVERIFY2(sent.err.contains(u"cannot read no\\xe9.json: No such file or directory"_s), qPrintable(sent.err));
    }

    // Text (a title, a setting) is not a file name: a byte that is not UTF-8 is refused as
    // written, never sent or stored as "?".
    void textThatIsNotUtf8IsRefused()
    {
        const ProcessResult title = shell(u"exec \"$0\" event send --title \"$(printf 'caf\\351')\" --dry-run"_s);
        QCOMPARE(title.exitCode, 2);
        QVERIFY(title.out.isEmpty());
        QCOMPARE(title.err, u"iwb event send: --title is not UTF-8 text: caf\\xe9\n"_s);

        const ProcessResult setting = shell(u"exec \"$0\" config set agent.url \"$(printf 'http://caf\\351')\""_s);
        QCOMPARE(setting.exitCode, 2);
        QCOMPARE(setting.err, u"iwb config set: VALUE is not UTF-8 text: http://caf\\xe9\n"_s);
    }

    // "Done means": every command that reads input, given /dev/zero as a file and on standard
    // input, ends with exit 1 and a message, in bounded time and memory. The list of commands is
    // checked against `iwb --help`, so that a new command that reads a file cannot be missed.
    void everyReaderStopsAtDevZero_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("zeroOnStandardInput");
        QTest::addColumn<QString>("message");
        const QString agent = u"127.0.0.1:%1"_s.arg(TestSupport::closedLoopbackPort());
        // Read whole: refused at the first NUL byte. Read a line at a time: at the ceiling of a line.
        auto add = [](const QStringList &arguments, bool onStandardInput) {
            const QString message = arguments.contains(u"--stream"_s)
                ? u"line 1 of %1 is longer than 4 MiB without a line break"_s
                : u"%1 is not JSON text: a NUL byte at offset 0"_s;
            QTest::newRow(qPrintable(arguments.join(u' '))) << arguments << onStandardInput << message;
        };
        add({u"trace"_s, u"validate"_s, u"/dev/zero"_s}, false);
        add({u"trace"_s, u"validate"_s, u"-"_s}, true);
        add({u"trace"_s, u"validate"_s, u"--json"_s, u"-"_s}, true);
        add({u"trace"_s, u"format"_s, u"/dev/zero"_s}, false);
        add({u"trace"_s, u"format"_s, u"-"_s}, true);
        add({u"trace"_s, u"send"_s, u"/dev/zero"_s, u"--agent"_s, agent}, false);
        add({u"trace"_s, u"send"_s, u"--stream"_s, u"/dev/zero"_s, u"--agent"_s, agent}, false);
        add({u"trace"_s, u"send"_s, u"--stream"_s, u"-"_s, u"--agent"_s, agent}, true);
        add({u"event"_s, u"send"_s, u"--file"_s, u"/dev/zero"_s, u"--dry-run"_s}, false);
        add({u"event"_s, u"send"_s, u"--file"_s, u"-"_s, u"--dry-run"_s}, true);
        add({u"event"_s, u"send"_s, u"--file"_s, u"/dev/zero"_s, u"--agent"_s, agent}, false);
        add({u"api"_s, u"post"_s, u"/api/x"_s, u"--body"_s, u"/dev/zero"_s}, false);
        add({u"api"_s, u"put"_s, u"/api/x"_s, u"--body"_s, u"-"_s}, true);
        add({u"api"_s, u"delete"_s, u"/api/x"_s, u"--body"_s, u"/dev/zero"_s, u"--all"_s}, false);
    }

    void everyReaderStopsAtDevZero()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, zeroOnStandardInput);
        QFETCH(QString, message);
        const ProcessResult r = iwb(arguments, Redirect{zeroOnStandardInput ? u"/dev/zero"_s : QString(), {}, {}},
                                    std::chrono::seconds(20));
        QVERIFY2(!r.timedOut, "no answer within 20 s");
        QVERIFY2(!r.crashed, qPrintable(r.err.right(500)));
        QCOMPARE(r.exitCode, 1);
        const QString named = zeroOnStandardInput ? u"standard input"_s : u"/dev/zero"_s;
        QVERIFY2(r.err.contains(message.arg(named)), qPrintable(r.err));
        QVERIFY2(largestChildPeakKiB() < PeakResidentLimitKiB,
                 qPrintable(u"peak resident memory %1 KiB"_s.arg(largestChildPeakKiB())));
    }

    void everyCommandThatReadsAFileIsInTheList()
    {
        // Commands and the options that take a file to read, from the help itself.
        QStringList leaves;
        std::function<void(const QStringList &)> walk = [&](const QStringList &command) {
            const ProcessResult help = iwb(command + QStringList{u"--help"_s});
            QCOMPARE(help.exitCode, 0);
            const qsizetype commands = help.out.indexOf(u"\nCommands:\n"_s);
            if (commands < 0) {
                leaves << command.join(u' ');
                return;
            }
            const QString block = help.out.mid(commands + 11).section(u"\n\n"_s, 0, 0);
            for (const QString &line : block.split(u'\n', Qt::SkipEmptyParts))
                walk(command + QStringList{line.trimmed().section(u' ', 0, 0)});
        };
        walk({});
        QVERIFY(leaves.size() >= 12);

        QSet<QString> readers;
        static const QRegularExpression inputOption(u"^\\s+(--[a-z-]+) <([A-Z.a-z]*(FILE|json)[A-Z.a-z]*)>"_s);
        for (const QString &leaf : std::as_const(leaves)) {
            const ProcessResult help = iwb(leaf.split(u' ') + QStringList{u"--help"_s});
            const QString usage = help.out.section(u'\n', 0, 0);
            if (usage.endsWith(u" FILE"_s) || usage.contains(u" FILE "_s))
                readers.insert(leaf);
            for (const QString &line : help.out.split(u'\n')) {
                const QRegularExpressionMatch match = inputOption.match(line);
                // -o and --log name files written, not read.
                if (match.hasMatch() && match.captured(1) != u"--output"_s && match.captured(1) != u"--log"_s)
                    readers.insert(leaf + u' ' + match.captured(1));
            }
        }
        // profile add --ca-bundle names a file that is not read by the command, profile test --ca-bundle
        // one read as PEM by the TLS configuration; a device there is refused as no file by both
        // (tests/cli/tst_iwbprofile_nokeychain.cpp).
        const QSet<QString> tested{u"trace validate"_s,
                                   u"trace format"_s,
                                   u"trace send"_s,
                                   u"event send --file"_s,
                                   u"profile add --ca-bundle"_s,
                                   u"profile test --ca-bundle"_s,
                                   u"api post --body"_s,
                                   u"api put --body"_s,
                                   u"api delete --body"_s};
        QCOMPARE(readers, tested);
    }
};

QTEST_GUILESS_MAIN(TestIwbIo)
#include "tst_iwbio.moc"
