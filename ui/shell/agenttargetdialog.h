#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Workbench {

// Asks for the address of the host agent; accepts only what AgentEndpoint can parse and
// says why anything else is refused.
class AgentTargetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AgentTargetDialog(const QUrl &current, QWidget *parent = nullptr);

    QUrl agent() const { return m_agent; }

private:
    void validate();

    QLineEdit *m_edit;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QUrl m_agent;
};

} // namespace Workbench
