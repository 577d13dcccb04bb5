// The Trace Viewer workspace driven with keys and clicks: a generated file opened in the
// background and shown, found and stepped through, filtered, short spans hidden, the critical
// path, re-rooting and back, the details of the current span, the statistics (with a model
// tester), export as PNG, SVG and JSON (read back), a broken file, a cancelled load, a dropped
// file, traces from Span Trees and from the local agent, recent files in the settings, and
// `instana-workbench --page viewer --screenshot shot.png FILE.json` run for real.

#include "core/localagent/capturestore.h"
#include "core/settings/settings.h"
#include "core/traces/spangenerator.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanstore.h"
#include "core/viewer/spanquery.h"
#include "core/viewer/traceanalysis.h"
#include "tests/support/images.h"
#include "tests/support/testsupport.h"
#include "ui/viewer/findbar.h"
#include "ui/viewer/keymapdialog.h"
#include "ui/viewer/spancolors.h"
#include "ui/viewer/spandetailspanel.h"
#include "ui/viewer/tracestatspanel.h"
#include "ui/viewer/traceviewerworkspace.h"
#include "ui/viewer/waterfallview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

GeneratorOptions smallTraces()
{
    GeneratorOptions options;
    options.spans = 600;
    options.traces = 3;
    options.depth = 6;
    options.fanout = 5;
    options.services = 6;
    options.errorRate = 0.05;
    options.seed = 7;
    return options;
}

QString writeGenerated(const QTemporaryDir &dir, const QString &name, const GeneratorOptions &options)
{
    const SpanStore store = SpanGenerator::generate(options);
    QString path = dir.filePath(name);
    QString error;
    if (!SpanJson::writeFile(path, store, SpanJson::Format::Pretty, &error))
        qWarning() << "cannot write" << path << error;
    return path;
}

} // namespace

// Pixels painted in one of the viewer's service colours: bars of spans, slices of a chart.
static int serviceColouredPixels(const QImage &image)
{
    int count = 0;
    for (const QRgb colour : Workbench::SpanColors::palette())
        count += TestSupport::pixelsOf(image, {colour});
    return count;
}

