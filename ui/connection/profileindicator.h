#pragma once

#include <QProcessEnvironment>
#include <QToolButton>

namespace Workbench {

class Settings;

// The status bar's word on the connection profile of this session, as chooseProfile() picks it:
// its name and host, "environment" when INSTANA_BASE_URL makes it, "No profile" when there is
// none, or that it is refused. A click opens the profiles.
class ProfileIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit ProfileIndicator(Settings &settings,
                              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                              QWidget *parent = nullptr);

    // The name of the profile in use; empty for none.
    QString profileName() const { return m_profileName; }

    void refresh();

private:
    Settings &m_settings;
    QProcessEnvironment m_environment;
    QString m_profileName;
};

} // namespace Workbench
