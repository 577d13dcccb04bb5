#include "core/json/jsontext.h"

#include <QJsonDocument>
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
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
