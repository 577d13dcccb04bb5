#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QListWidget;
class QNetworkAccessManager;
class QStackedWidget;

namespace Workbench {

class CaptureStore;
class EventsWorkspace;
class LocalAgent;
class LocalAgentWorkspace;
class ProfileIndicator;
class ProfilesDialog;
class RateLimitMeter;
class SecretStore;
class Settings;
class RestBrowserWorkspace;
class SpansWorkspace;
class TargetIndicator;
class TargetMonitor;
class TokenVault;
class TraceViewerWorkspace;

// The workbench window: one workspace per capability, chosen in the side bar or with
// Ctrl+1..5, and in the status bar the connection profile, the API token's rate budget and the
// agent target. Geometry and the last workspace are kept in the settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `network` carries every request of the window and outlives it.
    MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
               QNetworkAccessManager *network, QWidget *parent = nullptr);
    // With the API tokens of the profiles in `tokens` (which outlives the window); without it,
    // the window keeps them in the OS keychain (KeychainSecretStore).
    MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
               QNetworkAccessManager *network, TokenVault &tokens, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Geometry, dock state and last workspace from the settings.
    void restoreFromSettings();
    // When false (e.g. for --screenshot), nothing is written back to the settings.
    void setPersistent(bool persistent) { m_persistent = persistent; }

    // Shows the workspace named by id, alias or title; false when there is none.
    bool showWorkspace(const QString &name);
    QString currentWorkspace() const;
    QWidget *workspaceWidget(const QString &id) const;
    // The workspaces by type, for main() to wire them; the window owns them.
    EventsWorkspace *eventsWorkspace() const { return m_events; }
    SpansWorkspace *spansWorkspace() const { return m_spans; }
    TraceViewerWorkspace *viewerWorkspace() const { return m_viewer; }
    RestBrowserWorkspace *restBrowserWorkspace() const { return m_rest; }
    LocalAgentWorkspace *localAgentWorkspace() const { return m_localAgentPage; }

    void chooseAgentTarget();
    // Connection → Profiles…: opens the profiles dialog (window-modal, not blocking), or raises it.
    void showProfiles();
    ProfilesDialog *profilesDialog() const;
    RateLimitMeter *rateLimitMeter() const { return m_rateLimitMeter; }
    ProfileIndicator *profileIndicator() const { return m_profileIndicator; }
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
               QNetworkAccessManager *network, TokenVault *tokens, QWidget *parent);
    void createMenus();
    QWidget *createPage(const struct WorkspaceInfo &info);
    void saveToSettings();
    void onWorkspaceChanged(int index);
    // The agent target again after the profiles changed: the profile in use may name its own.
    void followProfileAgent();

    Settings &m_settings;
    TargetMonitor &m_monitor;
    LocalAgent &m_localAgent;
    CaptureStore &m_captures;
    QNetworkAccessManager *m_network;
    QListWidget *m_navigation;
    QStackedWidget *m_stack;
    TargetIndicator *m_targetIndicator;
    std::unique_ptr<SecretStore> m_ownKeychain;
    std::unique_ptr<TokenVault> m_ownVault;
    TokenVault *m_tokens;
    ProfileIndicator *m_profileIndicator;
    RateLimitMeter *m_rateLimitMeter;
    QPointer<ProfilesDialog> m_profilesDialog;
    QString m_meterProfile; // whose budget the meter shows
    EventsWorkspace *m_events = nullptr;
    SpansWorkspace *m_spans = nullptr;
    TraceViewerWorkspace *m_viewer = nullptr;
    RestBrowserWorkspace *m_rest = nullptr;
    LocalAgentWorkspace *m_localAgentPage = nullptr;
    bool m_persistent = true;
};

} // namespace Workbench
