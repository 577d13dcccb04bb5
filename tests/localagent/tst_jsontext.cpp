#include "core/json/jsontext.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Workbench;

class TestJsonText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void elementsOfAnArray()
    {
        const QByteArray json = " [ {\"a\": \"x]}\\\"\"} ,\n[1,[2]], \"s,\" ,12.5e3,true, null ,{}]";
        bool isArray = false;
        const auto ranges = JsonText::topLevelElements(json, &isArray);
        QVERIFY(isArray);
        QStringList texts;
        for (const auto &range : ranges)
            texts << QString::fromUtf8(json.mid(range.begin, range.size()));
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("{\"a\": \"x]}\\\"\"}"), QStringLiteral("[1,[2]]"),
                              QStringLiteral("\"s,\""), QStringLiteral("12.5e3"), QStringLiteral("true"),
                              QStringLiteral("null"), QStringLiteral("{}")}));
    }

    void singleValueAndEmptyArray()
    {
        bool isArray = true;
        auto ranges = JsonText::topLevelElements("  {\"a\":1}  ", &isArray);
        QVERIFY(!isArray);
        QCOMPARE(ranges.size(), 1);
        QCOMPARE(ranges.at(0).begin, 2);
        QCOMPARE(ranges.at(0).end, 9);
        ranges = JsonText::topLevelElements("[ ]", &isArray);
        QVERIFY(isArray);
        QVERIFY(ranges.isEmpty());
    }

    void minifiedKeepsOrderAndStrings()
    {
        const QByteArray pretty = "{\n  \"z\" : \"a b\\\" c\",\n  \"a\": [ 1, 2 ],\t\"m\": 1591346182000\n}";
        const QByteArray small = JsonText::minified(pretty);
        QCOMPARE(small, QByteArray("{\"z\":\"a b\\\" c\",\"a\":[1,2],\"m\":1591346182000}"));
        QCOMPARE(QJsonDocument::fromJson(small), QJsonDocument::fromJson(pretty));
    }

    void indentedKeepsOrder()
    {
        const QByteArray json = "{\"z\":1,\"a\":{\"s\":\"x, {y}\"},\"e\":[],\"l\":[1,2]}";
        QCOMPARE(JsonText::indented(json),
                 QByteArray("{\n    \"z\": 1,\n    \"a\": {\n        \"s\": \"x, {y}\"\n    },\n"
                            "    \"e\": [],\n    \"l\": [\n        1,\n        2\n    ]\n}"));
        QCOMPARE(QJsonDocument::fromJson(JsonText::indented(json)), QJsonDocument::fromJson(json));
    }

    void lineAndColumn()
    {
        const QByteArray text = "ab\ncd\n\nefg";
        QCOMPARE(JsonText::lineAndColumn(text, 0), std::make_pair(qsizetype(1), qsizetype(1)));
        QCOMPARE(JsonText::lineAndColumn(text, 4), std::make_pair(qsizetype(2), qsizetype(2)));
        QCOMPARE(JsonText::lineAndColumn(text, 9), std::make_pair(qsizetype(4), qsizetype(3)));
        QCOMPARE(JsonText::lineAndColumn(text, 999), std::make_pair(qsizetype(4), qsizetype(4)));
    }

    void membersOfAnObject()
    {
        // (No raw string literals here: moc's tokenizer misreads \" inside them.)
        const QByteArray json
            = " { \"a\" : \"x\\\"}\" , \"b\":{\"c\":[1,2]},\"d\":-12.5,\"e\\u0041\":true ,\"f\":null} ";
        QList<std::pair<QByteArray, QByteArray>> members;
        JsonText::forEachMember(json, [&members](QByteArrayView key, QByteArrayView value) {
            members.append({key.toByteArray(), value.toByteArray()});
        });
        QCOMPARE(members.size(), 5);
        QCOMPARE(members.at(0), std::make_pair(QByteArray("a"), QByteArray("\"x\\\"}\"")));
        QCOMPARE(members.at(1).second, QByteArray("{\"c\":[1,2]}"));
        QCOMPARE(members.at(2).second, QByteArray("-12.5"));
        QCOMPARE(members.at(3).first, QByteArray("e\\u0041"));
        QCOMPARE(members.at(4).second, QByteArray("null"));

        QCOMPARE(JsonText::kindOf(members.at(0).second), JsonText::Kind::String);
        QCOMPARE(JsonText::kindOf(members.at(1).second), JsonText::Kind::Object);
        QCOMPARE(JsonText::kindOf(members.at(2).second), JsonText::Kind::Number);
        QCOMPARE(JsonText::kindOf(members.at(4).second), JsonText::Kind::Null);
        QCOMPARE(JsonText::kindOf("[1]"), JsonText::Kind::Array);
        QCOMPARE(JsonText::kindOf("false"), JsonText::Kind::Bool);
        QCOMPARE(JsonText::kindOf(""), JsonText::Kind::Invalid);
    }

    void decodedStrings()
    {
        QCOMPARE(JsonText::decodedString("\"plain\""), QStringLiteral("plain"));
        QCOMPARE(JsonText::decodedString("\"ENTR\\u0059 \\\"q\\\"\""), QStringLiteral("ENTRY \"q\""));
        QCOMPARE(JsonText::decodedString("\"gr\xc3\xbc\xc3\x9f\""), QStringLiteral("grüß"));
        QCOMPARE(JsonText::decodedString("\""), QString());
    }

    void neverReadsPastTheEnd()
    {
        // Garbage and cut-off text (not valid JSON) must not make it read out of bounds.
        for (const QByteArray &bad : {QByteArray("[\"abc"), QByteArray("[{\"a\":[1,2"), QByteArray("\"\\"),
                                      QByteArray("[1,"), QByteArray("["), QByteArray("")}) {
            bool isArray = false;
            JsonText::topLevelElements(bad, &isArray);
            JsonText::minified(bad);
            JsonText::indented(bad);
            JsonText::forEachMember(bad, [](QByteArrayView, QByteArrayView) {});
        }
    }

    void jsonDocuments_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("valid");
        // QJsonDocument's leniencies: refused here, taken by it.
        QTest::addColumn<bool>("lenient");
        QTest::newRow("object") << QByteArray("{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}") << true << false;
        QTest::newRow("spaces") << QByteArray(" \r\n\t[ 1 , { } , [ ] , \"\" ]\n") << true << false;
        QTest::newRow("numbers") << QByteArray("[0,-0,12,-3.25,1e5,1E+5,2e-3,-0.0e-0]") << true << false;
        QTest::newRow("escapes") << QByteArray("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"]") << true
                                 << false;
        QTest::newRow("UTF-8") << QByteArray("[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]") << true << false;
        QTest::newRow("empty") << QByteArray() << false << false;
        QTest::newRow("a number at the top") << QByteArray("1") << false << false;
        QTest::newRow("a string at the top") << QByteArray("\"x\"") << false << false;
        QTest::newRow("garbage after") << QByteArray("{}x") << false << false;
        QTest::newRow("two documents") << QByteArray("{} {}") << false << false;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << false << false;
        QTest::newRow("trailing comma in object") << QByteArray("{\"a\":1,}") << false << false;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << false << false;
        QTest::newRow("key no string") << QByteArray("{a:1}") << false << false;
        QTest::newRow("leading zero") << QByteArray("[01]") << false << false;
        QTest::newRow("bare minus") << QByteArray("[-]") << false << false;
        QTest::newRow("bad exponent") << QByteArray("[1e]") << false << false;
        QTest::newRow("short \\u") << QByteArray("[\"\\u12\"]") << false << false;
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]") << false << true;
        QTest::newRow("control character") << QByteArray("[\"a\x01z\"]") << false << true;
        QTest::newRow("bad UTF-8") << QByteArray("[\"\xff\"]") << false << false;
        QTest::newRow("surrogate in UTF-8") << QByteArray("[\"\xed\xa0\x80\"]") << false << false;
        QTest::newRow("overlong UTF-8") << QByteArray("[\"\xc0\xaf\"]") << false << false;
        QTest::newRow("past U+10FFFF") << QByteArray("[\"\xf4\x90\x80\x80\"]") << false << false;
        QTest::newRow("truer") << QByteArray("[tru]") << false << false;
        QTest::newRow("mismatched") << QByteArray("[1}") << false << false;
        QTest::newRow("unclosed") << QByteArray("{\"a\":[1,2") << false << false;
        QTest::newRow("tab in a string") << QByteArray("[\"a\tb\"]") << false << true;
        QTest::newRow("no digit after the point") << QByteArray("[1.]") << false << true;
        QTest::newRow("NUL after") << QByteArray("[1]\0", 4) << false << false;
        QTest::newRow("1024 deep") << QByteArray(1024, '[') + QByteArray(1024, ']') << true << false;
        QTest::newRow("1025 deep") << QByteArray(1025, '[') + QByteArray(1025, ']') << false << false;
        QTest::newRow("100,000 deep") << QByteArray(100000, '[') + QByteArray(100000, ']') << false << false;
    }

    void jsonDocuments()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, valid);
        QFETCH(bool, lenient);
        QCOMPARE(JsonText::isJsonDocument(json), valid);
        // The same verdict as QJsonDocument's on each of these, but for its leniencies.
        QJsonParseError error{};
        QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error == QJsonParseError::NoError, valid || lenient);
    }

    void jsonDocumentsQJsonDocumentAccepts()
    {
        // Every cut of a document and thousands of mutations of it: what isJsonDocument() takes,
        // QJsonDocument takes too, and it never reads past the end (ASan).
        const QByteArray sample = "{\"items\":[{\"id\":\"app-1\",\"label\":\"caf"
                                  "\xc3\xa9"
                                  " \\\"x\\\"\",\"n\":-12.5e+3,\"ok\":true,\"none\":null,\"list\":[1,2,{\"a\":[]}]}],"
                                  "\"page\":1,\"totalHits\":45,\"canLoadMore\":false}";
        QVERIFY(JsonText::isJsonDocument(sample));
        int accepted = 0;
        auto check = [&accepted](const QByteArray &text) {
            QJsonParseError error{};
            QJsonDocument::fromJson(text, &error);
            const bool qt = error.error == QJsonParseError::NoError;
            const bool ours = JsonText::isJsonDocument(text);
            if (ours)
                ++accepted;
            return !ours || qt;
        };
        for (qsizetype cut = 0; cut <= sample.size(); ++cut)
            QVERIFY2(check(sample.left(cut)), sample.left(cut).constData());
        QRandomGenerator random(4711);
        const QByteArray alphabet = "{}[]\",:.-+eE0123456789 \\tfnrul\t\x01\xc3\xa9\xff";
        for (int i = 0; i < 4000; ++i) {
            QByteArray mutated = sample;
            const int edits = 1 + int(random.bounded(3));
            for (int e = 0; e < edits; ++e) {
                const auto at = qsizetype(random.bounded(quint32(mutated.size())));
                const char c = alphabet.at(qsizetype(random.bounded(quint32(alphabet.size()))));
                switch (random.bounded(3)) {
                case 0:
                    mutated[at] = c;
                    break;
                case 1:
                    mutated.insert(at, c);
                    break;
                default:
                    mutated.remove(at, 1);
                    break;
                }
            }
            QVERIFY2(check(mutated), mutated.constData());
        }
        QVERIFY(accepted > 0);
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
