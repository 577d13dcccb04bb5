#include "ui/rest/jsonresultview.h"

#include "core/json/jsonsearch.h"
#include "core/json/jsontable.h"
#include "core/json/jsontablemodel.h"
#include "core/json/jsontreemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {

// Cells whose value links to another thing drawn as links: the palette's link colour, underlined.
class LinkDelegate : public QStyledItemDelegate
{
public:
    LinkDelegate(std::function<bool(const QModelIndex &)> isLink, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_isLink(std::move(isLink))
    {
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!m_isLink(index))
            return;
        option->font.setUnderline(true);
        const QColor link = option->palette.color(QPalette::Link);
        option->palette.setColor(QPalette::Text, link);
        option->palette.setColor(QPalette::WindowText, link);
    }

private:
    std::function<bool(const QModelIndex &)> m_isLink;
};

// The value as a person copies it: a string as it is, other scalars as JSON writes them, an
// object or array as indented JSON.
QString copiedText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
    case QJsonValue::Double:
        break;
    }
    return Json::cellText(value, 0);
}

// The start of an answer for the Raw tab: cut where a UTF-8 sequence starts, lines longer than
// `lineLength` broken so that the text view lays them out quickly.
QString rawStart(const QByteArray &body, qsizetype bytes, qsizetype lineLength)
{
    qsizetype cut = std::min(bytes, body.size());
    while (cut > 0 && cut < body.size() && (uchar(body.at(cut)) & 0xC0) == 0x80)
        --cut;
    const QString text = QString::fromUtf8(body.constData(), cut);
    QString shown;
    shown.reserve(text.size() + text.size() / lineLength + 1);
    qsizetype column = 0;
    for (const QChar c : text) {
        if (c == u'\n') {
            column = 0;
        } else if (++column > lineLength) {
            shown += u'\n';
            column = 1;
        }
        shown += c;
    }
    return shown;
}

} // namespace

