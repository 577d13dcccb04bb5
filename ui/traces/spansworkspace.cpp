#include "ui/traces/spansworkspace.h"

#include "core/agentapi/agentendpoint.h"
#include "core/target/targetmonitor.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanstore.h"
#include "core/traces/spantreeedits.h"
#include "core/traces/spantreemodel.h"
#include "core/traces/tracesender.h"
#include "ui/traces/spanfindings.h"
#include "ui/traces/spanform.h"
#include "ui/traces/spantreecommands.h"
#include "ui/traces/spantreedelegate.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <map>

using namespace Qt::StringLiterals;

namespace Workbench {

using Traces::Span;

namespace {
// Trees this large are opened with only their top levels expanded.
constexpr qsizetype ExpandAllLimit = 10000;
constexpr int ValidationDelayMs = 150;

qint64 nowMs()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return now - now % 1000;
}

QString jsonFilter()
{
    return SpansWorkspace::tr("Spans in the agent's format (*.json);;All files (*)");
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return SpansWorkspace::tr("%1 ms").arg(qlonglong(ms));
    if (ms < 60000)
        return SpansWorkspace::tr("%1 s").arg(double(ms) / 1000, 0, 'f', 1);
    return SpansWorkspace::tr("%1 min %2 s").arg(qlonglong(ms / 60000)).arg(qlonglong(ms % 60000 / 1000));
}
} // namespace

