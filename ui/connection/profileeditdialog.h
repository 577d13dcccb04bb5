#pragma once

#include "core/profiles/connectionprofile.h"
#include "core/rest/ratelimit.h"
#include "ui/connection/profileform.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QMessageBox;
class QPushButton;

namespace Workbench {

class ConnectionTest;
class Settings;
class TokenVault;

// Adds or edits one connection profile. Save is possible only while the core finds nothing
// wrong with the fields (the problems are shown under the form); saving stores the token in the
// keychain and the profile in the settings, without blocking. When no keychain answers, the
// dialog says so and offers to use the token for this session only. Test checks the backend
// with the fields as they are, saved or not.
class ProfileEditDialog : public QDialog
{
    Q_OBJECT
public:
    // For Mode::Edit, `profile` is the stored one; for Mode::Add, what the fields start with.
    ProfileEditDialog(ProfileForm::Mode mode, const ConnectionProfile &profile, Settings &settings, TokenVault &vault,
                      QWidget *parent = nullptr);
    ~ProfileEditDialog() override;

    ProfileForm *form() const { return m_form; }
    bool isBusy() const { return m_saving; }
    // What keeps the fields from being saved, a sentence each: the form's problems, a name that
    // is taken, a settings file that cannot be read.
    QStringList problems() const;

    void save();
    // Runs the connection test with the fields' values; cancels one that runs.
    void test();

Q_SIGNALS:
    // The profile was saved as named.
    void saved(const QString &name, const QString &message);
    void rateLimitSeen(const QString &profileName, const Workbench::Rest::RateLimit &rateLimit);

private:
    void updateState();
    void onSaved(bool ok, bool keychainUnavailable, const QString &message);
    void offerSessionOnly(const QString &message);
    void runTest(const ConnectionProfile &profile, const QString &token);
    void setTestResult(bool ok, const QString &text);

    Settings &m_settings;
    TokenVault &m_vault;
    ProfileForm *m_form;
    QLabel *m_problems;
    QPushButton *m_test;
    QLabel *m_testResult;
    QDialogButtonBox *m_buttons;
    ConnectionTest *m_connectionTest;
    QString m_originalName;
    bool m_saving = false;
    bool m_readingToken = false;
    int m_tokenRead = 0; // which read of the token the test waits for
};

} // namespace Workbench