JsonResultView::JsonResultView(QWidget *parent)
    : QWidget(parent)
    , m_tableModel(new Json::JsonTableModel(this))
    , m_rowFilter(new Json::JsonRowFilter(this))
    , m_treeModel(new Json::JsonTreeModel(this))
    , m_search(new Json::JsonTreeSearch(this))
    , m_matchModel(new QStringListModel(this))
{
    m_rowFilter->setSourceModel(m_tableModel);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"filter"_s);
    m_filter->setPlaceholderText(tr("Filter keys and values"));
    m_filter->setClearButtonEnabled(true);

    // In the tree the value is drawn as the link; the whole row opens it.
    const auto isLink = [this](const QModelIndex &index) {
        return (index.model() != m_treeModel || index.column() == Json::JsonTreeModel::ValueColumn)
            && linkAt(index).has_value();
    };

    // Its tab comes and goes with the rows: a hidden child of this view meanwhile.
    m_table = new QTableView(this);
    m_table->hide();
    m_table->setObjectName(u"table"_s);
    m_table->setModel(m_rowFilter);
    m_table->setItemDelegate(new LinkDelegate(isLink, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setDefaultSectionSize(160);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSortIndicatorClearable(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setSortingEnabled(true);
    m_tablePage = m_table;

    m_tree = new QTreeView;
    m_tree->setObjectName(u"tree"_s);
    m_treeModel->setChunksOnRequest(true);
    m_tree->setModel(m_treeModel);
    m_tree->setItemDelegate(new LinkDelegate(isLink, m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->header()->resizeSection(Json::JsonTreeModel::KeyColumn, 240);
    m_tree->header()->resizeSection(Json::JsonTreeModel::ValueColumn, 360);
    m_matches = new QListView;
    m_matches->setObjectName(u"matches"_s);
    m_matches->setModel(m_matchModel);
    m_matches->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matches->setUniformItemSizes(true);
    m_matches->hide();
    auto *treeSplitter = new QSplitter(Qt::Vertical);
    treeSplitter->addWidget(m_tree);
    treeSplitter->addWidget(m_matches);
    treeSplitter->setStretchFactor(0, 3);
    treeSplitter->setStretchFactor(1, 1);
    m_treePage = treeSplitter;

    m_rawPage = new QWidget;
    m_raw = new QPlainTextEdit;
    m_raw->setObjectName(u"raw"_s);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawNote = new QLabel;
    m_rawNote->setObjectName(u"raw-note"_s);
    m_rawNote->setWordWrap(true);
    m_rawNote->hide();
    auto *rawLayout = new QVBoxLayout(m_rawPage);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_rawNote);
    rawLayout->addWidget(m_raw);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_treePage, tr("Tree"));
    m_tabs->addTab(m_rawPage, tr("Raw"));

    m_status = new QLabel(this);
    m_status->setObjectName(u"status"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);

    m_copyValue = new QAction(tr("Copy Value"), this);
    m_copyValue->setObjectName(u"copy-value"_s);
    m_copyValue->setShortcut(QKeySequence::Copy);
    m_copyValue->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyValue, &QAction::triggered, this, &JsonResultView::copyValue);
    m_copyPath = new QAction(tr("Copy Path"), this);
    m_copyPath->setObjectName(u"copy-path"_s);
    m_copyPath->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyPath->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyPath, &QAction::triggered, this, &JsonResultView::copyPath);
    // On the views, not the whole widget: Ctrl+C in the filter line copies its text.
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_table), static_cast<QAbstractItemView *>(m_tree)}) {
        view->addAction(m_copyValue);
        view->addAction(m_copyPath);
        view->installEventFilter(this);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint &position) { showContextMenu(view, position); });
        connect(view, &QAbstractItemView::activated, this, &JsonResultView::activate);
    }

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    connect(m_filterTimer, &QTimer::timeout, this, &JsonResultView::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_filterTimer->stop();
        applyFilter();
    });
    connect(m_search, &Json::JsonTreeSearch::finished, this, &JsonResultView::searchFinished);
    connect(m_matches, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { revealPath(index.data().toString()); });
    connect(m_matches->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
        if (index.isValid())
            revealPath(index.data().toString());
    });
    connect(m_tree->verticalScrollBar(), &QScrollBar::valueChanged, this, &JsonResultView::fetchMoreAtBottom);
    connect(m_tree, &QTreeView::expanded, this, [this] { QTimer::singleShot(0, this, &JsonResultView::updateStatus); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_rawPage)
            setRawText();
        updateStatus();
    });
    connect(m_rowFilter, &QAbstractItemModel::rowsInserted, this, &JsonResultView::updateStatus);
    connect(m_rowFilter, &QAbstractItemModel::modelReset, this, &JsonResultView::updateStatus);
    updateStatus();
}

JsonResultView::~JsonResultView() = default;

void JsonResultView::setAnswer(QByteArray body, std::shared_ptr<const QJsonDocument> document, QJsonArray rows,
                               QStringList columns, QString viewName)
{
    m_search->cancel();
    m_body = std::move(body);
    m_document = document && !document->isNull() ? std::move(document) : nullptr;
    m_viewName = std::move(viewName);
    m_tableNote.clear();
    m_searchNote.clear();
    m_matchModel->setStringList({});

    if (rows.isEmpty() && m_document && m_document->isArray()) {
        const QJsonArray array = m_document->array();
        if (array.size() > TableRowsCeiling)
            m_tableNote = tr("No table: %1 elements are more than a table shows (%2); the tree shows them all.")
                              .arg(QLocale().toString(array.size()), QLocale().toString(TableRowsCeiling));
        else if (Json::isTableOfObjects(array))
            rows = array;
    }
    m_tableModel->setRows(rows, columns);
    m_treeModel->setDocument(m_document);
    // The Raw text is made when its tab is first shown.
    m_rawDirty = true;
    m_raw->clear();
    m_rawNote->hide();
    updateTableTab();
    if (m_tableModel->rowCount() > 0)
        m_tabs->setCurrentWidget(m_tablePage);
    else if (m_document)
        m_tabs->setCurrentWidget(m_treePage);
    else
        m_tabs->setCurrentWidget(m_rawPage);
    if (m_tabs->currentWidget() == m_rawPage)
        setRawText();
    if (!m_filter->text().isEmpty())
        applyFilter();
    updateStatus();
}