SpansWorkspace::SpansWorkspace(TargetMonitor *monitor, QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_model(new SpanTreeModel(this))
    , m_undo(new QUndoStack(this))
    , m_tree(new QTreeView(this))
    , m_form(new SpanForm(this))
    , m_findings(new SpanFindings(this))
    , m_notice(new QLabel(this))
    , m_status(new QLabel(this))
    , m_idMode(new QComboBox(this))
    , m_seed(new QLineEdit(this))
    , m_validate(new QTimer(this))
    , m_sender(new Traces::TraceSender(network, this))
    , m_sendPanel(new QWidget(this))
    , m_sendProgress(new QProgressBar(this))
    , m_sendStatus(new QLabel(this))
    , m_sendCancel(new QPushButton(tr("Cancel"), this))
    , m_ids(Traces::SpanIdSource::strong())
{
    setObjectName(u"spans-workspace"_s);
    setAcceptDrops(true);
    m_undo->setObjectName(u"spans-undo"_s);

    m_tree->setObjectName(u"span-tree"_s);
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new SpanTreeDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setAlternatingRowColors(true);
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setDropIndicatorShown(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->setToolTip(tr("Drag a span onto another to make it its child, or between two to place it there."));
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SpanTreeModel::NameColumn, QHeaderView::Stretch);
    header->resizeSection(SpanTreeModel::TypeColumn, 104);
    header->resizeSection(SpanTreeModel::ServiceColumn, 110);
    header->resizeSection(SpanTreeModel::StartColumn, 96);
    header->resizeSection(SpanTreeModel::DurationColumn, 76);
    header->resizeSection(SpanTreeModel::ErrorColumn, 48);
    m_model->setMoveHandler([this](SpanNode *node, SpanNode *newParent, int row) {
        // The drop is made an undoable step once the view is done with its drag.
        QTimer::singleShot(0, this, [this, node, newParent, row] {
            if (m_model->contains(node) && (newParent == m_model->rootNode() || m_model->contains(newParent)))
                moveTo(node, newParent, row, tr("Move \"%1\"").arg(node->span.name));
        });
    });

    m_notice->setObjectName(u"span-notice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(6);
    m_notice->hide();
    m_status->setObjectName(u"spans-document"_s);
    m_status->setTextFormat(Qt::RichText);

    // The form, scrolled when the window is short.
    auto *formBox = new QGroupBox(tr("Span"), this);
    auto *formLayout = new QVBoxLayout(formBox);
    formLayout->setContentsMargins(6, 6, 6, 6);
    formLayout->addWidget(m_form);
    auto *formScroll = new QScrollArea(this);
    formScroll->setObjectName(u"span-form-scroll"_s);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(formBox);
    formScroll->setMinimumWidth(360);
    m_form->setIdGenerator([this] { return newId(); });

    auto *findingsBox = new QGroupBox(tr("Findings"), this);
    auto *findingsLayout = new QVBoxLayout(findingsBox);
    findingsLayout->setContentsMargins(6, 6, 6, 6);
    findingsLayout->addWidget(m_findings);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(u"spans-split"_s);
    top->setChildrenCollapsible(false);
    top->addWidget(m_tree);
    top->addWidget(formScroll);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({620, 440});
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"spans-vsplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(findingsBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 150});

    // Sending: what went and what is left, and a way to stop.
    m_sendPanel->setObjectName(u"send-panel"_s);
    m_sendProgress->setObjectName(u"send-progress"_s);
    m_sendProgress->setTextVisible(true);
    m_sendStatus->setObjectName(u"send-status"_s);
    m_sendStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sendCancel->setObjectName(u"send-cancel"_s);
    m_sendCancel->setToolTip(tr("Stop sending; the answers of requests under way are awaited and counted."));
    auto *sendLayout = new QHBoxLayout(m_sendPanel);
    sendLayout->setContentsMargins(0, 0, 0, 0);
    sendLayout->addWidget(m_sendProgress, 1);
    sendLayout->addWidget(m_sendStatus, 2);
    sendLayout->addWidget(m_sendCancel);
    m_sendPanel->hide();

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createToolBar());
    layout->addWidget(m_notice);
    layout->addWidget(split, 1);
    layout->addWidget(m_sendPanel);
    layout->addLayout(statusRow);

    m_validate->setObjectName(u"span-validation-timer"_s);
    m_validate->setSingleShot(true);
    m_validate->setInterval(ValidationDelayMs);
    connect(m_validate, &QTimer::timeout, this, &SpansWorkspace::validateNow);
    connect(m_model, &SpanTreeModel::contentChanged, this, &SpansWorkspace::onContentChanged);
    connect(m_model, &SpanTreeModel::focusRequested, this, [this](SpanNode *node) {
        if (node)
            selectNode(node);
        else
            m_tree->setCurrentIndex({});
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &SpansWorkspace::onCurrentChanged);
    connect(m_form, &SpanForm::edited, this, &SpansWorkspace::onFormEdited);
    connect(m_findings, &SpanFindings::spanActivated, this, &SpansWorkspace::onFindingActivated);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        updateStatus();
        Q_EMIT modifiedChanged(!clean);
    });
    connect(m_sender, &Traces::TraceSender::progress, this, &SpansWorkspace::onSendProgress);
    connect(m_sender, &Traces::TraceSender::finished, this, &SpansWorkspace::onSendFinished);
    connect(m_sendCancel, &QPushButton::clicked, this, &SpansWorkspace::cancelSend);
    if (m_monitor)
        connect(m_monitor, &TargetMonitor::agentChanged, this, &SpansWorkspace::updateActions);

    // Not an empty page: a small trace to start from, to change or to replace.
    Traces::SpanIdSource ids = Traces::SpanIdSource::strong();
    resetDocument(Traces::SpanTemplates::build(Traces::SpanTemplates::Shape::HttpEntryWithDownstream, nowMs(), ids),
                  QString());
    setFocusProxy(m_tree);
}

SpansWorkspace::~SpansWorkspace()
{
    // The commands hold nodes the model's tree may point into; they go first.
    m_undo->clear();
}

template<typename Slot>
QAction *SpansWorkspace::makeAction(const QString &name, const QString &text, const QString &toolTip,
                                    const QKeySequence &keys, Slot slot)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(keys.isEmpty() ? toolTip : toolTip + u" ("_s + keys.toString(QKeySequence::NativeText) + u')');
    connect(action, &QAction::triggered, this, [this, slot] { (this->*slot)(); });
    addAction(action);
    return action;
}

