// The REST Browser's result views driven with keys and clicks: the table of an answer's items
// (sorting by the header, copying a value and its path, a snapshotId opened by a double click),
// the lazy tree (expanded with the arrow keys, a link opened with Enter, more children fetched at
// the bottom), the filter over the table's rows and the tree's key paths, the Raw text of a small
// and of a large answer; what is drawn (links in the link colour, the revealed match highlighted)
// checked in grabbed images.

#include "core/json/jsontablemodel.h"
#include "core/json/jsontreemodel.h"
#include "tests/support/images.h"
#include "ui/rest/jsonresultview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Workbench::JsonResultView;
using Workbench::Browse::EntityLink;

namespace {

const QRgb LinkColour = qRgb(0xE0, 0x10, 0xA0);
const QRgb HighlightColour = qRgb(0x10, 0xC0, 0x30);

const QByteArray Snapshots = R"({"items": [
  {"snapshotId": "snap-aaa", "label": "alpha host", "plugin": "host", "data": {"cpu": 4}},
  {"snapshotId": "snap-bbb", "label": "beta host", "plugin": "host", "data": {"cpu": 16}},
  {"snapshotId": "snap-ccc", "label": "gamma jvm", "plugin": "jvm", "data": {"cpu": 8}}
], "totalHits": 3})";

std::shared_ptr<const QJsonDocument> parse(const QByteArray &json)
{
    return std::make_shared<QJsonDocument>(QJsonDocument::fromJson(json));
}

struct Fixture
{
    JsonResultView view;
    QTabWidget *tabs = nullptr;
    QTableView *table = nullptr;
    QTreeView *tree = nullptr;
    QLineEdit *filter = nullptr;
    QListView *matches = nullptr;
    QPlainTextEdit *raw = nullptr;
    QLabel *status = nullptr;

    Fixture()
    {
        QPalette palette = view.palette();
        palette.setColor(QPalette::Link, QColor(LinkColour));
        palette.setColor(QPalette::Highlight, QColor(HighlightColour));
        view.setPalette(palette);
        view.resize(900, 600);
        tabs = view.findChild<QTabWidget *>(u"tabs"_s);
        table = view.findChild<QTableView *>(u"table"_s);
        tree = view.findChild<QTreeView *>(u"tree"_s);
        filter = view.findChild<QLineEdit *>(u"filter"_s);
        matches = view.findChild<QListView *>(u"matches"_s);
        raw = view.findChild<QPlainTextEdit *>(u"raw"_s);
        status = view.findChild<QLabel *>(u"status"_s);
    }

    void showSnapshots()
    {
        const auto document = parse(Snapshots);
        view.setAnswer(Snapshots, document, document->object().value(u"items"_s).toArray(),
                       {u"snapshotId"_s, u"label"_s, u"plugin"_s}, u"snapshots"_s);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    void clickTab(const QString &title)
    {
        QTabBar *bar = tabs->tabBar();
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i) == title) {
                QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
                return;
            }
        }
        QFAIL(qPrintable(u"no tab "_s + title));
    }

    QModelIndex tableCell(const QString &value, int column)
    {
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, column);
            if (index.data().toString() == value)
                return index;
        }
        return {};
    }

    QStringList tabTitles() const
    {
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        return titles;
    }
};

} // namespace

class TestJsonResultView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tableSortsCopiesAndOpensLinks();
    void linksAreDrawnAsLinks();
    void treeExpandsWithKeysAndOpensLinks();
    void treeFetchesMoreAtTheBottom();
    void filterNarrowsTheTableAndRevealsTreeMatches();
    void rawShowsSmallAnswersPrettyAndTheStartOfLargeOnes();
    void tablesOnlyForArraysOfObjects();
    void loadMoreAddsRows();
};