class TestTraceViewerWorkspace : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<TraceViewerWorkspace> m_workspace;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_file;

    TraceViewerWorkspace &workspace() { return *m_workspace; }

    bool openAndWait(const QString &path)
    {
        QSignalSpy loaded(m_workspace.get(), &TraceViewerWorkspace::documentLoaded);
        m_workspace->openFile(path);
        return loaded.wait(20000);
    }

    qint32 current() const { return m_workspace->view()->currentNode(); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<Settings>(m_dir->filePath(u"workbench.ini"_s));
        m_workspace = std::make_unique<TraceViewerWorkspace>(m_settings.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_workspace->statistics()->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_workspace->resize(1200, 760);
        m_workspace->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_workspace.get()));
        m_file = writeGenerated(*m_dir, u"generated.json"_s, smallTraces());
    }

    void cleanup()
    {
        m_tester.reset();
        m_workspace.reset();
        m_settings.reset();
        m_dir.reset();
    }

    void opensAFileInTheBackground()
    {
        QCOMPARE(workspace().statusText(), u"No trace open"_s);
        QSignalSpy loading(&workspace(), &TraceViewerWorkspace::loadingChanged);
        QVERIFY(openAndWait(m_file));
        QCOMPARE(loading.count(), 2); // on, then off
        QVERIFY(!workspace().isLoading());
        QVERIFY(workspace().document());
        QCOMPARE(workspace().document()->spanCount(), 600);
        QVERIFY(workspace().view()->rows().rowCount() > 0);
        QVERIFY2(workspace().statusText().startsWith(u"600 spans · 3 traces · "_s),
                 qPrintable(workspace().statusText()));
        QVERIFY(workspace().statusText().contains(u" errors · "_s));
        QVERIFY(workspace().statusText().contains(u" warnings"_s));
        QVERIFY(workspace().notice().isEmpty());
        // The first row is current, and the details show it.
        QVERIFY(current() != INT_MIN);
        QCOMPARE(workspace().details()->span(), current());

        // Remembered in the settings, most recent first.
        QCOMPARE(workspace().recentFiles().value(0), QFileInfo(m_file).absoluteFilePath());
        QCOMPARE(Settings(m_dir->filePath(u"workbench.ini"_s)).recentTraceFiles().value(0),
                 QFileInfo(m_file).absoluteFilePath());
    }

    void findsAndStepsThroughMatches()
    {
        QVERIFY(openAndWait(m_file));
        const SpanStore &store = workspace().document()->store();
        // A service the first span does not belong to, so that Enter goes to the first match.
        const QString rootService = Viewer::TraceAnalysis::serviceOf(store, current());
        QString service;
        for (qsizetype i = 0; i < store.size() && service.isEmpty(); ++i) {
            const QString s = Viewer::TraceAnalysis::serviceOf(store, i);
            if (!s.isEmpty() && s != rootService)
                service = s;
        }
        QVERIFY(!service.isEmpty());
        const QString query = u"service="_s + service;
        const auto parsed = Viewer::SpanQuery::parse(query);
        QVERIFY(parsed);
        const std::vector<bool> expected = parsed->matchAll(store);
        const auto total = qsizetype(std::count(expected.begin(), expected.end(), true));
        QVERIFY(total > 2);

        QLineEdit *edit = workspace().findBar()->edit();
        edit->setFocus();
        QTest::keyClicks(edit, query);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(workspace().matchCount(), total);
        QVERIFY(current() >= 0);
        QVERIFY(expected[size_t(current())]);
        const QString of = u" of "_s + QLocale().toString(qlonglong(total));
        QCOMPARE(workspace().findBar()->matchText(), u"1"_s + of);
        const qint32 first = current();

        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(workspace().findBar()->matchText(), u"2"_s + of);
        QVERIFY(current() != first);
        QVERIFY(expected[size_t(current())]);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(workspace().findBar()->matchText(), u"1"_s + of);
        QCOMPARE(current(), first);
        // Backwards from the first goes round to the last.
        workspace().findPrevious();
        QCOMPARE(workspace().findBar()->matchText(), QLocale().toString(qlonglong(total)) + of);
        workspace().findNext();
        QCOMPARE(current(), first);

        // F3 is the workspace's key for the next match.
        QTest::keyClick(edit, Qt::Key_F3);
        QCOMPARE(workspace().findBar()->matchText(), u"2"_s + of);
        QTest::keyClick(edit, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(workspace().findBar()->matchText(), u"1"_s + of);

        // The details follow the current span: its id and its JSON.
        const QString id = store.spanIdText(current());
        QCOMPARE(workspace().details()->spanIdText(), id);
        QVERIFY(workspace().details()->json().contains(u"\"spanId\": \""_s + id + u'"'));
        QVERIFY(workspace().details()->title() == store.name(current()));
        workspace().details()->copyId();
        QCOMPARE(QApplication::clipboard()->text(), id);
        bool serviceRow = false;
        QTableWidget *data = workspace().details()->dataTable();
        for (int row = 0; row < data->rowCount(); ++row)
            serviceRow |= data->item(row, 0)->text() == u"service"_s && data->item(row, 1)->text() == service;
        QVERIFY(serviceRow);

        // A query that is none says why, in red, and matches nothing.
        edit->clear();
        QTest::keyClicks(edit, u"duration>"_s);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY2(!workspace().findBar()->errorText().isEmpty(), "no message for a bad query");
        QCOMPARE(workspace().matchCount(), 0);
        QVERIFY(workspace().findBar()->matchText().isEmpty());
    }

    void filtersAndHidesShortSpans()
    {
        QVERIFY(openAndWait(m_file));
        WaterfallView *view = workspace().view();
        view->rows().setAllExpanded(true);
        view->rowsChanged();
        const qsizetype all = view->rows().rowCount();
        QVERIFY(all >= 600);

        workspace().setQuery(u"error"_s);
        QVERIFY(workspace().matchCount() > 0);
        QCOMPARE(view->rows().rowCount(), all); // highlighting hides nothing
        QTest::mouseClick(workspace().findBar()->filterBox(), Qt::LeftButton);
        QVERIFY(workspace().findBar()->isFilterOn());
        const qsizetype filtered = view->rows().rowCount();
        QVERIFY2(filtered < all, qPrintable(QString::number(filtered)));
        QVERIFY(filtered >= workspace().matchCount());
        QVERIFY(workspace().statusText().contains(u"rows shown"_s));

        // Export the filtered trace: only the spans shown, read back whole.
        const QString json = m_dir->filePath(u"filtered.json"_s);
        QString error;
        QVERIFY2(workspace().exportJson(json, &error), qPrintable(error));
        SpanStore back;
        QVERIFY(SpanJson::readFile(json, back).ok());
        QCOMPARE(back.size(), qsizetype(workspace().shownSpans().size()));
        QVERIFY(back.size() < 600);
        QVERIFY(back.size() >= workspace().matchCount());

        workspace().setFilterEnabled(false);
        QCOMPARE(view->rows().rowCount(), all);

        // Hide spans shorter than the median duration.
        const SpanStore &store = workspace().document()->store();
        std::vector<qint64> durations;
        for (qsizetype i = 0; i < store.size(); ++i)
            durations.push_back(store.record(i).duration);
        std::sort(durations.begin(), durations.end());
        const int median = int(durations[durations.size() / 2]);
        QVERIFY(median > 0);
        QSpinBox *spin = workspace().findBar()->minDurationBox();
        spin->setValue(median);
        QCOMPARE(view->rows().minDuration(), qint64(median));
        QVERIFY(view->rows().rowCount() < all);
        for (qsizetype row = 0; row < view->rows().rowCount(); ++row) {
            const qint32 node = view->rows().row(row).node;
            if (node >= 0)
                QVERIFY(store.record(node).duration >= median);
        }
        workspace().setMinDuration(0);
        QCOMPARE(view->rows().rowCount(), all);
    }

    void criticalPathAndReroot()
    {
        QVERIFY(openAndWait(m_file));
        WaterfallView *view = workspace().view();
        const auto *critical = workspace().findChild<QAction *>(u"viewer-critical-path"_s);
        QVERIFY(critical);
        const_cast<QAction *>(critical)->trigger();
        QVERIFY(workspace().isCriticalPathShown());
        QVERIFY(!workspace().criticalPath().empty());
        const qint32 root = workspace().criticalPath().front();
        QCOMPARE(workspace().document()->graph().parent(root), -1);
        QVERIFY(workspace().statusText().contains(u"critical path"_s));
        workspace().setCriticalPathShown(false);
        QVERIFY(workspace().criticalPath().empty());
        QVERIFY(!critical->isChecked());

        // Re-root at a child of the first root, then back.
        const qsizetype all = view->rows().rowCount();
        const auto children = workspace().document()->graph().children(root);
        QVERIFY(!children.empty());
        const qint32 child = children.front();
        view->setCurrentNode(child);
        QCOMPARE(current(), child);
        workspace().rerootAtCurrent();
        QVERIFY(view->rows().isRerooted());
        QCOMPARE(view->rows().root(), child);
        QCOMPARE(view->rows().row(0).node, child);
        QVERIFY(view->rows().rowCount() < all);
        // The statistics cover the subtree alone.
        workspace().showStatistics();
        qsizetype counted = 0;
        for (const auto &group : workspace().statistics()->model()->groups())
            counted += group.spans;
        QCOMPARE(qsizetype(workspace().shownSpans().size()), counted);

        workspace().showWholeTrace();
        QVERIFY(!view->rows().isRerooted());
        QCOMPARE(view->rows().rowCount(), all);
        QCOMPARE(current(), child);

        // The view's 'r' asks for the same.
        Q_EMIT view->rerootRequested(child);
        QVERIFY(view->rows().isRerooted());
        workspace().showWholeTrace();
    }

    void statistics()
    {
        QVERIFY(openAndWait(m_file));
        workspace().showStatistics();
        TraceStatsModel *model = workspace().statistics()->model();
        QVERIFY(model->rowCount() >= 2);
        qsizetype spans = 0;
        qint64 self = 0;
        for (const auto &group : model->groups()) {
            spans += group.spans;
            self += group.selfMs;
        }
        QCOMPARE(spans, 600);
        qint64 expectedSelf = 0;
        for (const qint64 t : workspace().document()->selfTimes())
            expectedSelf += t;
        QCOMPARE(self, expectedSelf);
        QCOMPARE(model->headerData(TraceStatsModel::KeyColumn, Qt::Horizontal).toString(), u"Service"_s);
        QVERIFY(!workspace().statistics()->chart()->series().isEmpty());

        workspace().statistics()->setGroupBy(Viewer::TraceAnalysis::GroupBy::Name);
        QCOMPARE(model->headerData(TraceStatsModel::KeyColumn, Qt::Horizontal).toString(), u"Span name"_s);
        QVERIFY(model->rowCount() >= 2);
        // Sorted by self time, biggest first, in the table.
        QTableView *table = workspace().statistics()->table();
        const QModelIndex top = table->model()->index(0, TraceStatsModel::SelfColumn);
        const QModelIndex next = table->model()->index(1, TraceStatsModel::SelfColumn);
        QVERIFY(top.data(Qt::UserRole).toLongLong() >= next.data(Qt::UserRole).toLongLong());
        QTest::qWait(600); // the chart lays out its scene later
        // The chart's bars are painted in the services' colours.
        const QImage image = workspace().grab().toImage();
        TestSupport::keepImage(image, u"traceviewer-statistics"_s);
        QVERIFY(serviceColouredPixels(image) > 200);
    }

    void exportsTheView()
    {
        QVERIFY(openAndWait(m_file));
        QString error;
        const QString png = m_dir->filePath(u"view.png"_s);
        QVERIFY2(workspace().exportPng(png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), workspace().view()->viewport()->size());

        const QString svg = m_dir->filePath(u"view.svg"_s);
        QVERIFY2(workspace().exportSvg(svg, &error), qPrintable(error));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.size() > 1000);

        // Not filtered: every span, as they were.
        const QString json = m_dir->filePath(u"all.json"_s);
        QVERIFY2(workspace().exportJson(json, &error), qPrintable(error));
        SpanStore back;
        QVERIFY(SpanJson::readFile(json, back).ok());
        QCOMPARE(back.size(), 600);
        QCOMPARE(back.spans(), workspace().document()->store().spans());

        // Through the menu, with the file chooser replaced.
        workspace().setFileChooser([this](TraceViewerWorkspace::FileRole role) {
            return role == TraceViewerWorkspace::FileRole::ExportPng ? m_dir->filePath(u"menu.png"_s) : QString();
        });
        workspace().findChild<QAction *>(u"viewer-export-png"_s)->trigger();
        QVERIFY(QFileInfo::exists(m_dir->filePath(u"menu.png"_s)));
        QVERIFY(workspace().notice().startsWith(u"Saved "_s));

        // A place that cannot be written is said plainly.
        QVERIFY(!workspace().exportPng(m_dir->filePath(u"no/such/dir/x.png"_s), &error));
        QVERIFY2(error.contains(u"Cannot write"_s), qPrintable(error));
    }

    void brokenFileSaysWhere()
    {
        QVERIFY(openAndWait(m_file));
        const auto before = workspace().document();
        const QString broken = m_dir->filePath(u"broken.json"_s);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[\n  {\"spanId\": \"a1\",, \"name\": \"x\"}\n]\n");
        file.close();
        QSignalSpy finished(&workspace(), &TraceViewerWorkspace::loadFinished);
        workspace().openFile(broken);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QVERIFY2(workspace().notice().contains(u"line 2, column"_s), qPrintable(workspace().notice()));
        QVERIFY(workspace().notice().contains(u"broken.json"_s));
        QCOMPARE(workspace().document(), before); // what was shown stays
        QVERIFY(!workspace().isLoading());
        // A broken file is not remembered.
        QVERIFY(!workspace().recentFiles().contains(QFileInfo(broken).absoluteFilePath()));
        // The notice says so in the error colours.
        const QImage image = workspace().grab().toImage();
        TestSupport::keepImage(image, u"traceviewer-broken"_s);
        QVERIFY(TestSupport::pixelsOf(image, {qRgb(0xfd, 0xec, 0xee)}) > 500);

        // No file at all.
        finished.clear();
        workspace().openFile(m_dir->filePath(u"missing.json"_s));
        QVERIFY(finished.wait(10000));
        QVERIFY(workspace().notice().startsWith(u"Cannot open missing.json"_s));
    }

    void cancelsALoad()
    {
        GeneratorOptions big = smallTraces();
        big.spans = 200000;
        big.traces = 20;
        const QString path = writeGenerated(*m_dir, u"big.json"_s, big);
        QSignalSpy finished(&workspace(), &TraceViewerWorkspace::loadFinished);
        workspace().openFile(path);
        QVERIFY(workspace().isLoading());
        QVERIFY(workspace().progressBar()->isVisible());
        workspace().cancelLoading();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QVERIFY2(workspace().notice().contains(u"cancelled"_s), qPrintable(workspace().notice()));
        QVERIFY(!workspace().progressBar()->isVisible());
        QVERIFY(!workspace().document());

        // The same file loads when left alone, and the window answers meanwhile.
        QSignalSpy progress(workspace().progressBar(), &QProgressBar::valueChanged);
        QVERIFY(openAndWait(path));
        QVERIFY(progress.count() >= 2);
        QCOMPARE(workspace().document()->spanCount(), 200000);
    }

    void opensADroppedFile()
    {
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(m_file)});
        QSignalSpy loaded(&workspace(), &TraceViewerWorkspace::documentLoaded);
        const QPointF at(300, 300);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&workspace(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&workspace(), &drop);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(workspace().document()->source(), QFileInfo(m_file).absoluteFilePath());
        delete mime;

        // Grabbed as people see it.
        const QImage shot = workspace().grab().toImage();
        QVERIFY(!shot.isNull());
        TestSupport::keepImage(shot, u"traceviewer"_s);
        // The waterfall's bars, in the services' colours.
        QVERIFY(serviceColouredPixels(shot) > 200);
    }

    void opensFromSpanTreesAndTheLocalAgent()
    {
        GeneratorOptions options;
        options.spans = 25;
        const SpanStore edited = SpanGenerator::generate(options);
        workspace().setSpanTreesProvider([&edited] { return edited.spans(); });
        QSignalSpy loaded(&workspace(), &TraceViewerWorkspace::documentLoaded);
        workspace().findChild<QAction *>(u"viewer-from-spans"_s)->trigger();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(workspace().document()->spanCount(), 25);
        QCOMPARE(workspace().document()->source(), u"Span Trees"_s);

        // Two traces captured by the local agent, one span a request.
        CaptureStore captures;
        options.spans = 12;
        options.traces = 2;
        const SpanStore sent = SpanGenerator::generate(options);
        for (qsizetype i = 0; i < sent.size(); ++i) {
            CaptureBatch batch;
            batch.request.id = quint64(i + 1);
            CapturedItem item;
            item.kind = CapturedItem::Kind::Span;
            item.requestId = batch.request.id;
            item.setJson(SpanJson::spanJson(sent, i));
            batch.items << item;
            captures.add(batch);
        }
        QCOMPARE(qsizetype(captures.spans().size()), 12);
        workspace().setCaptureStore(&captures);
        loaded.clear();
        workspace().openFromLocalAgent();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(workspace().document()->spanCount(), 12);
        QCOMPARE(workspace().document()->graph().traces().size(), size_t(2));

        const QString traceId = captures.traces().front().traceId;
        loaded.clear();
        workspace().openFromLocalAgent(traceId);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(workspace().document()->spanCount(), 6);
        QVERIFY(workspace().document()->source().contains(traceId));
        workspace().setCaptureStore(nullptr);
    }

    void keymapListsTheKeys()
    {
        const auto entries = KeymapDialog::entries();
        QVERIFY(entries.size() >= 9);
        KeymapDialog dialog;
        QCOMPARE(dialog.table()->rowCount(), int(entries.size()));
        bool reroot = false;
        for (const auto &entry : entries)
            reroot |= entry.keys == u"r"_s;
        QVERIFY(reroot);
    }

    void binaryRendersAFile()
    {
        QVERIFY2(QFileInfo::exists(TestSupport::guiBinary()), "WORKBENCH_GUI_BINARY not set");
        const QString shot = m_dir->filePath(u"shot.png"_s);
        const TestSupport::ProcessResult r
            = TestSupport::run(TestSupport::guiBinary(), {u"--page"_s, u"viewer"_s, u"--screenshot"_s, shot, m_file},
                               TestSupport::isolatedEnvironment(m_dir->filePath(u"home"_s)));
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
        TestSupport::keepImage(image, u"traceviewer-binary"_s);
        // The trace is shown: the waterfall's bars, in the services' colours.
        QVERIFY(serviceColouredPixels(image) > 200);
        // No settings are written by a picture.
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"home/config/instana-workbench/workbench.ini"_s)));

        // A file that is not there is a usage error.
        const TestSupport::ProcessResult missing
            = TestSupport::run(TestSupport::guiBinary(), {u"--screenshot"_s, shot, m_dir->filePath(u"nope.json"_s)},
                               TestSupport::isolatedEnvironment(m_dir->filePath(u"home"_s)));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(u"no such file"_s), qPrintable(missing.err));
    }
};

QTEST_MAIN(TestTraceViewerWorkspace)
#include "tst_traceviewerworkspace.moc"
