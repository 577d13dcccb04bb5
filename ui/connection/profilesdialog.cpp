#include "ui/connection/profilesdialog.h"

#include "core/profiles/profilechoice.h"
#include "core/profiles/profilewriter.h"
#include "core/profiles/tokenvault.h"
#include "core/settings/settings.h"
#include "ui/connection/connectiontest.h"
#include "ui/connection/profileeditdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

ProfilesDialog::ProfilesDialog(Settings &settings, TokenVault &vault, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_vault(vault)
    , m_notice(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_editButton(new QPushButton(tr("&Edit…"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate…"), this))
    , m_remove(new QPushButton(tr("&Remove…"), this))
    , m_use(new QPushButton(tr("U&se"), this))
    , m_testButton(new QPushButton(tr("&Test"), this))
    , m_message(new QLabel(this))
    , m_connectionTest(new ConnectionTest(this))
{
    setObjectName(u"profiles-dialog"_s);
    setWindowTitle(tr("Connection Profiles"));
    m_notice->setObjectName(u"profiles-notice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_list->setObjectName(u"profile-list"_s);
    m_add->setObjectName(u"profile-add"_s);
    m_editButton->setObjectName(u"profile-edit"_s);
    m_duplicate->setObjectName(u"profile-duplicate"_s);
    m_remove->setObjectName(u"profile-remove"_s);
    m_use->setObjectName(u"profile-use"_s);
    m_testButton->setObjectName(u"profile-test-selected"_s);
    m_message->setObjectName(u"profiles-message"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_editButton, m_duplicate, m_remove, m_use, m_testButton})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addLayout(row, 1);
    layout->addWidget(m_message);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &ProfilesDialog::add);
    connect(m_editButton, &QPushButton::clicked, this, &ProfilesDialog::edit);
    connect(m_duplicate, &QPushButton::clicked, this, &ProfilesDialog::duplicate);
    connect(m_remove, &QPushButton::clicked, this, &ProfilesDialog::remove);
    connect(m_use, &QPushButton::clicked, this, &ProfilesDialog::use);
    connect(m_testButton, &QPushButton::clicked, this, &ProfilesDialog::test);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesDialog::updateButtons);
    connect(m_list, &QListWidget::itemActivated, this, &ProfilesDialog::edit);
    connect(&m_settings, &Settings::profilesChanged, this, &ProfilesDialog::reload);
    connect(&m_settings, &Settings::currentProfileChanged, this, &ProfilesDialog::reload);
    connect(m_connectionTest, &ConnectionTest::finished, this, [this](bool ok, const QString &text) {
        showMessage(text, ok);
        updateButtons();
    });
    connect(m_connectionTest, &ConnectionTest::rateLimitSeen, this, &ProfilesDialog::rateLimitSeen);
    resize(620, 400);
    reload();
}

ProfilesDialog::~ProfilesDialog() = default;

QString ProfilesDialog::selectedName() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ProfilesDialog::select(const QString &name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == name) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ProfilesDialog::reload()
{
    const QString selected = selectedName();
    m_list->clear();
    QStringList notices;
    if (m_settings.isDamaged())
        notices << ConnectionTest::outcomeHtml(
            m_settings.damage() + u' ' + tr("Nothing can be saved.") + u' ' + m_settings.recoveryHint(), false);
    const ProfileChoice choice = chooseProfile(m_settings);
    if (choice.source == ProfileChoice::Source::Environment)
        notices << tr("This session uses the profile of the environment (INSTANA_BASE_URL); the profiles here "
                      "are used once it is unset.")
                       .toHtmlEscaped();
    m_notice->setText(notices.join(u"<br>"_s));
    m_notice->setVisible(!notices.isEmpty());
    const QString current = m_settings.currentProfileName();
    for (const QString &name : m_settings.profileNames()) {
        QString refusal;
        const auto profile = m_settings.profile(name, &refusal);
        QString text = profile ? tr("%1 — %2").arg(name, profile->baseUrl.host()) : tr("%1 — refused").arg(name);
        auto *item = new QListWidgetItem(m_list);
        if (name == current) {
            text = tr("%1 (current)").arg(text);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        item->setText(text);
        item->setData(Qt::UserRole, name);
        item->setToolTip(profile ? profile->baseUrl.toString() : refusal);
        if (!profile)
            item->setForeground(QColor(0xc6, 0x28, 0x28));
    }
    select(selected.isEmpty() ? current : selected);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

void ProfilesDialog::updateButtons()
{
    const QString name = selectedName();
    const bool writable = !m_settings.isDamaged() && !m_busy;
    const bool usable = !name.isEmpty() && m_settings.profile(name).has_value();
    m_add->setEnabled(writable);
    m_editButton->setEnabled(writable && usable);
    m_duplicate->setEnabled(writable && usable);
    m_remove->setEnabled(writable && !name.isEmpty());
    m_use->setEnabled(writable && usable && name != m_settings.currentProfileName());
    const bool testing = m_connectionTest->isRunning() || m_readingToken;
    m_testButton->setEnabled(testing || (usable && !m_busy));
    m_testButton->setText(testing ? tr("&Cancel Test") : tr("&Test"));
}

void ProfilesDialog::showMessage(const QString &text, bool ok)
{
    m_message->setText(ConnectionTest::outcomeHtml(text, ok));
}

void ProfilesDialog::openEditor(ProfileForm::Mode mode, const ConnectionProfile &profile)
{
    if (m_editor)
        return;
    // Used through this pointer, read once, and kept in the guarded one for later.
    auto *editor = new ProfileEditDialog(mode, profile, m_settings, m_vault, this);
    m_editor = editor;
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ProfileEditDialog::saved, this, [this](const QString &name, const QString &message) {
        reload();
        select(name);
        showMessage(message, true);
    });
    connect(editor, &ProfileEditDialog::rateLimitSeen, this, &ProfilesDialog::rateLimitSeen);
    editor->open();
}

void ProfilesDialog::add()
{
    openEditor(ProfileForm::Mode::Add, ConnectionProfile());
}

void ProfilesDialog::edit()
{
    if (const auto profile = m_settings.profile(selectedName()))
        openEditor(ProfileForm::Mode::Edit, *profile);
}

void ProfilesDialog::duplicate()
{
    auto profile = m_settings.profile(selectedName());
    if (!profile)
        return;
    // The first free "<name>-copy", "<name>-copy2", ...
    const QString base = profile->name.left(ConnectionProfile::MaxNameLength - 7) + u"-copy"_s;
    QString name = base;
    for (int n = 2; m_settings.hasProfile(name); ++n)
        name = base + QString::number(n);
    profile->name = name;
    openEditor(ProfileForm::Mode::Add, *profile);
}

void ProfilesDialog::remove()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Profile"),
                                tr("Remove the profile %1 and its token from the keychain?").arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(u"confirm-remove"_s);
    QPushButton *removeButton = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    removeButton->setObjectName(u"confirm-remove-button"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, removeButton, name] {
        if (box->clickedButton() != removeButton)
            return;
        m_busy = true;
        updateButtons();
        showMessage(tr("Removing %1…").arg(name), true);
        removeProfileAndToken(m_settings, m_vault, name, this, [this](const ProfileWriteResult &result) {
            m_busy = false;
            reload();
            showMessage(result.message, result.ok);
        });
    });
    box->open();
}

void ProfilesDialog::use()
{
    const QString name = selectedName();
    if (const QString error = useProfile(m_settings, name); !error.isEmpty())
        showMessage(error, false);
    else
        showMessage(tr("The profile %1 is the current one.").arg(name), true);
    reload();
}

void ProfilesDialog::test()
{
    if (m_connectionTest->isRunning()) {
        m_connectionTest->cancel();
        return;
    }
    if (m_readingToken) {
        m_readingToken = false;
        showMessage(tr("The connection test was cancelled."), false);
        updateButtons();
        return;
    }
    const auto profile = m_settings.profile(selectedName());
    if (!profile)
        return;
    m_readingToken = true;
    showMessage(tr("Testing %1…").arg(profile->baseUrl.toString()), true);
    updateButtons();
    const int read = ++m_tokenRead;
    m_vault.readToken(profile->name, this, [this, profile, read](const SecretStore::Result &result) {
        if (!m_readingToken || read != m_tokenRead)
            return;
        m_readingToken = false;
        if (!result.ok() && result.error != SecretStore::Error::NotFound) {
            showMessage(TokenVault::explain(result, profile->name), false);
            updateButtons();
            return;
        }
        m_connectionTest->start(*profile, result.value);
        updateButtons();
    });
}

} // namespace Workbench