void TestJsonResultView::tableSortsCopiesAndOpensLinks()
{
    Fixture f;
    f.showSnapshots();
    QCOMPARE(f.tabTitles(), (QStringList{u"Table"_s, u"Tree"_s, u"Raw"_s}));
    QCOMPARE(f.tabs->currentWidget(), f.table);
    QCOMPARE(f.table->model()->rowCount(), 3);
    QCOMPARE(f.table->model()->headerData(0, Qt::Horizontal).toString(), u"snapshotId"_s);
    QCOMPARE(f.status->text(), u"3 rows"_s);

    // Sorted by a click on the "label" header, in the order the indicator shows.
    QHeaderView *header = f.table->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(1) + 20, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), 1);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(1) + 20, header->height() / 2));
    const QString first = header->sortIndicatorOrder() == Qt::AscendingOrder ? u"alpha host"_s : u"gamma jvm"_s;
    QCOMPARE(f.table->model()->index(0, 1).data().toString(), first);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(1) + 20, header->height() / 2));
    if (header->sortIndicatorSection() == 1) // a third click, if the second did not clear it
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(1) + 20, header->height() / 2));
    // Back to the order of the answer.
    QCOMPARE(header->sortIndicatorSection(), -1);
    QCOMPARE(f.table->model()->index(0, 0).data().toString(), u"snap-aaa"_s);
    QCOMPARE(f.table->model()->index(2, 0).data().toString(), u"snap-ccc"_s);
    // Sorted by label again, for what follows.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(1) + 20, header->height() / 2));

    // Copy Value and Copy Path with the keys, on the clicked cell.
    const QModelIndex beta = f.tableCell(u"beta host"_s, 1);
    QVERIFY(beta.isValid());
    QTest::mouseClick(f.table->viewport(), Qt::LeftButton, {}, f.table->visualRect(beta).center());
    QCOMPARE(f.table->currentIndex(), beta);
    QApplication::clipboard()->clear();
    QTest::keyClick(f.table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"beta host"_s);
    QTest::keyClick(f.table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"[1].label"_s);
    auto *copyValue = f.view.findChild<QAction *>(u"copy-value"_s);
    auto *copyPath = f.view.findChild<QAction *>(u"copy-path"_s);
    QVERIFY(copyValue && copyPath);
    QCOMPARE(copyValue->shortcut(), QKeySequence(QKeySequence::Copy));
    QCOMPARE(copyPath->shortcut(), QKeySequence(u"Ctrl+Shift+C"_s));
    // An object cell is copied as indented JSON.
    const QModelIndex data = f.tableCell(u"{\"cpu\":16}"_s, 3);
    QVERIFY(data.isValid());
    f.table->setCurrentIndex(data);
    copyValue->trigger();
    QCOMPARE(QApplication::clipboard()->text(), u"{\n    \"cpu\": 16\n}"_s);

    // A double click on a snapshotId opens that snapshot; on a label, nothing.
    QSignalSpy links(&f.view, &JsonResultView::linkActivated);
    const QModelIndex ccc = f.tableCell(u"snap-ccc"_s, 0);
    // A double click is a click and then the double click, as the window system sends it.
    QTest::mouseClick(f.table->viewport(), Qt::LeftButton, {}, f.table->visualRect(ccc).center());
    QCOMPARE(links.size(), 0);
    QTest::mouseDClick(f.table->viewport(), Qt::LeftButton, {}, f.table->visualRect(ccc).center());
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.at(0).at(0).value<EntityLink>(), (EntityLink{EntityLink::Kind::Snapshot, u"snap-ccc"_s}));
    QTest::mouseClick(f.table->viewport(), Qt::LeftButton, {}, f.table->visualRect(beta).center());
    QTest::mouseDClick(f.table->viewport(), Qt::LeftButton, {}, f.table->visualRect(beta).center());
    QCOMPARE(links.size(), 1);
}

void TestJsonResultView::linksAreDrawnAsLinks()
{
    Fixture f;
    f.showSnapshots();
    f.table->clearSelection();
    f.table->setCurrentIndex({});
    const QImage image = f.table->viewport()->grab().toImage();
    TestSupport::keepImage(f.view.grab().toImage(), u"jsonresultview-table"_s);
    for (int row = 0; row < 3; ++row) {
        const QRect link = f.table->visualRect(f.table->model()->index(row, 0));
        const QRect label = f.table->visualRect(f.table->model()->index(row, 1));
        QVERIFY2(TestSupport::pixelsOf(image, {LinkColour}, link) > 10, qPrintable(QString::number(row)));
        QCOMPARE(TestSupport::pixelsOf(image, {LinkColour}, label), 0);
    }
}

