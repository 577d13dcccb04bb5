#pragma once

#include "core/profiles/connectionprofile.h"

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

#include <memory>
#include <optional>

namespace Workbench {

// The one typed facade over the workbench's settings file (INI, in the XDG config location,
// shared by the GUI and iwb). Setters emit a change signal only when the value changes.
// Secrets never go here: only the keychain holds them.
//
// A settings file that cannot be read (see damage()) is never written: the facade then
// holds the defaults and any change in memory only, and sync() says why nothing was saved.
// Changes wait in the facade until sync() (or destruction), which looks at the file again
// just before writing, so a file damaged meanwhile is not overwritten either.
class Settings : public QObject
{
    Q_OBJECT
public:
    // The shared settings file (Paths::settingsFile()).
    explicit Settings(QObject *parent = nullptr);
    // Any INI file; tests and tools use this.
    explicit Settings(const QString &fileName, QObject *parent = nullptr);
    ~Settings() override;

    QString fileName() const;

    // Why the file cannot be read, as a sentence naming it ("The settings file … cannot be
    // read: it holds NUL bytes."); empty when it can (or does not exist yet). A file cannot
    // be read when it is not a regular file, is larger than MaxFileBytes, cannot be opened,
    // holds NUL bytes or text that is not UTF-8, or QSettings finds it no valid INI file.
    // Keys that are not ours are no damage: they are kept as they are.
    QString damage() const;
    bool isDamaged() const { return !m_damage.isEmpty(); }
    // How to recover from damage(), as a sentence with the command that moves the file aside.
    QString recoveryHint() const;
    // Moves a damaged file aside, to "<file>.damaged-<yyyyMMdd-hhmmss>" (its bytes kept), and
    // starts afresh from the defaults; changes made meanwhile are kept for the next sync().
    // Returns the new name, or nothing and *error.
    std::optional<QString> moveDamagedAside(QString *error = nullptr);
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QString lastWorkspace() const;
    void setLastWorkspace(const QString &workspace);

    // The agent.url setting: AgentEndpoint::defaultUrl() when unset or when the stored value is
    // not a valid agent address (for display: to send, use agentTarget()).
    QUrl agentUrl() const;
    // The agent to send events and spans to, decided here only, in this order:
    //   1. the agent URL of the active connection profile, when it has one (the profile
    //      chooseProfile() picks for this session: --profile, the environment, the current one);
    //   2. the stored agent.url;
    //   3. AgentEndpoint::defaultUrl().
    // Nothing, and *refusal set to a sentence naming the setting or profile and the file, when
    // what decides is refused (a damaged file, a bad agent.url, a current profile that is
    // missing or refused): then nothing may be sent on the settings' word.
    std::optional<QUrl> agentTarget(QString *refusal = nullptr) const;
    // The same with the active profile given: null for none (then agent.url or the default).
    std::optional<QUrl> agentTarget(const ConnectionProfile *profile, QString *refusal) const;
    void setAgentUrl(const QUrl &url);
    bool hasAgentUrl() const;
    void resetAgentUrl();

    // Whether the workbench starts its local agent when nothing listens at the default
    // agent address (127.0.0.1:42699) and makes it the target. On unless turned off.
    bool localAgentAutostart() const;
    void setLocalAgentAutostart(bool autostart);

    // Connection profiles (core/profiles/connectionprofile.h), by name, never with a token.
    // Every profile name in the file, sorted, refused ones too.
    QStringList profileNames() const;
    bool hasProfile(const QString &name) const;
    // The stored profile `name`. Nothing, and *refusal set to a sentence naming the profile
    // and the file, when there is none of that name, a stored value is refused (a bad URL, a
    // timeout that is no number...) or the file cannot be read.
    std::optional<ConnectionProfile> profile(const QString &name, QString *refusal = nullptr) const;
    // Adds the profile, or replaces the one of its name. Returns an empty string, or (leaving
    // the settings alone) the profile's problems (ConnectionProfile::validate()) joined in one
    // line; "environment" is refused as a name, it is the environment's profile.
    QString setProfile(const ConnectionProfile &profile);
    // Removes the profile (not its token: see TokenVault); the current profile if it was that.
    void removeProfile(const QString &name);
    // The name of the current profile; empty for none. The name may be of no stored profile
    // (another program removed it): profile() then says so.
    QString currentProfileName() const;
    // Makes `name` the current profile (empty: none). Returns an empty string, or a sentence
    // when no profile of that name is stored.
    QString setCurrentProfileName(const QString &name);

    // Files opened in the Trace Viewer, most recent first.
    QStringList recentTraceFiles() const;
    void setRecentTraceFiles(const QStringList &files);

    // Preferences people set by name, in the window or with `iwb config`.
    struct Preference
    {
        QString key;
        QString description;
    };
    static QList<Preference> preferences();
    static bool isPreference(const QString &key);
    // The value as text (the default when unset), and whether it was set explicitly.
    QString preferenceText(const QString &key) const;
    bool isPreferenceSet(const QString &key) const;
    // Why the stored value of `key` is refused (a sentence naming the setting and the file),
    // or empty when it is fine or unset. A refused value reads as the default.
    QString preferenceRefusal(const QString &key) const;
    // Parses and stores; on bad text leaves the setting alone and returns a sentence.
    QString setPreferenceText(const QString &key, const QString &text);
    void resetPreference(const QString &key);

    // Writes pending changes and re-reads what another process wrote. Returns an empty
    // string, or a sentence saying why the file could not be written.
    QString sync();

Q_SIGNALS:
    void agentUrlChanged(const QUrl &url);
    void lastWorkspaceChanged(const QString &workspace);
    void profilesChanged();
    void currentProfileChanged(const QString &name);

private:
    // Stores value under key; returns whether anything changed.
    bool store(const QString &key, const QVariant &value);
    // The stored values seen through the changes not yet written.
    QVariant read(const QString &key, const QVariant &defaultValue = {}) const;
    bool has(const QString &key) const;
    void erase(const QString &key);
    // Every key (stored or pending, not erased) that starts with `prefix`.
    QStringList keysUnder(const QString &prefix) const;
    void open();
    // agentUrl() without its warning about a refused value.
    QUrl effectiveAgentUrl() const;

    QString m_fileName;
    QString m_damage;
    std::unique_ptr<QSettings> m_settings; // null while the file cannot be read
    QVariantMap m_pending; // changes to write; an invalid QVariant removes the key
};

} // namespace Workbench
