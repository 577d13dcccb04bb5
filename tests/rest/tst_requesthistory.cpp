// A profile's request history (kept, bounded, without secrets, a damaged file left alone) and
// the export of a result as CSV and JSON.

#include "core/browse/requesthistory.h"
#include "core/browse/resultexport.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Workbench::Browse;

namespace {

RequestRecord record(int n)
{
    RequestRecord r;
    r.method = "GET";
    r.path = u"/api/x/%1"_s.arg(n);
    r.status = 200;
    r.time = 1764547200000 + n;
    r.durationMs = n;
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestRequestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RequestHistory history(u"acme"_s, dir.path());
        QCOMPARE(history.file(), dir.filePath(u"acme.json"_s));
        QCOMPARE(history.load()->size(), qsizetype(0));
        RequestRecord post;
        post.method = "post";
        post.path = u"/api/application-monitoring/applications;id=a/services"_s;
        post.query.addQueryItem(u"nameFilter"_s, u"a+b c&d"_s);
        post.body = R"({"x":"é\n"})";
        post.status = 404;
        post.time = 1764547200123;
        post.durationMs = 87;
        QString error;
        QVERIFY2(history.append(post, &error), qPrintable(error));
        QVERIFY(history.append(record(1)));
        // Another object on the same file (iwb and the window) sees both.
        const auto loaded = RequestHistory(u"acme"_s, dir.path()).load(&error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), qsizetype(2));
        const RequestRecord &first = loaded->first();
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.path, post.path);
        QCOMPARE(first.query.queryItemValue(u"nameFilter"_s, QUrl::FullyDecoded), u"a+b c&d"_s);
        QCOMPARE(first.body, post.body);
        QCOMPARE(first.status, 404);
        QCOMPARE(first.time, post.time);
        QCOMPARE(first.durationMs, qint64(87));
        QCOMPARE(loaded->last().path, u"/api/x/1"_s);
        // Profiles have files of their own.
        QCOMPARE(RequestHistory(u"other"_s, dir.path()).load()->size(), qsizetype(0));
    }

    void keepsTheLast200()
    {
        QTemporaryDir dir;
        RequestHistory history(u"p"_s, dir.path());
        for (int i = 0; i < RequestHistory::MaxEntries + 5; ++i)
            QVERIFY(history.append(record(i)));
        const auto loaded = history.load();
        QCOMPARE(loaded->size(), qsizetype(RequestHistory::MaxEntries));
        QCOMPARE(loaded->first().path, u"/api/x/5"_s);
        QCOMPARE(loaded->last().path, u"/api/x/204"_s);
    }

    void neverSecrets()
    {
        QTemporaryDir dir;
        RequestHistory history(u"p"_s, dir.path());
        RequestRecord r = record(1);
        r.query.addQueryItem(u"apiToken"_s, u"tok-SECRET-1"_s);
        r.query.addQueryItem(u"password"_s, u"pw-SECRET-2"_s);
        r.query.addQueryItem(u"authorization"_s, u"apiToken tok-SECRET-3"_s);
        r.query.addQueryItem(u"size"_s, u"5"_s);
        QVERIFY(history.append(r));
        RequestRecord inPath = record(2);
        inPath.path = u"/api/y?token=tok-SECRET-4&page=2"_s;
        inPath.query.addQueryItem(u"pageSize"_s, u"10"_s);
        QVERIFY(history.append(inPath));
        const QByteArray text = readAll(history.file());
        QVERIFY(!text.contains("SECRET"));
        const RequestRecord back = history.load()->last();
        QCOMPARE(back.path, u"/api/y"_s);
        QCOMPARE(back.query.query(QUrl::FullyDecoded), u"token=<redacted>&page=2&pageSize=10"_s);
        const auto loaded = history.load();
        QCOMPARE(loaded->first().query.queryItemValue(u"apiToken"_s), u"<redacted>"_s);
        QCOMPARE(loaded->first().query.queryItemValue(u"size"_s), u"5"_s);
        QVERIFY(isSecretName(u"X-Api-Key"));
        QVERIFY(!isSecretName(u"windowSize"));
        QVERIFY(!isSecretName(u"authorId"));
    }

    // Two writers at once (the window and iwb) lose none of each other's entries.
    void concurrentWritersLoseNothing()
    {
        QTemporaryDir dir;
        constexpr int each = 40;
        std::atomic<int> failures{0};
        auto writer = [&](int offset) {
            RequestHistory history(u"p"_s, dir.path());
            for (int i = 0; i < each; ++i) {
                if (!history.append(record(offset + i)))
                    ++failures;
            }
        };
        std::unique_ptr<QThread> first(QThread::create(writer, 0));
        std::unique_ptr<QThread> second(QThread::create(writer, 1000));
        first->start();
        second->start();
        QVERIFY(first->wait(60000));
        QVERIFY(second->wait(60000));
        QCOMPARE(failures.load(), 0);
        const auto loaded = RequestHistory(u"p"_s, dir.path()).load();
        QCOMPARE(loaded->size(), qsizetype(2 * each));
        QSet<QString> paths;
        for (const RequestRecord &r : *loaded)
            paths.insert(r.path);
        QCOMPARE(paths.size(), qsizetype(2 * each));
    }

    void largeBodyNotKept()
    {
        QTemporaryDir dir;
        RequestHistory history(u"p"_s, dir.path());
        RequestRecord r = record(1);
        r.method = "POST";
        r.body = "[" + QByteArray(RequestRecord::MaxBodyBytes, '1') + "]";
        QVERIFY(history.append(r));
        const auto loaded = history.load();
        QVERIFY(loaded->first().body.isEmpty());
        QVERIFY(loaded->first().bodyOmitted);
    }

    void damagedFileLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no json") << QByteArray("{\"requests\":[") << u"no JSON"_s;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12) << u"no JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"\"requests\" array"_s;
        QTest::newRow("requests not array") << QByteArray(R"({"requests":{}})") << u"\"requests\" array"_s;
        QTest::newRow("entry no object") << QByteArray(R"({"requests":[1]})") << u"no method or path"_s;
        QTest::newRow("status text") << QByteArray(R"({"requests":[{"method":"GET","path":"/a","status":"200"}]})")
                                     << u"\"status\""_s;
        QTest::newRow("time fraction") << QByteArray(R"({"requests":[{"method":"GET","path":"/a","time":1.5}]})")
                                       << u"\"time\""_s;
        QTest::newRow("body number") << QByteArray(R"({"requests":[{"method":"GET","path":"/a","body":3}]})")
                                     << u"\"body\""_s;
    }

    void damagedFileLeftAlone()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        RequestHistory history(u"p"_s, dir.path());
        QVERIFY(writeAll(history.file(), bytes));
        QString error;
        QVERIFY(!history.load(&error));
        QVERIFY2(error.contains(u"is damaged"_s) && error.contains(reason) && error.contains(u"left as it is"_s),
                 qPrintable(error));
        QVERIFY2(!error.contains(u'\n'), qPrintable(error));
        error.clear();
        QVERIFY(!history.append(record(1), &error));
        QVERIFY2(error.contains(u"is damaged"_s), qPrintable(error));
        QVERIFY(!history.clear(&error));
        QCOMPARE(readAll(history.file()), bytes);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).filter(u".json"_s), QStringList{u"p.json"_s});
    }

    void oddProfileNamesStayInTheFolder()
    {
        QTemporaryDir dir;
        RequestHistory history(u"../../etc/x"_s, dir.path());
        QCOMPARE(QFileInfo(history.file()).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
        QVERIFY(history.append(record(1)));
        QCOMPARE(history.load()->size(), qsizetype(1));
    }

    void csvRfc4180()
    {
        const QJsonArray rows{
            QJsonObject{{u"id"_s, u"a"_s}, {u"label"_s, u"plain"_s}, {u"n"_s, 1.5}, {u"ok"_s, true}},
            QJsonObject{{u"id"_s, u"b"_s},
                        {u"label"_s, u"comma, \"quote\"\nline"_s},
                        {u"nested"_s, QJsonObject{{u"x"_s, QJsonArray{1, 2}}}},
                        {u"n"_s, QJsonValue::Null}},
            QJsonObject{{u"label"_s, QString(u"long "_s + QString(300, u'x'))}},
        };
        const QByteArray csv = csvOf(rows);
        const QByteArray expected = "id,label,n,ok,nested\r\n"
                                    "a,plain,1.5,true,\r\n"
                                    "b,\"comma, \"\"quote\"\"\nline\",,,\"{\"\"x\"\":[1,2]}\"\r\n"
                                    ",long "
            + QByteArray(300, 'x') + ",,,\r\n";
        QCOMPARE(csv, expected);
        // Chosen columns, key paths, a row that is no object.
        QCOMPARE(csvOf(QJsonDocument::fromJson(R"([{"data":{"host":"h1"}},"bare"])").array(), {u"data.host"_s}),
                 QByteArray("data.host\r\nh1\r\nbare\r\n"));
    }

    void exportThroughOutputFile()
    {
        QTemporaryDir dir;
        const QJsonArray rows = QJsonDocument::fromJson(R"([{"id":"é"}])").array();
        QString error;
        QVERIFY2(exportResult(dir.filePath(u"r.csv"_s), rows, ExportFormat::Csv, &error), qPrintable(error));
        QCOMPARE(readAll(dir.filePath(u"r.csv"_s)), QByteArray("id\r\n\xc3\xa9\r\n"));
        QVERIFY(exportResult(dir.filePath(u"r.json"_s), QJsonObject{{u"a"_s, 1}}, ExportFormat::Json, &error));
        QCOMPARE(QJsonDocument::fromJson(readAll(dir.filePath(u"r.json"_s)))["a"_L1].toInt(), 1);
        QVERIFY(readAll(dir.filePath(u"r.json"_s)).endsWith('\n'));
        QCOMPARE(jsonOf(QJsonValue(u"text"_s)), QByteArray("\"text\"\n"));
        // Not a list: refused, nothing written; a directory: the file's sentence.
        QVERIFY(!exportResult(dir.filePath(u"o.csv"_s), QJsonObject(), ExportFormat::Csv, &error));
        QVERIFY2(error.contains(u"no array"_s), qPrintable(error));
        QVERIFY(!QFile::exists(dir.filePath(u"o.csv"_s)));
        QVERIFY(!exportResult(dir.path(), rows, ExportFormat::Csv, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!exportResult(u"/dev/full"_s, rows, ExportFormat::Json, &error));
        QVERIFY2(error.contains(u"No space left"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "tst_requesthistory.moc"
