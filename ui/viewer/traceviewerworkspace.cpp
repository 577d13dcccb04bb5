#include "ui/viewer/traceviewerworkspace.h"

#include "core/io/filenames.h"
#include "core/io/outputfile.h"
#include "core/localagent/capturestore.h"
#include "core/settings/settings.h"
#include "core/traces/spanjson.h"
#include "core/viewer/spanquery.h"
#include "core/viewer/traceanalysis.h"
#include "ui/viewer/findbar.h"
#include "ui/viewer/keymapdialog.h"
#include "ui/viewer/spandetailspanel.h"
#include "ui/viewer/traceminimap.h"
#include "ui/viewer/tracestatspanel.h"
#include "ui/viewer/waterfallview.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace Workbench {

using Viewer::TraceDocumentPtr;
using Viewer::WaterfallRows;

namespace {

enum Page {
    EmptyPage,
    ViewPage,
};

enum SideTab {
    DetailsTab,
    StatisticsTab,
};

QLocale groupingLocale()
{
    QLocale locale;
    locale.setNumberOptions({});
    return locale;
}

QString count(qsizetype n)
{
    return groupingLocale().toString(qlonglong(n));
}

// The local JSON files among dropped URLs.
QStringList droppedFiles(const QMimeData *data)
{
    QStringList files;
    if (!data || !data->hasUrls())
        return files;
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    return files;
}

// Through the one file writer: a device or FIFO is written in place, never replaced.
bool writeBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    Io::OutputFile file(path);
    if (!file.open() || !file.write(bytes) || !file.commit()) {
        if (error)
            *error = TraceViewerWorkspace::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.reason());
        return false;
    }
    return true;
}

} // namespace

