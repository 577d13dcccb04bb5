#pragma once

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Workbench {

// The one typed facade over the workbench's settings file (INI, in the XDG config location,
// shared by the GUI and iwb). Setters emit a change signal only when the value changes.
// Secrets never go here: only the keychain holds them.
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

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QString lastWorkspace() const;
    void setLastWorkspace(const QString &workspace);

    // The agent that events and traces go to; AgentEndpoint::defaultUrl() when unset or
    // when the stored value is not a valid agent address.
    QUrl agentUrl() const;
    void setAgentUrl(const QUrl &url);
    bool hasAgentUrl() const;
    void resetAgentUrl();

    // Whether the workbench starts its local agent when nothing listens at the default
    // agent address (127.0.0.1:42699) and makes it the target. On unless turned off.
    bool localAgentAutostart() const;
    void setLocalAgentAutostart(bool autostart);

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
    // Parses and stores; on bad text leaves the setting alone and returns a sentence.
    QString setPreferenceText(const QString &key, const QString &text);
    void resetPreference(const QString &key);

    // Writes pending changes and re-reads what another process wrote. Returns an empty
    // string, or a sentence saying why the file could not be written.
    QString sync();

Q_SIGNALS:
    void agentUrlChanged(const QUrl &url);
    void lastWorkspaceChanged(const QString &workspace);

private:
    // Stores value under key; returns whether anything changed.
    bool store(const QString &key, const QVariant &value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Workbench
