// The outbox and history models and the history's search filter, each with a model tester
// attached before any data is loaded, compared as text with what the tables show.

#include "core/events/eventhistory.h"
#include "core/events/eventmodels.h"
#include "core/events/outbox.h"

#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
constexpr qint64 At = 1700000000000; // 2023-11-14 22:13:20 UTC

OutboxEntry outboxEntry(const QString &title, int events, int attempts, const QString &lastError, qint64 queuedAt)
{
    OutboxEntry entry;
    entry.id = Outbox::newId(queuedAt);
    entry.target = QUrl(u"http://user:pw@127.0.0.1:42699/com.instana.plugin.generic.event"_s);
    entry.body = R"({"title":"x"})";
    entry.eventCount = events;
    entry.title = title;
    entry.source = u"iwb"_s;
    entry.queuedAt = queuedAt;
    entry.attempts = attempts;
    entry.nextAttemptAt = At; // long past: due now
    entry.lastError = lastError;
    return entry;
}

HistoryEntry historyEntry(qint64 time, HistoryEntry::Outcome outcome, int status, qint64 latency, const QString &title,
                          const QString &error = {})
{
    HistoryEntry entry;
    entry.time = time;
    entry.source = u"gui"_s;
    entry.target = u"http://127.0.0.1:42699/com.instana.plugin.generic.event"_s;
    entry.body = R"({"title":"x"})";
    entry.eventCount = 1;
    entry.title = title;
    entry.outcome = outcome;
    entry.httpStatus = status;
    entry.latencyMs = latency;
    entry.error = error;
    return entry;
}
} // namespace