TraceViewerWorkspace::TraceViewerWorkspace(Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_loader(new Viewer::TraceLoader(this))
    , m_pages(new QStackedWidget(this))
    , m_view(new WaterfallView(this))
    , m_minimap(new TraceMinimap(m_view, this))
    , m_findBar(new FindBar(this))
    , m_details(new SpanDetailsPanel(this))
    , m_stats(new TraceStatsPanel(this))
    , m_side(new QTabWidget(this))
    , m_loadPanel(new QWidget(this))
    , m_progress(new QProgressBar(m_loadPanel))
    , m_loadLabel(new QLabel(m_loadPanel))
    , m_cancel(new QPushButton(tr("Cancel"), m_loadPanel))
    , m_notice(new QLabel(this))
    , m_status(new QLabel(this))
    , m_source(new QLabel(this))
    , m_colorBy(new QComboBox(this))
    , m_recentMenu(new QMenu(this))
    , m_agentMenu(new QMenu(this))
{
    setObjectName(u"viewer-workspace"_s);
    setAcceptDrops(true);

    connect(m_loader, &Viewer::TraceLoader::progress, this, &TraceViewerWorkspace::onProgress);
    connect(m_loader, &Viewer::TraceLoader::loaded, this, &TraceViewerWorkspace::onLoaded);
    connect(m_loader, &Viewer::TraceLoader::failed, this, &TraceViewerWorkspace::onFailed);

    // Loading: what is read, how far, and Cancel.
    m_loadPanel->setObjectName(u"viewer-loading"_s);
    m_progress->setObjectName(u"viewer-progress"_s);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(true);
    m_loadLabel->setObjectName(u"viewer-loading-label"_s);
    m_loadLabel->setTextFormat(Qt::PlainText);
    m_cancel->setObjectName(u"viewer-cancel"_s);
    connect(m_cancel, &QPushButton::clicked, this, &TraceViewerWorkspace::cancelLoading);
    auto *loadLayout = new QHBoxLayout(m_loadPanel);
    loadLayout->setContentsMargins(0, 0, 0, 0);
    loadLayout->addWidget(m_loadLabel);
    loadLayout->addWidget(m_progress, 1);
    loadLayout->addWidget(m_cancel);
    m_loadPanel->hide();

    m_notice->setObjectName(u"viewer-notice"_s);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    m_view->setObjectName(u"viewer-waterfall"_s);
    m_minimap->setObjectName(u"viewer-minimap"_s);
    connect(m_view, &WaterfallView::currentNodeChanged, this, &TraceViewerWorkspace::onCurrentNodeChanged);
    connect(m_view, &WaterfallView::findRequested, m_findBar, &FindBar::activate);
    connect(m_view, &WaterfallView::helpRequested, this, &TraceViewerWorkspace::showKeymap);
    connect(m_view, &WaterfallView::rerootRequested, this, &TraceViewerWorkspace::rerootAt);
    connect(m_view, &WaterfallView::rowsLayoutChanged, this, &TraceViewerWorkspace::updateStatus);

    connect(m_findBar, &FindBar::queryChanged, this, &TraceViewerWorkspace::applyQuery);
    connect(m_findBar, &FindBar::nextRequested, this, &TraceViewerWorkspace::findNext);
    connect(m_findBar, &FindBar::previousRequested, this, &TraceViewerWorkspace::findPrevious);
    connect(m_findBar, &FindBar::filterToggled, this, [this](bool on) {
        m_filterOn = on;
        applyRowFilters();
    });
    connect(m_findBar, &FindBar::minDurationChanged, this, [this] { applyRowFilters(); });
    connect(m_findBar, &FindBar::closeRequested, this, [this] { m_view->setFocus(Qt::OtherFocusReason); });

    m_side->setObjectName(u"viewer-side"_s);
    m_side->addTab(m_details, tr("Details"));
    m_side->addTab(m_stats, tr("Statistics"));

    // The view page: minimap over the waterfall, details and statistics beside.
    auto *viewPage = new QWidget(this);
    auto *left = new QWidget(viewPage);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(2);
    leftLayout->addWidget(m_minimap);
    leftLayout->addWidget(m_view, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, viewPage);
    splitter->setObjectName(u"viewer-splitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(m_side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({760, 340});
    auto *viewLayout = new QVBoxLayout(viewPage);
    viewLayout->setContentsMargins(0, 0, 0, 0);
    viewLayout->addWidget(splitter);

    QWidget *toolBar = createToolBar(); // before the empty page, whose buttons use its actions
    m_pages->addWidget(createEmptyPage());
    m_pages->addWidget(viewPage);

    m_status->setObjectName(u"viewer-status"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_source->setObjectName(u"viewer-source"_s);
    m_source->setTextFormat(Qt::PlainText);
    m_source->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_source->setMinimumWidth(40);
    m_source->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *statusLine = new QHBoxLayout;
    statusLine->addWidget(m_status);
    statusLine->addWidget(m_source, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(toolBar);
    layout->addWidget(m_findBar);
    layout->addWidget(m_loadPanel);
    layout->addWidget(m_notice);
    layout->addWidget(m_pages, 1);
    layout->addLayout(statusLine);

    // Keys of the workspace (the waterfall has its own: arrows, j/k, [ ], o/p, + -, / ? r).
    QAction *find = makeAction(u"viewer-find-action"_s, tr("Find"), tr("Find spans"), QKeySequence::Find);
    connect(find, &QAction::triggered, m_findBar, &FindBar::activate);
    QAction *next
        = makeAction(u"viewer-find-next-action"_s, tr("Next Match"), tr("Next match"), QKeySequence(Qt::Key_F3));
    connect(next, &QAction::triggered, this, &TraceViewerWorkspace::findNext);
    QAction *previous = makeAction(u"viewer-find-previous-action"_s, tr("Previous Match"), tr("Previous match"),
                                   QKeySequence(Qt::SHIFT | Qt::Key_F3));
    connect(previous, &QAction::triggered, this, &TraceViewerWorkspace::findPrevious);

    m_recent = m_settings ? m_settings->recentTraceFiles() : QStringList();
    setDocument(nullptr);
}

TraceViewerWorkspace::~TraceViewerWorkspace() = default;

QAction *TraceViewerWorkspace::makeAction(const QString &name, const QString &text, const QString &toolTip,
                                          const QKeySequence &keys)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!keys.isEmpty()) {
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    action->setToolTip(keys.isEmpty() ? toolTip : toolTip + u" ("_s + keys.toString(QKeySequence::NativeText) + u')');
    addAction(action);
    return action;
}

QWidget *TraceViewerWorkspace::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"viewer-toolbar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));

    // Where traces come from.
    m_open = makeAction(u"viewer-open"_s, tr("&Open…"), tr("Open a JSON file of spans"), QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path = chooseFile(FileRole::Open);
        if (!path.isEmpty())
            openFile(path);
    });
    bar->addAction(m_open);

    auto *recent = new QToolButton(bar);
    recent->setObjectName(u"viewer-recent"_s);
    recent->setText(tr("Recent"));
    recent->setToolTip(tr("Files opened before"));
    recent->setPopupMode(QToolButton::InstantPopup);
    m_recentMenu->setObjectName(u"viewer-recent-menu"_s);
    recent->setMenu(m_recentMenu);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &TraceViewerWorkspace::fillRecentMenu);
    bar->addWidget(recent);

    m_fromSpans = makeAction(u"viewer-from-spans"_s, tr("From Span Trees"),
                             tr("View the trace being edited in the Span Trees workspace"), {});
    connect(m_fromSpans, &QAction::triggered, this, &TraceViewerWorkspace::openFromSpanTrees);
    bar->addAction(m_fromSpans);

    m_agentButton = new QToolButton(bar);
    m_agentButton->setObjectName(u"viewer-from-agent"_s);
    m_agentButton->setText(tr("From Local Agent"));
    m_agentButton->setToolTip(tr("View a trace the local agent captured, or all captured spans"));
    m_agentButton->setPopupMode(QToolButton::InstantPopup);
    m_agentMenu->setObjectName(u"viewer-agent-menu"_s);
    m_agentButton->setMenu(m_agentMenu);
    connect(m_agentMenu, &QMenu::aboutToShow, this, &TraceViewerWorkspace::fillAgentMenu);
    bar->addWidget(m_agentButton);
    bar->addSeparator();

    // Analysis.
    m_criticalAction = makeAction(u"viewer-critical-path"_s, tr("Critical Path"),
                                  tr("Emphasise the spans that determine when the trace ends"), {});
    m_criticalAction->setCheckable(true);
    connect(m_criticalAction, &QAction::toggled, this, &TraceViewerWorkspace::setCriticalPathShown);
    bar->addAction(m_criticalAction);
    m_reroot = makeAction(u"viewer-reroot"_s, tr("Re-root"), tr("Show the current span's subtree alone (r)"), {});
    connect(m_reroot, &QAction::triggered, this, &TraceViewerWorkspace::rerootAtCurrent);
    bar->addAction(m_reroot);
    m_whole = makeAction(u"viewer-whole-trace"_s, tr("Whole Trace"), tr("Show every span again"), {});
    connect(m_whole, &QAction::triggered, this, &TraceViewerWorkspace::showWholeTrace);
    bar->addAction(m_whole);
    m_statsAction
        = makeAction(u"viewer-statistics"_s, tr("Statistics"), tr("Self time per service and per span name"), {});
    connect(m_statsAction, &QAction::triggered, this, &TraceViewerWorkspace::showStatistics);
    bar->addAction(m_statsAction);
    bar->addSeparator();

    // The view.
    m_colorBy->setObjectName(u"viewer-color-by"_s);
    m_colorBy->addItem(tr("Colour by service"), int(WaterfallView::ColorBy::Service));
    m_colorBy->addItem(tr("Colour by type"), int(WaterfallView::ColorBy::Type));
    connect(m_colorBy, &QComboBox::currentIndexChanged, this,
            [this] { m_view->setColorBy(WaterfallView::ColorBy(m_colorBy->currentData().toInt())); });
    bar->addWidget(m_colorBy);
    QAction *zoomOut = makeAction(u"viewer-zoom-out"_s, tr("−"), tr("Zoom out of the timeline (-)"), {});
    connect(zoomOut, &QAction::triggered, m_view, &WaterfallView::zoomOut);
    QAction *zoomIn = makeAction(u"viewer-zoom-in"_s, tr("+"), tr("Zoom into the timeline (+)"), {});
    connect(zoomIn, &QAction::triggered, m_view, &WaterfallView::zoomIn);
    QAction *zoomReset = makeAction(u"viewer-zoom-reset"_s, tr("Fit"), tr("Show the whole time of the trace"), {});
    connect(zoomReset, &QAction::triggered, m_view, &WaterfallView::resetZoom);
    bar->addActions({zoomOut, zoomIn, zoomReset});
    bar->addSeparator();

    // Export.
    m_exportPng = makeAction(u"viewer-export-png"_s, tr("View as &PNG…"), tr("Save the visible view as a picture"), {});
    connect(m_exportPng, &QAction::triggered, this, [this] { exportInteractive(FileRole::ExportPng); });
    m_exportSvg = makeAction(u"viewer-export-svg"_s, tr("View as &SVG…"), tr("Save the visible view as SVG"), {});
    connect(m_exportSvg, &QAction::triggered, this, [this] { exportInteractive(FileRole::ExportSvg); });
    m_exportJson = makeAction(u"viewer-export-json"_s, tr("Shown Spans as &JSON…"),
                              tr("Save the spans the filter shows as a JSON file"), {});
    connect(m_exportJson, &QAction::triggered, this, [this] { exportInteractive(FileRole::ExportJson); });
    m_exportButton = new QToolButton(bar);
    m_exportButton->setObjectName(u"viewer-export"_s);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addActions({m_exportPng, m_exportSvg, m_exportJson});
    m_exportButton->setMenu(exportMenu);
    bar->addWidget(m_exportButton);

    QAction *keys = makeAction(u"viewer-keys"_s, tr("Keys"), tr("The viewer's keys (?)"), {});
    connect(keys, &QAction::triggered, this, &TraceViewerWorkspace::showKeymap);
    bar->addAction(keys);

    m_documentActions = {m_criticalAction, m_reroot, m_statsAction, zoomOut, zoomIn, zoomReset};
    return bar;
}

