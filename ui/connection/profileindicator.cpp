#include "ui/connection/profileindicator.h"

#include "core/profiles/profilechoice.h"
#include "core/settings/settings.h"

using namespace Qt::StringLiterals;

namespace Workbench {

ProfileIndicator::ProfileIndicator(Settings &settings, const QProcessEnvironment &environment, QWidget *parent)
    : QToolButton(parent)
    , m_settings(settings)
    , m_environment(environment)
{
    setObjectName(u"profile-indicator"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(&settings, &Settings::profilesChanged, this, &ProfileIndicator::refresh);
    connect(&settings, &Settings::currentProfileChanged, this, &ProfileIndicator::refresh);
    refresh();
}

void ProfileIndicator::refresh()
{
    const ProfileChoice choice = chooseProfile(m_settings, {}, m_environment);
    m_profileName = choice.profile ? choice.profile->name : QString();
    if (!choice.ok()) {
        setText(tr("Profile refused"));
        setToolTip(choice.error + u'\n' + tr("Click to manage the connection profiles."));
        setStyleSheet(u"color: #c62828"_s);
        return;
    }
    setStyleSheet(QString());
    if (!choice.profile) {
        setText(tr("No profile"));
        setToolTip(tr("No connection profile is in use. Click to add one."));
        return;
    }
    const QString host = choice.profile->baseUrl.host();
    if (choice.source == ProfileChoice::Source::Environment) {
        setText(tr("Profile environment · %1").arg(host));
        setToolTip(
            tr("The profile comes from INSTANA_BASE_URL for this session: %1").arg(choice.profile->baseUrl.toString()));
        return;
    }
    setText(tr("Profile %1 · %2").arg(choice.profile->name, host));
    setToolTip(tr("REST API at %1. Click to manage the connection profiles.").arg(choice.profile->baseUrl.toString()));
}

} // namespace Workbench
