// The profiles dialog where no keychain answers (the session bus points nowhere): saving a
// token says so and what to install, and offers to use the token for this session only; then
// it is kept in memory, never in a file, and Cancel saves nothing.

#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "ui/connection/profileeditdialog.h"
#include "ui/connection/profilesdialog.h"

#include "tests/support/secrets.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
constexpr int Timeout = 30000;
const QString Token = u"tok-gui-no-keychain-4711"_s;
} // namespace

class TestProfilesDialogNoKeychain : public QObject
{
    Q_OBJECT

    QString settingsPath() const { return m_dir->filePath(u"workbench.ini"_s); }
    QStringList filesHolding(const QByteArray &bytes) const { return TestSupport::filesHolding(m_dir->path(), bytes); }

    // Fills an added profile with a token and saves it, up to the question about the keychain.
    QMessageBox *saveUntilAsked(ProfilesDialog &dialog)
    {
        dialog.add();
        ProfileEditDialog *editor = dialog.editDialog();
        if (!editor)
            return nullptr;
        editor->findChild<QLineEdit *>(u"profile-name"_s)->setText(u"acme"_s);
        editor->findChild<QLineEdit *>(u"profile-base-url"_s)->setText(u"https://unit-acme.instana.io"_s);
        QTest::keyClicks(editor->findChild<QLineEdit *>(u"profile-token"_s), Token);
        QTest::mouseClick(editor->findChild<QPushButton *>(u"profile-save"_s), Qt::LeftButton);
        if (!QTest::qWaitFor([editor] { return editor->findChild<QMessageBox *>(u"keychain-unavailable"_s); }, Timeout))
            return nullptr;
        return editor->findChild<QMessageBox *>(u"keychain-unavailable"_s);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"_s));
    }

    void cancelSavesNothing()
    {
        Settings settings(settingsPath());
        KeychainSecretStore keychain(u"instana-workbench-test"_s);
        TokenVault vault(keychain);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        QMessageBox *box = saveUntilAsked(dialog);
        QVERIFY(box);
        QVERIFY2(box->text().startsWith(u"No keychain answers"_s), qPrintable(box->text()));
        QVERIFY(box->text().contains(u"gnome-keyring"_s));
        QVERIFY(!box->text().contains(Token));
        QVERIFY(box->informativeText().contains(u"this session only"_s));
        ProfileEditDialog *editor = dialog.editDialog();
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!editor->findChild<QMessageBox *>(u"keychain-unavailable"_s));
        QVERIFY(editor->isVisible());
        QVERIFY(editor->findChild<QLabel *>(u"profile-problems"_s)->text().contains(u"Nothing was saved"_s));
        QVERIFY(!vault.isSessionOnly());
        QVERIFY(!settings.hasProfile(u"acme"_s));
        QVERIFY(!Settings(settingsPath()).hasProfile(u"acme"_s));
        QCOMPARE(filesHolding(Token.toUtf8()), QStringList());
    }

    void sessionOnlyKeepsTheTokenInMemory()
    {
        Settings settings(settingsPath());
        KeychainSecretStore keychain(u"instana-workbench-test"_s);
        TokenVault vault(keychain);
        ProfilesDialog dialog(settings, vault);
        dialog.show();
        QMessageBox *box = saveUntilAsked(dialog);
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(u"use-session-only"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.editDialog(), Timeout);
        QVERIFY(vault.isSessionOnly());
        auto *message = dialog.findChild<QLabel *>(u"profiles-message"_s);
        QVERIFY2(message->text().contains(u"memory (this session only)"_s), qPrintable(message->text()));
        QCOMPARE(dialog.findChild<QListWidget *>(u"profile-list"_s)->count(), 1);
        QVERIFY(Settings(settingsPath()).hasProfile(u"acme"_s));
        std::optional<SecretStore::Result> read;
        vault.readToken(u"acme"_s, this, [&](const SecretStore::Result &r) { read = r; });
        QTRY_VERIFY(read.has_value());
        QCOMPARE(read->value, Token);
        QCOMPARE(filesHolding(Token.toUtf8()), QStringList());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestProfilesDialogNoKeychain)
#include "tst_profilesdialog_nokeychain.moc"
