#include "core/settings/settings.h"

#include "core/agentapi/agentendpoint.h"
#include "core/logging/logging.h"
#include "core/settings/paths.h"

#include <QFileInfo>

#include <optional>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace Keys {
const auto mainWindowGeometry = u"mainwindow/geometry"_s;
const auto mainWindowState = u"mainwindow/state"_s;
const auto lastWorkspace = u"mainwindow/workspace"_s;
const auto agentUrl = u"agent/url"_s;
const auto localAgentAutostart = u"agent/localAutostart"_s;
const auto recentTraceFiles = u"viewer/recentFiles"_s;
} // namespace Keys

namespace Preferences {
const auto agentUrl = u"agent.url"_s;
const auto localAgentAutostart = u"agent.local.autostart"_s;
} // namespace Preferences

namespace {
std::optional<bool> parseBool(const QString &text)
{
    const QString word = text.trimmed().toLower();
    if (word == u"true"_s || word == u"on"_s || word == u"yes"_s || word == u"1"_s)
        return true;
    if (word == u"false"_s || word == u"off"_s || word == u"no"_s || word == u"0"_s)
        return false;
    return std::nullopt;
}
} // namespace

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

QStringList Settings::recentTraceFiles() const
{
    return m_settings->value(Keys::recentTraceFiles).toStringList();
}

void Settings::setRecentTraceFiles(const QStringList &files)
{
    store(Keys::recentTraceFiles, files);
}

bool Settings::localAgentAutostart() const
{
    return m_settings->value(Keys::localAgentAutostart, true).toBool();
}

void Settings::setLocalAgentAutostart(bool autostart)
{
    store(Keys::localAgentAutostart, autostart);
}

QList<Settings::Preference> Settings::preferences()
{
    return {
        {Preferences::agentUrl,
         tr("The host agent that events and traces are sent to (default %1).")
             .arg(AgentEndpoint::defaultUrl().toString())},
        {Preferences::localAgentAutostart,
         tr("Start the local agent (capture only) when the window opens and nothing listens at %1 "
            "(true or false; default true).")
             .arg(AgentEndpoint::displayName(AgentEndpoint::defaultUrl()))},
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
    if (key == Preferences::localAgentAutostart)
        return localAgentAutostart() ? u"true"_s : u"false"_s;
    return {};
}

bool Settings::isPreferenceSet(const QString &key) const
{
    if (key == Preferences::agentUrl)
        return hasAgentUrl();
    if (key == Preferences::localAgentAutostart)
        return m_settings->contains(Keys::localAgentAutostart);
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
    if (key == Preferences::localAgentAutostart) {
        const auto value = parseBool(text);
        if (!value)
            return tr("\"%1\" is not true or false.").arg(text);
        setLocalAgentAutostart(*value);
        return {};
    }
    return tr("There is no preference named \"%1\".").arg(key);
}

void Settings::resetPreference(const QString &key)
{
    if (key == Preferences::agentUrl)
        resetAgentUrl();
    else if (key == Preferences::localAgentAutostart)
        m_settings->remove(Keys::localAgentAutostart);
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
