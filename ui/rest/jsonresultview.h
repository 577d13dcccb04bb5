#pragma once

#include "core/browse/entitylink.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QAbstractItemView;
class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPlainTextEdit;
class QStringListModel;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace Workbench {

namespace Json {
class JsonRowFilter;
class JsonTableModel;
class JsonTreeModel;
class JsonTreeSearch;
struct SearchResult;
} // namespace Json

// Any answer of the REST Browser, for a page to embed: a Table of its rows (when it has rows:
// those given, or the document itself when it is an array of objects), a lazy Tree of the whole
// document, the Raw text (its start, for a large answer), and a filter line over keys and values:
// the table shows the rows that match, the tree lists the key paths that match (searched off the
// GUI thread, the first 10,000), each selectable, the tree expanding to it. Copy Value (Ctrl+C)
// and Copy Path (Ctrl+Shift+C) in the context menu; values that name another thing (a snapshotId,
// a trace id, a website id; core/browse/entitylink.h) are drawn as links and opened by a double
// click or Enter.
class JsonResultView : public QWidget
{
    Q_OBJECT
public:
    // The Raw tab shows at most this much of an answer, pretty-printed only up to PrettyBytes.
    static constexpr qsizetype RawShownBytes = qsizetype(2) * 1024 * 1024;
    static constexpr qsizetype PrettyBytes = qsizetype(512) * 1024;
    // A document that is an array of objects gets a table up to this many rows (the tree shows
    // any number); rows given to setAnswer() or appendRows() always do.
    static constexpr qsizetype TableRowsCeiling = 200000;
    // Lines of the Raw tab longer than this are broken for display.
    static constexpr qsizetype RawLineLength = 2000;

    explicit JsonResultView(QWidget *parent = nullptr);
    ~JsonResultView() override;

    // Shows an answer: its text, its parsed document (null or empty: the text only), the rows of
    // a table with the columns preferred first, and the catalog view it came from (for links).
    void setAnswer(QByteArray body, std::shared_ptr<const QJsonDocument> document, QJsonArray rows = {},
                   QStringList columns = {}, QString viewName = {});
    // Adds rows to the table (Load More).
    void appendRows(const QJsonArray &rows);
    void clear();

    QString filterText() const;
    void setFilterText(const QString &text);
    // The table's selected rows (every shown row when none is selected), in the order shown.
    QJsonArray selectedRows() const;

Q_SIGNALS:
    void linkActivated(const Workbench::Browse::EntityLink &link);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *currentView() const;
    QModelIndex currentValueIndex() const;
    std::optional<Browse::EntityLink> linkAt(const QModelIndex &index) const;
    QString pathAt(const QModelIndex &index) const;
    void copyValue();
    void copyPath();
    void activate(const QModelIndex &index);
    void showContextMenu(QAbstractItemView *view, const QPoint &position);
    void applyFilter();
    void searchFinished(const Json::SearchResult &result);
    void revealPath(const QString &keyPath);
    void fetchMoreAtBottom();
    void setRawText(); // when the Raw tab shows, once an answer
    void updateTableTab();
    void updateStatus();

    QByteArray m_body;
    std::shared_ptr<const QJsonDocument> m_document;
    QString m_viewName;
    QString m_tableNote;
    QString m_searchNote;
    bool m_rawDirty = false; // the Raw tab does not show the answer yet

    QLineEdit *m_filter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QTreeView *m_tree = nullptr;
    QListView *m_matches = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QLabel *m_rawNote = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_tablePage = nullptr;
    QWidget *m_treePage = nullptr;
    QWidget *m_rawPage = nullptr;
    QAction *m_copyValue = nullptr;
    QAction *m_copyPath = nullptr;
    QTimer *m_filterTimer = nullptr;
    Json::JsonTableModel *m_tableModel = nullptr;
    Json::JsonRowFilter *m_rowFilter = nullptr;
    Json::JsonTreeModel *m_treeModel = nullptr;
    Json::JsonTreeSearch *m_search = nullptr;
    QStringListModel *m_matchModel = nullptr;
};

} // namespace Workbench
