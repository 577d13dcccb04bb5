// Malformed answers for every view of the catalog, generated from a fixed seed and served by the
// fake backend over real sockets: ViewFetch (start, then every page while it can load more),
// rowsOf, Json::columnsOf, cellText and linkFor on whatever came. Each fetch must end with one
// finished() and a one-line sentence when it failed, never crash or hang; it runs under ASan in
// CI. WORKBENCH_FUZZ_CASES sets the cases per view (24 unless set), WORKBENCH_FUZZ_SEED the seed.

#include "core/browse/entitylink.h"
#include "core/browse/viewfetch.h"
#include "core/json/jsontable.h"
#include "core/rest/restclient.h"
#include "tests/support/fakeinstana.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Browse;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 30000; // ms, for waits: generous, never a measurement
const QByteArray Token = "browse-fuzz-T0KEN";
constexpr qint64 Now = 1764600000000;

// Answers made from a seed: JSON of the wrong shapes, JSON that is nearly right, and text that is
// no JSON at all.
class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {
    }

    int below(int n) { return int(m_random.bounded(n)); }

    QJsonValue number()
    {
        static const QList<double> special{0, -1, 1, 1e308, -1e308, 0.5, 9007199254740993.0, 2147483648.0, -0.0};
        if (below(3) == 0)
            return special.at(below(int(special.size())));
        return double(m_random.generate64() % 100000000000000ULL) * (below(2) ? 1 : -1);
    }

    QString text()
    {
        static const QStringList special{u""_s,         u"snap-0001"_s,  u"a\nb\tc\x1b[31m"_s, u"\u202e\u0000x"_s,
                                         u"café ✓ 𝄞"_s, u"{\"json\"}"_s, u"../../etc"_s,       u"null"_s};
        if (below(4) > 0)
            return special.at(below(int(special.size())));
        QString s;
        const int length = below(3) == 0 ? 300 + below(2000) : below(20);
        for (int i = 0; i < length; ++i)
            s += QChar(char16_t(below(5) == 0 ? below(0xd7ff) : 0x20 + below(0x5f)));
        return s;
    }

    QString key()
    {
        static const QStringList keys{
            u"items"_s,  u"nodes"_s,  u"edges"_s,       u"id"_s,        u"snapshotId"_s,    u"snapshotIds"_s,
            u"trace"_s,  u"cursor"_s, u"canLoadMore"_s, u"totalHits"_s, u"page"_s,          u"pageSize"_s,
            u"label"_s,  u"data"_s,   u"tags"_s,        u"offset"_s,    u"ingestionTime"_s, u"@class"_s,
            u"errors"_s, u"a.b"_s,    u"x[0]"_s,        u""_s};
        return keys.at(below(int(keys.size())));
    }

    QJsonValue value(int depth)
    {
        switch (below(depth > 4 ? 5 : 9)) {
        case 0:
            return QJsonValue::Null;
        case 1:
            return below(2) == 0;
        case 2:
            return number();
        case 3:
        case 4:
            return text();
        case 5: {
            QJsonArray array;
            for (int i = below(6); i > 0; --i)
                array.append(value(depth + 1));
            return array;
        }
        case 6:
        case 7: {
            QJsonObject object;
            for (int i = below(6); i > 0; --i)
                object.insert(key(), value(depth + 1));
            return object;
        }
        default:
            return item(depth + 1);
        }
    }

    // An object that looks like a listing's item, with members of any type.
    QJsonObject item(int depth)
    {
        QJsonObject cursor{{u"@class"_s, u".IngestionOffsetCursor"_s},
                           {u"ingestionTime"_s, below(3) == 0 ? value(depth + 1) : QJsonValue(1725601787000.0)},
                           {u"offset"_s, below(2) == 0 ? number() : QJsonValue(below(1000))}};
        QJsonObject object{{u"id"_s, below(3) == 0 ? value(depth + 1) : QJsonValue(text())},
                           {u"snapshotId"_s, below(2) == 0 ? QJsonValue(text()) : value(depth + 1)},
                           {u"label"_s, value(depth + 1)},
                           {u"cursor"_s, below(4) == 0 ? value(depth + 1) : QJsonValue(cursor)}};
        if (below(2) == 0)
            object.insert(u"trace"_s, QJsonObject{{u"id"_s, value(depth + 1)}, {u"label"_s, text()}});
        if (below(3) == 0)
            object.insert(u"snapshotIds"_s, QJsonArray{text(), value(depth + 1)});
        return object;
    }

    // A listing whose parts are any type.
    QJsonObject listing()
    {
        QJsonArray items;
        for (int i = below(8); i > 0; --i)
            items.append(below(5) == 0 ? value(1) : QJsonValue(item(1)));
        QJsonObject object;
        const QString rowsKey = below(4) == 0 ? key() : (below(2) == 0 ? u"items"_s : u"nodes"_s);
        object.insert(rowsKey, below(6) == 0 ? value(1) : QJsonValue(items));
        if (below(2) == 0)
            object.insert(u"canLoadMore"_s, below(3) == 0 ? value(1) : QJsonValue(below(2) == 0));
        if (below(2) == 0)
            object.insert(u"totalHits"_s, below(3) == 0 ? value(1) : number());
        if (below(3) == 0)
            object.insert(u"page"_s, number());
        if (below(3) == 0)
            object.insert(u"pageSize"_s, number());
        return object;
    }

    QByteArray answer(int kind)
    {
        switch (kind % 10) {
        case 0:
        case 1:
            return QJsonDocument(listing()).toJson(QJsonDocument::Compact);
        case 2: {
            QJsonArray array;
            for (int i = below(8); i > 0; --i)
                array.append(below(3) == 0 ? value(1) : QJsonValue(item(1)));
            return QJsonDocument(array).toJson(QJsonDocument::Compact);
        }
        case 3: {
            const QJsonValue v = value(0);
            return v.isObject() ? QJsonDocument(v.toObject()).toJson()
                : v.isArray()   ? QJsonDocument(v.toArray()).toJson()
                                : QJsonDocument(QJsonObject{{key(), v}}).toJson();
        }
        case 4: { // cut short
            const QByteArray whole = QJsonDocument(listing()).toJson(QJsonDocument::Compact);
            return whole.left(below(int(whole.size())));
        }
        case 5: { // bytes changed
            QByteArray bytes = QJsonDocument(listing()).toJson(QJsonDocument::Compact);
            for (int i = below(4) + 1; i > 0 && !bytes.isEmpty(); --i)
                bytes[below(int(bytes.size()))] = char(below(256));
            return bytes;
        }
        case 6: {
            static const QList<QByteArray> bodies{"",
                                                  " \n",
                                                  "null",
                                                  "true",
                                                  "42",
                                                  "\"text\"",
                                                  "[]",
                                                  "{}",
                                                  "\xef\xbb\xbf{}",
                                                  QByteArray("\0\1\2", 3),
                                                  "{\"items\": null}",
                                                  "{\"items\": [null, 1, \"x\", []]}",
                                                  "\"\xff\xfe\"",
                                                  "{\"items\": [\xff]}",
                                                  "1e999",
                                                  "[1e999]",
                                                  "{\"items\":[],\"canLoadMore\":true}",
                                                  "{\"nodes\": {}}",
                                                  "{\"errors\": 5}",
                                                  "<html><body>Bad gateway</body></html>"};
            return bodies.at(below(int(bodies.size())));
        }
        case 7: // deep nesting
            return QByteArray(1000 + below(20000), '[') + QByteArray(below(2) == 0 ? 0 : 30000, ']');
        case 8: { // many small rows
            QByteArray bytes = "{\"items\":[";
            const int rows = 1000 + below(5000);
            for (int i = 0; i < rows; ++i)
                bytes += (i ? ",{\"id\":" : "{\"id\":") + QByteArray::number(i) + "}";
            return bytes + (below(2) == 0 ? "]}" : "],\"canLoadMore\":true}");
        }
        default:
            return QJsonDocument(QJsonObject{{u"items"_s, QJsonArray{item(0)}}, {u"canLoadMore"_s, true}})
                .toJson(QJsonDocument::Compact);
        }
    }