QWidget *TraceViewerWorkspace::createEmptyPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"viewer-empty"_s);
    auto *title = new QLabel(tr("No trace open"), page);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto *text = new QLabel(tr("Open a JSON file of spans in the agent's format (Ctrl+O) or drop one here, or view "
                               "the trace being edited in Span Trees or what the local agent captured."),
                            page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(560);
    text->setMinimumWidth(240);

    auto *open = new QPushButton(tr("Open File…"), page);
    open->setObjectName(u"viewer-empty-open"_s);
    connect(open, &QPushButton::clicked, m_open, &QAction::trigger);
    auto *spans = new QPushButton(tr("From Span Trees"), page);
    connect(spans, &QPushButton::clicked, this, &TraceViewerWorkspace::openFromSpanTrees);
    auto *agent = new QPushButton(tr("All Captured Spans"), page);
    connect(agent, &QPushButton::clicked, this, [this] { openFromLocalAgent(); });

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(open);
    buttons->addWidget(spans);
    buttons->addWidget(agent);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    layout->addWidget(title);
    // Centred without an alignment flag, which would keep the wrapped text to one line's height.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(text, 4);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    return page;
}

// Loading

void TraceViewerWorkspace::openFile(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_loadingPath = absolute;
    startLoading(Io::shownFileName(QFileInfo(absolute).fileName()));
    m_loader->loadFile(absolute);
}