void TestJsonResultView::treeExpandsWithKeysAndOpensLinks()
{
    Fixture f;
    f.showSnapshots();
    f.clickTab(u"Tree"_s);
    QCOMPARE(f.tabs->currentWidget()->isAncestorOf(f.tree), true);
    // The top level: items, totalHits. "items" clicked and expanded with Right.
    const QModelIndex items = f.tree->model()->index(0, 0);
    QCOMPARE(items.data().toString(), u"items"_s);
    QTest::mouseClick(f.tree->viewport(), Qt::LeftButton, {}, f.tree->visualRect(items).center());
    QCOMPARE(f.tree->currentIndex(), items);
    QVERIFY(!f.tree->isExpanded(items));
    QTest::keyClick(f.tree, Qt::Key_Right);
    QVERIFY(f.tree->isExpanded(items));
    QCOMPARE(f.tree->model()->rowCount(items), 3);
    // Down to [0], expanded; its members: data, label, plugin, snapshotId.
    QTest::keyClick(f.tree, Qt::Key_Down);
    QCOMPARE(f.tree->currentIndex().data().toString(), u"[0]"_s);
    QTest::keyClick(f.tree, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QApplication::clipboard()->text().contains(u"\"label\": \"alpha host\""_s));
    QTest::keyClick(f.tree, Qt::Key_Right);
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(f.tree, Qt::Key_Down);
    QCOMPARE(f.tree->currentIndex().data().toString(), u"snapshotId"_s);
    QTest::keyClick(f.tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"items[0].snapshotId"_s);
    QTest::keyClick(f.tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"snap-aaa"_s);

    QSignalSpy links(&f.view, &JsonResultView::linkActivated);
    QTest::keyClick(f.tree, Qt::Key_Return);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.at(0).at(0).value<EntityLink>(), (EntityLink{EntityLink::Kind::Snapshot, u"snap-aaa"_s}));
    // The label beside it links nowhere.
    QTest::keyClick(f.tree, Qt::Key_Up);
    QTest::keyClick(f.tree, Qt::Key_Up);
    QCOMPARE(f.tree->currentIndex().data().toString(), u"label"_s);
    QTest::keyClick(f.tree, Qt::Key_Return);
    QCOMPARE(links.size(), 1);
    // Left goes back up and collapses.
    QTest::keyClick(f.tree, Qt::Key_Left);
    QCOMPARE(f.tree->currentIndex().data().toString(), u"[0]"_s);
    QTest::keyClick(f.tree, Qt::Key_Left);
    QVERIFY(!f.tree->isExpanded(f.tree->currentIndex()));
}

void TestJsonResultView::treeFetchesMoreAtTheBottom()
{
    Fixture f;
    QJsonArray numbers;
    for (int i = 0; i < 2500; ++i)
        numbers.append(i);
    const auto document = std::make_shared<QJsonDocument>(QJsonObject{{u"big"_s, numbers}});
    const QByteArray body = document->toJson(QJsonDocument::Compact);
    f.view.setAnswer(body, document);
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.tabTitles(), (QStringList{u"Tree"_s, u"Raw"_s}));
    const QModelIndex big = f.tree->model()->index(0, 0);
    QTest::mouseClick(f.tree->viewport(), Qt::LeftButton, {}, f.tree->visualRect(big).center());
    QTest::keyClick(f.tree, Qt::Key_Right);
    QCOMPARE(f.tree->model()->rowCount(big), int(Workbench::Json::JsonTreeModel::ChunkSize));
    // End moves to the last row there is; at the bottom the next chunk arrives.
    QTest::keyClick(f.tree, Qt::Key_End);
    QTRY_COMPARE(f.tree->model()->rowCount(big), 2 * int(Workbench::Json::JsonTreeModel::ChunkSize));
    QTest::keyClick(f.tree, Qt::Key_End);
    QTRY_COMPARE(f.tree->model()->rowCount(big), 2500);
    QTest::keyClick(f.tree, Qt::Key_End);
    QCOMPARE(f.tree->currentIndex().data().toString(), u"[2499]"_s);
}

