#include "core/settings/settings.h"

#include "core/agentapi/agentendpoint.h"
#include "core/io/filenames.h"
#include "core/logging/logging.h"
#include "core/profiles/profilechoice.h"
#include "core/settings/paths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

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
const auto profiles = u"profiles/"_s; // + "<name>/<field>"
const auto currentProfile = u"connection/currentProfile"_s;
} // namespace Keys

// The fields of a stored profile, under profiles/<name>/.
namespace ProfileKeys {
const auto baseUrl = u"baseUrl"_s;
const auto agentUrl = u"agentUrl"_s;
const auto verifyTls = u"verifyTls"_s;
const auto caBundle = u"caBundle"_s;
const auto allowHttp = u"allowHttp"_s;
const auto proxy = u"proxy"_s;
const auto proxyUrl = u"proxyUrl"_s;
const auto timeout = u"timeoutMs"_s;
const auto maxResponseBytes = u"maxResponseBytes"_s;
} // namespace ProfileKeys

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

// Why `fileName` cannot be read as a settings file, or empty when it can or does not exist.
QString inspect(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (!info.exists())
        return {};
    if (!info.isFile())
        return Settings::tr("it is not a regular file");
    if (info.size() > Settings::MaxFileBytes)
        return Settings::tr("it is larger than %1 KiB").arg(Settings::MaxFileBytes / 1024);
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return Settings::tr("it cannot be opened (%1)").arg(file.errorString());
    const QByteArray bytes = file.read(Settings::MaxFileBytes + 1);
    if (bytes.contains('\0'))
        return Settings::tr("it holds NUL bytes");
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(bytes);
    if (utf8.hasError())
        return Settings::tr("it is not UTF-8 text");
    // QSettings parses a section only when one of its keys is asked for, and reports a format
    // error then: all of them are asked for here.
    const QSettings ini(fileName, QSettings::IniFormat);
    Q_UNUSED(ini.allKeys())
    switch (ini.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return Settings::tr("it cannot be opened");
    case QSettings::FormatError:
        return Settings::tr("it is not a valid INI file");
    }
    return {};
}
} // namespace

Settings::Settings(QObject *parent)
    : Settings(Paths::settingsFile(), parent)
{
}

Settings::Settings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_fileName(fileName)
{
    qCDebug(lcSettings) << "settings file" << fileName;
    open();
}

Settings::~Settings()
{
    // As QSettings does: what was changed is written when the facade goes.
    if (!m_pending.isEmpty() && m_settings)
        sync();
}

void Settings::open()
{
    m_settings.reset();
    const QString reason = inspect(m_fileName);
    if (!reason.isEmpty()) {
        m_damage = tr("The settings file %1 cannot be read: %2.").arg(QDir::toNativeSeparators(m_fileName), reason);
        qCDebug(lcSettings).noquote() << m_damage;
        return;
    }
    m_damage.clear();
    m_settings = std::make_unique<QSettings>(m_fileName, QSettings::IniFormat);
}

QString Settings::fileName() const
{
    return m_fileName;
}

QString Settings::damage() const
{
    return m_damage;
}

QString Settings::recoveryHint() const
{
    const QString name = QDir::toNativeSeparators(m_fileName);
    return tr("Move it aside to start from the defaults: mv '%1' '%1.damaged'").arg(name);
}

std::optional<QString> Settings::moveDamagedAside(QString *error)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    const QString aside = Io::unusedName(m_fileName + u".damaged-"_s + stamp, u'-');
    // rename(2): the bytes stay as they are, whatever the file is.
    if (!QDir().rename(m_fileName, aside)) {
        if (error)
            *error = tr("Cannot move the settings file %1 aside to %2.")
                         .arg(QDir::toNativeSeparators(m_fileName), QDir::toNativeSeparators(aside));
        return std::nullopt;
    }
    qCInfo(lcSettings) << "moved the damaged settings file aside to" << aside;
    open();
    return aside;
}

QVariant Settings::read(const QString &key, const QVariant &defaultValue) const
{
    const auto pending = m_pending.constFind(key);
    if (pending != m_pending.constEnd())
        return pending->isValid() ? *pending : defaultValue;
    if (!m_settings)
        return defaultValue;
    return m_settings->value(key, defaultValue);
}

bool Settings::has(const QString &key) const
{
    const auto pending = m_pending.constFind(key);
    if (pending != m_pending.constEnd())
        return pending->isValid();
    return m_settings && m_settings->contains(key);
}