void TraceViewerWorkspace::openStore(Traces::SpanStore store, const QString &source)
{
    m_loadingPath.clear();
    startLoading(source);
    m_loader->loadStore(std::move(store), source);
}

void TraceViewerWorkspace::startLoading(const QString &what)
{
    m_loadingWhat = what;
    m_notice->hide();
    m_notice->clear();
    m_progress->setValue(0);
    m_loadLabel->setText(tr("Opening %1…").arg(what));
    setLoading(true);
}

void TraceViewerWorkspace::cancelLoading()
{
    if (m_loading)
        m_loader->cancel();
}

void TraceViewerWorkspace::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    m_loadPanel->setVisible(loading);
    m_cancel->setEnabled(loading);
    updateActions();
    Q_EMIT loadingChanged(loading);
}

void TraceViewerWorkspace::onProgress(int percent, const QString &stage)
{
    if (!m_loading)
        return;
    m_progress->setValue(percent);
    m_loadLabel->setText(tr("%1 %2…").arg(stage, m_loadingWhat));
}

void TraceViewerWorkspace::onLoaded(const TraceDocumentPtr &document)
{
    if (!m_loading)
        return;
    m_progress->setValue(100);
    if (!m_loadingPath.isEmpty())
        rememberFile(m_loadingPath);
    m_loadingPath.clear();
    setDocument(document);
    setLoading(false);
    if (document && document->spanCount() == 0)
        showNotice(tr("%1 holds no spans.").arg(m_loadingWhat), false);
    Q_EMIT documentLoaded();
    Q_EMIT loadFinished(true);
}

void TraceViewerWorkspace::onFailed(const QString &message, bool cancelled)
{
    if (!m_loading)
        return;
    m_loadingPath.clear();
    setLoading(false);
    if (cancelled)
        showNotice(m_document ? tr("Opening %1 was cancelled; the trace shown is unchanged.").arg(m_loadingWhat)
                              : tr("Opening %1 was cancelled.").arg(m_loadingWhat),
                   false);
    else
        showNotice(tr("Cannot open %1: %2").arg(m_loadingWhat, message), true);
    Q_EMIT loadFinished(false);
}

void TraceViewerWorkspace::showNotice(const QString &text, bool error)
{
    m_notice->setText(text);
    m_notice->setStyleSheet(error ? u"QLabel { color: #b00020; background: #fdecee; padding: 4px; }"_s
                                  : u"QLabel { background: palette(alternate-base); padding: 4px; }"_s);
    m_notice->setVisible(!text.isEmpty());
}

QString TraceViewerWorkspace::notice() const
{
    return m_notice->text();
}

void TraceViewerWorkspace::setDocument(TraceDocumentPtr document)
{
    m_document = std::move(document);
    m_criticalPath.clear();
    m_criticalRoot = -1;
    m_matches.clear();
    // The spans depth first, children in start order: the order matches are stepped through.
    m_navigation = m_document ? Viewer::TraceNavigation(m_document->graph()) : Viewer::TraceNavigation();

    m_view->setDocument(m_document);
    m_details->setDocument(m_document);
    m_pages->setCurrentIndex(m_document ? ViewPage : EmptyPage);
    m_source->setText(m_document ? Io::shownFileName(m_document->source()) : QString());
    m_source->setToolTip(m_source->text());

    // What was asked of the previous trace is asked of this one.
    applyQuery();
    if (m_criticalShown)
        updateCriticalPath();
    updateStatistics();
    onCurrentNodeChanged(m_view->currentNode());
    updateActions();
    updateStatus();
}

// Sources

void TraceViewerWorkspace::setSpanTreesProvider(std::function<QList<Traces::Span>()> provider)
{
    m_spanTrees = std::move(provider);
    updateActions();
}

void TraceViewerWorkspace::setCaptureStore(CaptureStore *captures)
{
    m_captures = captures;
    updateActions();
}