void JsonResultView::appendRows(const QJsonArray &rows)
{
    m_tableModel->appendRows(rows);
    updateTableTab();
    updateStatus();
}

void JsonResultView::clear()
{
    setAnswer({}, nullptr);
}

QString JsonResultView::filterText() const
{
    return m_filter->text();
}

void JsonResultView::setFilterText(const QString &text)
{
    m_filter->setText(text);
    m_filterTimer->stop();
    applyFilter();
}

void JsonResultView::updateTableTab()
{
    const bool wanted = m_tableModel->rowCount() > 0 || m_tableModel->columnCount() > 0;
    const int at = m_tabs->indexOf(m_tablePage);
    if (wanted && at < 0)
        m_tabs->insertTab(0, m_tablePage, tr("Table"));
    else if (!wanted && at >= 0) {
        m_tabs->removeTab(at);
        m_tablePage->hide();
    }
}

void JsonResultView::setRawText()
{
    if (!m_rawDirty)
        return;
    m_rawDirty = false;
    const qsizetype size = m_body.size();
    if (m_document && size <= PrettyBytes) {
        m_raw->setPlainText(QString::fromUtf8(m_document->toJson(QJsonDocument::Indented)));
        m_rawNote->hide();
        return;
    }
    m_raw->setPlainText(rawStart(m_body, RawShownBytes, RawLineLength));
    if (size > RawShownBytes) {
        const QLocale locale;
        m_rawNote->setText(tr("The answer has %1: the first %2 are shown, %3 are not.")
                               .arg(locale.formattedDataSize(size), locale.formattedDataSize(RawShownBytes),
                                    locale.formattedDataSize(size - RawShownBytes)));
        m_rawNote->show();
    } else {
        m_rawNote->hide();
    }
}

QAbstractItemView *JsonResultView::currentView() const
{
    if (m_tabs->currentWidget() == m_tablePage)
        return m_table;
    if (m_tabs->currentWidget() == m_treePage)
        return m_tree;
    return nullptr;
}

QModelIndex JsonResultView::currentValueIndex() const
{
    QAbstractItemView *view = currentView();
    return view ? view->currentIndex() : QModelIndex();
}

std::optional<Browse::EntityLink> JsonResultView::linkAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return std::nullopt;
    return Browse::linkFor(m_viewName, index.data(Json::KeyPathRole).toString(),
                           index.data(Json::ValueRole).value<QJsonValue>());
}

QString JsonResultView::pathAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.model() == m_treeModel)
        return m_treeModel->keyPath(index);
    // A cell: where it lies in the rows shown, "[row].column".
    return u'[' + QString::number(index.data(Json::JsonTableModel::SourceRowRole).toLongLong()) + u"]."_s
        + index.data(Json::KeyPathRole).toString();
}

void JsonResultView::copyValue()
{
    const QModelIndex index = currentValueIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(copiedText(index.data(Json::ValueRole).value<QJsonValue>()));
}

void JsonResultView::copyPath()
{
    const QModelIndex index = currentValueIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(pathAt(index));
}

void JsonResultView::activate(const QModelIndex &index)
{
    if (const auto link = linkAt(index))
        Q_EMIT linkActivated(*link);
}

void JsonResultView::showContextMenu(QAbstractItemView *view, const QPoint &position)
{
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid())
        return;
    view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_copyValue);
    menu.addAction(m_copyPath);
    if (const auto link = linkAt(index)) {
        menu.addSeparator();
        QAction *open = menu.addAction(tr("Open %1").arg(link->id));
        open->setObjectName(u"open-link"_s);
        connect(open, &QAction::triggered, this, [this, link = *link] { Q_EMIT linkActivated(link); });
    }
    menu.exec(view->viewport()->mapToGlobal(position));
}

