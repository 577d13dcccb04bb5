#pragma once

#include "core/traces/span.h"
#include "core/traces/spanstore.h"
#include "core/viewer/tracedocument.h"
#include "core/viewer/tracenavigation.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace Workbench {

class CaptureStore;
class FindBar;
class Settings;
class SpanDetailsPanel;
class TraceMinimap;
class TraceStatsPanel;
class WaterfallView;

// The Trace Viewer workspace: a trace opened from a JSON file (Open, drag and drop, recent
// files), from the Span Trees workspace or from what the local agent captured, loaded off the
// GUI thread with progress and Cancel, and shown as a waterfall with a minimap. Find (SpanQuery)
// highlights and steps through matches, Filter shows only them and their ancestors, short spans
// can be hidden; the critical path, re-rooting at a span, self-time statistics per service and
// per span name, the current span's details and findings, and export of the view (PNG, SVG) and
// of the spans shown (JSON).
class TraceViewerWorkspace : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
public:
    enum class FileRole {
        Open,
        ExportPng,
        ExportSvg,
        ExportJson,
    };

    static constexpr int MaxRecentFiles = 10;

    // `settings` keeps the recent files; without it they are kept in memory only.
    explicit TraceViewerWorkspace(Settings *settings = nullptr, QWidget *parent = nullptr);
    ~TraceViewerWorkspace() override;

    // Loads in the background; documentLoaded() or a notice (with line and column for a file
    // that is no span JSON) follows. A load under way is cancelled.
    void openFile(const QString &path);
    void openStore(Traces::SpanStore store, const QString &source);
    bool isLoading() const { return m_loading; }
    void cancelLoading();
    Viewer::TraceDocumentPtr document() const { return m_document; }

    // Where "From Span Trees" takes its spans (MainWindow: the Span Trees workspace's document).
    void setSpanTreesProvider(std::function<QList<Traces::Span>()> provider);
    // What "From Local Agent" offers.
    void setCaptureStore(CaptureStore *captures);
    void openFromSpanTrees();
    // The captured spans of one trace, or all captured spans for an empty traceId.
    void openFromLocalAgent(const QString &traceId = {});

    // Find and filter, as the find bar does them.
    void setQuery(const QString &text);
    void findNext();
    void findPrevious();
    void setFilterEnabled(bool on);
    void setMinDuration(int ms);
    qsizetype matchCount() const { return m_navigation.matchCount(); }
    // The position of the current span among the matches, or -1.
    qsizetype currentMatch() const;

    // Analysis.
    void setCriticalPathShown(bool shown);
    bool isCriticalPathShown() const;
    const std::vector<qint32> &criticalPath() const { return m_criticalPath; }
    void rerootAtCurrent();
    void rerootAt(qint32 node);
    void showWholeTrace();
    void showStatistics();
    void showKeymap();

    // Export; on failure *error says why (and the workspace shows it).
    bool exportPng(const QString &path, QString *error = nullptr);
    bool exportSvg(const QString &path, QString *error = nullptr);
    // The spans the filter, the shortest duration and the root let through, as pretty JSON.
    bool exportJson(const QString &path, QString *error = nullptr);
    // Those spans' indexes, in file order.
    std::vector<qint32> shownSpans() const;

    QStringList recentFiles() const;
    void clearRecentFiles();
    // False (e.g. for --screenshot): opened files are not remembered.
    void setRecentFilesKept(bool kept) { m_keepRecent = kept; }

    // The message above the view (an error, a cancelled load), empty when none.
    QString notice() const;
    // "12,345 spans · 3 traces · 2 errors · 5 warnings".
    QString statusText() const;

    // Replaces the file dialogs (tests): a path, or empty for "cancelled".
    void setFileChooser(std::function<QString(FileRole)> chooser) { m_chooseFile = std::move(chooser); }

    WaterfallView *view() const { return m_view; }
    TraceMinimap *minimap() const { return m_minimap; }
    FindBar *findBar() const { return m_findBar; }
    SpanDetailsPanel *details() const { return m_details; }
    TraceStatsPanel *statistics() const { return m_stats; }
    QProgressBar *progressBar() const { return m_progress; }

Q_SIGNALS:
    // A document was loaded and is shown.
    void documentLoaded();
    // After every load, loaded or not (failed, cancelled).
    void loadFinished(bool ok);
    void loadingChanged(bool loading);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createToolBar();
    QWidget *createEmptyPage();
    QAction *makeAction(const QString &name, const QString &text, const QString &toolTip, const QKeySequence &keys);
    void startLoading(const QString &what);
    void onProgress(int percent, const QString &stage);
    void onLoaded(const Viewer::TraceDocumentPtr &document);
    void onFailed(const QString &message, bool cancelled);
    void setLoading(bool loading);
    void setDocument(Viewer::TraceDocumentPtr document);
    void showNotice(const QString &text, bool error);
    void onCurrentNodeChanged(qint32 node);
    void applyQuery();
    void applyRowFilters();
    // Shows the match at `index`, or says that the matches are all hidden.
    void goToMatch(std::optional<qsizetype> index);
    bool reveal(qint32 node);
    void updateCriticalPath();
    void updateStatistics();
    void updateActions();
    void updateStatus();
    void rememberFile(const QString &path);
    void fillRecentMenu();
    void fillAgentMenu();
    QString chooseFile(FileRole role);
    void exportInteractive(FileRole role);
    qint32 traceRootOf(qint32 node) const;
    std::vector<qint32> subtreeSpans(qint32 node) const;

    Settings *m_settings;
    Viewer::TraceLoader *m_loader;
    Viewer::TraceDocumentPtr m_document;
    std::function<QList<Traces::Span>()> m_spanTrees;
    CaptureStore *m_captures = nullptr;
    std::function<QString(FileRole)> m_chooseFile;

    QStackedWidget *m_pages;
    WaterfallView *m_view;
    TraceMinimap *m_minimap;
    FindBar *m_findBar;
    SpanDetailsPanel *m_details;
    TraceStatsPanel *m_stats;
    QTabWidget *m_side;
    QWidget *m_loadPanel;
    QProgressBar *m_progress;
    QLabel *m_loadLabel;
    QPushButton *m_cancel;
    QLabel *m_notice;
    QLabel *m_status;
    QLabel *m_source;
    QComboBox *m_colorBy;
    QMenu *m_recentMenu;
    QMenu *m_agentMenu;

    QAction *m_open = nullptr;
    QAction *m_fromSpans = nullptr;
    QAction *m_criticalAction = nullptr;
    QAction *m_reroot = nullptr;
    QAction *m_whole = nullptr;
    QAction *m_statsAction = nullptr;
    QAction *m_exportPng = nullptr;
    QAction *m_exportSvg = nullptr;
    QAction *m_exportJson = nullptr;
    QToolButton *m_exportButton = nullptr;
    QToolButton *m_agentButton = nullptr;
    QList<QAction *> m_documentActions;

    QString m_loadingPath; // the file being loaded, for the recent list
    QString m_loadingWhat;
    QStringList m_recent; // when there are no settings
    bool m_loading = false;
    bool m_keepRecent = true;

    // Find: the matches (per span); the tree order and the matches in it.
    std::vector<bool> m_matches;
    Viewer::TraceNavigation m_navigation;
    bool m_queryValid = true;
    bool m_filterOn = false;

    std::vector<qint32> m_criticalPath;
    qint32 m_criticalRoot = -1;
    bool m_criticalShown = false;
};

} // namespace Workbench