void TraceViewerWorkspace::openFromSpanTrees()
{
    if (!m_spanTrees) {
        showNotice(tr("The Span Trees workspace is not available here."), true);
        return;
    }
    const QList<Traces::Span> spans = m_spanTrees();
    if (spans.isEmpty()) {
        showNotice(tr("The Span Trees workspace holds no spans yet."), false);
        return;
    }
    openStore(Traces::SpanStore::fromSpans(spans), tr("Span Trees"));
}

void TraceViewerWorkspace::openFromLocalAgent(const QString &traceId)
{
    if (!m_captures) {
        showNotice(tr("The local agent is not available here."), true);
        return;
    }
    Traces::SpanStore store;
    qsizetype unreadable = 0;
    const auto readItem = [&](const CapturedItem &item) {
        const Traces::ReadResult result = Traces::SpanJson::read(item.json, store);
        if (!result.ok() || !result.skipped.isEmpty())
            ++unreadable;
    };
    if (traceId.isEmpty()) {
        for (const CapturedItem &item : m_captures->spans())
            readItem(item);
    } else {
        const QList<CapturedItem> items = m_captures->spansOfTrace(traceId);
        for (const CapturedItem &item : items)
            readItem(item);
    }
    if (store.isEmpty()) {
        showNotice(traceId.isEmpty() ? tr("The local agent has captured no spans yet.")
                                     : tr("The local agent no longer keeps spans of trace %1.").arg(traceId),
                   false);
        return;
    }
    const QString source
        = traceId.isEmpty() ? tr("local agent (all captured spans)") : tr("local agent (trace %1)").arg(traceId);
    openStore(std::move(store), source);
    if (unreadable > 0)
        showNotice(tr("%n captured span(s) could not be read and are left out.", nullptr, int(unreadable)), false);
}

void TraceViewerWorkspace::fillAgentMenu()
{
    m_agentMenu->clear();
    if (!m_captures || m_captures->spans().empty()) {
        m_agentMenu->addAction(tr("Nothing captured yet"))->setEnabled(false);
        return;
    }
    QAction *all
        = m_agentMenu->addAction(tr("All Captured Spans (%1)").arg(count(qsizetype(m_captures->spans().size()))));
    all->setObjectName(u"viewer-agent-all"_s);
    connect(all, &QAction::triggered, this, [this] { openFromLocalAgent(); });
    m_agentMenu->addSection(tr("Latest traces"));
    const auto &traces = m_captures->traces();
    int shown = 0;
    for (auto it = traces.rbegin(); it != traces.rend() && shown < 20; ++it, ++shown) {
        const QString name = it->rootName.isEmpty() ? tr("(no root yet)") : it->rootName;
        QAction *action
            = m_agentMenu->addAction(tr("%1 — %2 (%n span(s))", nullptr, int(it->spans)).arg(name, it->traceId));
        const QString traceId = it->traceId;
        connect(action, &QAction::triggered, this, [this, traceId] { openFromLocalAgent(traceId); });
    }
}

// Recent files

QStringList TraceViewerWorkspace::recentFiles() const
{
    return m_recent;
}

void TraceViewerWorkspace::rememberFile(const QString &path)
{
    if (!m_keepRecent)
        return;
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > MaxRecentFiles)
        m_recent.removeLast();
    if (m_settings) {
        m_settings->setRecentTraceFiles(m_recent);
        m_settings->sync();
    }
}

void TraceViewerWorkspace::clearRecentFiles()
{
    m_recent.clear();
    if (m_settings && m_keepRecent) {
        m_settings->setRecentTraceFiles(m_recent);
        m_settings->sync();
    }
}

void TraceViewerWorkspace::fillRecentMenu()
{
    m_recentMenu->clear();
    if (m_recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    for (const QString &path : std::as_const(m_recent)) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(action->toolTip());
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), this, &TraceViewerWorkspace::clearRecentFiles);
}

// The current span

void TraceViewerWorkspace::onCurrentNodeChanged(qint32 node)
{
    if (!m_document || node == INT_MIN)
        m_details->clear();
    else if (WaterfallRows::isPlaceholder(node))
        m_details->showPlaceholder(m_view->rows().placeholder(node));
    else
        m_details->showSpan(node);

    if (m_criticalShown && m_document && node != INT_MIN) {
        // The path follows the trace of the current span.
        if (traceRootOf(node) != m_criticalRoot)
            updateCriticalPath();
    }
    updateActions();
    m_findBar->setMatches(currentMatch(), matchCount());
}

// Find and filter

void TraceViewerWorkspace::setQuery(const QString &text)
{
    m_findBar->setQuery(text); // emits queryChanged when it differs
    applyQuery();
}