bool JsonResultView::eventFilter(QObject *watched, QEvent *event)
{
    // The views copy their display text on Ctrl+C themselves when the key reaches them; the
    // value and the path are copied here instead.
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool copyValueKey = key->matches(QKeySequence::Copy);
        const bool copyPathKey = key->keyCombination() == QKeyCombination(Qt::CTRL | Qt::SHIFT, Qt::Key_C);
        if (copyValueKey || copyPathKey) {
            if (event->type() == QEvent::KeyPress && copyPathKey)
                copyPath();
            else if (event->type() == QEvent::KeyPress)
                copyValue();
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void JsonResultView::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    m_rowFilter->setText(text);
    m_matchModel->setStringList({});
    m_searchNote.clear();
    if (text.isEmpty() || !m_document) {
        m_search->cancel();
        m_matches->hide();
    } else {
        m_searchNote = tr("Searching…");
        m_matches->show();
        m_search->start(m_document, text);
    }
    updateStatus();
}

void JsonResultView::searchFinished(const Json::SearchResult &result)
{
    m_matchModel->setStringList(result.keyPaths);
    const auto count = int(result.keyPaths.size());
    if (result.truncated)
        m_searchNote = tr("More than %n match(es) in the tree: the first ones are listed.", nullptr, count);
    else
        m_searchNote = tr("%n match(es) in the tree", nullptr, count);
    updateStatus();
}

void JsonResultView::revealPath(const QString &keyPath)
{
    const QModelIndex index = m_treeModel->indexForPath(keyPath);
    if (!index.isValid())
        return;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void JsonResultView::fetchMoreAtBottom()
{
    // The next chunk of the value whose children reach the bottom, once the view is scrolled there.
    QScrollBar *bar = m_tree->verticalScrollBar();
    if (bar->value() < bar->maximum())
        return;
    // The last row in sight: scrolled per item, the space below it may be empty.
    QModelIndex last;
    for (int y = m_tree->viewport()->height() - 1; y >= 0 && !last.isValid(); y -= 4)
        last = m_tree->indexAt(QPoint(1, y));
    QModelIndex parent = last.parent();
    while (parent.isValid() && !m_treeModel->canFetchMore(parent))
        parent = parent.parent();
    if (m_treeModel->canFetchMore(parent))
        m_treeModel->fetchNextChunk(parent);
}

void JsonResultView::updateStatus()
{
    QStringList parts;
    if (m_tabs->currentWidget() == m_tablePage) {
        const int total = m_tableModel->rowCount();
        const int shown = m_rowFilter->rowCount();
        if (m_rowFilter->text().isEmpty())
            parts << tr("%n row(s)", nullptr, total);
        else
            parts << tr("%1 of %n row(s) match", nullptr, total).arg(QLocale().toString(shown));
    } else if (m_tabs->currentWidget() == m_treePage) {
        if (!m_searchNote.isEmpty())
            parts << m_searchNote;
    }
    if (!m_tableNote.isEmpty())
        parts << m_tableNote;
    if (!m_document && !m_body.isEmpty())
        parts << tr("The answer is no JSON: only its text is shown.");
    m_status->setText(parts.join(u"  ·  "_s));
}

QJsonArray JsonResultView::selectedRows() const
{
    QJsonArray rows;
    if (!m_table || !m_table->model())
        return rows;
    const QAbstractItemModel *shown = m_table->model();
    QList<int> chosen;
    if (const QItemSelectionModel *selection = m_table->selectionModel()) {
        const QModelIndexList indexes = selection->selectedRows();
        for (const QModelIndex &index : indexes)
            chosen.append(index.row());
    }
    if (chosen.isEmpty()) {
        for (int row = 0; row < shown->rowCount(); ++row)
            chosen.append(row);
    }
    std::sort(chosen.begin(), chosen.end());
    for (const int row : std::as_const(chosen)) {
        const QModelIndex source = m_rowFilter->mapToSource(shown->index(row, 0));
        if (source.isValid())
            rows.append(m_tableModel->rowValue(source.row()));
    }
    return rows;
}

} // namespace Workbench