private:
    QRandomGenerator m_random;
};

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x20 || (u >= 0x7f && u <= 0x9f);
    });
}
} // namespace

class TestBrowseFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Rest::PagerProgress>(); }

    void everyView_data()
    {
        QTest::addColumn<QString>("view");
        for (const ViewInfo &view : views())
            QTest::newRow(qPrintable(view.name)) << view.name;
    }

    void everyView()
    {
        QFETCH(QString, view);
        const ViewInfo &info = *findView(view);
        bool ok = false;
        const int cases = qEnvironmentVariableIntValue("WORKBENCH_FUZZ_CASES", &ok);
        const quint32 seed = quint32(qEnvironmentVariableIntValue("WORKBENCH_FUZZ_SEED")) ^ quint32(qHash(view));
        Generator generator(seed);

        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        auto options = fake.clientOptions();
        options.maxResponseBytes = qint64(1) * 1024 * 1024;
        Rest::RestClient client(options, QString::fromLatin1(Token));
        client.setMaxAttempts(1);

        ViewArguments arguments;
        arguments.id = u"fuzz-id"_s;
        arguments.window.toMs = Now;
        const auto request = requestFor(info, arguments, Now);
        QVERIFY(request);
        const QByteArray path = request->path.toUtf8();

        for (int i = 0; i < (ok ? cases : 24); ++i) {
            const QByteArray body = generator.answer(i);
            const int status = generator.below(8) == 0 ? 200 + generator.below(400) : 200;
            fake.clearFaults();
            fake.answerWith(path, status, body, generator.below(6) == 0 ? "text/html" : "application/json");
            ViewFetch fetch(&client, info, arguments, Now);
            fetch.setMaxPages(4);
            QSignalSpy finished(&fetch, &ViewFetch::finished);
            int steps = 1;
            fetch.start();
            QVERIFY2(finished.wait(Patience), qPrintable(u"case %1 did not end"_s.arg(i)));
            while (fetch.canLoadMore()) {
                ++steps;
                fetch.fetchAll();
                QVERIFY2(finished.wait(Patience), qPrintable(u"case %1's pages did not end"_s.arg(i)));
            }
            QCoreApplication::processEvents();
            QCOMPARE(finished.size(), steps);
            QVERIFY(!fetch.isRunning());
            QVERIFY(fetch.answer());
            QCOMPARE(fetch.errorString().isEmpty(), fetch.error() == ViewFetch::Error::None);
            QVERIFY2(!fetch.errorString().contains(u'\n'), qPrintable(fetch.errorString()));
            QVERIFY(!fetch.errorString().contains(QString::fromLatin1(Token)));
            if (fetch.error() == ViewFetch::Error::None && info.isList && info.paging == Paging::None) {
                const auto rows = rowsOf(info, *fetch.answer());
                QVERIFY(rows);
                QCOMPARE(*rows, fetch.rows());
            }
            if (fetch.error() == ViewFetch::Error::None && !info.isList)
                QVERIFY(fetch.answer()->isObject());
            // Whatever came is shown: columns, cells, links.
            QJsonArray rows = fetch.rows();
            if (!info.isList)
                rows = QJsonArray{fetch.answer()->object()};
            const QStringList columns = Json::columnsOf(rows, info.columns);
            for (qsizetype r = 0; r < std::min<qsizetype>(rows.size(), 50); ++r) {
                for (const QString &column : columns) {
                    const QJsonValue cell = Json::valueAt(rows.at(r), column);
                    const QString text = Json::cellText(cell, 100);
                    QVERIFY(text.size() <= 101);
                    QVERIFY2(!hasControlCharacter(text), qPrintable(text));
                    if (const auto link = linkFor(view, column, cell))
                        QVERIFY(findView(link->viewName()));
                }
            }
        }
        QVERIFY(fake.requests().size() >= (ok ? cases : 24));
    }
};

QTEST_GUILESS_MAIN(TestBrowseFuzz)
#include "tst_browsefuzz.moc"
