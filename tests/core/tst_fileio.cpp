// The one place files are read whole and written whole: names as bytes, regular files mapped,
// streams read to a ceiling, atomic replacement of regular files only, every write error seen.

#include "core/io/filenames.h"
#include "core/io/inputfile.h"
#include "core/io/outputfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Workbench::Io;

namespace {
QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A FIFO fed by a shell with `bytes` written `times` times, read by `input`.
bool readFifo(const QString &fifo, const QByteArray &bytes, int times, InputFile &input,
              const InputFile::Ceiling &ceiling, bool *read)
{
    if (::mkfifo(QFile::encodeName(fifo).constData(), 0600) != 0)
        return false;
    QProcess writer;
    const QString line = u"i=0; while [ $i -lt %1 ]; do printf '%s' \"$0\"; i=$((i+1)); done > \"$1\""_s.arg(times);
    writer.start(u"/bin/sh"_s, {u"-c"_s, line, QString::fromLatin1(bytes), fifo});
    if (!writer.waitForStarted())
        return false;
    *read = input.read(ceiling);
    writer.kill(); // when reading stopped early, the writer waits for a reader that is gone
    writer.waitForFinished();
    return true;
}
} // namespace

class TestFileIo : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString path(const QString &name) const { return m_dir->filePath(name); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void namesKeepEveryByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ascii") << QByteArray("small.json") << u"small.json"_s;
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9.json") << u"café.json"_s;
        QTest::newRow("latin-1") << QByteArray("caf\xe9.json") << u"caf\\xe9.json"_s;
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << u"a\\x80z"_s;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << u"\\xc0\\xaf"_s;
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xb2\x80") << u"\\xed\\xb2\\x80"_s;
        QTest::newRow("cut sequence") << QByteArray("x\xe2\x82") << u"x\\xe2\\x82"_s;
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80.json") << u"\U0001F600.json"_s;
        QTest::newRow("newline") << QByteArray("two\nlines") << u"two\\x0alines"_s;
    }

    void namesKeepEveryByte()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        const QString name = decodeFileName(bytes);
        QCOMPARE(encodeFileName(name), bytes);
        QCOMPARE(shownFileName(name), shown);
    }

    // A file moved aside never replaces one there, nor a link that points nowhere.
    void unusedNamesAreFree()
    {
        QCOMPARE(unusedName(path(u"a"_s), u'-'), path(u"a"_s));
        QVERIFY(QFile(path(u"a"_s)).open(QIODevice::WriteOnly));
        QCOMPARE(unusedName(path(u"a"_s), u'-'), path(u"a-2"_s));
        QVERIFY(QFile::link(path(u"nowhere"_s), path(u"a-2"_s)));
        QCOMPARE(unusedName(path(u"a"_s), u'-'), path(u"a-3"_s));
        QCOMPARE(unusedName(path(u"a"_s), u'.'), path(u"a.2"_s));
    }

    void argumentsAreDecodedLosslessly()
    {
        const char *argv[] = {"iwb", "trace", "caf\xe9.json"};
        const QStringList arguments = decodeArguments(3, argv);
        QCOMPARE(arguments.size(), 3);
        QCOMPARE(arguments.at(1), u"trace"_s);
        QCOMPARE(encodeFileName(arguments.at(2)), QByteArray("caf\xe9.json"));
    }

    void regularFilesAreMapped()
    {
        const QByteArray name = QFile::encodeName(m_dir->path()) + "/caf\xe9.json";
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "[1,2]", 5), ssize_t(5));
        ::close(fd);
        InputFile input(decodeFileName(name));
        QVERIFY2(input.read({1024, 1024, true}), qPrintable(input.errorString()));
        QVERIFY(input.isMapped());
        QCOMPARE(input.data(), QByteArrayView("[1,2]"));

        InputFile small(decodeFileName(name));
        QVERIFY(!small.read({4, 1024, true}));
        QCOMPARE(small.errorString(),
                 shownFileName(decodeFileName(name)) + u" is 5 bytes, over the limit of 4 bytes for one file."_s);
        QVERIFY(small.data().isEmpty());
        ::unlink(name.constData()); // QTemporaryDir removes by names it decoded, which miss it
    }

    void missingFilesAndFoldersAreNamed()
    {
        InputFile missing(path(u"none.json"_s));
        QVERIFY(!missing.read({1024, 1024, false}));
        QCOMPARE(missing.errorString(), u"cannot read %1: No such file or directory"_s.arg(path(u"none.json"_s)));
        InputFile folder(m_dir->path());
        QVERIFY(!folder.read({1024, 1024, false}));
        QCOMPARE(folder.errorString(), u"cannot read %1: Is a directory"_s.arg(m_dir->path()));
        // "-" is a file name unless standard input is asked for.
        InputFile dash(u"-"_s);
        QCOMPARE(dash.name(), u"-"_s);
        QCOMPARE(InputFile(u"-"_s, Dash::StandardStream).name(), u"standard input"_s);
    }

    void streamsAreReadToTheirCeiling()
    {
        bool read = false;
        InputFile whole(path(u"whole.fifo"_s));
        QVERIFY(readFifo(path(u"whole.fifo"_s), "[1] ", 1000, whole, {1 << 20, 1 << 20, true}, &read));
        QVERIFY2(read, qPrintable(whole.errorString()));
        QVERIFY(!whole.isMapped());
        QCOMPARE(whole.data().size(), 4000);

        InputFile over(path(u"over.fifo"_s));
        QVERIFY(readFifo(path(u"over.fifo"_s), "[1] ", 100000, over, {1 << 20, 100000, true}, &read));
        QVERIFY(!read);
        QCOMPARE(
            over.errorString(),
            u"%1 is over the limit of 100000 bytes for input read from a pipe or device."_s.arg(path(u"over.fifo"_s)));
        QVERIFY(over.data().isEmpty());
    }

    void nulBytesAreNoJsonText()
    {
        InputFile zero(u"/dev/zero"_s);
        QVERIFY(!zero.read({1 << 20, qint64(1) << 40, true}));
        QCOMPARE(zero.errorString(), u"/dev/zero is not JSON text: a NUL byte at offset 0."_s);
        InputFile empty(u"/dev/null"_s);
        QVERIFY(empty.read({1, 1, true}));
        QVERIFY(empty.data().isEmpty());
        // A file in /proc says it is empty and is not: it is read as a stream.
        InputFile proc(u"/proc/self/status"_s);
        QVERIFY(proc.read({1 << 20, 1 << 20, true}));
        QVERIFY(proc.data().startsWith("Name:"));
    }

    void regularFilesAreReplacedWhole()
    {
        const QString target = path(u"out.json"_s);
        QVERIFY(OutputFile::writeWhole(target, "old", nullptr));
        QVERIFY(QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        {
            OutputFile file(target);
            QVERIFY(file.open());
            QVERIFY(file.isReplaced());
            QVERIFY(file.write("new"));
            QCOMPARE(fileBytes(target), QByteArray("old")); // not until committed
        } // abandoned: the old contents stay, no temporary file is left
        QCOMPARE(fileBytes(target), QByteArray("old"));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.json"_s});
        QString error;
        QVERIFY(OutputFile::writeWhole(target, "new", &error));
        QCOMPARE(fileBytes(target), QByteArray("new"));
        QCOMPARE(QFile::permissions(target) & 0x7777,
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser | QFile::ReadOther);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.json"_s});
    }

    void linksAreFollowed()
    {
        QVERIFY(OutputFile::writeWhole(path(u"real.json"_s), "old", nullptr));
        QVERIFY(QFile::link(u"real.json"_s, path(u"link.json"_s)));
        QVERIFY(OutputFile::writeWhole(path(u"link.json"_s), "new", nullptr));
        QVERIFY(QFileInfo(path(u"link.json"_s)).isSymLink());
        QCOMPARE(fileBytes(path(u"real.json"_s)), QByteArray("new"));
    }

    void devicesAreWrittenInPlace()
    {
        OutputFile null(u"/dev/null"_s);
        QVERIFY(null.open());
        QVERIFY(!null.isReplaced());
        QVERIFY(null.write("anything"));
        QVERIFY(null.commit());

        QString error;
        QVERIFY(!OutputFile::writeWhole(u"/dev/full"_s, "x", &error));
        QCOMPARE(error, u"cannot write /dev/full: No space left on device"_s);
        QVERIFY(QFileInfo(u"/dev/full"_s).exists() && !QFileInfo(u"/dev/full"_s).isFile());

        QVERIFY(!OutputFile::writeWhole(m_dir->path(), "x", &error));
        QCOMPARE(error, u"cannot write %1: Is a directory"_s.arg(m_dir->path()));
        QVERIFY(!OutputFile::writeWhole(path(u"no/such/dir.json"_s), "x", &error));
        QCOMPARE(error, u"cannot write %1: No such file or directory"_s.arg(path(u"no/such/dir.json"_s)));
        QVERIFY(!OutputFile::writeWhole(QString(), "x", &error));
        QCOMPARE(OutputFile(u"-"_s, Dash::StandardStream).name(), u"standard output"_s);
    }

    void aFailedWriteIsFinal()
    {
        OutputFile file(u"/dev/full"_s);
        QVERIFY(file.open());
        QVERIFY(!file.write("x"));
        QVERIFY(!file.write("y"));
        QVERIFY(!file.commit());
        QCOMPARE(file.errorString(), u"cannot write /dev/full: No space left on device"_s);
    }
};

QTEST_GUILESS_MAIN(TestFileIo)
#include "tst_fileio.moc"