void TestJsonResultView::filterNarrowsTheTableAndRevealsTreeMatches()
{
    Fixture f;
    f.showSnapshots();
    QVERIFY(f.matches->isHidden());
    QTest::keyClicks(f.filter, u"BETA"_s);
    QTRY_COMPARE(f.table->model()->rowCount(), 1);
    QCOMPARE(f.table->model()->index(0, 0).data().toString(), u"snap-bbb"_s);
    QCOMPARE(f.status->text(), u"1 of 3 rows match"_s);
    // A number inside an object cell matches too.
    f.filter->clear();
    QTest::keyClicks(f.filter, u"16"_s);
    QTRY_COMPARE(f.table->model()->rowCount(), 1);
    QCOMPARE(f.table->model()->index(0, 0).data().toString(), u"snap-bbb"_s);

    // The tree lists every key path that matches "host", searched off the GUI thread.
    f.clickTab(u"Tree"_s);
    f.filter->clear();
    QTest::keyClicks(f.filter, u"host"_s);
    QTRY_COMPARE(f.matches->model()->rowCount(), 4);
    QVERIFY(f.matches->isVisible());
    QCOMPARE(f.status->text(), u"4 matches in the tree"_s);
    QStringList paths;
    for (int row = 0; row < f.matches->model()->rowCount(); ++row)
        paths << f.matches->model()->index(row, 0).data().toString();
    QCOMPARE(paths,
             (QStringList{u"items[0].label"_s, u"items[0].plugin"_s, u"items[1].label"_s, u"items[1].plugin"_s}));
    // A click on one selects it in the tree, expanded to it.
    const QModelIndex third = f.matches->model()->index(2, 0);
    QTest::mouseClick(f.matches->viewport(), Qt::LeftButton, {}, f.matches->visualRect(third).center());
    auto *model = qobject_cast<Workbench::Json::JsonTreeModel *>(f.tree->model());
    QVERIFY(model);
    QTRY_COMPARE(model->keyPath(f.tree->currentIndex()), u"items[1].label"_s);
    QVERIFY(f.tree->isExpanded(f.tree->currentIndex().parent()));
    QVERIFY(f.tree->isExpanded(f.tree->currentIndex().parent().parent()));
    QCoreApplication::processEvents();
    const QImage image = f.tree->viewport()->grab().toImage();
    TestSupport::keepImage(f.view.grab().toImage(), u"jsonresultview-tree-filter"_s);
    const QRect current = f.tree->visualRect(f.tree->currentIndex());
    QVERIFY(current.isValid());
    QVERIFY(f.tree->viewport()->rect().contains(current.center()));
    QVERIFY(TestSupport::pixelsOf(image, {HighlightColour}, current) > current.width());
    const QRect other = f.tree->visualRect(model->indexForPath(u"items[1].plugin"));
    QCOMPARE(TestSupport::pixelsOf(image, {HighlightColour}, other), 0);

    // Nothing found: an empty list, said so.
    QTest::keyClicks(f.filter, u"zzz"_s);
    QTRY_COMPARE(f.status->text(), u"0 matches in the tree"_s);
    QCOMPARE(f.matches->model()->rowCount(), 0);
    f.filter->clear();
    QTRY_VERIFY(f.matches->isHidden());
}

