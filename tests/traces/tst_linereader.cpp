// The line reader behind `iwb trace send --stream`: lines from a file and from a FIFO in a
// QTemporaryDir, a last line without a line break, the hand-over limit, and a stop while the
// writer keeps the pipe open and writes nothing (cooperative: no thread is terminated).

#include "core/traces/linereader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Workbench::Traces;

namespace {
constexpr int Patience = 20000; // ms, for QTRY_: generous, never a measurement
}

class TestLineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"spans.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"spanId\":\"a\"}\nnot json\n\n{\"spanId\":\"b\"}");
        file.close();

        LineReader reader(path, 10);
        QList<QByteArray> lines;
        QStringList ends;
        connect(&reader, &LineReader::lineRead, this, [&](const QByteArray &line) {
            lines.append(line);
            reader.taken();
        });
        connect(&reader, &LineReader::ended, this, [&](const QString &error) { ends.append(error); });
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(ends.size(), 1, Patience);
        QCOMPARE(ends.first(), QString());
        QCOMPARE(lines, (QList<QByteArray>{"{\"spanId\":\"a\"}", "not json", "", "{\"spanId\":\"b\"}"}));
        QTest::qWait(50);
        QCOMPARE(ends.size(), 1);
    }

    void anEndlessLineIsAnError()
    {
        // /dev/zero never ends and never breaks a line: reading stops with an error once a line
        // is longer than any request could be, rather than filling memory.
        LineReader reader(u"/dev/zero"_s, 10);
        int lines = 0;
        connect(&reader, &LineReader::lineRead, this, [&] { ++lines; });
        QSignalSpy ended(&reader, &LineReader::ended);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, Patience);
        const QString error = ended.first().first().toString();
        QVERIFY2(error.contains(u"line 1 of /dev/zero is longer than 4 MiB"_s), qPrintable(error));
        QCOMPARE(lines, 0);
    }

    void missingFileIsAnError()
    {
        QTemporaryDir dir;
        LineReader reader(dir.filePath(u"none.jsonl"_s), 10);
        QSignalSpy ended(&reader, &LineReader::ended);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, Patience);
        QVERIFY(ended.first().first().toString().contains(u"none.jsonl"_s));
    }

    void waitsUntilLinesAreTaken()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"many.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 10; ++i)
            file.write("{}\n");
        file.close();

        LineReader reader(path, 3);
        QSignalSpy lines(&reader, &LineReader::lineRead);
        QSignalSpy ended(&reader, &LineReader::ended);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 3, Patience);
        QTest::qWait(3 * LineReader::PollMs);
        QCOMPARE(lines.size(), 3); // nothing taken: no more come
        QCOMPARE(ended.size(), 0);
        for (int i = 0; i < 7; ++i)
            reader.taken();
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 10, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, Patience);
    }

    void stopsWhileTheWriterKeepsThePipeOpen()
    {
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(u"pipe"_s));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        // The writer's end, held open for the whole test (O_RDWR so that opening does not wait).
        const int writer = ::open(fifo.constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(writer >= 0);
        QCOMPARE(::write(writer, "{\"spanId\":\"a\"}\n{\"spanId\":\"b\"}\n", 30), ssize_t(30));

        QList<QByteArray> lines;
        {
            LineReader reader(QFile::decodeName(fifo), 10);
            QSignalSpy ended(&reader, &LineReader::ended);
            connect(&reader, &LineReader::lineRead, this, [&](const QByteArray &line) {
                lines.append(line);
                reader.taken();
            });
            reader.start();
            QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 2, Patience);
            QVERIFY(reader.isRunning()); // the pipe is open: the input has not ended
            QCOMPARE(ended.size(), 0);
            reader.stop();
            QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, Patience);
            QTRY_VERIFY_WITH_TIMEOUT(!reader.isRunning(), Patience);
        }
        QCOMPARE(lines, (QList<QByteArray>{"{\"spanId\":\"a\"}", "{\"spanId\":\"b\"}"}));
        ::close(writer);
    }

    void destroyedWhileWaitingForInput()
    {
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(u"pipe"_s));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        const int writer = ::open(fifo.constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(writer >= 0);
        {
            LineReader reader(QFile::decodeName(fifo), 10);
            reader.start();
            QTRY_VERIFY_WITH_TIMEOUT(reader.isRunning(), Patience);
        } // the destructor stops the thread and waits for it
        ::close(writer);
    }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "tst_linereader.moc"
