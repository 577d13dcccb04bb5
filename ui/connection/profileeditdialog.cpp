#include "ui/connection/profileeditdialog.h"

#include "core/profiles/profilewriter.h"
#include "core/profiles/tokenvault.h"
#include "core/settings/settings.h"
#include "ui/connection/connectiontest.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

ProfileEditDialog::ProfileEditDialog(ProfileForm::Mode mode, const ConnectionProfile &profile, Settings &settings,
                                     TokenVault &vault, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_vault(vault)
    , m_form(new ProfileForm(mode, this))
    , m_problems(new QLabel(this))
    , m_test(new QPushButton(tr("&Test Connection"), this))
    , m_testResult(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_connectionTest(new ConnectionTest(this))
    , m_originalName(mode == ProfileForm::Mode::Edit ? profile.name : QString())
{
    setObjectName(u"profile-edit-dialog"_s);
    setWindowTitle(mode == ProfileForm::Mode::Edit ? tr("Edit Profile %1").arg(profile.name) : tr("Add Profile"));
    m_form->setProfile(profile);
    m_problems->setObjectName(u"profile-problems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_test->setObjectName(u"profile-test"_s);
    m_testResult->setObjectName(u"profile-test-result"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::RichText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"profile-save"_s);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_problems);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_form, &ProfileForm::changed, this, &ProfileEditDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ProfileEditDialog::test);
    connect(m_connectionTest, &ConnectionTest::finished, this, &ProfileEditDialog::setTestResult);
    connect(m_connectionTest, &ConnectionTest::rateLimitSeen, this, &ProfileEditDialog::rateLimitSeen);
    resize(560, sizeHint().height());
    m_form->setFocus();
    updateState();
}

ProfileEditDialog::~ProfileEditDialog() = default;

QStringList ProfileEditDialog::problems() const
{
    QStringList problems = m_form->problems();
    const QString name = m_form->profile().name;
    if (m_form->mode() == ProfileForm::Mode::Add && m_settings.hasProfile(name))
        problems.prepend(tr("A profile named \"%1\" exists already; choose another name or edit it.").arg(name));
    if (m_settings.isDamaged())
        problems.prepend(m_settings.damage() + u' ' + tr("Nothing can be saved.") + u' ' + m_settings.recoveryHint());
    return problems;
}

void ProfileEditDialog::updateState()
{
    const QStringList problems = this->problems();
    QStringList lines;
    for (const QString &problem : std::as_const(problems))
        lines << ConnectionTest::outcomeHtml(problem, false);
    m_problems->setText(lines.join(u"<br>"_s));
    m_problems->setVisible(!problems.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problems.isEmpty() && !m_saving);
    m_form->setEnabled(!m_saving);
    m_test->setEnabled(!m_saving);
    m_test->setText(m_connectionTest->isRunning() || m_readingToken ? tr("&Cancel Test") : tr("&Test Connection"));
}

void ProfileEditDialog::save()
{
    if (m_saving || !problems().isEmpty())
        return;
    m_saving = true;
    m_problems->setText(tr("Saving…"));
    m_problems->show();
    updateState();
    QPointer<ProfileEditDialog> self(this);
    saveProfileAndToken(m_settings, m_vault, m_form->profile(), m_form->token(), this,
                        [self](const ProfileWriteResult &result) {
                            if (self)
                                self->onSaved(result.ok, result.keychainUnavailable, result.message);
                        });
}

void ProfileEditDialog::onSaved(bool ok, bool keychainUnavailable, const QString &message)
{
    m_saving = false;
    updateState();
    if (ok) {
        Q_EMIT saved(m_form->profile().name, message);
        accept();
        return;
    }
    if (keychainUnavailable && !m_vault.isSessionOnly()) {
        offerSessionOnly(message);
        return;
    }
    m_problems->setText(ConnectionTest::outcomeHtml(message, false));
    m_problems->show();
}

void ProfileEditDialog::offerSessionOnly(const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("No Keychain"), message, QMessageBox::Cancel, this);
    box->setObjectName(u"keychain-unavailable"_s);
    box->setInformativeText(tr("The token can be used for this session only: it is then kept in memory and "
                               "gone when the workbench quits. It is never written to a file."));
    QPushButton *sessionOnly = box->addButton(tr("Use for This &Session Only"), QMessageBox::AcceptRole);
    sessionOnly->setObjectName(u"use-session-only"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, sessionOnly] {
        if (box->clickedButton() == sessionOnly) {
            m_vault.useSessionOnly();
            save();
        } else {
            m_problems->setText(ConnectionTest::outcomeHtml(tr("Nothing was saved: no keychain answers."), false));
            m_problems->show();
        }
    });
    box->open();
}

void ProfileEditDialog::test()
{
    if (m_connectionTest->isRunning()) {
        m_connectionTest->cancel();
        return;
    }
    if (m_readingToken) {
        m_readingToken = false;
        setTestResult(false, tr("The connection test was cancelled."));
        return;
    }
    const ConnectionProfile profile = m_form->profile();
    if (const QStringList problems = m_form->problems(); !problems.isEmpty()) {
        setTestResult(false, problems.constFirst());
        return;
    }
    if (const auto token = m_form->token()) {
        runTest(profile, *token);
        return;
    }
    if (m_originalName.isEmpty()) {
        runTest(profile, {});
        return;
    }
    // The field is empty on edit: the stored token is tested.
    m_readingToken = true;
    m_testResult->setText(tr("Reading the token from %1…").arg(m_vault.backendName()).toHtmlEscaped());
    updateState();
    QPointer<ProfileEditDialog> self(this);
    const int read = ++m_tokenRead;
    m_vault.readToken(m_originalName, this, [self, profile, read](const SecretStore::Result &result) {
        ProfileEditDialog *dialog = self.data(); // read once
        if (!dialog || !dialog->m_readingToken || read != dialog->m_tokenRead)
            return;
        dialog->m_readingToken = false;
        if (!result.ok() && result.error != SecretStore::Error::NotFound) {
            dialog->setTestResult(false, TokenVault::explain(result, dialog->m_originalName));
            return;
        }
        dialog->runTest(profile, result.value);
    });
}

void ProfileEditDialog::runTest(const ConnectionProfile &profile, const QString &token)
{
    m_testResult->setText(tr("Testing %1…").arg(profile.baseUrl.toString()).toHtmlEscaped());
    m_connectionTest->start(profile, token);
    updateState();
}

void ProfileEditDialog::setTestResult(bool ok, const QString &text)
{
    m_testResult->setText(ConnectionTest::outcomeHtml(text, ok));
    updateState();
}

} // namespace Workbench