void TestJsonResultView::rawShowsSmallAnswersPrettyAndTheStartOfLargeOnes()
{
    Fixture f;
    f.showSnapshots();
    // Made when the tab is shown, not before.
    QCOMPARE(f.raw->toPlainText(), QString());
    f.clickTab(u"Raw"_s);
    QVERIFY(f.raw->toPlainText().contains(u"\n            \"snapshotId\": \"snap-aaa\""_s));
    QVERIFY(f.view.findChild<QLabel *>(u"raw-note"_s)->isHidden());

    // 5 MiB on one line: its first 2 MiB, in lines the view lays out quickly, and how much is not shown.
    QByteArray large = "[\"";
    large += QByteArray(5 * 1024 * 1024, 'x');
    large += "\"]";
    f.view.setAnswer(large, parse(large));
    QCOMPARE(f.tabTitles(), (QStringList{u"Tree"_s, u"Raw"_s}));
    f.clickTab(u"Raw"_s);
    const QString text = f.raw->toPlainText();
    QVERIFY(text.startsWith(u"[\"xxx"_s));
    QCOMPARE(text.count(u'x'), JsonResultView::RawShownBytes - 2);
    QCOMPARE(f.raw->blockCount(), int(JsonResultView::RawShownBytes / JsonResultView::RawLineLength) + 1);
    auto *note = f.view.findChild<QLabel *>(u"raw-note"_s);
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), u"The answer has 5.00 MiB: the first 2.00 MiB are shown, 3.00 MiB are not."_s);

    // No JSON at all: the text, and a line that says so.
    f.view.setAnswer("<html>502 Bad Gateway</html>", nullptr);
    QCOMPARE(f.tabs->currentWidget()->isAncestorOf(f.raw), true);
    QCOMPARE(f.raw->toPlainText(), u"<html>502 Bad Gateway</html>"_s);
    QCOMPARE(f.status->text(), u"The answer is no JSON: only its text is shown."_s);
    QCOMPARE(f.tree->model()->rowCount(), 0);
}

void TestJsonResultView::tablesOnlyForArraysOfObjects()
{
    Fixture f;
    const QByteArray objects = R"([{"id": "a"}, null, {"id": "b", "snapshotId": "s-b"}])";
    f.view.setAnswer(objects, parse(objects), {}, {}, u"snapshots"_s);
    QCOMPARE(f.tabTitles(), (QStringList{u"Table"_s, u"Tree"_s, u"Raw"_s}));
    QCOMPARE(f.table->model()->rowCount(), 3);
    const QByteArray numbers = "[1, 2, 3]";
    f.view.setAnswer(numbers, parse(numbers));
    QCOMPARE(f.tabTitles(), (QStringList{u"Tree"_s, u"Raw"_s}));
    QCOMPARE(f.tabs->currentWidget()->isAncestorOf(f.tree), true);
    f.view.setAnswer(Snapshots, parse(Snapshots));
    QCOMPARE(f.tabTitles(), (QStringList{u"Tree"_s, u"Raw"_s}));
    f.view.clear();
    QCOMPARE(f.tree->model()->rowCount(), 0);
    QCOMPARE(f.raw->toPlainText(), QString());
}

void TestJsonResultView::loadMoreAddsRows()
{
    Fixture f;
    f.showSnapshots();
    const QJsonArray more = QJsonDocument::fromJson(R"([{"snapshotId": "snap-ddd", "label": "delta"}])").array();
    f.view.appendRows(more);
    QCOMPARE(f.table->model()->rowCount(), 4);
    QCOMPARE(f.status->text(), u"4 rows"_s);
    const QModelIndex ddd = f.tableCell(u"snap-ddd"_s, 0);
    QVERIFY(ddd.isValid());
    f.table->setCurrentIndex(ddd);
    f.view.findChild<QAction *>(u"copy-path"_s)->trigger();
    QCOMPARE(QApplication::clipboard()->text(), u"[3].snapshotId"_s);
    // Filtered rows stay filtered as more arrive.
    f.view.setFilterText(u"delta"_s);
    QCOMPARE(f.table->model()->rowCount(), 1);
    f.view.appendRows(QJsonDocument::fromJson(R"([{"snapshotId": "snap-eee", "label": "epsilon"}])").array());
    QCOMPARE(f.table->model()->rowCount(), 1);
    QCOMPARE(f.status->text(), u"1 of 5 rows match"_s);
}

QTEST_MAIN(TestJsonResultView)
#include "tst_jsonresultview.moc"
