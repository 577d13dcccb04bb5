#pragma once

#include "core/profiles/connectionprofile.h"
#include "core/rest/ratelimit.h"
#include "ui/connection/profileeditdialog.h"
#include "ui/connection/profileform.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QListWidget;
class QPushButton;

namespace Workbench {

class ConnectionTest;
class Settings;
class TokenVault;

// Connection → Profiles…: the stored connection profiles, the current one marked, to add,
// edit, duplicate, remove, use and test. Every change goes through the core
// (core/profiles/profilewriter.h); the dialog never blocks: its own dialogs open window-modal.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    ProfilesDialog(Settings &settings, TokenVault &vault, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

    // The name of the selected profile; empty for none.
    QString selectedName() const;
    void select(const QString &name);
    // The add or edit dialog open now, if any.
    ProfileEditDialog *editDialog() const { return m_editor; }

    void add();
    void edit();
    void duplicate();
    void remove();
    void use();
    void test();

Q_SIGNALS:
    void rateLimitSeen(const QString &profileName, const Workbench::Rest::RateLimit &rateLimit);

private:
    void reload();
    void updateButtons();
    void openEditor(ProfileForm::Mode mode, const ConnectionProfile &profile);
    void showMessage(const QString &text, bool ok);

    Settings &m_settings;
    TokenVault &m_vault;
    QLabel *m_notice;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_editButton;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QPushButton *m_use;
    QPushButton *m_testButton;
    QLabel *m_message;
    ConnectionTest *m_connectionTest;
    QPointer<ProfileEditDialog> m_editor;
    bool m_busy = false;
    bool m_readingToken = false;
    int m_tokenRead = 0; // which read of the token the test waits for
};

} // namespace Workbench
