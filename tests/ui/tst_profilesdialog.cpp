// Connection → Profiles… driven as a person would: a profile added with keys and clicks is
// listed and saved without its token, edited, tested against a fake Instana backend, used and
// removed with its token; the status bar shows the profile in use and its rate budget. The
// token never shows: not in the masked field, the window title, the settings file or the logs.

#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"
#include "core/profiles/profilewriter.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/memorysecretstore.h"
#include "core/settings/settings.h"
#include "core/target/targetmonitor.h"
#include "tests/support/fakeinstana.h"
#include "tests/support/images.h"
#include "tests/support/tlsserver.h"
#include "ui/connection/profileeditdialog.h"
#include "ui/connection/profileform.h"
#include "ui/connection/profileindicator.h"
#include "ui/connection/profilesdialog.h"
#include "ui/connection/ratelimitmeter.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/targetindicator.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {

constexpr int Timeout = 20000;
const QString Token = u"fake-instana-token"_s; // what the fake backend expects

QStringList &logged()
{
    static QStringList messages;
    return messages;
}

QtMessageHandler previousHandler = nullptr;

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void keepMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    logged().append(QString::fromLatin1(context.category) + u": "_s + message);
    // Debug output is looked into, not shown.
    if (previousHandler && type != QtDebugMsg)
        previousHandler(type, context, message);
}

// The workbench's own categories log everything, debug too.
void enableWorkbenchDebug(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "workbench.", 10) == 0)
        category->setEnabled(QtDebugMsg, true);
}

SecretStore::Result readToken(TokenVault &vault, const QString &name)
{
    QObject context;
    std::optional<SecretStore::Result> result;
    vault.readToken(name, &context, [&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, Timeout))
        return {SecretStore::Error::Other, u"no answer"_s, {}};
    return *result;
}

