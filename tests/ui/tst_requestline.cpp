// The REST Browser's request line and request history, driven by keys and clicks: a partial
// path offers the spec's operations with their summaries (grabbed to an image), the chosen one
// shows its parameters and body example, Send emits the request filled in; the history lists a
// profile's requests and runs one again.

#include "core/browse/curlcommand.h"
#include "core/browse/requesthistory.h"
#include "core/browse/requesthistorymodel.h"
#include "tests/support/images.h"
#include "tests/support/testsupport.h"
#include "ui/rest/copyascurl.h"
#include "ui/rest/requesthistoryview.h"
#include "ui/rest/requestline.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

const auto Snapshots = u"/api/infrastructure-monitoring/snapshots"_s;
const auto Traces = u"/api/application-monitoring/analyze/traces"_s;

// The row of the completion popup for `path` and `method`; -1 when it is not offered.
int completionRow(const QAbstractItemModel *model, const QString &path, const QString &method)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == path && model->index(row, 1).data().toString() == method)
            return row;
    }
    return -1;
}

// Pixels clearly darker than the background: text.
int darkPixels(const QImage &image, QRect region)
{
    int count = 0;
    const QRect area = region.intersected(image.rect());
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (qGray(image.pixel(x, y)) < 110)
                ++count;
        }
    }
    return count;
}

// Types `text` into the path field and picks the offered operation of `method` from the popup
// with the keyboard.
bool chooseFromPopup(RequestLine &line, const QString &text, const QString &path, const QString &method)
{
    auto *field = line.findChild<QLineEdit *>(u"path"_s);
    field->clear();
    field->setFocus();
    QTest::keyClicks(field, text);
    QAbstractItemView *popup = line.completer()->popup();
    if (!QTest::qWaitFor([popup] { return popup->isVisible(); }))
        return false;
    const int row = completionRow(popup->model(), path, method);
    if (row < 0)
        return false;
    popup->setCurrentIndex(popup->model()->index(row, 0));
    QTest::keyClick(popup, Qt::Key_Return);
    return line.operation() && line.operation()->path == path && line.operation()->method == method.toLatin1();
}

} // namespace

class TestRequestLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void completionOffersOperationsWithSummaries()
    {
        RequestLine line;
        line.resize(1000, 700);
        line.show();
        QVERIFY(QTest::qWaitForWindowExposed(&line));
        auto *field = line.findChild<QLineEdit *>(u"path"_s);
        QVERIFY(field);
        field->setFocus();
        QTest::keyClicks(field, u"infrastructure-monitoring/snap"_s);
        QAbstractItemView *popup = line.completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        const QAbstractItemModel *offered = popup->model();
        QVERIFY(offered->rowCount() >= 2);
        for (int row = 0; row < offered->rowCount(); ++row)
            QVERIFY(offered->index(row, 0).data().toString().contains(u"infrastructure-monitoring/snap"_s));
        const int row = completionRow(offered, Snapshots, u"GET"_s);
        QVERIFY(row >= 0);
        QCOMPARE(offered->index(row, 2).data().toString(), u"Search snapshots"_s);

        // The picture shows the path and, beside it, the summary.
        popup->scrollTo(offered->index(row, 0));
        QTest::qWait(0);
        const QImage image = popup->grab().toImage();
        TestSupport::keepImage(image, u"requestline-completions"_s);
        const QRect pathCell = popup->visualRect(offered->index(row, 0));
        const QRect summaryCell = popup->visualRect(offered->index(row, 2));
        QVERIFY(summaryCell.left() > pathCell.left());
        QVERIFY2(darkPixels(image, pathCell) > 30, "no path text in the popup");
        QVERIFY2(darkPixels(image, summaryCell) > 30, "no summary text beside the path");

        popup->setCurrentIndex(offered->index(row, 0));
        QTest::keyClick(popup, Qt::Key_Return);
        QVERIFY(line.operation());
        QCOMPARE(line.operation()->summary, u"Search snapshots"_s);
        QCOMPARE(field->text(), Snapshots);
        QCOMPARE(line.method(), QByteArray("GET"));
        // The form: its query parameters, the body editor hidden for GET.
        const QStringList names = line.parameterNames();
        for (const auto &name : {u"query"_s, u"plugin"_s, u"offline"_s, u"size"_s, u"windowSize"_s, u"to"_s})
            QVERIFY2(names.contains(name), qPrintable(names.join(u',')));
        QVERIFY(!line.findChild<QPlainTextEdit *>(u"body"_s)->isVisible());
        QTRY_VERIFY(line.parameterField(u"size"_s)->isVisible());
        QVERIFY(line.findChild<QWidget *>(u"parameters"_s)->isVisible());
        TestSupport::keepImage(line.grab().toImage(), u"requestline-form"_s);

        // Filled in and sent.
        QSignalSpy sent(&line, &RequestLine::sendRequested);
        QTest::keyClicks(qobject_cast<QLineEdit *>(line.parameterField(u"query"_s)), u"entity.type:host"_s);
        QTest::keyClicks(qobject_cast<QLineEdit *>(line.parameterField(u"size"_s)), u"5"_s);
        QTest::mouseClick(line.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("GET"));
        QCOMPARE(sent.at(0).at(1).toString(), Snapshots);
        const auto query = sent.at(0).at(2).value<QUrlQuery>();
        QCOMPARE(query.queryItems(QUrl::FullyDecoded),
                 (QList<std::pair<QString, QString>>{{u"query"_s, u"entity.type:host"_s}, {u"size"_s, u"5"_s}}));
        QVERIFY(sent.at(0).at(3).toByteArray().isEmpty());
    }

    void postShowsTheBodyExample()
    {
        RequestLine line;
        line.resize(1000, 700);
        line.show();
        QVERIFY(QTest::qWaitForWindowExposed(&line));
        QVERIFY(chooseFromPopup(line, u"analyze/traces"_s, Traces, u"POST"_s));
        auto *body = line.findChild<QPlainTextEdit *>(u"body"_s);
        QVERIFY(body->isVisible());
        QVERIFY(!line.operation()->bodyExample.isEmpty());
        QCOMPARE(body->toPlainText(), line.operation()->bodyExample);
        QVERIFY(body->toPlainText().contains(u"\"pagination\""_s));
        QTest::qWait(0);
        TestSupport::keepImage(line.grab().toImage(), u"requestline-body"_s);

        QSignalSpy sent(&line, &RequestLine::sendRequested);
        QTest::mouseClick(line.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("POST"));
        QCOMPARE(sent.at(0).at(3).toByteArray(), line.operation()->bodyExample.toUtf8());

        // A body that is no JSON is not sent.
        body->setFocus();
        QTest::keyClick(body, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(body, u"}"_s);
        QTest::mouseClick(line.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QVERIFY2(line.statusText().contains(u"no JSON"_s), qPrintable(line.statusText()));
    }

    void pathParametersAndEnums()
    {
        RequestLine line;
        line.show();
        QVERIFY(QTest::qWaitForWindowExposed(&line));
        QVERIFY(chooseFromPopup(line, u"monitoring/snapshots/{"_s, Snapshots + u"/{id}"_s, u"GET"_s));
        QSignalSpy sent(&line, &RequestLine::sendRequested);
        QTest::keyClick(line.findChild<QLineEdit *>(u"path"_s), Qt::Key_Return);
        QCOMPARE(sent.size(), 0);
        QCOMPARE(line.statusText(), u"Fill in id first."_s);
        QTest::keyClicks(qobject_cast<QLineEdit *>(line.parameterField(u"id"_s)), u"a/b c"_s);
        QTest::mouseClick(line.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(1).toString(), Snapshots + u"/a%2Fb%20c"_s);

        // An enum is a choice, empty (not sent) when the parameter is optional.
        const Browse::Operation *withEnum = nullptr;
        for (const Browse::Operation &operation : Browse::OperationCatalog::builtIn().operations()) {
            for (const Browse::OperationParameter &parameter : operation.parameters) {
                if (!withEnum && !parameter.required && parameter.choices.size() >= 2
                    && parameter.location == Browse::OperationParameter::Location::Query)
                    withEnum = &operation;
            }
        }
        QVERIFY(withEnum);
        line.chooseOperation(*withEnum);
        QComboBox *combo = nullptr;
        QString choiceName;
        QStringList choices;
        for (const Browse::OperationParameter &parameter : withEnum->parameters) {
            if (!combo && !parameter.required && parameter.choices.size() >= 2) {
                combo = qobject_cast<QComboBox *>(line.parameterField(parameter.name));
                choiceName = parameter.name;
                choices = parameter.choices;
            }
        }
        QVERIFY(combo);
        QCOMPARE(combo->count(), int(choices.size()) + 1);
        QCOMPARE(combo->itemText(0), QString());
        combo->setCurrentIndex(2);
        const QString chosen = combo->currentText();
        for (const Browse::OperationParameter &parameter : withEnum->parameters) {
            if (parameter.required) {
                if (auto *edit = qobject_cast<QLineEdit *>(line.parameterField(parameter.name)))
                    edit->setText(u"1"_s);
            }
        }
        sent.clear();
        line.send();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(2).value<QUrlQuery>().queryItemValue(choiceName), chosen);
    }

    void setRequestFromTheHistory()
    {
        RequestLine line;
        QUrlQuery query;
        query.addQueryItem(u"nameFilter"_s, u"shop"_s);
        query.addQueryItem(u"notInTheSpec"_s, u"1"_s);
        line.setRequest("get", u"/api/application-monitoring/applications;id=Cx%2F1/services"_s, query);
        QVERIFY(line.operation());
        QCOMPARE(line.operation()->operationId, u"getApplicationServices"_s);
        QCOMPARE(qobject_cast<QLineEdit *>(line.parameterField(u"appId"_s))->text(), u"Cx/1"_s);
        QCOMPARE(qobject_cast<QLineEdit *>(line.parameterField(u"nameFilter"_s))->text(), u"shop"_s);
        QVERIFY(line.parameterField(u"notInTheSpec"_s));
        QSignalSpy sent(&line, &RequestLine::sendRequested);
        line.send();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).at(1).toString(), u"/api/application-monitoring/applications;id=Cx%2F1/services"_s);
        const auto back = sent.at(0).at(2).value<QUrlQuery>();
        QCOMPARE(back.queryItemValue(u"nameFilter"_s), u"shop"_s);
        QCOMPARE(back.queryItemValue(u"notInTheSpec"_s), u"1"_s);

        // A path the spec does not have stays as it is.
        line.setRequest("POST", u"/api/custom/thing"_s, {}, "{\"a\":1}");
        QVERIFY(!line.operation());
        line.send();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent.at(1).at(1).toString(), u"/api/custom/thing"_s);
        QCOMPARE(sent.at(1).at(3).toByteArray(), QByteArray("{\"a\":1}"));
    }

    void copyAsCurlWithoutTheToken()
    {
        RequestLine line;
        const QUrl base(u"https://unit-acme.instana.io"_s);
        auto *button = line.findChild<QWidget *>(u"copyAsCurl"_s);
        QVERIFY(!button->isEnabled());
        line.setBaseUrl(base);
        QVERIFY(button->isEnabled());
        QUrlQuery query;
        query.addQueryItem(u"size"_s, u"5"_s);
        line.setRequest("GET", Snapshots, query);
        QSignalSpy copied(&line, &RequestLine::curlCopied);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(copied.size(), 1);
        const QString expected = Browse::curlCommand("GET", base, Snapshots, query);
        QCOMPARE(copied.at(0).at(0).toString(), expected);
        QCOMPARE(QApplication::clipboard()->text(), expected);
        QVERIFY(expected.contains(u"$INSTANA_API_TOKEN"_s));
    }

    void copyAsCurlHelperAndAction()
    {
        QUrlQuery extra;
        extra.addQueryItem(u"b"_s, u"2 3"_s);
        const QString command = copyAsCurl("GET", QUrl(u"https://unit-acme.instana.io/api/x?a=1"_s), extra);
        QUrlQuery both;
        both.addQueryItem(u"a"_s, u"1"_s);
        both.addQueryItem(u"b"_s, u"2 3"_s);
        QCOMPARE(command, Browse::curlCommand("GET", QUrl(u"https://unit-acme.instana.io"_s), u"/api/x"_s, both));
        QCOMPARE(QApplication::clipboard()->text(), command);

        QObject owner;
        int asked = 0;
        QAction *action = makeCopyAsCurlAction(&owner, [&asked] {
            ++asked;
            return CurlRequest{"POST", QUrl(u"https://unit-acme.instana.io"_s), u"/api/y"_s, {}, "{\"k\":\"it's\"}"};
        });
        QCOMPARE(action->text(), u"Copy as curl"_s);
        action->trigger();
        QCOMPARE(asked, 1);
        QCOMPARE(
            QApplication::clipboard()->text(),
            Browse::curlCommand("POST", QUrl(u"https://unit-acme.instana.io"_s), u"/api/y"_s, {}, "{\"k\":\"it's\"}"));
    }

    void historyListsAndRunsAgain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Browse::RequestHistory history(u"acme"_s, dir.path());
        Browse::RequestRecord first;
        first.method = "GET";
        first.path = Snapshots;
        first.query.addQueryItem(u"plugin"_s, u"host"_s);
        first.status = 200;
        first.time = 1764547200000;
        first.durationMs = 12;
        Browse::RequestRecord second;
        second.method = "POST";
        second.path = Traces;
        second.body = "{\"pagination\":{\"retrievalSize\":1}}";
        second.status = 429;
        second.time = 1764547260000;
        second.durationMs = 1500;
        QVERIFY(history.append(first));
        QVERIFY(history.append(second));

        RequestHistoryView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setProfile(u"acme"_s, dir.path());
        view.resize(800, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto time
            = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s); };
        QCOMPARE(TestSupport::modelText(*view.model()),
                 u"Time | Status | Method | Path | Duration\n"_s + time(second.time) + u" | 429 | POST | "_s + Traces
                     + u" | 1,500 ms\n"_s + time(first.time) + u" | 200 | GET | "_s + Snapshots
                     + u"?plugin=host | 12 ms\n"_s);
        QCOMPARE(view.statusText(), u"2 requests"_s);
        TestSupport::keepImage(view.grab().toImage(), u"requesthistory"_s);

        // A double click runs the newest one again, as it was.
        QSignalSpy run(&view, &RequestHistoryView::runAgainRequested);
        QTableView *table = view.table();
        const QRect cell = table->visualRect(view.model()->index(0, Browse::RequestHistoryModel::PathColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.at(0).at(0).toByteArray(), QByteArray("POST"));
        QCOMPARE(run.at(0).at(1).toString(), Traces);
        QCOMPARE(run.at(0).at(3).toByteArray(), second.body);

        // Edit puts the older one into a request line.
        RequestLine line;
        connect(&view, &RequestHistoryView::editRequested, &line, &RequestLine::setRequest);
        const QRect older = table->visualRect(view.model()->index(1, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, older.center());
        QTest::mouseClick(view.findChild<QPushButton *>(u"editRequest"_s), Qt::LeftButton);
        QVERIFY(line.operation());
        QCOMPARE(line.operation()->path, Snapshots);
        QCOMPARE(qobject_cast<QLineEdit *>(line.parameterField(u"plugin"_s))->text(), u"host"_s);

        // Recording shows the new one first.
        Browse::RequestRecord third = first;
        third.path = Snapshots + u"/abc"_s;
        third.time += 120000;
        QVERIFY(view.record(third));
        QCOMPARE(view.model()->rowCount(), 3);
        QCOMPARE(view.model()->index(0, Browse::RequestHistoryModel::PathColumn).data().toString(),
                 Snapshots + u"/abc?plugin=host"_s);
    }

    void damagedHistoryIsSaidAndLeftAlone()
    {
        QTemporaryDir dir;
        const QByteArray damaged = "{\"requests\": 5}";
        {
            QFile file(dir.filePath(u"acme.json"_s));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damaged);
        }
        RequestHistoryView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setProfile(u"acme"_s, dir.path());
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY2(view.statusText().contains(u"is damaged"_s), qPrintable(view.statusText()));
        Browse::RequestRecord r;
        r.method = "GET";
        r.path = Snapshots;
        QVERIFY(!view.record(r));
        QFile file(dir.filePath(u"acme.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), damaged);
    }
};

QTEST_MAIN(TestRequestLine)
#include "tst_requestline.moc"
