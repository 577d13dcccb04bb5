#include "settings/settings.h"

#include "logging/logging.h"
#include "settings/paths.h"
#include "target/agentendpoint.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace Keys {
const auto mainWindowGeometry = u"mainwindow/geometry"_s;
const auto mainWindowState = u"mainwindow/state"_s;
const auto lastWorkspace = u"mainwindow/workspace"_s;
const auto agentUrl = u"agent/url"_s;
} // namespace Keys

namespace Preferences {
const auto agentUrl = u"agent.url"_s;
}

Settings::Settings(QObject *parent)
    : Settings(Paths::settingsFile(), parent)
{
}

Settings::Settings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
    qCDebug(lcSettings) << "settings file" << fileName;
}

Settings::~Settings() = default;

QString Settings::fileName() const
{
    return m_settings->fileName();
}

bool Settings::store(const QString &key, const QVariant &value)
{
    if (m_settings->contains(key) && m_settings->value(key) == value)
        return false;
    m_settings->setValue(key, value);
    return true;
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings->value(Keys::mainWindowGeometry).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    store(Keys::mainWindowGeometry, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings->value(Keys::mainWindowState).toByteArray();
}

void Settings::setMainWindowState(const QByteArray &state)
{
    store(Keys::mainWindowState, state);
}

QString Settings::lastWorkspace() const
{
    return m_settings->value(Keys::lastWorkspace).toString();
}

void Settings::setLastWorkspace(const QString &workspace)
{
    if (store(Keys::lastWorkspace, workspace))
        Q_EMIT lastWorkspaceChanged(workspace);
}

QUrl Settings::agentUrl() const
{
    const QString stored = m_settings->value(Keys::agentUrl).toString();
    if (stored.isEmpty())
        return AgentEndpoint::defaultUrl();
    QString error;
    const auto url = AgentEndpoint::parse(stored, &error);
    if (!url) {
        qCWarning(lcSettings) << "ignoring agent address in" << fileName() << ":" << error;
        return AgentEndpoint::defaultUrl();
    }
    return *url;
}

void Settings::setAgentUrl(const QUrl &url)
{
    const QUrl before = agentUrl();
    store(Keys::agentUrl, url.toString(QUrl::FullyEncoded));
    if (agentUrl() != before)
        Q_EMIT agentUrlChanged(agentUrl());
}

bool Settings::hasAgentUrl() const
{
    return m_settings->contains(Keys::agentUrl);
}

void Settings::resetAgentUrl()
{
    const QUrl before = agentUrl();
    m_settings->remove(Keys::agentUrl);
    if (agentUrl() != before)
        Q_EMIT agentUrlChanged(agentUrl());
}

QList<Settings::Preference> Settings::preferences()
{
    return {
        {Preferences::agentUrl,
         tr("The host agent that events and traces are sent to (default %1).")
             .arg(AgentEndpoint::defaultUrl().toString())},
    };
}

bool Settings::isPreference(const QString &key)
{
    const auto all = preferences();
    return std::any_of(all.begin(), all.end(), [&key](const Preference &p) { return p.key == key; });
}

QString Settings::preferenceText(const QString &key) const
{
    if (key == Preferences::agentUrl)
        return agentUrl().toString();
    return {};
}

bool Settings::isPreferenceSet(const QString &key) const
{
    if (key == Preferences::agentUrl)
        return hasAgentUrl();
    return false;
}

QString Settings::setPreferenceText(const QString &key, const QString &text)
{
    if (key == Preferences::agentUrl) {
        QString error;
        const auto url = AgentEndpoint::parse(text, &error);
        if (!url)
            return error;
        setAgentUrl(*url);
        return {};
    }
    return tr("There is no preference named \"%1\".").arg(key);
}

void Settings::resetPreference(const QString &key)
{
    if (key == Preferences::agentUrl)
        resetAgentUrl();
}

QString Settings::sync()
{
    m_settings->sync();
    switch (m_settings->status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return tr("Cannot write the settings file %1.").arg(fileName());
    case QSettings::FormatError:
        return tr("The settings file %1 is not a valid INI file.").arg(fileName());
    }
    return {};
}

} // namespace Workbench