void Settings::erase(const QString &key)
{
    if (has(key))
        m_pending.insert(key, QVariant());
}

bool Settings::store(const QString &key, const QVariant &value)
{
    if (has(key) && read(key) == value)
        return false;
    m_pending.insert(key, value);
    return true;
}

QByteArray Settings::mainWindowGeometry() const
{
    return read(Keys::mainWindowGeometry).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    store(Keys::mainWindowGeometry, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return read(Keys::mainWindowState).toByteArray();
}

void Settings::setMainWindowState(const QByteArray &state)
{
    store(Keys::mainWindowState, state);
}

QString Settings::lastWorkspace() const
{
    return read(Keys::lastWorkspace).toString();
}

void Settings::setLastWorkspace(const QString &workspace)
{
    if (store(Keys::lastWorkspace, workspace))
        Q_EMIT lastWorkspaceChanged(workspace);
}

QUrl Settings::agentUrl() const
{
    const QString stored = read(Keys::agentUrl).toString();
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

std::optional<QUrl> Settings::agentTarget(QString *refusal) const
{
    const ProfileChoice choice = chooseProfile(*this);
    if (!choice.ok() && !isDamaged()) {
        if (refusal)
            *refusal = choice.error;
        return std::nullopt;
    }
    return agentTarget(choice.profile ? &*choice.profile : nullptr, refusal);
}

std::optional<QUrl> Settings::agentTarget(const ConnectionProfile *profile, QString *refusal) const
{
    QString why;
    if (isDamaged())
        why = m_damage + u' ' + recoveryHint();
    else if (profile && !profile->agentUrl.isEmpty())
        return profile->agentUrl;
    else if (const QString refused = preferenceRefusal(Preferences::agentUrl); !refused.isEmpty())
        why = refused + u' '
            + tr("Fix it with `iwb config set %1 URL` or `iwb config unset %1`.").arg(Preferences::agentUrl);
    if (!why.isEmpty()) {
        if (refusal)
            *refusal = why;
        return std::nullopt;
    }
    return agentUrl();
}

QUrl Settings::effectiveAgentUrl() const
{
    return preferenceRefusal(Preferences::agentUrl).isEmpty() ? agentUrl() : AgentEndpoint::defaultUrl();
}

void Settings::setAgentUrl(const QUrl &url)
{
    const QUrl before = effectiveAgentUrl();
    store(Keys::agentUrl, url.toString(QUrl::FullyEncoded));
    if (effectiveAgentUrl() != before)
        Q_EMIT agentUrlChanged(effectiveAgentUrl());
}

bool Settings::hasAgentUrl() const
{
    return has(Keys::agentUrl);
}

void Settings::resetAgentUrl()
{
    const QUrl before = effectiveAgentUrl();
    erase(Keys::agentUrl);
    if (effectiveAgentUrl() != before)
        Q_EMIT agentUrlChanged(effectiveAgentUrl());
}

QStringList Settings::keysUnder(const QString &prefix) const
{
    QStringList keys;
    if (m_settings) {
        const QStringList stored = m_settings->allKeys();
        for (const QString &key : stored) {
            if (key.startsWith(prefix) && has(key))
                keys << key;
        }
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.key().startsWith(prefix) && it->isValid() && !keys.contains(it.key()))
            keys << it.key();
    }
    return keys;
}

QStringList Settings::profileNames() const
{
    QStringList names;
    for (const QString &key : keysUnder(Keys::profiles)) {
        // profiles/<name>/<field>; a key directly under profiles/ is not ours and stays as it is.
        const QString rest = key.mid(Keys::profiles.size());
        if (!rest.contains(u'/'))
            continue;
        const QString name = rest.section(u'/', 0, 0);
        if (!names.contains(name))
            names << name;
    }
    names.sort();
    return names;
}

bool Settings::hasProfile(const QString &name) const
{
    return !name.isEmpty() && !keysUnder(Keys::profiles + name + u'/').isEmpty();
}

std::optional<ConnectionProfile> Settings::profile(const QString &name, QString *refusal) const
{
    const QString file = QDir::toNativeSeparators(m_fileName);
    auto refuse = [refusal](const QString &why) -> std::optional<ConnectionProfile> {
        if (refusal)
            *refusal = why;
        return std::nullopt;
    };
    if (isDamaged())
        return refuse(m_damage + u' ' + recoveryHint());
    if (!hasProfile(name))
        return refuse(tr("There is no profile named \"%1\" in %2.").arg(name, file));

    const QString group = Keys::profiles + name + u'/';
    auto text = [this, &group](const QString &field) { return read(group + field).toString(); };
    QStringList problems;
    ConnectionProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(text(ProfileKeys::baseUrl), QUrl::StrictMode);
    auto flag = [&](const QString &field, bool fallback) {
        if (!has(group + field))
            return fallback;
        const auto value = parseBool(text(field));
        if (!value)
            problems << tr("%1 (\"%2\") is not true or false.").arg(field, text(field));
        return value.value_or(fallback);
    };
    profile.verifyTls = flag(ProfileKeys::verifyTls, true);
    profile.allowHttp = flag(ProfileKeys::allowHttp, false);
    if (const QString agent = text(ProfileKeys::agentUrl); !agent.isEmpty())
        profile.agentUrl = QUrl(agent, QUrl::StrictMode);
    profile.caBundleFile = text(ProfileKeys::caBundle);
    if (has(group + ProfileKeys::proxy)) {
        const auto mode = parseProxyMode(text(ProfileKeys::proxy));
        if (!mode)
            problems << tr("proxy (\"%1\") is not system, none or manual.").arg(text(ProfileKeys::proxy));
        profile.proxy = mode.value_or(Rest::ProxyMode::System);
    }
    if (const QString proxyUrl = text(ProfileKeys::proxyUrl); !proxyUrl.isEmpty())
        profile.proxyUrl = QUrl(proxyUrl, QUrl::StrictMode);
    auto number = [&](const QString &field, qint64 fallback) {
        if (!has(group + field))
            return fallback;
        bool ok = false;
        const qint64 value = text(field).toLongLong(&ok);
        if (!ok)
            problems << tr("%1 (\"%2\") is not a whole number.").arg(field, text(field));
        return ok ? value : fallback;
    };
    profile.timeout = std::chrono::milliseconds(number(ProfileKeys::timeout, profile.timeout.count()));
    profile.maxResponseBytes = number(ProfileKeys::maxResponseBytes, profile.maxResponseBytes);
    if (problems.isEmpty())
        problems = profile.validate();
    if (!problems.isEmpty())
        return refuse(tr("The profile \"%1\" in %2 is refused: %3").arg(name, file, problems.join(u' ')));
    return profile;
}

namespace {
// How many fields setProfile() writes for `profile`: those that differ from the defaults.
qsizetype storedFieldCount(const ConnectionProfile &profile)
{
    const ConnectionProfile defaults;
    return 1 + qsizetype(!profile.agentUrl.isEmpty()) + qsizetype(profile.verifyTls != defaults.verifyTls)
        + qsizetype(!profile.caBundleFile.isEmpty()) + qsizetype(profile.allowHttp != defaults.allowHttp)
        + qsizetype(profile.proxy != defaults.proxy) + qsizetype(!profile.proxyUrl.isEmpty())
        + qsizetype(profile.timeout != defaults.timeout)
        + qsizetype(profile.maxResponseBytes != defaults.maxResponseBytes);
}
} // namespace

QString Settings::setProfile(const ConnectionProfile &profile)
{
    if (profile.name == environmentProfileName())
        return tr("The name \"%1\" is the profile of the environment (INSTANA_BASE_URL); choose another.")
            .arg(profile.name);
    if (const QStringList problems = profile.validate(); !problems.isEmpty())
        return problems.join(u' ');
    const QString group = Keys::profiles + profile.name + u'/';
    const bool existed = hasProfile(profile.name);
    if (existed && this->profile(profile.name) == profile && keysUnder(group).size() == storedFieldCount(profile))
        return {};
    // Fields left at their default are not written, so that a default that changes reaches them.
    const ConnectionProfile defaults;
    auto put = [&](const QString &field, const QVariant &value, bool isDefault) {
        if (isDefault)
            erase(group + field);
        else
            m_pending.insert(group + field, value);
    };
    m_pending.insert(group + ProfileKeys::baseUrl, profile.baseUrl.toString(QUrl::FullyEncoded));
    put(ProfileKeys::agentUrl, profile.agentUrl.toString(QUrl::FullyEncoded), profile.agentUrl.isEmpty());
    put(ProfileKeys::verifyTls, profile.verifyTls, profile.verifyTls == defaults.verifyTls);
    put(ProfileKeys::caBundle, profile.caBundleFile, profile.caBundleFile.isEmpty());
    put(ProfileKeys::allowHttp, profile.allowHttp, profile.allowHttp == defaults.allowHttp);
    put(ProfileKeys::proxy, proxyModeName(profile.proxy), profile.proxy == defaults.proxy);
    put(ProfileKeys::proxyUrl, profile.proxyUrl.toString(QUrl::FullyEncoded), profile.proxyUrl.isEmpty());
    put(ProfileKeys::timeout, qint64(profile.timeout.count()), profile.timeout == defaults.timeout);
    put(ProfileKeys::maxResponseBytes, profile.maxResponseBytes, profile.maxResponseBytes == defaults.maxResponseBytes);
    // Keys of the stored profile that are not fields (a newer version's) go with the old one.
    if (existed) {
        static const QStringList fields{ProfileKeys::baseUrl,  ProfileKeys::agentUrl,  ProfileKeys::verifyTls,
                                        ProfileKeys::caBundle, ProfileKeys::allowHttp, ProfileKeys::proxy,
                                        ProfileKeys::proxyUrl, ProfileKeys::timeout,   ProfileKeys::maxResponseBytes};
        for (const QString &key : keysUnder(group)) {
            if (!fields.contains(key.mid(group.size())))
                erase(key);
        }
    }
    Q_EMIT profilesChanged();
    return {};
}

void Settings::removeProfile(const QString &name)
{
    if (!hasProfile(name))
        return;
    for (const QString &key : keysUnder(Keys::profiles + name + u'/'))
        erase(key);
    if (currentProfileName() == name)
        setCurrentProfileName({});
    Q_EMIT profilesChanged();
}

QString Settings::currentProfileName() const
{
    return read(Keys::currentProfile).toString();
}

QString Settings::setCurrentProfileName(const QString &name)
{
    if (!name.isEmpty() && !hasProfile(name))
        return tr("There is no profile named \"%1\" in %2.").arg(name, QDir::toNativeSeparators(m_fileName));
    if (name == currentProfileName())
        return {};
    if (name.isEmpty())
        erase(Keys::currentProfile);
    else
        store(Keys::currentProfile, name);
    Q_EMIT currentProfileChanged(name);
    return {};
}

QStringList Settings::recentTraceFiles() const
{
    return read(Keys::recentTraceFiles).toStringList();
}

void Settings::setRecentTraceFiles(const QStringList &files)
{
    store(Keys::recentTraceFiles, files);
}

bool Settings::localAgentAutostart() const
{
    if (!has(Keys::localAgentAutostart))
        return true;
    // A value that is no yes or no is refused (preferenceRefusal) and reads as the default.
    return parseBool(read(Keys::localAgentAutostart).toString()).value_or(true);
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
        return effectiveAgentUrl().toString();
    if (key == Preferences::localAgentAutostart)
        return localAgentAutostart() ? u"true"_s : u"false"_s;
    return {};
}

bool Settings::isPreferenceSet(const QString &key) const
{
    if (key == Preferences::agentUrl)
        return hasAgentUrl();
    if (key == Preferences::localAgentAutostart)
        return has(Keys::localAgentAutostart);
    return false;
}

QString Settings::preferenceRefusal(const QString &key) const
{
    const QString file = QDir::toNativeSeparators(m_fileName);
    if (key == Preferences::agentUrl && has(Keys::agentUrl)) {
        const QString stored = read(Keys::agentUrl).toString();
        QString error;
        if (!stored.isEmpty() && !AgentEndpoint::parse(stored, &error))
            return tr("The setting %1 (\"%2\") in %3 is refused: %4").arg(key, stored, file, error);
    }
    if (key == Preferences::localAgentAutostart && has(Keys::localAgentAutostart)) {
        const QString stored = read(Keys::localAgentAutostart).toString();
        if (!parseBool(stored))
            return tr("The setting %1 (\"%2\") in %3 is refused: it is not true or false.").arg(key, stored, file);
    }
    return {};
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
        erase(Keys::localAgentAutostart);
}

QString Settings::sync()
{
    if (!m_settings)
        return m_damage + u' ' + tr("Nothing was written to it.");
    // Looked at again just before writing: another program may have damaged it meanwhile.
    if (const QString reason = inspect(m_fileName); !reason.isEmpty()) {
        open();
        return m_damage + u' ' + tr("Nothing was written to it.");
    }
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->isValid())
            m_settings->setValue(it.key(), *it);
        else
            m_settings->remove(it.key());
    }
    m_pending.clear();
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