void TraceViewerWorkspace::applyQuery()
{
    m_matches.clear();
    QString error;
    const auto query = Viewer::SpanQuery::parse(m_findBar->query(), &error);
    m_queryValid = query.has_value();
    m_findBar->setError(m_queryValid ? QString() : tr("Not a query: %1").arg(error));
    if (m_document && query && !query->isEmpty()) {
        m_matches = query->matchAll(m_document->store());
    }
    m_navigation.setMatches(m_matches);
    m_view->setHighlight(m_matches);
    applyRowFilters();
    m_findBar->setMatches(currentMatch(), matchCount());
}

void TraceViewerWorkspace::applyRowFilters()
{
    if (!m_document)
        return;
    WaterfallRows &rows = m_view->rows();
    const bool filter = m_filterOn && m_queryValid && !m_matches.empty();
    rows.setFilter(filter ? m_matches : std::vector<bool>());
    rows.setMinDuration(m_findBar->minDuration());
    m_view->rowsChanged();
    updateStatistics();
    updateStatus();
}

void TraceViewerWorkspace::setFilterEnabled(bool on)
{
    m_findBar->setFilterOn(on); // toggled -> applyRowFilters
    if (m_filterOn != on) {
        m_filterOn = on;
        applyRowFilters();
    }
}

void TraceViewerWorkspace::setMinDuration(int ms)
{
    m_findBar->setMinDuration(ms);
}

qsizetype TraceViewerWorkspace::currentMatch() const
{
    return m_navigation.matchIndex(m_view->currentNode());
}

bool TraceViewerWorkspace::reveal(qint32 node)
{
    WaterfallRows &rows = m_view->rows();
    if (rows.rowOf(node) >= 0)
        return true;
    // Expand the collapsed ancestors, outermost first.
    std::vector<qint32> ancestors;
    for (qint32 p = rows.parent(node); p != INT_MIN; p = rows.parent(p))
        ancestors.push_back(p);
    bool changed = false;
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
        if (!rows.isExpanded(*it)) {
            rows.setExpanded(*it, true);
            changed = true;
        }
    }
    if (changed)
        m_view->rowsChanged();
    return rows.rowOf(node) >= 0;
}

void TraceViewerWorkspace::goToMatch(std::optional<qsizetype> index)
{
    const qsizetype total = matchCount();
    if (total == 0) {
        m_findBar->setMatches(-1, 0);
        return;
    }
    if (!index) {
        m_findBar->setMatches(-1, total);
        showNotice(tr("The matches are all hidden by the shortest duration or the re-rooted view."), false);
        return;
    }
    m_view->setCurrentNode(m_navigation.matchOrder()[size_t(*index)]);
    m_findBar->setMatches(*index, total);
}

void TraceViewerWorkspace::findNext()
{
    // Matches hidden by the shortest duration or outside a re-rooted subtree are passed over.
    if (matchCount() > 0)
        goToMatch(m_navigation.nextMatch(m_view->currentNode(), [this](qint32 span) { return reveal(span); }));
}

void TraceViewerWorkspace::findPrevious()
{
    if (matchCount() > 0)
        goToMatch(m_navigation.previousMatch(m_view->currentNode(), [this](qint32 span) { return reveal(span); }));
}

// Analysis

qint32 TraceViewerWorkspace::traceRootOf(qint32 node) const
{
    if (!m_document || node == INT_MIN)
        return -1;
    if (WaterfallRows::isPlaceholder(node)) {
        const auto &children = m_view->rows().placeholder(node).children;
        if (children.empty())
            return -1;
        node = children.front();
    }
    return Viewer::TraceNavigation::rootOf(m_document->graph(), node);
}

void TraceViewerWorkspace::setCriticalPathShown(bool shown)
{
    m_criticalShown = shown;
    if (m_criticalAction->isChecked() != shown)
        m_criticalAction->setChecked(shown); // comes back here
    updateCriticalPath();
}

bool TraceViewerWorkspace::isCriticalPathShown() const
{
    return m_criticalShown;
}

void TraceViewerWorkspace::updateCriticalPath()
{
    m_criticalPath.clear();
    m_criticalRoot = -1;
    if (m_criticalShown && m_document) {
        const WaterfallRows &rows = m_view->rows();
        qint32 root = -1;
        if (rows.isRerooted() && !WaterfallRows::isPlaceholder(rows.root()))
            root = rows.root();
        else
            root = traceRootOf(m_view->currentNode() != INT_MIN ? m_view->currentNode()
                                                                : (rows.rowCount() > 0 ? rows.row(0).node : INT_MIN));
        if (root >= 0) {
            m_criticalRoot = root;
            m_criticalPath = Viewer::TraceAnalysis::criticalPath(m_document->store(), m_document->graph(), root);
        }
    }
    m_view->setCriticalPath(m_criticalPath);
    updateStatus();
}

void TraceViewerWorkspace::rerootAtCurrent()
{
    rerootAt(m_view->currentNode());
}

