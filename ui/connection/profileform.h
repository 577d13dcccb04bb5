#pragma once

#include "core/profiles/connectionprofile.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Workbench {

// The fields of one connection profile and its token, as a form. What the fields say is judged
// by the core only (ConnectionProfile::validate(), TokenVault::tokenProblem()); the form shows
// the problems but decides nothing.
class ProfileForm : public QWidget
{
    Q_OBJECT
public:
    enum class Mode {
        Add, // a new profile: the token field empty means no token
        Edit, // a stored profile: its name stays, the token field empty keeps the stored token
    };

    explicit ProfileForm(Mode mode, QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile);
    // The profile as the fields say it, checked or not.
    ConnectionProfile profile() const;
    // The token typed, trimmed; nothing when the field is empty.
    std::optional<QString> token() const;
    // Every problem of the fields, a sentence each; empty when they may be saved.
    QStringList problems() const;

    Mode mode() const { return m_mode; }

Q_SIGNALS:
    void changed();

private:
    void chooseCaBundle();
    void updateState();

    Mode m_mode;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QLineEdit *m_agentUrl;
    QCheckBox *m_verifyTls;
    QLabel *m_tlsWarning;
    QLineEdit *m_caBundle;
    QPushButton *m_chooseCaBundle;
    QComboBox *m_proxy;
    QLineEdit *m_proxyUrl;
    QSpinBox *m_timeout;
    QCheckBox *m_allowHttp;
    QLineEdit *m_token;
    QCheckBox *m_showToken;
    qint64 m_maxResponseBytes;
};

} // namespace Workbench
