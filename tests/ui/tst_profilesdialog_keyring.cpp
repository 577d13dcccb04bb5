// The profiles dialog against a real Secret Service (a throwaway gnome-keyring in a private
// D-Bus session): a token typed into the dialog is in the keychain and in no other file under
// the session's HOME, and removing the profile removes the secret.

#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "ui/connection/profileeditdialog.h"
#include "ui/connection/profilesdialog.h"

#include "tests/support/secrets.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Workbench;

namespace {
constexpr int Timeout = 30000;
const QString Service = u"instana-workbench-test"_s;

} // namespace

class TestProfilesDialogKeyring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenInTheKeychainOnlyAndRemovedWithItsProfile()
    {
        QVERIFY(!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty());
        const QString token = u"tok-gui-keyring-"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
        Settings settings(QDir(qEnvironmentVariable("XDG_CONFIG_HOME")).filePath(u"instana-workbench/workbench.ini"_s));
        KeychainSecretStore keychain(Service);
        TokenVault vault(keychain);
        ProfilesDialog dialog(settings, vault);
        dialog.show();

        dialog.add();
        ProfileEditDialog *editor = dialog.editDialog();
        QVERIFY(editor);
        QTest::keyClicks(editor->findChild<QLineEdit *>(u"profile-name"_s), u"acme"_s);
        QTest::keyClicks(editor->findChild<QLineEdit *>(u"profile-base-url"_s), u"https://unit-acme.instana.io"_s);
        QTest::keyClicks(editor->findChild<QLineEdit *>(u"profile-token"_s), token);
        QTest::mouseClick(editor->findChild<QPushButton *>(u"profile-save"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.editDialog(), Timeout);
        QVERIFY(!vault.isSessionOnly());
        QCOMPARE(TestSupport::readSecret(u"acme"_s, Service).value, token);
        QVERIFY(QFile::exists(settings.fileName()));
        QCOMPARE(TestSupport::keyringFilesHolding(token.toUtf8()), QStringList());

        dialog.select(u"acme"_s);
        dialog.remove();
        auto *box = dialog.findChild<QMessageBox *>(u"confirm-remove"_s);
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(u"confirm-remove-button"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.findChild<QListWidget *>(u"profile-list"_s)->count(), 0, Timeout);
        QCOMPARE(TestSupport::readSecret(u"acme"_s, Service).error, SecretStore::Error::NotFound);
        QVERIFY(!Settings(settings.fileName()).hasProfile(u"acme"_s));
    }
};

QTEST_MAIN(TestProfilesDialogKeyring)
#include "tst_profilesdialog_keyring.moc"