template<typename T>
T *child(QObject *parent, const QString &name)
{
    auto *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

void typeInto(QWidget *parent, const QString &name, const QString &text)
{
    auto *edit = child<QLineEdit>(parent, name);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QString plainText(const QLabel *label)
{
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

QStringList listed(QListWidget *list)
{
    QStringList rows;
    for (int row = 0; row < list->count(); ++row)
        rows << list->item(row)->text();
    return rows;
}

} // namespace

class TestProfilesDialog : public QObject
{
    Q_OBJECT

    QString settingsPath() const { return m_dir->filePath(u"workbench.ini"_s); }
    QByteArray settingsBytes() const
    {
        QFile file(settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void storeProfile(Settings &settings, TokenVault &vault, const QString &name, const QUrl &base,
                      const QString &token)
    {
        ConnectionProfile profile;
        profile.name = name;
        profile.baseUrl = base;
        std::optional<ProfileWriteResult> result;
        saveProfileAndToken(settings, vault, profile, token, this, [&](const ProfileWriteResult &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, Timeout));
        QVERIFY2(result->ok, qPrintable(result->message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath(u"cache"_s)));
        qunsetenv("INSTANA_BASE_URL");
        qunsetenv("INSTANA_API_TOKEN");
        // Every message of the workbench is kept, debug too, to look for the token in them.
        previousFilter = QLoggingCategory::installFilter(enableWorkbenchDebug);
        previousHandler = qInstallMessageHandler(keepMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::installFilter(previousFilter);
        for (const QString &message : std::as_const(logged()))
            QVERIFY2(!message.contains(Token), "the token was logged");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void addListsAndSavesWithoutTheToken()
    {
        TestSupport::FakeInstana backend;
        QVERIFY(backend.isListening());
        Settings settings(settingsPath());
        MemorySecretStore store;
        TokenVault vault(store);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = child<QListWidget>(&dialog, u"profile-list"_s);
        QCOMPARE(list->count(), 0);

        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-add"_s), Qt::LeftButton);
        ProfileEditDialog *editor = dialog.editDialog();
        QVERIFY(editor);
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        // Every label's mnemonic reaches its field.
        for (const QLabel *label : editor->findChildren<QLabel *>()) {
            if (label->text().contains(u'&') && !label->text().contains(u'<'))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
        auto *save = child<QPushButton>(editor, u"profile-save"_s);
        auto *problems = child<QLabel>(editor, u"profile-problems"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY2(plainText(problems).contains(u"A profile needs a name."_s), qPrintable(plainText(problems)));

        typeInto(editor, u"profile-name"_s, u"acme"_s);
        // Plain http to a host that is not this machine is refused until allowed.
        typeInto(editor, u"profile-base-url"_s, u"http://unit-acme.instana.io"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY2(plainText(problems).contains(u"unencrypted"_s), qPrintable(plainText(problems)));
        auto *allowHttp = child<QCheckBox>(editor, u"profile-allow-http"_s);
        allowHttp->click();
        QVERIFY(save->isEnabled());
        QVERIFY(problems->isHidden());
        allowHttp->click();
        typeInto(editor, u"profile-base-url"_s, backend.baseUrl().toString());
        QVERIFY2(save->isEnabled(), qPrintable(plainText(problems)));

        // Verification off shows a warning in red.
        auto *verify = child<QCheckBox>(editor, u"profile-verify-tls"_s);
        auto *warning = child<QLabel>(editor, u"profile-tls-warning"_s);
        QVERIFY(warning->isHidden());
        verify->click();
        QVERIFY(!warning->isHidden());
        QVERIFY(warning->text().contains(u"#c62828"_s));
        verify->click();
        QVERIFY(warning->isHidden());

        // The token field is masked: nothing of the token shows, also not in a picture.
        auto *token = child<QLineEdit>(editor, u"profile-token"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QTest::keyClicks(token, Token);
        QCOMPARE(token->text(), Token);
        for (const QChar c : Token)
            QVERIFY(!token->displayText().contains(c));
        QVERIFY(!editor->windowTitle().contains(Token));
        const QImage masked = editor->grab().toImage();
        TestSupport::keepImage(masked, u"profiles-add-masked"_s);
        // "Show" reveals it on request only, and hides it again.
        auto *show = child<QCheckBox>(editor, u"profile-token-show"_s);
        show->click();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        QCOMPARE(token->displayText(), Token);
        show->click();
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        // The picture of the masked field differs from the one with the token shown.
        show->click();
        const QImage shown = editor->grab().toImage();
        show->click();
        const QRect field(token->mapTo(editor, QPoint(0, 0)) * masked.devicePixelRatio(),
                          token->size() * masked.devicePixelRatio());
        QVERIFY(masked.copy(field) != shown.copy(field));
        QCOMPARE(editor->grab().toImage().copy(field), masked.copy(field));

        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.editDialog(), Timeout);
        QCOMPARE(listed(list), QStringList{u"acme — 127.0.0.1"_s});
        QVERIFY(plainText(child<QLabel>(&dialog, u"profiles-message"_s)).contains(u"Saved the profile acme"_s));
        QCOMPARE(readToken(vault, u"acme"_s).value, Token);
        const QByteArray bytes = settingsBytes();
        QVERIFY2(bytes.contains(backend.baseUrl().toString().toUtf8()), bytes.constData());
        QVERIFY(!bytes.contains(Token.toUtf8()));
        QVERIFY(!dialog.windowTitle().contains(Token));

        // A second profile of the same name is refused before anything is saved.
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-add"_s), Qt::LeftButton);
        editor = dialog.editDialog();
        QVERIFY(editor);
        typeInto(editor, u"profile-name"_s, u"acme"_s);
        typeInto(editor, u"profile-base-url"_s, u"https://other.instana.io"_s);
        QVERIFY(!child<QPushButton>(editor, u"profile-save"_s)->isEnabled());
        QVERIFY(plainText(child<QLabel>(editor, u"profile-problems"_s)).contains(u"exists already"_s));
        // Not even Save called all the same replaces the stored one.
        editor->save();
        QVERIFY(!editor->isBusy());
        QVERIFY(editor->isVisible());
        QCOMPARE(settings.profile(u"acme"_s)->baseUrl, backend.baseUrl());
        editor->reject();
        QTRY_VERIFY(!dialog.editDialog());
    }

    void editKeepsTheTokenAndRemoveTakesIt()
    {
        Settings settings(settingsPath());
        MemorySecretStore store;
        TokenVault vault(store);
        storeProfile(settings, vault, u"acme"_s, QUrl(u"https://unit-acme.instana.io"_s), u"tok-edit-1"_s);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        dialog.select(u"acme"_s);

        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-edit"_s), Qt::LeftButton);
        ProfileEditDialog *editor = dialog.editDialog();
        QVERIFY(editor);
        QVERIFY(child<QLineEdit>(editor, u"profile-name"_s)->isReadOnly());
        QCOMPARE(child<QLineEdit>(editor, u"profile-base-url"_s)->text(), u"https://unit-acme.instana.io"_s);
        auto *token = child<QLineEdit>(editor, u"profile-token"_s);
        QVERIFY(token->text().isEmpty());
        QVERIFY(token->placeholderText().contains(u"keep the stored token"_s));
        typeInto(editor, u"profile-agent-url"_s, u"http://127.0.0.1:42777"_s);
        QTest::mouseClick(child<QPushButton>(editor, u"profile-save"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.editDialog(), Timeout);
        QCOMPARE(Settings(settingsPath()).profile(u"acme"_s)->agentUrl, QUrl(u"http://127.0.0.1:42777"_s));
        QCOMPARE(readToken(vault, u"acme"_s).value, u"tok-edit-1"_s);

        // Use makes it the current one, marked in the list.
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-use"_s), Qt::LeftButton);
        QCOMPARE(Settings(settingsPath()).currentProfileName(), u"acme"_s);
        auto *list = child<QListWidget>(&dialog, u"profile-list"_s);
        QCOMPARE(listed(list), QStringList{u"acme — unit-acme.instana.io (current)"_s});
        QVERIFY(list->item(0)->font().bold());

        // Duplicate starts an added profile from it, under a free name.
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-duplicate"_s), Qt::LeftButton);
        editor = dialog.editDialog();
        QVERIFY(editor);
        QCOMPARE(child<QLineEdit>(editor, u"profile-name"_s)->text(), u"acme-copy"_s);
        QVERIFY(!child<QLineEdit>(editor, u"profile-name"_s)->isReadOnly());
        QCOMPARE(child<QLineEdit>(editor, u"profile-agent-url"_s)->text(), u"http://127.0.0.1:42777"_s);
        editor->reject();
        QTRY_VERIFY(!dialog.editDialog());

        // Remove asks first; Cancel keeps everything.
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-remove"_s), Qt::LeftButton);
        auto *box = dialog.findChild<QMessageBox *>(u"confirm-remove"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"acme"_s));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!dialog.findChild<QMessageBox *>(u"confirm-remove"_s));
        QVERIFY(Settings(settingsPath()).hasProfile(u"acme"_s));
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-remove"_s), Qt::LeftButton);
        box = dialog.findChild<QMessageBox *>(u"confirm-remove"_s);
        QVERIFY(box);
        QTest::mouseClick(child<QPushButton>(box, u"confirm-remove-button"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 0, Timeout);
        QCOMPARE(readToken(vault, u"acme"_s).error, SecretStore::Error::NotFound);
        QVERIFY(!settingsBytes().contains("acme"));
    }

    void testShowsTheVersionOrWhatFailed()
    {
        TestSupport::FakeInstana backend;
        Settings settings(settingsPath());
        MemorySecretStore store;
        TokenVault vault(store);
        storeProfile(settings, vault, u"acme"_s, backend.baseUrl(), Token);
        storeProfile(settings, vault, u"wrong"_s, backend.baseUrl(), u"not-the-token"_s);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        auto *message = child<QLabel>(&dialog, u"profiles-message"_s);
        auto *testSelected = child<QPushButton>(&dialog, u"profile-test-selected"_s);

        // The stored profile with its stored token.
        dialog.select(u"acme"_s);
        QTest::mouseClick(testSelected, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(plainText(message).contains(u"3.307.417-0"_s), Timeout);
        QVERIFY2(plainText(message).contains(u"health GREEN"_s), qPrintable(plainText(message)));
        dialog.select(u"wrong"_s);
        QTest::mouseClick(testSelected, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(plainText(message).contains(u"rejected"_s), Timeout);

        // The form's values, unsaved: a wrong token typed in, then the stored one kept.
        dialog.select(u"acme"_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"profile-edit"_s), Qt::LeftButton);
        ProfileEditDialog *editor = dialog.editDialog();
        QVERIFY(editor);
        auto *result = child<QLabel>(editor, u"profile-test-result"_s);
        auto *test = child<QPushButton>(editor, u"profile-test"_s);
        QTest::keyClicks(child<QLineEdit>(editor, u"profile-token"_s), u"typed-wrong"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(plainText(result).contains(u"rejected"_s), Timeout);
        QVERIFY(result->text().contains(u"#c62828"_s));
        child<QLineEdit>(editor, u"profile-token"_s)->clear();
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(plainText(result).contains(u"3.307.417-0"_s), Timeout);
        QVERIFY(result->text().contains(u"#2e7d32"_s));

        // A backend that never answers: the test is cancelled from the same button.
        backend.hang("/api/instana/version");
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(backend.requestsTo("/api/instana/version").size(), 5, Timeout);
        QCOMPARE(test->text(), u"&Cancel Test"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY2(plainText(result).contains(u"cancelled"_s), qPrintable(plainText(result)));
        QCOMPARE(test->text(), u"&Test Connection"_s);
        // Nothing was saved by testing.
        QCOMPARE(readToken(vault, u"acme"_s).value, Token);
        // The requests were logged (so that looking into the logs sees them), the token never.
        const auto requests = std::count_if(logged().cbegin(), logged().cend(), [](const QString &line) {
            return line.startsWith(u"workbench.rest: "_s) && line.contains(u"/api/instana/version"_s);
        });
        QVERIFY2(requests >= 5, qPrintable(QString::number(requests)));
        for (const QString &line : std::as_const(logged()))
            QVERIFY2(!line.contains(Token), "the token was logged");
        editor->reject();
    }

    void testSaysWhyACertificateIsRefused()
    {
        TestSupport::TlsServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.setHandler([](const TestSupport::TlsServer::Request &request) {
            TestSupport::TlsServer::Response response;
            response.headers = {{"Content-Type", "application/json"}};
            response.body = request.target.startsWith("/api/instana/health")
                ? QByteArray(R"({"health":"GREEN","messages":[]})")
                : QByteArray(R"({"branch":"release-9","commit":"abcdef1234","imageTag":"3.9.1-0"})");
            return response;
        });
        Settings settings(settingsPath());
        MemorySecretStore store;
        TokenVault vault(store);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        dialog.add();
        ProfileEditDialog *editor = dialog.editDialog();
        QVERIFY(editor);
        typeInto(editor, u"profile-name"_s, u"tls"_s);
        typeInto(editor, u"profile-base-url"_s, server.url().toString().chopped(1));
        QTest::keyClicks(child<QLineEdit>(editor, u"profile-token"_s), Token);
        auto *result = child<QLabel>(editor, u"profile-test-result"_s);
        auto *test = child<QPushButton>(editor, u"profile-test"_s);
        // Refused by default, saying which certificate and why.
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(test->text() == u"&Test Connection"_s && !plainText(result).endsWith(u"…"_s), Timeout);
        QVERIFY2(plainText(result).contains(u"Subject: "_s), qPrintable(plainText(result)));
        QVERIFY(plainText(result).contains(u"localhost"_s));
        QVERIFY(server.requests().isEmpty());
        // Trusted with its CA bundle, chosen in the form and not saved yet.
        typeInto(editor, u"profile-ca-bundle"_s, server.caBundle());
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(plainText(result).contains(u"3.9.1-0"_s), qPrintable(plainText(result)), Timeout);
        QCOMPARE(server.requests().constFirst().header("authorization"), "apiToken " + Token.toUtf8());
        QVERIFY(!settings.hasProfile(u"tls"_s));
        editor->reject();
    }

    void damagedSettingsSaveNothing()
    {
        const QByteArray junk("[profiles]\nacme\\baseUrl=https://a.io\n\x00\xff junk\n", 40);
        {
            QFile file(settingsPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(junk);
        }
        Settings settings(settingsPath());
        QVERIFY(settings.isDamaged());
        MemorySecretStore store;
        TokenVault vault(store);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        auto *notice = child<QLabel>(&dialog, u"profiles-notice"_s);
        QVERIFY(!notice->isHidden());
        QVERIFY2(plainText(notice).contains(settings.damage()), qPrintable(plainText(notice)));
        QVERIFY(!child<QPushButton>(&dialog, u"profile-add"_s)->isEnabled());
        // An editor opened all the same says why and keeps Save off.
        dialog.add();
        QVERIFY(dialog.editDialog());
        typeInto(dialog.editDialog(), u"profile-name"_s, u"acme"_s);
        typeInto(dialog.editDialog(), u"profile-base-url"_s, u"https://unit-acme.instana.io"_s);
        QVERIFY(!child<QPushButton>(dialog.editDialog(), u"profile-save"_s)->isEnabled());
        QVERIFY(plainText(child<QLabel>(dialog.editDialog(), u"profile-problems"_s)).contains(settings.damage()));
        dialog.editDialog()->reject();
        QTRY_VERIFY(!dialog.editDialog());
        QFile file(settingsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), junk);
    }

    void statusBarShowsTheProfileAndItsBudget()
    {
        TestSupport::FakeInstana backend;
        Settings settings(settingsPath());
        MemorySecretStore store;
        TokenVault vault(store);
        TargetMonitor monitor(settings.agentUrl());
        LocalAgent localAgent;
        CaptureStore captures;
        QNetworkAccessManager network;
        MainWindow window(settings, monitor, localAgent, captures, &network, vault);
        window.resize(1100, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ProfileIndicator *indicator = window.profileIndicator();
        RateLimitMeter *meter = window.rateLimitMeter();
        QCOMPARE(indicator->text(), u"No profile"_s);
        QVERIFY(meter->isHidden());

        // "No profile" opens the profiles; so does Connection → Profiles….
        QTest::mouseClick(indicator, Qt::LeftButton);
        QTRY_VERIFY(window.profilesDialog());
        window.profilesDialog()->reject();
        QTRY_VERIFY(!window.profilesDialog());
        auto *action = window.menuBar()->findChild<QAction *>(u"profiles"_s);
        QVERIFY(action);
        action->trigger();
        QTRY_VERIFY(window.profilesDialog());
        ProfilesDialog *dialog = window.profilesDialog();

        // Using a profile with an agent URL makes that agent the target at once.
        ConnectionProfile acme;
        acme.name = u"acme"_s;
        acme.baseUrl = backend.baseUrl();
        acme.agentUrl = QUrl(u"http://127.0.0.1:42788"_s);
        std::optional<ProfileWriteResult> saved;
        saveProfileAndToken(settings, vault, acme, Token, this, [&](const ProfileWriteResult &r) { saved = r; });
        QTRY_VERIFY(saved.has_value());
        QVERIFY(saved->ok);
        dialog->select(u"acme"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"profile-use"_s), Qt::LeftButton);
        QCOMPARE(indicator->text(), u"Profile acme · 127.0.0.1"_s);
        QCOMPARE(monitor.agent(), QUrl(u"http://127.0.0.1:42788"_s));
        auto *target = window.findChild<TargetIndicator *>(u"target-indicator"_s);
        QVERIFY(target->text().contains(u"127.0.0.1:42788"_s));
        QVERIFY(!window.windowTitle().contains(Token));

        // A test of the profile in use shows its budget: low, so the bar is red.
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + 1800;
        backend.setRateLimit(5000, 301, reset);
        QTest::mouseClick(child<QPushButton>(dialog, u"profile-test-selected"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!meter->isHidden(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(meter->rateLimit().remaining == 299, Timeout);
        QVERIFY2(meter->text().startsWith(u"299 of 5,000 calls left · resets "_s), qPrintable(meter->text()));
        QVERIFY(meter->rateLimit().isLow());
        QImage bar = window.statusBar()->grab().toImage();
        TestSupport::keepImage(bar, u"profiles-statusbar-low"_s);
        QRect barArea(meter->mapTo(window.statusBar(), meter->barRect().topLeft()), meter->barRect().size());
        QVERIFY(TestSupport::pixelsOf(bar, {RateLimitMeter::LowColour}, barArea) > 0);
        QCOMPARE(TestSupport::pixelsOf(bar, {RateLimitMeter::FillColour}, barArea), 0);
        QVERIFY(TestSupport::pixelsOf(bar, {RateLimitMeter::TroughColour}, barArea)
                > TestSupport::pixelsOf(bar, {RateLimitMeter::LowColour}, barArea));

        backend.setRateLimit(5000, 4002, reset);
        QTest::mouseClick(child<QPushButton>(dialog, u"profile-test-selected"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(meter->rateLimit().remaining == 4000, Timeout);
        bar = window.statusBar()->grab().toImage();
        TestSupport::keepImage(bar, u"profiles-statusbar"_s);
        barArea = QRect(meter->mapTo(window.statusBar(), meter->barRect().topLeft()), meter->barRect().size());
        QCOMPARE(TestSupport::pixelsOf(bar, {RateLimitMeter::LowColour}, barArea), 0);
        QVERIFY(TestSupport::pixelsOf(bar, {RateLimitMeter::FillColour}, barArea)
                > 3 * TestSupport::pixelsOf(bar, {RateLimitMeter::TroughColour}, barArea));

        // Another profile's budget is not this one's: it changes nothing.
        ConnectionProfile other = acme;
        other.name = u"other"_s;
        other.agentUrl = QUrl();
        saved.reset();
        saveProfileAndToken(settings, vault, other, Token, this, [&](const ProfileWriteResult &r) { saved = r; });
        QTRY_VERIFY(saved.has_value());
        backend.setRateLimit(5000, 10, reset);
        dialog->select(u"other"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"profile-test-selected"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, u"profiles-message"_s)->text().contains(u"3.307.417-0"_s),
                                 Timeout);
        QCOMPARE(meter->rateLimit().remaining, 4000);
        // Switching to it: its agent is the agent setting's, and the meter knows nothing yet.
        QTest::mouseClick(child<QPushButton>(dialog, u"profile-use"_s), Qt::LeftButton);
        QCOMPARE(indicator->text(), u"Profile other · 127.0.0.1"_s);
        QCOMPARE(monitor.agent(), settings.agentUrl());
        QVERIFY(meter->isHidden());
        dialog->reject();
    }

    void environmentProfileIsNamedSo()
    {
        Settings settings(settingsPath());
        QProcessEnvironment environment;
        environment.insert(u"INSTANA_BASE_URL"_s, u"https://unit-env.instana.io"_s);
        environment.insert(u"INSTANA_API_TOKEN"_s, Token);
        ProfileIndicator indicator(settings, environment);
        QCOMPARE(indicator.text(), u"Profile environment · unit-env.instana.io"_s);
        QVERIFY(!indicator.toolTip().contains(Token));
        environment.insert(u"INSTANA_BASE_URL"_s, u"http://unit-env.instana.io"_s);
        ProfileIndicator refused(settings, environment);
        QCOMPARE(refused.text(), u"Profile refused"_s);
        QVERIFY2(refused.toolTip().contains(u"INSTANA_BASE_URL"_s), qPrintable(refused.toolTip()));
    }

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestProfilesDialog)
#include "tst_profilesdialog.moc"