void TraceViewerWorkspace::rerootAt(qint32 node)
{
    if (!m_document || node == INT_MIN)
        return;
    m_view->rows().setRoot(node);
    m_view->rowsChanged();
    m_view->setCurrentNode(node);
    if (m_criticalShown)
        updateCriticalPath();
    updateStatistics();
    updateActions();
    updateStatus();
}

void TraceViewerWorkspace::showWholeTrace()
{
    if (!m_document || !m_view->rows().isRerooted())
        return;
    const qint32 current = m_view->currentNode();
    m_view->rows().clearRoot();
    m_view->rowsChanged();
    if (current != INT_MIN)
        m_view->setCurrentNode(current);
    if (m_criticalShown)
        updateCriticalPath();
    updateStatistics();
    updateActions();
    updateStatus();
}

std::vector<qint32> TraceViewerWorkspace::subtreeSpans(qint32 node) const
{
    if (!m_document)
        return {};
    if (WaterfallRows::isPlaceholder(node)) {
        const auto &children = m_view->rows().placeholder(node).children;
        return Viewer::TraceNavigation::subtree(m_document->graph(), {children.begin(), children.end()});
    }
    return Viewer::TraceNavigation::subtree(m_document->graph(), {node});
}

void TraceViewerWorkspace::updateStatistics()
{
    if (!m_document) {
        m_stats->setDocument(nullptr);
        return;
    }
    const WaterfallRows &rows = m_view->rows();
    if (rows.isRerooted()) {
        const qint32 root = rows.root();
        const QString name = WaterfallRows::isPlaceholder(root) ? tr("a placeholder") : m_document->store().name(root);
        m_stats->setDocument(m_document, subtreeSpans(root), tr("The subtree of %1").arg(name));
    } else {
        m_stats->setDocument(m_document, {}, tr("All %Ln span(s)", nullptr, int(m_document->spanCount())));
    }
}

void TraceViewerWorkspace::showStatistics()
{
    m_side->setCurrentIndex(StatisticsTab);
    m_stats->refresh();
}

void TraceViewerWorkspace::showKeymap()
{
    KeymapDialog dialog(this);
    dialog.exec();
}

// State shown

void TraceViewerWorkspace::updateActions()
{
    const bool haveDocument = m_document != nullptr && m_document->spanCount() > 0;
    for (QAction *action : std::as_const(m_documentActions))
        action->setEnabled(haveDocument);
    const bool rerooted = haveDocument && m_view->rows().isRerooted();
    m_reroot->setEnabled(haveDocument && m_view->currentNode() != INT_MIN);
    m_whole->setEnabled(rerooted);
    m_exportButton->setEnabled(haveDocument);
    m_exportPng->setEnabled(haveDocument);
    m_exportSvg->setEnabled(haveDocument);
    m_exportJson->setEnabled(haveDocument);
    m_colorBy->setEnabled(haveDocument);
    m_fromSpans->setEnabled(bool(m_spanTrees));
    m_agentButton->setEnabled(m_captures != nullptr);
    m_findBar->setEnabled(haveDocument);
}

QString TraceViewerWorkspace::statusText() const
{
    if (!m_document)
        return m_loading ? tr("Loading…") : tr("No trace open");
    const Traces::ValidationReport &report = m_document->report();
    QStringList parts;
    parts << tr("%Ln span(s)", nullptr, int(m_document->spanCount()));
    parts << tr("%Ln trace(s)", nullptr, int(m_document->graph().traces().size()));
    parts << tr("%Ln error(s)", nullptr, int(report.errors));
    parts << tr("%Ln warning(s)", nullptr, int(report.warnings));
    const WaterfallRows &rows = m_view->rows();
    if (rows.isFiltered() || rows.minDuration() > 0 || rows.isRerooted())
        parts << tr("%Ln row(s) shown", nullptr, int(rows.rowCount()));
    if (m_criticalShown && !m_criticalPath.empty())
        parts << tr("critical path: %Ln span(s)", nullptr, int(m_criticalPath.size()));
    return parts.join(u" · "_s);
}

void TraceViewerWorkspace::updateStatus()
{
    m_status->setText(statusText());
    if (m_document) {
        const Traces::ValidationReport &report = m_document->report();
        m_status->setToolTip(
            tr("What the validator found: %1 and %2%3; memory used: %4 MiB")
                .arg(tr("%n error(s)", nullptr, int(report.errors)), tr("%n warning(s)", nullptr, int(report.warnings)))
                .arg(report.omitted > 0 ? tr(" (%1 not kept)").arg(qlonglong(report.omitted)) : QString())
                .arg(double(m_document->memoryUsed()) / (1024.0 * 1024.0), 0, 'f', 1));
    } else {
        m_status->setToolTip({});
    }
}

// Export

