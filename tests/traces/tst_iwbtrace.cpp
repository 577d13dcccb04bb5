#include "../agent/agentexamples.h"
#include "jsonquotes.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestIwbTrace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write test file");
        return file.fileName();
    }

    TestSupport::ProcessResult iwb(const QStringList &arguments)
    {
        return TestSupport::run(TestSupport::iwbBinary(), arguments, TestSupport::isolatedEnvironment(m_dir.path()));
    }

private Q_SLOTS:
    void validateTheOfficialExample()
    {
        const QString path = write(u"example.json"_s, AgentExamples::traceBody);
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.count(u'\n'), 2);
        QVERIFY(
            result.out.startsWith(u"warning  data-not-string  span 8165b19a37094800 ([0]): data.http.status_code"_s));
        QVERIFY(result.err.contains(u"2 spans, 0 errors, 2 warnings"_s));

        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report[u"errors"_s].toInt(), 0);
        QCOMPARE(report[u"warnings"_s].toInt(), 2);
        const QJsonObject finding = report[u"findings"_s].toArray()[1].toObject();
        QCOMPARE(finding[u"severity"_s].toString(), u"warning"_s);
        QCOMPARE(finding[u"rule"_s].toString(), u"data-not-string"_s);
        QCOMPARE(finding[u"spanId"_s].toString(), u"7ddf6b31b320cc00"_s);
        QVERIFY(!finding[u"message"_s].toString().isEmpty());
    }

    void errorsExitWithOne()
    {
        const QString path
            = write(u"bad.json"_s, J("[{'spanId':'1','traceId':'1','timestamp':1,'duration':-1,'name':'x'},7]"));
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains(u"error  not-a-span  Element [1] is a number"_s));
        QVERIFY(result.out.contains(u"error  negative-duration"_s));
        QVERIFY(result.err.contains(u"has 3 errors"_s));
        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8())[u"errors"_s].toInt(), 3);
    }

    void parseErrorsNameTheirPosition()
    {
        const QString path = write(u"broken.json"_s, "[\n  {\"spanId\": \"ab\",\n   \"name\" 5}\n]");
        const auto result = iwb({u"trace"_s, u"validate"_s, path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"line 3, column 11: expected ':'"_s), qPrintable(result.err));
        const auto json = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject finding = QJsonDocument::fromJson(json.out.toUtf8())[u"findings"_s][0].toObject();
        QCOMPARE(finding[u"rule"_s].toString(), u"parse-error"_s);
        QCOMPARE(finding[u"line"_s].toInt(), 3);

        const auto missing = iwb({u"trace"_s, u"validate"_s, m_dir.filePath(u"none.json"_s)});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(u"cannot read"_s));
        QCOMPARE(iwb({u"trace"_s, u"validate"_s}).exitCode, 2);
    }

    void formatWritesPrettyOrCompact()
    {
        const QString path = write(u"example.json"_s, AgentExamples::traceBody);
        const auto pretty = iwb({u"trace"_s, u"format"_s, path});
        QCOMPARE(pretty.exitCode, 0);
        QVERIFY(pretty.out.startsWith(u"[\n    {\n        \"spanId\": \"8165b19a37094800\",\n"_s));
        QCOMPARE(QJsonDocument::fromJson(pretty.out.toUtf8()), QJsonDocument::fromJson(AgentExamples::traceBody));

        const QString output = m_dir.filePath(u"compact.json"_s);
        const auto compact = iwb({u"trace"_s, u"format"_s, u"--compact"_s, path, u"-o"_s, output});
        QCOMPARE(compact.exitCode, 0);
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QCOMPARE(written.count('\n'), 1);
        QVERIFY(written.contains(J("'http.status_code':200,")));
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(AgentExamples::traceBody));

        const QString broken = write(u"broken.json"_s, "[{]");
        const auto failed = iwb({u"trace"_s, u"format"_s, broken, u"-o"_s, output});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY(failed.err.contains(u"line 1, column 3"_s));
        file.seek(0);
        QCOMPARE(file.readAll(), written); // left as it was
    }

    void aCorpusOfMalformedFilesNeverCrashes()
    {
        QByteArrayList corpus{"",
                              "[",
                              "{",
                              "[{}",
                              "[1,2,3]",
                              "nul",
                              "{\"name\":\"\\ud800\"}",
                              "\xff\xfe[]",
                              QByteArray(100000, '['),
                              "[" + QByteArray(2000, '{'),
                              "[{\"spanId\":\"" + QByteArray(1 << 20, 'a') + "\"}]"};
        const QByteArray example = AgentExamples::traceBody;
        for (qsizetype cut = 1; cut < example.size(); cut += 37)
            corpus.append(example.left(cut));
        for (qsizetype i = 0; i < corpus.size(); ++i) {
            const QString path = write(u"corpus-%1.json"_s.arg(i), corpus[i]);
            const auto result = iwb({u"trace"_s, u"validate"_s, u"--json"_s, path});
            QVERIFY2(!result.crashed && !result.timedOut, qPrintable(path));
            QVERIFY2(result.exitCode == 0 || result.exitCode == 1, qPrintable(path));
            QVERIFY2(QJsonDocument::fromJson(result.out.toUtf8()).isObject(), qPrintable(path + result.out));
        }
    }
};

QTEST_GUILESS_MAIN(TestIwbTrace)
#include "tst_iwbtrace.moc"