QWidget *SpansWorkspace::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"spans-toolbar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));

    // File.
    QAction *newDoc = makeAction(u"span-new"_s, tr("&New"), tr("Start an empty document"), QKeySequence::New,
                                 &SpansWorkspace::newDocument);
    QAction *openDoc = makeAction(u"span-open"_s, tr("&Open…"), tr("Open spans from a JSON file"), QKeySequence::Open,
                                  &SpansWorkspace::open);
    QAction *saveDoc = makeAction(u"span-save"_s, tr("&Save"), tr("Save the document as JSON"), QKeySequence::Save,
                                  &SpansWorkspace::save);
    QAction *saveDocAs = makeAction(u"span-save-as"_s, tr("Save &As…"), tr("Save the document in another file"),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), &SpansWorkspace::saveAs);
    auto *fileButton = new QToolButton(bar);
    fileButton->setObjectName(u"span-file-menu"_s);
    fileButton->setText(tr("File"));
    fileButton->setPopupMode(QToolButton::InstantPopup);
    auto *fileMenu = new QMenu(fileButton);
    fileMenu->addActions({newDoc, openDoc, saveDoc, saveDocAs});
    fileButton->setMenu(fileMenu);
    bar->addWidget(fileButton);
    bar->addAction(saveDoc);
    bar->addSeparator();

    // Undo and redo.
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setObjectName(u"span-undo"_s);
    undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setObjectName(u"span-redo"_s);
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    addAction(redo);
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();

    // The tree.
    m_addChild = makeAction(u"span-add-child"_s, tr("Add Child"), tr("Add a span below the selected one"),
                            QKeySequence(Qt::CTRL | Qt::Key_Insert), &SpansWorkspace::addChild);
    m_addSibling = makeAction(u"span-add-sibling"_s, tr("Add Sibling"),
                              tr("Add a span next to the selected one (a new trace at the top)"),
                              QKeySequence(Qt::Key_Insert), &SpansWorkspace::addSibling);
    m_duplicate = makeAction(u"span-duplicate"_s, tr("Duplicate"),
                             tr("Copy the selected span with the spans below it, with new ids"),
                             QKeySequence(Qt::CTRL | Qt::Key_D), &SpansWorkspace::duplicate);
    m_delete = makeAction(u"span-delete"_s, tr("Delete"), tr("Delete the selected span and the spans below it"),
                          QKeySequence::Delete, &SpansWorkspace::removeCurrent);
    // Insert and Delete belong to the tree: in the form they edit text.
    for (QAction *action : {m_addSibling, m_delete}) {
        removeAction(action);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_tree->addAction(action);
    }
    m_up = makeAction(u"span-up"_s, tr("Up"), tr("Move the span before its previous sibling"),
                      QKeySequence(Qt::ALT | Qt::Key_Up), &SpansWorkspace::moveUp);
    m_down = makeAction(u"span-down"_s, tr("Down"), tr("Move the span after its next sibling"),
                        QKeySequence(Qt::ALT | Qt::Key_Down), &SpansWorkspace::moveDown);
    m_indent = makeAction(u"span-indent"_s, tr("Indent"), tr("Make the span a child of its previous sibling"),
                          QKeySequence(Qt::ALT | Qt::Key_Right), &SpansWorkspace::indent);
    m_outdent = makeAction(u"span-outdent"_s, tr("Outdent"), tr("Make the span a sibling of its parent"),
                           QKeySequence(Qt::ALT | Qt::Key_Left), &SpansWorkspace::outdent);
    for (QAction *action : {m_addChild, m_addSibling, m_duplicate, m_delete})
        bar->addAction(action);
    bar->addSeparator();
    for (QAction *action : {m_up, m_down, m_indent, m_outdent})
        bar->addAction(action);
    bar->addSeparator();
    m_tree->addActions({m_addChild, m_duplicate, m_up, m_down, m_indent, m_outdent});

    // Templates.
    auto *templates = new QToolButton(bar);
    templates->setObjectName(u"span-templates"_s);
    templates->setText(tr("Templates"));
    templates->setToolTip(tr("Add a trace of a common shape"));
    templates->setPopupMode(QToolButton::InstantPopup);
    auto *templateMenu = new QMenu(templates);
    templateMenu->setObjectName(u"span-template-menu"_s);
    for (const auto shape : Traces::SpanTemplates::shapes()) {
        QAction *action = templateMenu->addAction(Traces::SpanTemplates::name(shape));
        action->setObjectName(u"span-template-"_s + QString::number(int(shape)));
        action->setToolTip(Traces::SpanTemplates::description(shape));
        connect(action, &QAction::triggered, this, [this, shape] { insertTemplate(shape); });
    }
    templateMenu->setToolTipsVisible(true);
    templates->setMenu(templateMenu);
    bar->addWidget(templates);
    bar->addSeparator();

    // Sending (see send()).
    m_send = makeAction(u"span-send"_s, tr("Send…"), tr("Send the document to the agent target's trace endpoint"),
                        QKeySequence(Qt::CTRL | Qt::Key_Return), &SpansWorkspace::send);
    bar->addAction(m_send);

    // Where new ids come from.
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    auto *idLabel = new QLabel(tr("New ids:"), bar);
    m_idMode->setObjectName(u"span-id-mode"_s);
    m_idMode->addItem(tr("Random"));
    m_idMode->addItem(tr("Seeded"));
    m_idMode->setToolTip(tr("Random: ids from the system's strong generator. Seeded: the same seed gives the same "
                            "ids again, step by step."));
    m_seed->setObjectName(u"span-id-seed"_s);
    m_seed->setPlaceholderText(tr("seed"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[0-9]{1,19}"_s), m_seed));
    m_seed->setFixedWidth(m_seed->fontMetrics().horizontalAdvance(u"0000000000"_s) + 12);
    m_seed->setText(u"42"_s);
    m_seed->setEnabled(false);
    m_seed->setToolTip(tr("The seed of reproducible ids (a whole number)."));
    bar->addWidget(idLabel);
    bar->addWidget(m_idMode);
    bar->addWidget(m_seed);
    auto applySeed = [this] {
        const bool seeded = m_idMode->currentIndex() == 1;
        m_seed->setEnabled(seeded);
        setIdSeed(seeded ? std::optional<quint64>(m_seed->text().toULongLong()) : std::nullopt);
    };
    connect(m_idMode, &QComboBox::currentIndexChanged, this, applySeed);
    connect(m_seed, &QLineEdit::textChanged, this, applySeed);
    return bar;
}

// ---- The document ----

QList<Span> SpansWorkspace::spans() const
{
    return m_model->spans();
}

void SpansWorkspace::setSpans(const QList<Span> &spans)
{
    resetDocument(spans, QString());
}

void SpansWorkspace::resetDocument(const QList<Span> &spans, const QString &path)
{
    cancelSend();
    m_undo->clear();
    m_model->setSpans(spans);
    m_undo->setClean();
    const bool pathChanged = path != m_path;
    m_path = path;
    if (m_model->spanCount() <= ExpandAllLimit)
        m_tree->expandAll();
    else
        m_tree->expandToDepth(1);
    if (m_model->rowCount() > 0)
        selectNode(m_model->rootNode()->children.front().get());
    validateNow();
    updateStatus();
    if (pathChanged)
        Q_EMIT filePathChanged(m_path);
    Q_EMIT modifiedChanged(false);
}

bool SpansWorkspace::isModified() const
{
    return !m_undo->isClean();
}

QString SpansWorkspace::notice() const
{
    return m_notice->isVisible() || !m_notice->isHidden() ? m_notice->text() : QString();
}

void SpansWorkspace::showNotice(const QString &html, bool error)
{
    if (html.isEmpty()) {
        m_notice->clear();
        m_notice->hide();
        return;
    }
    m_notice->setText(html);
    m_notice->setStyleSheet(error ? u"QLabel { background: #fdecea; color: #8e1b1b; }"_s
                                  : u"QLabel { background: #fff4e5; color: #6d4200; }"_s);
    m_notice->show();
}

void SpansWorkspace::onContentChanged()
{
    // One validation for a burst of edits; a pending one is kept pending.
    m_validationPending = true;
    m_validate->start();
    if (SpanNode *node = currentNode())
        m_form->setSpan(node);
    updateActions();
    updateStatus();
    Q_EMIT documentChanged();
}

void SpansWorkspace::validateNow()
{
    m_validate->stop();
    m_validationPending = false;
    const Traces::SpanStore store = Traces::SpanStore::fromSpans(m_model->spans());
    m_report = Traces::TraceValidator::validate(store);
    m_findings->setReport(m_report, store.size());
}

void SpansWorkspace::updateStatus()
{
    const QString name = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
    QString text = u"<b>"_s + name.toHtmlEscaped() + u"</b>"_s;
    if (isModified())
        text += u" <span style=\"color:#b26a00\">● "_s + tr("modified") + u"</span>"_s;
    text += u" · "_s + tr("%n span(s)", nullptr, int(m_model->spanCount()));
    text += u" · "_s + tr("%n trace(s) at the top", nullptr, m_model->rowCount());
    if (!m_path.isEmpty())
        m_status->setToolTip(m_path);
    m_status->setText(text);
}

// ---- Selection and the form ----

SpanNode *SpansWorkspace::currentNode() const
{
    return m_model->nodeFromIndex(m_tree->currentIndex());
}

void SpansWorkspace::selectNode(SpanNode *node)
{
    const QModelIndex index = m_model->indexOf(node);
    if (!index.isValid())
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void SpansWorkspace::onCurrentChanged()
{
    m_form->setSpan(currentNode());
    updateActions();
}

void SpansWorkspace::onFormEdited(const Span &span, int field)
{
    SpanNode *node = currentNode();
    if (!node)
        return;
    m_undo->push(new SetSpanCommand(m_model, node, span, SetSpanCommand::Field(field)));
}

void SpansWorkspace::onFindingActivated(int index, const QString &spanId)
{
    // The findings may be a moment older than the tree: the span at their index is taken
    // only when it still has the id they name.
    const std::vector<SpanNode *> flat = m_model->flatten();
    SpanNode *node = nullptr;
    if (index >= 0 && size_t(index) < flat.size() && flat[size_t(index)]->span.spanId == spanId)
        node = flat[size_t(index)];
    else if (!spanId.isEmpty())
        node = m_model->findSpan(spanId);
    if (node) {
        selectNode(node);
        m_tree->setFocus();
    }
}

void SpansWorkspace::updateActions()
{
    SpanNode *node = currentNode();
    const bool has = node != nullptr;
    m_addChild->setEnabled(has);
    m_duplicate->setEnabled(has);
    m_delete->setEnabled(has);
    m_up->setEnabled(has && SpanTreeEdits::up(*node).has_value());
    m_down->setEnabled(has && SpanTreeEdits::down(*node).has_value());
    m_indent->setEnabled(has && SpanTreeEdits::indent(*node).has_value());
    m_outdent->setEnabled(has && SpanTreeEdits::outdent(*node).has_value());
    const bool sending = isSending();
    m_send->setEnabled(m_monitor && !sending && m_model->spanCount() > 0);
    if (!m_monitor)
        m_send->setToolTip(tr("Sending needs an agent target; this workspace was opened without one."));
    else
        m_send->setToolTip(tr("Send the document to %1 (Ctrl+Return)").arg(sendUrl().toDisplayString()));
}

// ---- Ids ----

void SpansWorkspace::setIdSeed(std::optional<quint64> seed)
{
    m_ids = seed ? Traces::SpanIdSource::seeded(*seed) : Traces::SpanIdSource::strong();
    const QSignalBlocker blockMode(m_idMode);
    const QSignalBlocker blockSeed(m_seed);
    m_idMode->setCurrentIndex(seed ? 1 : 0);
    m_seed->setEnabled(seed.has_value());
    if (seed && m_seed->text().toULongLong() != *seed)
        m_seed->setText(QString::number(*seed));
}

QString SpansWorkspace::newId()
{
    return m_ids.nextText();
}

// ---- Edits ----

namespace {
SpanNodes oneNode(const Span &span)
{
    SpanNodes nodes;
    nodes.push_back(std::make_unique<SpanNode>());
    nodes.back()->span = span;
    return nodes;
}
} // namespace

void SpansWorkspace::addChild()
{
    SpanNode *parentNode = currentNode();
    if (!parentNode)
        return;
    const SpanTreeEdits::Insertion child = SpanTreeEdits::child(*parentNode, newId(), nowMs());
    m_undo->push(new InsertSpansCommand(m_model, child.place.parent, child.place.row, oneNode(child.span),
                                        tr("Add a child to \"%1\"").arg(parentNode->span.name)));
}

void SpansWorkspace::addSibling()
{
    SpanNode *node = currentNode();
    const SpanTreeEdits::Insertion sibling = SpanTreeEdits::sibling(node, *m_model->rootNode(), newId(), nowMs());
    const QString text = sibling.place.parent == m_model->rootNode()
        ? tr("Add a trace")
        : tr("Add a sibling of \"%1\"").arg(node->span.name);
    m_undo->push(new InsertSpansCommand(m_model, sibling.place.parent, sibling.place.row, oneNode(sibling.span), text));
}

void SpansWorkspace::duplicate()
{
    SpanNode *node = currentNode();
    if (!node)
        return;
    SpanNodes nodes;
    nodes.push_back(SpanTreeEdits::copy(*node, SpanTreeEdits::isTop(*node), [this] { return newId(); }));
    const SpanTreeEdits::Place place = SpanTreeEdits::duplicatePlace(*node);
    m_undo->push(new InsertSpansCommand(m_model, place.parent, place.row, std::move(nodes),
                                        tr("Duplicate \"%1\"").arg(node->span.name)));
}

void SpansWorkspace::removeCurrent()
{
    if (SpanNode *node = currentNode())
        m_undo->push(new RemoveSpanCommand(m_model, node));
}

void SpansWorkspace::moveTo(SpanNode *node, SpanNode *newParent, int row, const QString &text)
{
    if (SpanTreeEdits::isMove(*node, {newParent, row}))
        m_undo->push(new MoveSpanCommand(m_model, node, newParent, row, text));
}

void SpansWorkspace::moveUp()
{
    SpanNode *node = currentNode();
    if (const auto place = node ? SpanTreeEdits::up(*node) : std::nullopt)
        moveTo(node, place->parent, place->row, tr("Move \"%1\" up").arg(node->span.name));
}

void SpansWorkspace::moveDown()
{
    SpanNode *node = currentNode();
    if (const auto place = node ? SpanTreeEdits::down(*node) : std::nullopt)
        moveTo(node, place->parent, place->row, tr("Move \"%1\" down").arg(node->span.name));
}

void SpansWorkspace::indent()
{
    SpanNode *node = currentNode();
    if (const auto place = node ? SpanTreeEdits::indent(*node) : std::nullopt) {
        moveTo(node, place->parent, place->row, tr("Indent \"%1\"").arg(node->span.name));
        m_tree->expand(m_model->indexOf(place->parent));
    }
}

void SpansWorkspace::outdent()
{
    SpanNode *node = currentNode();
    if (const auto place = node ? SpanTreeEdits::outdent(*node) : std::nullopt)
        moveTo(node, place->parent, place->row, tr("Outdent \"%1\"").arg(node->span.name));
}

void SpansWorkspace::insertTemplate(Traces::SpanTemplates::Shape shape)
{
    const QList<Span> spans = Traces::SpanTemplates::build(shape, nowMs(), m_ids);
    SpanNodes forest = SpanTreeModel::buildForest(spans);
    std::vector<SpanNode *> inserted;
    for (const auto &node : forest)
        inserted.push_back(node.get());
    m_undo->push(new InsertSpansCommand(m_model, m_model->rootNode(), m_model->rowCount(), std::move(forest),
                                        tr("Add \"%1\"").arg(Traces::SpanTemplates::name(shape))));
    for (SpanNode *node : inserted)
        m_tree->expandRecursively(m_model->indexOf(node));
}

// ---- Files ----

bool SpansWorkspace::confirmDiscard()
{
    if (!isModified())
        return true;
    if (m_confirmDiscard)
        return m_confirmDiscard();
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The spans have changes that are not saved. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

QString SpansWorkspace::chooseFile(FileRole role)
{
    if (m_chooseFile)
        return m_chooseFile(role);
    const QString dir = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    if (role == FileRole::Open)
        return QFileDialog::getOpenFileName(this, tr("Open Spans"), dir, jsonFilter());
    QString path = QFileDialog::getSaveFileName(this, tr("Save Spans"), m_path.isEmpty() ? dir : m_path, jsonFilter());
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += u".json"_s;
    return path;
}

void SpansWorkspace::newDocument()
{
    if (!confirmDiscard())
        return;
    showNotice({}, false);
    resetDocument({}, QString());
}

void SpansWorkspace::open()
{
    if (!confirmDiscard())
        return;
    const QString path = chooseFile(FileRole::Open);
    if (!path.isEmpty())
        openFile(path);
}

bool SpansWorkspace::openFile(const QString &path)
{
    Traces::SpanStore store;
    const Traces::ReadResult result = Traces::SpanJson::readFile(path, store);
    const QString name = QFileInfo(path).fileName().toHtmlEscaped();
    if (!result.ok()) {
        showNotice(u"<b>"_s + tr("✖ Could not open %1:").arg(name) + u"</b> "_s
                       + result.error.toString().toHtmlEscaped() + u"<br>"_s + tr("The document shown is unchanged."),
                   true);
        return false;
    }
    resetDocument(store.spans(), QFileInfo(path).absoluteFilePath());
    if (!result.skipped.isEmpty()) {
        QString html = u"<b>"_s
            + tr("⚠ %n element(s) of %1 are no span object and were left out:", nullptr, int(result.skipped.size()))
                  .arg(name)
            + u"</b> "_s;
        QStringList messages;
        for (qsizetype i = 0; i < result.skipped.size() && i < 3; ++i)
            messages << result.skipped.at(i).message.toHtmlEscaped();
        showNotice(html + messages.join(u"; "_s), false);
    } else {
        showNotice({}, false);
    }
    return true;
}

bool SpansWorkspace::saveFile(const QString &path)
{
    QString error;
    const Traces::SpanStore store = Traces::SpanStore::fromSpans(m_model->spans());
    if (!Traces::SpanJson::writeFile(path, store, Traces::SpanJson::Format::Pretty, &error)) {
        showNotice(u"<b>"_s + tr("✖ Could not save %1:").arg(QFileInfo(path).fileName().toHtmlEscaped()) + u"</b> "_s
                       + error.toHtmlEscaped(),
                   true);
        return false;
    }
    showNotice({}, false);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool changed = absolute != m_path;
    m_path = absolute;
    m_undo->setClean();
    updateStatus();
    if (changed)
        Q_EMIT filePathChanged(m_path);
    return true;
}

bool SpansWorkspace::save()
{
    if (m_path.isEmpty())
        return saveAs();
    return saveFile(m_path);
}

bool SpansWorkspace::saveAs()
{
    const QString path = chooseFile(FileRole::Save);
    return !path.isEmpty() && saveFile(path);
}

QList<QString> SpansWorkspace::droppedJsonFiles(const QMimeData *data)
{
    QList<QString> files;
    if (!data || !data->hasUrls())
        return files;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).suffix().compare(u"json"_s, Qt::CaseInsensitive) == 0)
            files.append(url.toLocalFile());
    }
    return files;
}

