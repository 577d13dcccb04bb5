#include "ui/connection/profileform.h"

#include "core/agentapi/agentendpoint.h"
#include "core/profiles/tokenvault.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace Workbench {

ProfileForm::ProfileForm(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_name(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_agentUrl(new QLineEdit(this))
    , m_verifyTls(new QCheckBox(tr("&Verify the server's certificate"), this))
    , m_tlsWarning(new QLabel(this))
    , m_caBundle(new QLineEdit(this))
    , m_chooseCaBundle(new QPushButton(tr("C&hoose…"), this))
    , m_proxy(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_allowHttp(new QCheckBox(tr("Allow plain &http:// to hosts that are not this machine"), this))
    , m_token(new QLineEdit(this))
    , m_showToken(new QCheckBox(tr("Sho&w"), this))
    , m_maxResponseBytes(ConnectionProfile().maxResponseBytes)
{
    m_name->setObjectName(u"profile-name"_s);
    m_name->setMaxLength(int(ConnectionProfile::MaxNameLength));
    m_name->setPlaceholderText(tr("e.g. production"));
    m_name->setReadOnly(mode == Mode::Edit);
    m_baseUrl->setObjectName(u"profile-base-url"_s);
    m_baseUrl->setPlaceholderText(u"https://unit-tenant.instana.io"_s);
    m_agentUrl->setObjectName(u"profile-agent-url"_s);
    m_agentUrl->setPlaceholderText(AgentEndpoint::defaultUrl().toString());
    m_agentUrl->setToolTip(tr("Where events and spans go while this profile is in use; empty for the agent "
                              "setting or the default."));
    m_verifyTls->setObjectName(u"profile-verify-tls"_s);
    m_verifyTls->setChecked(true);
    m_tlsWarning->setObjectName(u"profile-tls-warning"_s);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setText(u"<span style=\"color:#c62828\">"_s
                          + tr("Certificates are not checked: anyone between you and the server can read the "
                               "token.")
                                .toHtmlEscaped()
                          + u"</span>"_s);
    m_caBundle->setObjectName(u"profile-ca-bundle"_s);
    m_caBundle->setPlaceholderText(tr("none: the system's certificates"));
    m_chooseCaBundle->setObjectName(u"profile-ca-bundle-choose"_s);
    m_proxy->setObjectName(u"profile-proxy"_s);
    m_proxy->addItem(tr("System settings"), int(Rest::ProxyMode::System));
    m_proxy->addItem(tr("No proxy"), int(Rest::ProxyMode::None));
    m_proxy->addItem(tr("Manual"), int(Rest::ProxyMode::Manual));
    m_proxyUrl->setObjectName(u"profile-proxy-url"_s);
    m_proxyUrl->setPlaceholderText(u"http://proxy.example:3128"_s);
    m_timeout->setObjectName(u"profile-timeout"_s);
    m_timeout->setRange(int(ConnectionProfile::MinTimeout.count()), int(ConnectionProfile::MaxTimeout.count()));
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(int(ConnectionProfile().timeout.count()));
    m_allowHttp->setObjectName(u"profile-allow-http"_s);
    m_token->setObjectName(u"profile-token"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(mode == Mode::Edit ? tr("empty: keep the stored token")
                                                   : tr("the API token, kept in the keychain only"));
    m_showToken->setObjectName(u"profile-token-show"_s);

    auto *caRow = new QHBoxLayout;
    caRow->setContentsMargins(0, 0, 0, 0);
    caRow->addWidget(m_caBundle, 1);
    caRow->addWidget(m_chooseCaBundle);
    auto *proxyRow = new QHBoxLayout;
    proxyRow->setContentsMargins(0, 0, 0, 0);
    proxyRow->addWidget(m_proxy);
    proxyRow->addWidget(m_proxyUrl, 1);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->setContentsMargins(0, 0, 0, 0);
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_showToken);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Rows of several widgets get their label's buddy by hand: only a buddy makes the mnemonic work.
    auto label = [this](const QString &text, QWidget *buddy) {
        auto *result = new QLabel(text, this);
        result->setBuddy(buddy);
        return result;
    };
    form->addRow(label(tr("&Name:"), m_name), m_name);
    form->addRow(label(tr("REST &base URL:"), m_baseUrl), m_baseUrl);
    form->addRow(label(tr("API to&ken:"), m_token), tokenRow);
    form->addRow(label(tr("&Agent URL:"), m_agentUrl), m_agentUrl);
    form->addRow(QString(), m_verifyTls);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(label(tr("&CA bundle:"), m_caBundle), caRow);
    form->addRow(label(tr("&Proxy:"), m_proxy), proxyRow);
    form->addRow(label(tr("T&imeout:"), m_timeout), m_timeout);
    form->addRow(QString(), m_allowHttp);

    setTabOrder(m_name, m_baseUrl);
    setTabOrder(m_baseUrl, m_token);
    setTabOrder(m_token, m_showToken);
    setTabOrder(m_showToken, m_agentUrl);
    setTabOrder(m_agentUrl, m_verifyTls);
    setTabOrder(m_verifyTls, m_caBundle);
    setTabOrder(m_caBundle, m_chooseCaBundle);
    setTabOrder(m_chooseCaBundle, m_proxy);
    setTabOrder(m_proxy, m_proxyUrl);
    setTabOrder(m_proxyUrl, m_timeout);
    setTabOrder(m_timeout, m_allowHttp);

    for (QLineEdit *edit : {m_name, m_baseUrl, m_agentUrl, m_caBundle, m_proxyUrl, m_token})
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::updateState);
    for (QCheckBox *box : {m_verifyTls, m_allowHttp})
        connect(box, &QCheckBox::toggled, this, &ProfileForm::updateState);
    connect(m_proxy, &QComboBox::currentIndexChanged, this, &ProfileForm::updateState);
    connect(m_timeout, &QSpinBox::valueChanged, this, &ProfileForm::updateState);
    connect(m_showToken, &QCheckBox::toggled, this,
            [this](bool shown) { m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_chooseCaBundle, &QPushButton::clicked, this, &ProfileForm::chooseCaBundle);
    // The name of a stored profile stays: editing starts at its address.
    setFocusProxy(mode == Mode::Edit ? m_baseUrl : m_name);
    updateState();
}

void ProfileForm::setProfile(const ConnectionProfile &profile)
{
    const QSignalBlocker blocker(this);
    m_name->setText(profile.name);
    m_baseUrl->setText(profile.baseUrl.toString());
    m_agentUrl->setText(profile.agentUrl.toString());
    m_verifyTls->setChecked(profile.verifyTls);
    m_caBundle->setText(profile.caBundleFile);
    m_proxy->setCurrentIndex(m_proxy->findData(int(profile.proxy)));
    m_proxyUrl->setText(profile.proxyUrl.toString());
    m_timeout->setValue(int(profile.timeout.count()));
    m_allowHttp->setChecked(profile.allowHttp);
    m_maxResponseBytes = profile.maxResponseBytes;
    m_token->clear();
    updateState();
}

ConnectionProfile ProfileForm::profile() const
{
    ConnectionProfile profile;
    profile.name = m_name->text().trimmed();
    profile.allowHttp = m_allowHttp->isChecked();
    // Text that is no base URL is kept as it is, for validate() to say what is wrong with it.
    const QString base = m_baseUrl->text().trimmed();
    profile.baseUrl = ConnectionProfile::parseBaseUrl(base, profile.allowHttp).value_or(QUrl(base));
    const QString agent = m_agentUrl->text().trimmed();
    if (!agent.isEmpty())
        profile.agentUrl = AgentEndpoint::parse(agent).value_or(QUrl(agent));
    profile.verifyTls = m_verifyTls->isChecked();
    profile.caBundleFile = m_caBundle->text().trimmed();
    profile.proxy = Rest::ProxyMode(m_proxy->currentData().toInt());
    if (profile.proxy == Rest::ProxyMode::Manual)
        profile.proxyUrl = QUrl(m_proxyUrl->text().trimmed());
    profile.timeout = std::chrono::milliseconds(m_timeout->value());
    profile.maxResponseBytes = m_maxResponseBytes;
    return profile;
}

std::optional<QString> ProfileForm::token() const
{
    const QString token = m_token->text().trimmed();
    if (token.isEmpty())
        return std::nullopt;
    return token;
}

QStringList ProfileForm::problems() const
{
    QStringList problems = profile().validate();
    if (const auto typed = token()) {
        if (const QString problem = TokenVault::tokenProblem(*typed); !problem.isEmpty())
            problems << problem;
    }
    return problems;
}

void ProfileForm::chooseCaBundle()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA Bundle"), m_caBundle->text(),
                                                      tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caBundle->setText(file);
}

void ProfileForm::updateState()
{
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
    m_proxyUrl->setEnabled(Rest::ProxyMode(m_proxy->currentData().toInt()) == Rest::ProxyMode::Manual);
    Q_EMIT changed();
}

} // namespace Workbench