QString TraceViewerWorkspace::chooseFile(FileRole role)
{
    if (m_chooseFile)
        return m_chooseFile(role);
    const QString base = m_document ? QFileInfo(m_document->source()).completeBaseName() : QString();
    switch (role) {
    case FileRole::Open:
        return QFileDialog::getOpenFileName(this, tr("Open Trace"), {}, tr("JSON files (*.json);;All files (*)"));
    case FileRole::ExportPng:
        return QFileDialog::getSaveFileName(this, tr("Save View as PNG"), base + u".png"_s, tr("PNG images (*.png)"));
    case FileRole::ExportSvg:
        return QFileDialog::getSaveFileName(this, tr("Save View as SVG"), base + u".svg"_s, tr("SVG images (*.svg)"));
    case FileRole::ExportJson:
        return QFileDialog::getSaveFileName(this, tr("Save Shown Spans"), base + u"-shown.json"_s,
                                            tr("JSON files (*.json)"));
    }
    return {};
}

void TraceViewerWorkspace::exportInteractive(FileRole role)
{
    const QString path = chooseFile(role);
    if (path.isEmpty())
        return;
    QString error;
    bool ok = false;
    switch (role) {
    case FileRole::ExportPng:
        ok = exportPng(path, &error);
        break;
    case FileRole::ExportSvg:
        ok = exportSvg(path, &error);
        break;
    case FileRole::ExportJson:
        ok = exportJson(path, &error);
        break;
    case FileRole::Open:
        return;
    }
    if (ok)
        showNotice(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), false);
}

bool TraceViewerWorkspace::exportPng(const QString &path, QString *error)
{
    QString why;
    if (!m_document) {
        why = tr("No trace is open.");
    } else {
        const QSize size = m_view->viewport()->size().expandedTo(QSize(320, 120));
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(palette().color(QPalette::Base));
        {
            QPainter painter(&image);
            m_view->paintView(&painter, QRect(QPoint(0, 0), size));
        }
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            why = tr("The view could not be rendered as PNG.");
        else if (writeBytes(path, bytes, &why))
            return true;
    }
    showNotice(why, true);
    if (error)
        *error = why;
    return false;
}

bool TraceViewerWorkspace::exportSvg(const QString &path, QString *error)
{
    QString why;
    if (!m_document) {
        why = tr("No trace is open.");
    } else {
        const QSize size = m_view->viewport()->size().expandedTo(QSize(320, 120));
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(tr("Trace waterfall"));
        generator.setDescription(m_document->source());
        {
            QPainter painter(&generator);
            m_view->paintView(&painter, QRect(QPoint(0, 0), size));
        }
        if (bytes.isEmpty())
            why = tr("The view could not be rendered as SVG.");
        else if (writeBytes(path, bytes, &why))
            return true;
    }
    showNotice(why, true);
    if (error)
        *error = why;
    return false;
}

std::vector<qint32> TraceViewerWorkspace::shownSpans() const
{
    std::vector<qint32> spans;
    if (!m_document)
        return spans;
    const WaterfallRows &rows = m_view->rows();
    if (!rows.isFiltered() && rows.minDuration() <= 0 && !rows.isRerooted()) {
        spans.resize(size_t(m_document->spanCount()));
        for (qint32 i = 0; i < qint32(spans.size()); ++i)
            spans[size_t(i)] = i;
        return spans;
    }
    // What the rows let through, collapsed or not.
    WaterfallRows all = rows;
    all.setAllExpanded(true);
    spans.reserve(size_t(all.rowCount()));
    for (qsizetype i = 0; i < all.rowCount(); ++i) {
        if (!WaterfallRows::isPlaceholder(all.row(i).node))
            spans.push_back(all.row(i).node);
    }
    std::sort(spans.begin(), spans.end());
    return spans;
}

bool TraceViewerWorkspace::exportJson(const QString &path, QString *error)
{
    QString why;
    if (!m_document) {
        why = tr("No trace is open.");
    } else {
        const std::vector<qint32> spans = shownSpans();
        bool ok = false;
        if (qsizetype(spans.size()) == m_document->spanCount()) {
            ok = Traces::SpanJson::writeFile(path, m_document->store(), Traces::SpanJson::Format::Pretty, &why);
        } else {
            Traces::SpanStore shown;
            shown.reserve(qsizetype(spans.size()));
            for (const qint32 span : spans)
                shown.append(m_document->store().span(span));
            ok = Traces::SpanJson::writeFile(path, shown, Traces::SpanJson::Format::Pretty, &why);
        }
        if (ok)
            return true;
        if (why.isEmpty())
            why = tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
    }
    showNotice(why, true);
    if (error)
        *error = why;
    return false;
}

// Drag and drop

void TraceViewerWorkspace::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void TraceViewerWorkspace::dropEvent(QDropEvent *event)
{
    const QStringList files = droppedFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(files.constFirst());
    if (files.size() > 1)
        showNotice(tr("Only one trace is viewed at a time: opening %1.").arg(QFileInfo(files.constFirst()).fileName()),
                   false);
}

} // namespace Workbench
