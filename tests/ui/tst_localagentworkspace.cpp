// The Local Agent workspace driven with clicks and keys against a real local agent: start it,
// send the documentation's examples and a bad request over a socket, look at what arrived.

#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"
#include "tests/support/images.h"
#include "ui/localagent/localagentworkspace.h"

#include "tests/localagent/agentexamples.h"
#include "tests/support/rawhttp.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;
using TestSupport::postRequest;
using TestSupport::RawHttpClient;

namespace {
void clickRow(QTableView *view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 1));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}
} // namespace

class TestLocalAgentWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void captureAndInspect()
    {
        LocalAgent agent;
        CaptureStore store;
        connect(&agent, &LocalAgent::captured, &store, &CaptureStore::add);
        LocalAgentWorkspace workspace(agent, store);
        workspace.resize(1100, 750);
        workspace.show();
        QVERIFY(QTest::qWaitForWindowExposed(&workspace));

        auto *events = workspace.findChild<QTableView *>(u"agent-events"_s);
        auto *traces = workspace.findChild<QTableView *>(u"agent-traces"_s);
        auto *spans = workspace.findChild<QTableView *>(u"agent-trace-spans"_s);
        auto *rejections = workspace.findChild<QTableView *>(u"agent-rejections"_s);
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (QTableView *view : {events, traces, spans, rejections})
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));

        // Port 0 (a free one), typed; then Start.
        auto *port = workspace.findChild<QSpinBox *>(u"agent-port"_s);
        port->setFocus();
        port->selectAll();
        QTest::keyClicks(port, u"0"_s);
        QTest::keyClick(port, Qt::Key_Enter);
        QCOMPARE(port->value(), 0);
        auto *start = workspace.findChild<QPushButton *>(u"agent-start"_s);
        QCOMPARE(start->text(), u"Start"_s);
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(agent.isRunning());
        QCOMPARE(start->text(), u"Stop"_s);
        QVERIFY(!port->isEnabled());
        QCOMPARE(port->value(), agent.port()); // the port it got
        auto *status = workspace.findChild<QLabel *>(u"agent-status"_s);
        QVERIFY2(status->text().contains(agent.url().toString()), qPrintable(status->text()));

        RawHttpClient client;
        QVERIFY(client.connectTo(agent.port()));
        QCOMPARE(client.send(AgentExamples::curlEventRequest(agent.port())).status, 200);
        QCOMPARE(client.send(AgentExamples::curlTraceRequest(agent.port())).status, 200);
        RawHttpClient bad;
        QVERIFY(bad.connectTo(agent.port()));
        QCOMPARE(bad.send(postRequest("/com.instana.plugin.generic.event", "{\"severity\": 3}")).status, 400);

        // The event, as it arrived.
        QTRY_COMPARE_WITH_TIMEOUT(events->model()->rowCount(), 1, 5000);
        QCOMPARE(events->model()->index(0, 1).data().toString(), u"Custom API Events "_s);
        clickRow(events, 0);
        auto *details = workspace.findChild<QPlainTextEdit *>(u"agent-details"_s);
        // As sent: keys in the order they came.
        QVERIFY(details->toPlainText().contains(
            u"\"title\": \"Custom API Events \",\n    \"text\": \"Failure Redeploying Service Duration\""_s));
        QVERIFY(details->toPlainText().contains(u"POST /com.instana.plugin.generic.event HTTP/1.1"_s));
        QVERIFY(details->toPlainText().contains(u"User-Agent: curl"_s));

        // The trace and its spans.
        auto *tabs = workspace.findChild<QTabWidget *>(u"agent-tabs"_s);
        tabs->setCurrentIndex(1);
        QTRY_COMPARE_WITH_TIMEOUT(traces->model()->rowCount(), 1, 5000);
        QCOMPARE(traces->model()->index(0, 0).data().toString(), u"1368e0592a91fe00"_s);
        clickRow(traces, 0);
        QCOMPARE(spans->model()->rowCount(), 2);
        clickRow(spans, 1);
        QVERIFY(details->toPlainText().contains(u"7ddf6b31b320cc00"_s));
        QVERIFY(details->toPlainText().contains(u"data values should be strings"_s));
        QTest::qWait(50);
        // The chosen span's row is drawn selected.
        const QImage tracesImage = workspace.grab().toImage();
        TestSupport::keepImage(tracesImage, u"local-agent-traces"_s);
        QVERIFY(TestSupport::pixelsOf(tracesImage, {workspace.palette().color(QPalette::Highlight).rgb()}) > 100);

        // The rejected request, with its reason.
        tabs->setCurrentIndex(2);
        QCOMPARE(rejections->model()->rowCount(), 1);
        QCOMPARE(rejections->model()->index(0, 1).data().toInt(), 400);
        clickRow(rejections, 0);
        QVERIFY(details->toPlainText().contains(u"has severity 3"_s));

        auto *counters = workspace.findChild<QLabel *>(u"agent-counters"_s);
        QVERIFY2(counters->text().contains(u"Events 1 · Spans 2 · Traces 1 · Rejected 1"_s),
                 qPrintable(counters->text()));
        const QImage image = workspace.grab().toImage();
        TestSupport::keepImage(image, u"local-agent"_s);
        QVERIFY(!image.isNull());
        // The chosen rejection's row is drawn selected.
        QVERIFY(TestSupport::pixelsOf(image, {workspace.palette().color(QPalette::Highlight).rgb()}) > 100);

        // Clear, then stop.
        QTest::mouseClick(workspace.findChild<QPushButton *>(u"agent-clear"_s), Qt::LeftButton);
        QCOMPARE(events->model()->rowCount(), 0);
        QVERIFY(counters->text().startsWith(u"Events 0"_s));
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!agent.isRunning());
        QCOMPARE(start->text(), u"Start"_s);
        QVERIFY(status->text().contains(u"stopped"_s));
    }

    void logsToAFile()
    {
        QTemporaryDir dir;
        LocalAgent agent;
        CaptureStore store;
        LocalAgentWorkspace workspace(agent, store);
        LocalAgentConfig config;
        config.port = 0;
        QVERIFY(agent.start(config));
        const QString fileName = dir.filePath(u"capture.jsonl"_s);
        QVERIFY(workspace.setLogFile(fileName));
        QCOMPARE(workspace.findChild<QPushButton *>(u"agent-log"_s)->text(), u"Stop Logging"_s);

        RawHttpClient client;
        QVERIFY(client.connectTo(agent.port()));
        QCOMPARE(client.send(AgentExamples::curlEventRequest(agent.port())).status, 200);
        QCOMPARE(client.send(postRequest("/com.instana.plugin.generic.event", "[")).status, 400);
        auto content = [&fileName] {
            QFile file(fileName);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(content().count('\n'), 2, 5000);

        // A click on the button stops it; what arrives then is not logged.
        QTest::mouseClick(workspace.findChild<QPushButton *>(u"agent-log"_s), Qt::LeftButton);
        QCOMPARE(client.send(AgentExamples::curlEventRequest(agent.port())).status, 200);
        QTest::qWait(200);
        const QList<QByteArray> lines = content().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith("{\"kind\":\"event\""));
        QVERIFY(lines.at(1).startsWith("{\"kind\":\"rejected\""));

        // A file that cannot be written is said so.
        QVERIFY(!workspace.setLogFile(dir.filePath(u"no/such/dir/x.jsonl"_s)));
        QVERIFY(workspace.findChild<QLabel *>(u"agent-log-status"_s)->text().contains(u"Cannot write"_s));
    }

    void aBusyPortIsExplained()
    {
        LocalAgent first;
        LocalAgentConfig config;
        config.port = 0;
        QVERIFY(first.start(config));
        LocalAgent agent;
        CaptureStore store;
        LocalAgentWorkspace workspace(agent, store);
        workspace.show();
        workspace.findChild<QSpinBox *>(u"agent-port"_s)->setValue(first.port());
        QTest::mouseClick(workspace.findChild<QPushButton *>(u"agent-start"_s), Qt::LeftButton);
        QVERIFY(!agent.isRunning());
        QVERIFY(workspace.findChild<QLabel *>(u"agent-status"_s)->text().contains(u"Cannot listen"_s));
    }
};

QTEST_MAIN(TestLocalAgentWorkspace)
#include "tst_localagentworkspace.moc"
