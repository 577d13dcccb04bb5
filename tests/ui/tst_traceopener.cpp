// A backend trace opened for the Trace Viewer against the fake backend over real sockets: the
// progress dialog while it comes, the spans handed over once, passing the validator; Cancel stops
// it and hands nothing over; a failure is said in a message box and failed().

#include "core/rest/restclient.h"
#include "core/traces/tracevalidator.h"
#include "tests/support/fakeinstana.h"
#include "ui/rest/traceopener.h"

#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Ui;
using namespace std::chrono_literals;
using TestSupport::FakeInstana;

namespace {
constexpr int Patience = 20000; // ms, for waits: generous, never a measurement
const QByteArray Token = "trace-opener-T0KEN-8";
const auto TraceId = u"506aef767d8ec147"_s;
const QByteArray Calls = "/api/application-monitoring/v2/analyze/traces/506aef767d8ec147";
} // namespace

class TestTraceOpener : public QObject
{
    Q_OBJECT

    std::unique_ptr<Rest::RestClient> clientFor(const FakeInstana &fake)
    {
        auto options = fake.clientOptions();
        auto client = std::make_unique<Rest::RestClient>(options, QString::fromLatin1(Token));
        client->setMaxAttempts(1);
        return client;
    }

private Q_SLOTS:
    void opensAValidTrace()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        fake.setCallCount(60);
        const auto client = clientFor(fake);
        QWidget window;
        window.show();
        TraceOpener opener(client.get(), &window);
        Traces::SpanStore received;
        QString source;
        int ready = 0;
        connect(&opener, &TraceOpener::traceReady, this, [&](const Traces::SpanStore &store, const QString &from) {
            received = store;
            source = from;
            ++ready;
        });
        QSignalSpy failed(&opener, &TraceOpener::failed);
        opener.open(TraceId);
        QVERIFY(opener.isRunning());
        QVERIFY(opener.progressDialog());
        QVERIFY(opener.progressDialog()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(ready, 1, Patience);
        QCOMPARE(failed.size(), 0);
        QVERIFY(!opener.isRunning());
        QVERIFY(!opener.progressDialog());
        QCOMPARE(received.size(), 1 + 2 * 59);
        QCOMPARE(source, u"trace %1 of 127.0.0.1"_s.arg(TraceId));
        Traces::ValidationOptions options;
        options.requestLimits = false;
        const Traces::ValidationReport report = Traces::TraceValidator::validate(received, options);
        QCOMPARE(report.errors, 0);
        QCOMPARE(report.warnings, 0);
        QTest::qWait(0);
        QCOMPARE(ready, 1);
    }

    void cancelStopsIt()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        fake.setCallCount(8);
        // The details never come: the fetch waits until Cancel.
        for (int call = 0; call < 8; ++call)
            fake.hang(Calls + "/calls/" + FakeInstana::callId(call).toLatin1() + "/details");
        const auto client = clientFor(fake);
        QWidget window;
        window.show();
        TraceOpener opener(client.get(), &window);
        int ready = 0;
        connect(&opener, &TraceOpener::traceReady, this, [&ready] { ++ready; });
        QSignalSpy cancelled(&opener, &TraceOpener::cancelled);
        QSignalSpy failed(&opener, &TraceOpener::failed);
        opener.open(TraceId);
        QTRY_VERIFY_WITH_TIMEOUT(fake.requests().size() >= 2, Patience); // the calls, then details
        QProgressDialog *progress = opener.progressDialog();
        QVERIFY(progress);
        QTRY_VERIFY_WITH_TIMEOUT(progress->labelText().contains(u"of 8"_s), Patience);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(!opener.isRunning());
        QTest::qWait(0);
        QCOMPARE(ready, 0);
        QCOMPARE(failed.size(), 0);
    }

    void failureIsSaid()
    {
        FakeInstana fake(Token);
        QVERIFY(fake.isListening());
        fake.failWith(Calls, 404, -1, {}, {u"Trace not found"_s});
        const auto client = clientFor(fake);
        QWidget window;
        window.show();
        TraceOpener opener(client.get(), &window);
        int ready = 0;
        connect(&opener, &TraceOpener::traceReady, this, [&ready] { ++ready; });
        QSignalSpy failed(&opener, &TraceOpener::failed);
        opener.open(TraceId);
        QVERIFY(failed.wait(Patience));
        QVERIFY2(failed.first().first().toString().contains(u"Trace not found"_s),
                 qPrintable(failed.first().first().toString()));
        QMessageBox *box = opener.messageBox();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), failed.first().first().toString());
        QCOMPARE(ready, 0);
        opener.messageBox()->close();
    }
};

QTEST_MAIN(TestTraceOpener)
#include "tst_traceopener.moc"