void SpansWorkspace::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedJsonFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QWidget::dragEnterEvent(event);
}

void SpansWorkspace::dropEvent(QDropEvent *event)
{
    const QList<QString> files = droppedJsonFiles(event->mimeData());
    if (files.isEmpty()) {
        QWidget::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    // The drag's source waits for the drop to end: the question comes after it.
    const QString &path = files.front();
    QTimer::singleShot(0, this, [this, path] {
        if (confirmDiscard())
            openFile(path);
    });
}

// ---- Sending ----

QUrl SpansWorkspace::sendUrl() const
{
    if (m_sendUrl.isValid())
        return m_sendUrl;
    return m_monitor ? AgentEndpoint::traceUrl(m_monitor->agent()) : QUrl();
}

bool SpansWorkspace::isSending() const
{
    return m_sender->isBusy();
}

void SpansWorkspace::send()
{
    if (isSending() || !m_monitor || m_model->spanCount() == 0)
        return;
    if (!m_sendUrl.isValid() && !m_monitor->refusal().isEmpty()) {
        // A refused agent setting: nothing is sent until an agent is chosen.
        m_sendStatus->setText(m_monitor->refusal());
        m_sendCancel->hide();
        m_sendPanel->show();
        return;
    }
    const QUrl url = sendUrl();
    auto store = std::make_shared<const Traces::SpanStore>(Traces::SpanStore::fromSpans(m_model->spans()));
    m_sendProgress->setRange(0, int(qMin<qsizetype>(store->size(), INT_MAX)));
    m_sendProgress->setValue(0);
    m_sendStatus->setText(tr("Sending %n span(s) to %1…", nullptr, int(store->size()))
                              .arg(AgentEndpoint::displayName(url.adjusted(QUrl::RemovePath))));
    m_sendCancel->show();
    m_sendPanel->show();
    m_sender->start(store, url);
    updateActions();
}

void SpansWorkspace::cancelSend()
{
    if (!isSending())
        return;
    if (m_sender->isStopping()) {
        m_sender->abort();
        return;
    }
    // The answers under way are awaited, so the summary says what the agent took; a second
    // click stops at once.
    m_sender->cancel();
    if (m_sender->isStopping()) {
        m_sendCancel->setText(tr("Stop Now"));
        m_sendCancel->setToolTip(tr("Stop at once; requests under way are aborted and counted as unknown."));
    }
}

void SpansWorkspace::onSendProgress(const Traces::TraceSendProgress &progress)
{
    const qsizetype done = progress.acknowledgedSpans + progress.refusedSpans + progress.failedSpans;
    m_sendProgress->setValue(int(qMin<qsizetype>(done, m_sendProgress->maximum())));
    QString text = tr("%1 of %2 spans sent · %n request(s)", nullptr, progress.requestsSent)
                       .arg(qlonglong(progress.acknowledgedSpans))
                       .arg(qlonglong(progress.totalSpans));
    text += u" · "_s + tr("%1 spans/s").arg(progress.spansPerSecond, 0, 'f', 0);
    if (progress.remainingMs >= 0)
        text += u" · "_s + tr("%1 left").arg(durationText(progress.remainingMs));
    if (progress.retries > 0)
        text += u" · "_s + tr("%n retry(s)", nullptr, progress.retries);
    m_sendStatus->setText(text);
}

void SpansWorkspace::onSendFinished(const Traces::TraceSendSummary &summary)
{
    m_sendCancel->hide();
    m_sendCancel->setText(tr("Cancel"));
    m_sendCancel->setToolTip(tr("Stop sending; the answers of requests under way are awaited and counted."));
    m_sendProgress->setValue(
        int(qMin<qsizetype>(summary.acknowledged + summary.refused + summary.failed, m_sendProgress->maximum())));
    const QString color = summary.complete ? u"#2e7d32"_s : u"#c62828"_s;
    m_sendStatus->setText(u"<span style=\"color:"_s + color + u"\">"_s + summary.message().toHtmlEscaped()
                          + u"</span>"_s);
    updateActions();
    Q_EMIT sendFinished(summary);
}

} // namespace Workbench
