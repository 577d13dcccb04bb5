#include "ui/shell/agenttargetdialog.h"

#include "core/agentapi/agentendpoint.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

AgentTargetDialog::AgentTargetDialog(const QUrl &current, QWidget *parent)
    : QDialog(parent)
    , m_edit(new QLineEdit(current.toString(), this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_agent(current)
{
    setWindowTitle(tr("Agent Target"));
    m_edit->setObjectName(u"agent-address"_s);
    m_edit->setPlaceholderText(AgentEndpoint::defaultUrl().toString());
    m_message->setObjectName(u"agent-message"_s);
    m_message->setWordWrap(true);

    auto *intro = new QLabel(tr("Events and traces are sent to the Instana host agent at this address. "
                                "A host name, host:port or http(s) URL is accepted; without a port, "
                                "the agent's port %1 is used.")
                                 .arg(AgentEndpoint::DefaultPort),
                             this);
    intro->setWordWrap(true);

    QPushButton *defaults = m_buttons->addButton(tr("Default"), QDialogButtonBox::ResetRole);
    connect(defaults, &QPushButton::clicked, this, [this] { m_edit->setText(AgentEndpoint::defaultUrl().toString()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &AgentTargetDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(460, sizeHint().height());
    validate();
}

void AgentTargetDialog::validate()
{
    QString error;
    const auto parsed = AgentEndpoint::parse(m_edit->text(), &error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(parsed.has_value());
    if (parsed) {
        m_agent = *parsed;
        m_message->setText(tr("Events go to %1").arg(AgentEndpoint::eventUrl(*parsed).toString()));
    } else {
        m_message->setText(u"<span style=\"color:#c62828\">"_s + error.toHtmlEscaped() + u"</span>"_s);
    }
}

} // namespace Workbench
