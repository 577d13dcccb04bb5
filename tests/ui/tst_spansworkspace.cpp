// The Span Trees workspace driven with keys and clicks: spans added, duplicated, moved and
// deleted in the tree with undo and redo, the form editing the selected span, findings that
// follow every change and select their span, templates, files opened (by the Open action, by
// a drop, and a broken one), saved and read back, and the document sent to a real local
// agent on 127.0.0.1.

#include "core/agentapi/agentendpoint.h"
#include "core/localagent/localagent.h"
#include "core/target/targetmonitor.h"
#include "core/traces/spanjson.h"
#include "core/traces/spanstore.h"
#include "core/traces/spantemplates.h"
#include "core/traces/spantreemodel.h"
#include "core/traces/tracesender.h"
#include "tests/support/images.h"
#include "ui/traces/spandatatable.h"
#include "ui/traces/spanfindings.h"
#include "ui/traces/spanform.h"
#include "ui/traces/spansworkspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

#include <set>

using namespace Qt::StringLiterals;
using namespace Workbench;
using namespace Workbench::Traces;

namespace {

constexpr qint64 BaseTime = 1767225600000; // 2026-01-01T00:00:00Z

// ENTRY shop -> EXIT -> ENTRY inventory, from fixed ids.
QList<Span> httpTrace(quint64 seed = 1)
{
    SpanIdSource ids = SpanIdSource::seeded(seed);
    return SpanTemplates::build(SpanTemplates::Shape::HttpEntryWithDownstream, BaseTime, ids);
}

struct Fixture
{
    Fixture()
        : monitor(QUrl())
        , workspace(&monitor, &network)
        , tester(workspace.model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        workspace.resize(1100, 720);
        workspace.setIdSeed(1000);
        workspace.setDiscardConfirmation([this] {
            ++discardQuestions;
            return true;
        });
        workspace.setSpans(httpTrace());
    }

    template<typename T>
    T *find(const QString &name) const
    {
        T *child = workspace.findChild<T *>(name);
        if (!child)
            qWarning() << "no" << name;
        return child;
    }

    SpanTreeModel *model() const { return workspace.model(); }
    QTreeView *tree() const { return workspace.tree(); }
    QAction *action(const QString &name) const { return find<QAction>(name); }
    QListWidget *findings() const { return find<QListWidget>(u"span-findings"_s); }
    QLineEdit *name() const { return find<QLineEdit>(u"span-name"_s); }

    bool activate()
    {
        workspace.show();
        workspace.activateWindow();
        return QTest::qWaitForWindowActive(&workspace);
    }

    void select(SpanNode *node)
    {
        workspace.selectNode(node);
        tree()->setFocus();
    }

    SpanNode *top(int row) const { return model()->rootNode()->children.at(size_t(row)).get(); }
    // The tree as text: one line per span, indented, "name TYPE".
    QString outline() const
    {
        QStringList lines;
        for (const SpanNode *node : model()->flatten()) {
            int depth = 0;
            for (const SpanNode *p = node->parent; p && p != model()->rootNode(); p = p->parent)
                ++depth;
            lines << QString(depth * 2, u' ') + node->span.name + u' ' + node->span.type;
        }
        return lines.join(u'\n');
    }

    void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }

    TargetMonitor monitor;
    QNetworkAccessManager network;
    SpansWorkspace workspace;
    QAbstractItemModelTester tester;
    int discardQuestions = 0;
};

// Every span's parentId names its tree parent, and ids are unique.
void checkConsistent(const SpanTreeModel *model)
{
    std::set<QString> ids;
    for (const SpanNode *node : model->flatten()) {
        QVERIFY2(ids.insert(node->span.spanId).second, qPrintable(node->span.spanId));
        if (node->parent != model->rootNode()) {
            QCOMPARE(node->span.parentId, node->parent->span.spanId);
            QCOMPARE(node->span.traceId, node->parent->span.traceId);
        }
    }
}

QString writeTemp(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

} // namespace

class TestSpansWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TraceSendSummary>();
        qRegisterMetaType<TraceSendProgress>();
    }

    void startsWithATrace()
    {
        // A new workspace is no empty page: it holds a small trace without findings.
        TargetMonitor monitor{QUrl()};
        QNetworkAccessManager network;
        SpansWorkspace workspace(&monitor, &network);
        QCOMPARE(workspace.spans().size(), 3);
        QVERIFY(!workspace.isModified());
        QCOMPARE(workspace.report().errors, 0);
        QVERIFY(workspace.currentNode());
    }

    void addDuplicateDeleteUndoRedo()
    {
        Fixture f;
        QVERIFY(f.activate());
        QCOMPARE(f.outline(), u"GET /cart ENTRY\n  GET /items EXIT\n    GET /items ENTRY"_s);
        SpanNode *root = f.top(0);
        f.select(root);

        // Ctrl+Insert: a child, an EXIT after the ENTRY, in the same trace.
        QTest::keyClick(f.tree(), Qt::Key_Insert, Qt::ControlModifier);
        QCOMPARE(f.model()->spanCount(), 4);
        QCOMPARE(root->children.size(), size_t(2));
        SpanNode *child = root->children.back().get();
        QCOMPARE(child->span.type, u"EXIT"_s);
        QCOMPARE(f.workspace.currentNode(), child);
        checkConsistent(f.model());

        // Insert: a sibling of the new child.
        QTest::keyClick(f.tree(), Qt::Key_Insert);
        QCOMPARE(f.model()->spanCount(), 5);
        QCOMPARE(root->children.size(), size_t(3));
        checkConsistent(f.model());

        // Ctrl+D on the EXIT with its ENTRY below: a copy of both, new ids, parentIds remapped.
        SpanNode *exit = root->children.front().get();
        f.select(exit);
        QTest::keyClick(f.tree(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(f.model()->spanCount(), 7);
        SpanNode *copy = root->children.at(1).get();
        QCOMPARE(f.workspace.currentNode(), copy);
        QCOMPARE(copy->span.name, exit->span.name);
        QVERIFY(copy->span.spanId != exit->span.spanId);
        QCOMPARE(copy->children.size(), size_t(1));
        QCOMPARE(copy->children.front()->span.parentId, copy->span.spanId);
        QVERIFY(copy->children.front()->span.spanId != exit->children.front()->span.spanId);
        checkConsistent(f.model());
        QVERIFY(f.workspace.isModified());

        // Delete: the copy with its subtree.
        QTest::keyClick(f.tree(), Qt::Key_Delete);
        QCOMPARE(f.model()->spanCount(), 5);
        QCOMPARE(root->children.size(), size_t(3));

        // Ctrl+Z four times: back to the start; Ctrl+Shift+Z redoes.
        const QString afterAll = f.outline();
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(f.tree(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.model()->spanCount(), 3);
        QCOMPARE(f.workspace.spans(), httpTrace());
        QVERIFY(!f.workspace.isModified());
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(f.tree(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.outline(), afterAll);
        checkConsistent(f.model());

        // Duplicating a root makes a trace of its own.
        f.select(f.top(0));
        f.action(u"span-duplicate"_s)->trigger();
        QCOMPARE(f.model()->rowCount(), 2);
        QVERIFY(f.top(1)->span.traceId != f.top(0)->span.traceId);
        QCOMPARE(f.top(1)->span.traceId, f.top(1)->span.spanId);
        checkConsistent(f.model());
        f.workspace.validateNow();
        QCOMPARE(f.workspace.report().errors, 0);
    }

    void moveIndentOutdent()
    {
        Fixture f;
        QVERIFY(f.activate());
        SpanNode *root = f.top(0);
        f.select(root);
        f.action(u"span-add-child"_s)->trigger(); // root: EXIT, new call
        SpanNode *second = f.workspace.currentNode();
        second->span.name.size(); // present
        QCOMPARE(root->children.size(), size_t(2));

        // Alt+Up: the new call goes before the first EXIT.
        QTest::keyClick(f.tree(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(root->children.front().get(), second);
        QCOMPARE(f.workspace.currentNode(), second);
        QTest::keyClick(f.tree(), Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(root->children.back().get(), second);

        // Alt+Right: a child of the EXIT before it; Alt+Left: back beside it.
        QTest::keyClick(f.tree(), Qt::Key_Right, Qt::AltModifier);
        SpanNode *exit = root->children.front().get();
        QCOMPARE(second->parent, exit);
        QCOMPARE(second->span.parentId, exit->span.spanId);
        checkConsistent(f.model());
        QTest::keyClick(f.tree(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(second->parent, root);
        QCOMPARE(second->row, 1);

        // Out to the top: a trace of its own.
        QTest::keyClick(f.tree(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(second->parent, f.model()->rootNode());
        QVERIFY(second->span.parentId.isNull());
        QCOMPARE(second->span.traceId, second->span.spanId);
        f.workspace.validateNow();
        QCOMPARE(f.workspace.report().errors, 0);

        // Undo restores every step, ids included.
        QUndoStack *undo = f.workspace.undoStack();
        while (undo->canUndo())
            undo->undo();
        QCOMPARE(f.workspace.spans(), httpTrace());

        // Drag and drop: the inner ENTRY dropped on the root becomes its second child.
        SpanNode *inner = root->children.front()->children.front().get();
        QMimeData *data = f.model()->mimeData({f.model()->indexOf(inner)});
        QVERIFY(data);
        QVERIFY(f.model()->canDropMimeData(data, Qt::MoveAction, -1, -1, f.model()->indexOf(root)));
        // Not into its own subtree.
        QVERIFY(f.model()->canDropMimeData(data, Qt::MoveAction, -1, -1, f.model()->indexOf(root)));
        QVERIFY(f.model()->dropMimeData(data, Qt::MoveAction, -1, 0, f.model()->indexOf(root)));
        delete data;
        QTRY_COMPARE(inner->parent, root);
        QCOMPARE(inner->span.parentId, root->span.spanId);
        QCOMPARE(f.outline(), u"GET /cart ENTRY\n  GET /items EXIT\n  GET /items ENTRY"_s);
        QMimeData *rootData = f.model()->mimeData({f.model()->indexOf(root)});
        QVERIFY(!f.model()->canDropMimeData(rootData, Qt::MoveAction, -1, -1, f.model()->indexOf(inner)));
        delete rootData;
        undo->undo();
        QCOMPARE(f.workspace.spans(), httpTrace());
    }

    void formEdits()
    {
        Fixture f;
        QVERIFY(f.activate());
        SpanNode *exit = f.top(0)->children.front().get();
        f.select(exit);
        QCOMPARE(f.name()->text(), u"GET /items"_s);
        const int before = f.workspace.undoStack()->count();

        // Typing a name: the tree follows, and the keystrokes are one undo step.
        f.typeInto(f.name(), u"GET /stock"_s);
        const QModelIndex index = f.model()->indexOf(exit, SpanTreeModel::NameColumn);
        QCOMPARE(index.data().toString(), u"GET /stock"_s);
        QCOMPARE(f.workspace.undoStack()->count(), before + 1);
        QVERIFY(f.workspace.isModified());
        QVERIFY(f.find<QLabel>(u"spans-document"_s)->text().contains(u"modified"_s));
        f.workspace.undoStack()->undo();
        QCOMPARE(index.data().toString(), u"GET /items"_s);
        QCOMPARE(f.name()->text(), u"GET /items"_s);
        f.workspace.undoStack()->redo();
        QCOMPARE(f.name()->text(), u"GET /stock"_s);

        // Duration and start, as an offset from the parent.
        auto *duration = f.find<QSpinBox>(u"span-duration"_s);
        duration->setFocus();
        duration->selectAll();
        QTest::keyClicks(duration, u"55"_s);
        QCOMPARE(exit->span.duration, 55);
        QCOMPARE(f.model()->indexOf(exit, SpanTreeModel::DurationColumn).data().toString(), u"55 ms"_s);
        auto *offset = f.find<QSpinBox>(u"span-offset"_s);
        QVERIFY(offset->isVisible());
        offset->setValue(20);
        QCOMPARE(*exit->span.timestamp, BaseTime + 20);
        QCOMPARE(f.model()->indexOf(exit, SpanTreeModel::StartColumn).data().toString(), u"+20 ms"_s);
        // The same start, absolute.
        QTest::mouseClick(f.find<QCheckBox>(u"span-time-absolute"_s), Qt::LeftButton);
        auto *start = f.find<QDateTimeEdit>(u"span-start"_s);
        QVERIFY(start->isVisible());
        QCOMPARE(start->dateTime().toMSecsSinceEpoch(), BaseTime + 20);
        start->setDateTime(QDateTime::fromMSecsSinceEpoch(BaseTime + 30, Qt::UTC));
        QCOMPARE(*exit->span.timestamp, BaseTime + 30);

        // Error.
        auto *errorBox = f.find<QCheckBox>(u"span-error"_s);
        QTest::mouseClick(errorBox, Qt::LeftButton, {}, QPoint(8, errorBox->height() / 2));
        QCOMPARE(exit->span.error, true);
        QCOMPARE(f.model()->indexOf(exit, SpanTreeModel::ErrorColumn).data().toString(), u"error"_s);

        // Data: a row added and filled, keys kept in their order.
        auto *table = f.find<QTableWidget>(u"span-data-table"_s);
        const qsizetype keys = exit->span.data.size();
        QTest::mouseClick(f.find<QPushButton>(u"span-data-add"_s), Qt::LeftButton);
        QCOMPARE(exit->span.data.size(), keys + 1);
        table->item(table->rowCount() - 1, 0)->setText(u"peer.service"_s);
        table->item(table->rowCount() - 1, 1)->setText(u"inventory"_s);
        QCOMPARE(exit->span.data.back(), (DataItem{u"peer.service"_s, u"inventory"_s, false}));
        QCOMPARE(exit->span.data.front().key, u"service"_s);
        table->setCurrentCell(0, 0);
        QTest::mouseClick(f.find<QPushButton>(u"span-data-remove"_s), Qt::LeftButton);
        QCOMPARE(exit->span.data.front().key, u"http.method"_s);
        QCOMPARE(f.model()->indexOf(exit, SpanTreeModel::ServiceColumn).data().toString(), QString());
        f.workspace.undoStack()->undo();
        QCOMPARE(exit->span.data.front().key, u"service"_s);

        // backendTrace only for EUM.
        auto *backend = f.find<QLineEdit>(u"span-backend-trace"_s);
        QVERIFY(!backend->isEnabled());
        auto *type = f.find<QComboBox>(u"span-type"_s);
        type->setCurrentIndex(type->findText(u"EUM"_s));
        QCOMPARE(exit->span.type, u"EUM"_s);
        QVERIFY(backend->isEnabled());
        f.typeInto(backend, u"abc123"_s);
        QCOMPARE(exit->span.backendTrace, u"abc123"_s);

        // A new spanId: the child follows.
        const QString oldId = exit->span.spanId;
        QTest::mouseClick(f.find<QToolButton>(u"span-id-new"_s), Qt::LeftButton);
        QVERIFY(exit->span.spanId != oldId);
        QCOMPARE(exit->children.front()->span.parentId, exit->span.spanId);
        // A new traceId on the root: the whole trace follows.
        f.select(f.top(0));
        QTest::mouseClick(f.find<QToolButton>(u"span-trace-id-new"_s), Qt::LeftButton);
        checkConsistent(f.model());
        f.workspace.undoStack()->undo();
        QCOMPARE(f.top(0)->span.traceId, httpTrace().front().traceId);
        checkConsistent(f.model());
    }

    void findingsFollowAndSelect()
    {
        Fixture f;
        QVERIFY(f.activate());
        QCOMPARE(f.findings()->count(), 0);
        SpanNode *root = f.top(0);
        SpanNode *inner = root->children.front()->children.front().get();
        f.select(inner);

        // The inner ENTRY gets the root's id, typed by hand.
        auto *spanId = f.find<QLineEdit>(u"span-id"_s);
        f.typeInto(spanId, root->span.spanId);
        QCOMPARE(inner->span.spanId, root->span.spanId);
        // Re-validated after a short pause, not on every keystroke.
        QTRY_VERIFY(f.findings()->count() > 0);
        QVERIFY(f.workspace.report().hasErrors());
        QListWidgetItem *duplicate = nullptr;
        for (int i = 0; i < f.findings()->count(); ++i) {
            if (f.findings()->item(i)->toolTip().startsWith(u"duplicate-span-id"_s))
                duplicate = f.findings()->item(i);
        }
        QVERIFY(duplicate);
        QVERIFY(duplicate->text().contains(u"repeats the spanId"_s));
        QVERIFY(f.find<QLabel>(u"span-findings-summary"_s)->text().contains(u"error"_s));

        // Clicking the finding selects its span.
        f.select(root);
        QCOMPARE(f.workspace.currentNode(), root);
        f.findings()->scrollToItem(duplicate);
        QTest::mouseClick(f.findings()->viewport(), Qt::LeftButton, {},
                          f.findings()->visualItemRect(duplicate).center());
        QCOMPARE(f.workspace.currentNode(), inner);
        QCOMPARE(f.name()->text(), inner->span.name);

        // Undone, the findings go.
        f.workspace.undoStack()->undo();
        QTRY_COMPARE(f.findings()->count(), 0);
    }

    void templates()
    {
        Fixture f;
        f.workspace.setSpans({});
        QCOMPARE(f.model()->rowCount(), 0);
        QVERIFY(!f.action(u"span-add-child"_s)->isEnabled());
        for (const auto shape : SpanTemplates::shapes())
            f.find<QAction>(u"span-template-"_s + QString::number(int(shape)))->trigger();
        // HTTP, database, queue: one trace each; EUM: the page load and the backend trace.
        QCOMPARE(f.model()->rowCount(), 5);
        QCOMPARE(f.model()->spanCount(), 3 + 2 + 3 + 2);
        f.workspace.validateNow();
        QCOMPARE(f.workspace.report().errors, 0);
        QCOMPARE(f.workspace.report().warnings, 0);
        const SpanNode *eum = f.top(3);
        QCOMPARE(eum->span.type, u"EUM"_s);
        QCOMPARE(eum->span.backendTrace, f.top(4)->span.traceId);
        f.workspace.undoStack()->undo();
        QCOMPARE(f.model()->rowCount(), 3);
    }

    void seededIds()
    {
        Fixture f;
        f.select(f.top(0));
        f.workspace.setIdSeed(77);
        f.workspace.addChild();
        const QString first = f.workspace.currentNode()->span.spanId;
        f.workspace.undoStack()->undo();
        f.workspace.setIdSeed(77);
        f.select(f.top(0));
        f.workspace.addChild();
        QCOMPARE(f.workspace.currentNode()->span.spanId, first);
        QCOMPARE(f.find<QComboBox>(u"span-id-mode"_s)->currentIndex(), 1);
        QCOMPARE(f.find<QLineEdit>(u"span-id-seed"_s)->text(), u"77"_s);
        // The seed typed in the toolbar does the same.
        f.workspace.undoStack()->undo();
        auto *seed = f.find<QLineEdit>(u"span-id-seed"_s);
        seed->setText(u"78"_s);
        seed->setText(u"77"_s);
        f.select(f.top(0));
        f.workspace.addChild();
        QCOMPARE(f.workspace.currentNode()->span.spanId, first);
        // Random again: another id.
        f.workspace.undoStack()->undo();
        f.find<QComboBox>(u"span-id-mode"_s)->setCurrentIndex(0);
        f.select(f.top(0));
        f.workspace.addChild();
        QVERIFY(f.workspace.currentNode()->span.spanId != first);
    }

    void filesOpenSaveDrop()
    {
        Fixture f;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // Open…: the file chooser's answer, after the question about unsaved changes.
        SpanIdSource ids = SpanIdSource::seeded(9);
        const QList<Span> queue = SpanTemplates::build(SpanTemplates::Shape::MessageQueueHop, BaseTime, ids);
        const QString queuePath
            = writeTemp(dir, u"queue.json"_s, SpanJson::write(SpanStore::fromSpans(queue), SpanJson::Format::Pretty));
        f.workspace.setFileChooser([&](SpansWorkspace::FileRole role) {
            return role == SpansWorkspace::FileRole::Open ? queuePath : dir.filePath(u"saved"_s);
        });
        f.workspace.addSibling(); // an unsaved change
        QVERIFY(f.workspace.isModified());
        QSignalSpy changed(&f.workspace, &SpansWorkspace::documentChanged);
        f.action(u"span-open"_s)->trigger();
        QCOMPARE(f.discardQuestions, 1);
        QCOMPARE(f.workspace.spans(), queue);
        QCOMPARE(f.workspace.filePath(), QFileInfo(queuePath).absoluteFilePath());
        QVERIFY(!f.workspace.isModified());
        QVERIFY(changed.count() > 0);
        QVERIFY(f.find<QLabel>(u"spans-document"_s)->text().contains(u"queue.json"_s));

        // A broken file: the place is named, the document stays.
        const QString brokenPath = writeTemp(dir, u"broken.json"_s, "[\n  {\"spanId\": \"1\",\n   \"name\" \"x\"}\n]");
        QVERIFY(!f.workspace.openFile(brokenPath));
        QVERIFY2(f.workspace.notice().contains(u"line 3, column"_s), qPrintable(f.workspace.notice()));
        QVERIFY(f.workspace.notice().contains(u"broken.json"_s));
        QCOMPARE(f.workspace.spans(), queue);
        QVERIFY(!f.workspace.openFile(dir.filePath(u"missing.json"_s)));
        QCOMPARE(f.workspace.spans(), queue);

        // Edit, Save As… (".json" is not added by the test's chooser), read back: the same.
        f.select(f.top(0));
        f.typeInto(f.name(), u"POST /pay"_s);
        f.workspace.addChild();
        QVERIFY(f.workspace.isModified());
        QVERIFY(f.workspace.saveAs());
        QVERIFY(!f.workspace.isModified());
        QVERIFY(f.workspace.notice().isEmpty());
        SpanStore store;
        QVERIFY(SpanJson::readFile(dir.filePath(u"saved"_s), store).ok());
        QCOMPARE(store.spans(), f.workspace.spans());
        QFile saved(dir.filePath(u"saved"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        // Pretty: a member a line.
        QVERIFY(saved.readAll().count('\n') > 20);
        // Save again: the same file.
        f.workspace.undoStack()->undo();
        QVERIFY(f.workspace.isModified());
        QVERIFY(f.workspace.save());
        QVERIFY(!f.workspace.isModified());

        // A .json file dropped on the workspace opens.
        const QList<Span> http = httpTrace(5);
        const QString dropPath = writeTemp(dir, u"dropped.json"_s, SpanJson::write(SpanStore::fromSpans(http)));
        f.typeInto(f.name(), u"changed"_s);
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(dropPath)});
        const QPointF at(f.workspace.width() / 2.0, f.workspace.height() / 2.0);
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&f.workspace, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&f.workspace, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(f.workspace.spans(), http);
        QCOMPARE(f.discardQuestions, 2);
        QCOMPARE(QFileInfo(f.workspace.filePath()).fileName(), u"dropped.json"_s);

        // Other files are not taken.
        auto *text = new QMimeData;
        text->setUrls({QUrl::fromLocalFile(dir.filePath(u"notes.txt"_s))});
        QDragEnterEvent other(at.toPoint(), Qt::CopyAction, text, Qt::LeftButton, Qt::NoModifier);
        other.setAccepted(false);
        QApplication::sendEvent(&f.workspace, &other);
        QVERIFY(!other.isAccepted());
        delete text;
        delete mime;

        // Refusing the question keeps the document.
        f.typeInto(f.name(), u"kept"_s);
        f.workspace.setDiscardConfirmation([] { return false; });
        f.workspace.newDocument();
        QVERIFY(f.workspace.isModified());
        QCOMPARE(f.top(0)->span.name, u"kept"_s);
    }

    void largeDocument()
    {
        // 50,000 spans: 500 traces of an ENTRY with 99 EXITs below it.
        QList<Span> spans;
        spans.reserve(50000);
        SpanIdSource ids = SpanIdSource::seeded(3);
        for (int t = 0; t < 500; ++t) {
            Span root;
            root.spanId = ids.nextText();
            root.traceId = root.spanId;
            root.name = u"GET /"_s + QString::number(t);
            root.type = u"ENTRY"_s;
            root.timestamp = BaseTime + t * 1000;
            root.duration = 500;
            root.setData(u"service"_s, u"shop"_s);
            spans.append(root);
            for (int c = 0; c < 99; ++c) {
                Span child;
                child.spanId = ids.nextText();
                child.parentId = root.spanId;
                child.traceId = root.traceId;
                child.name = u"call"_s;
                child.type = u"EXIT"_s;
                child.timestamp = *root.timestamp + c;
                child.duration = 1;
                spans.append(child);
            }
        }
        Fixture f;
        QTemporaryDir dir;
        const QString path = writeTemp(dir, u"big.json"_s, SpanJson::write(SpanStore::fromSpans(spans)));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(f.workspace.openFile(path));
        QCOMPARE(f.model()->spanCount(), 50000);
        QCOMPARE(f.model()->rowCount(), 500);
        QCOMPARE(f.workspace.spans(), spans);
        QCOMPARE(f.workspace.report().errors, 0);
        // An edit deep inside, undone.
        SpanNode *last = f.top(499)->children.back().get();
        f.select(last);
        f.workspace.removeCurrent();
        QCOMPARE(f.model()->spanCount(), 49999);
        f.workspace.undoStack()->undo();
        QCOMPARE(f.model()->spanCount(), 50000);
        const qint64 opened = clock.restart();
        f.workspace.validateNow();
        qInfo() << "50,000 spans: opened, checked and edited in" << opened << "ms; validated again in"
                << clock.elapsed() << "ms";
    }

    void sendToLocalAgent()
    {
        LocalAgent agent;
        LocalAgentConfig config;
        config.port = 0;
        QString error;
        QVERIFY2(agent.start(config, &error), qPrintable(error));
        qsizetype received = 0;
        QSet<QString> receivedIds;
        Fixture f;
        QObject::connect(&agent, &LocalAgent::captured, &f.workspace, [&](const CaptureBatch &batch) {
            for (const CapturedItem &item : batch.items) {
                ++received;
                receivedIds.insert(item.spanId());
            }
        });
        f.monitor.setAgent(agent.url());
        QCOMPARE(f.workspace.sendUrl(), AgentEndpoint::traceUrl(agent.url()));
        QAction *send = f.action(u"span-send"_s);
        QVERIFY(send->isEnabled());
        QSignalSpy finished(&f.workspace, &SpansWorkspace::sendFinished);
        send->trigger();
        QVERIFY(f.find<QWidget>(u"send-panel"_s)->isVisibleTo(&f.workspace));
        QVERIFY(finished.wait(15000));
        const auto summary = finished.front().front().value<TraceSendSummary>();
        QVERIFY2(summary.complete, qPrintable(summary.message()));
        QTRY_COMPARE(received, qsizetype(3));
        QCOMPARE(receivedIds.size(), 3);
        QCOMPARE(f.find<QProgressBar>(u"send-progress"_s)->value(), 3);
        QVERIFY(send->isEnabled());
    }

    void withoutTargetSendIsOff()
    {
        QNetworkAccessManager network;
        SpansWorkspace workspace(nullptr, &network);
        auto *send = workspace.findChild<QAction *>(u"span-send"_s);
        QVERIFY(!send->isEnabled());
        QVERIFY(!send->toolTip().isEmpty());
    }

    void screenshot()
    {
        Fixture f;
        f.workspace.resize(1100, 720);
        QVERIFY(f.activate());
        f.select(f.top(0)->children.front().get());
        const QImage image = f.workspace.grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), f.workspace.size() * image.devicePixelRatio());
        TestSupport::keepImage(image, u"spans"_s);
        // The chosen span's row in the tree is drawn selected.
        QVERIFY(TestSupport::pixelsOf(image, {f.workspace.palette().color(QPalette::Highlight).rgb()}) > 100);
    }
};

QTEST_MAIN(TestSpansWorkspace)
#include "tst_spansworkspace.moc"