class TestEventModels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        // The tables show local times; the expected texts are written for UTC.
        qputenv("TZ", "UTC");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { m_dir.reset(); }

    void outboxModelShowsTheOutboxOldestFirst()
    {
        Outbox outbox(m_dir->filePath(u"outbox"_s));
        OutboxModel model(outbox);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        for (OutboxEntry entry : {outboxEntry(u"second"_s, 2, 3, u"HTTP 503"_s, At + 1000),
                                  outboxEntry(u"first"_s, 1, 1, u"Connection refused"_s, At)})
            QVERIFY(outbox.enqueue(entry, nullptr));
        model.reload();
        QCOMPARE(
            TestSupport::modelText(model),
            u"Queued | Events | Title | Target | Attempts | Next attempt | Last error\n"
            "2023-11-14 22:13:20 | 1 | first | http://127.0.0.1:42699/com.instana.plugin.generic.event | 1 | due now | "
            "Connection refused\n"
            "2023-11-14 22:13:21 | 2 | second | http://127.0.0.1:42699/com.instana.plugin.generic.event | 3 | due now | HTTP 503\n"_s);
        QCOMPARE(model.index(0, 0).data(OutboxModel::IdRole).toString(), model.entry(0).id);
        QCOMPARE(model.index(1, 0).data(OutboxModel::BodyRole).toByteArray(), QByteArray(R"({"title":"x"})"));
        QCOMPARE(model.index(1, OutboxModel::LastError).data(Qt::ToolTipRole).toString(), u"HTTP 503"_s);

        // A file that is no entry is named, not shown.
        QFile foreign(m_dir->filePath(u"outbox/9999999999999-foreign.json"_s));
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.write("not json");
        foreign.close();
        QVERIFY(outbox.remove(model.entry(0).id, nullptr));
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.problems().size(), 1);
        QVERIFY(model.problems().at(0).contains(u"9999999999999-foreign.json"_s));
    }

    void historyModelShowsNewestFirst()
    {
        EventHistory history(m_dir->filePath(u"history.jsonl"_s));
        HistoryModel model(history);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        QVERIFY(history.append(historyEntry(At, HistoryEntry::Outcome::Delivered, 200, 12, u"deployed"_s)));
        QVERIFY(history.append(
            historyEntry(At + 60000, HistoryEntry::Outcome::Rejected, 400, 7, u"bad"_s, u"Bad Request"_s)));
        QVERIFY(history.append(
            historyEntry(At + 120000, HistoryEntry::Outcome::Queued, 0, 3000, u"waiting"_s, u"timed out"_s)));
        model.reload();
        const QString target = u"http://127.0.0.1:42699/com.instana.plugin.generic.event"_s;
        QCOMPARE(TestSupport::modelText(model),
                 u"Time | Outcome | Status | Latency | Events | Title | Target | Error\n"
                 "2023-11-14 22:15:20 | queued |  | 3000 ms | 1 | waiting | "_s
                     + target
                     + u" | timed out\n"
                       "2023-11-14 22:14:20 | rejected | 400 | 7 ms | 1 | bad | "_s
                     + target
                     + u" | Bad Request\n"
                       "2023-11-14 22:13:20 | delivered | 200 | 12 ms | 1 | deployed | "_s
                     + target + u" | \n"_s);
        QCOMPARE(model.index(0, HistoryModel::Latency).data(HistoryModel::SortRole).toLongLong(), 3000);
        QCOMPARE(model.index(0, HistoryModel::Error).data(Qt::ToolTipRole).toString(), u"timed out"_s);
        QVERIFY(!model.index(2, HistoryModel::Error).data(Qt::ToolTipRole).isValid());
        QCOMPARE(model.damagedLines(), 0);
    }

    void filterModelKeepsWhatMatchesAndSorts()
    {
        EventHistory history(m_dir->filePath(u"history.jsonl"_s));
        HistoryModel source(history);
        HistoryFilterModel filter;
        QAbstractItemModelTester sourceTester(&source, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&source);

        QVERIFY(history.append(historyEntry(At, HistoryEntry::Outcome::Delivered, 200, 40, u"deploy web"_s)));
        QVERIFY(history.append(historyEntry(At + 1000, HistoryEntry::Outcome::Delivered, 202, 5, u"deploy api"_s)));
        QVERIFY(history.append(
            historyEntry(At + 2000, HistoryEntry::Outcome::Failed, 0, 900, u"rollback api"_s, u"refused"_s)));
        source.reload();
        QCOMPARE(filter.rowCount(), 3);

        const auto titles = [&filter] {
            QStringList result;
            for (int row = 0; row < filter.rowCount(); ++row)
                result << filter.index(row, HistoryModel::Title).data().toString();
            return result;
        };
        filter.setQuery(u"api"_s);
        QCOMPARE(titles(), (QStringList{u"rollback api"_s, u"deploy api"_s}));
        filter.setQuery(u"API deploy"_s);
        QCOMPARE(titles(), (QStringList{u"deploy api"_s}));
        filter.setQuery(u"failed"_s); // the outcome's name
        QCOMPARE(titles(), (QStringList{u"rollback api"_s}));
        filter.setQuery(u"nothing like it"_s);
        QCOMPARE(filter.rowCount(), 0);
        filter.setQuery({});
        QCOMPARE(filter.rowCount(), 3);

        // Latency sorts as a number, not as text ("40 ms" < "5 ms" as text).
        filter.sort(HistoryModel::Latency, Qt::AscendingOrder);
        QCOMPARE(titles(), (QStringList{u"deploy api"_s, u"deploy web"_s, u"rollback api"_s}));
        filter.sort(HistoryModel::Time, Qt::DescendingOrder);
        QCOMPARE(titles(), (QStringList{u"rollback api"_s, u"deploy api"_s, u"deploy web"_s}));

        // A reload of the source keeps the query.
        filter.setQuery(u"web"_s);
        QVERIFY(history.append(historyEntry(At + 3000, HistoryEntry::Outcome::Delivered, 200, 1, u"web again"_s)));
        source.reload();
        QCOMPARE(titles(), (QStringList{u"web again"_s, u"deploy web"_s}));
    }
};

QTEST_GUILESS_MAIN(TestEventModels)
#include "tst_eventmodels.moc"
