#include "core/i18n/translations.h"
#include "core/io/filenames.h"
#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"
#include "core/localagent/localagentautostart.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "core/target/targetmonitor.h"
#include "ui/events/eventsworkspace.h"
#include "ui/localagent/localagentworkspace.h"
#include "ui/rest/restbrowserworkspace.h"
#include "ui/shell/guioptions.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/screenshot.h"
#include "ui/shell/settingsrecovery.h"
#include "ui/viewer/traceviewerworkspace.h"

#include <QApplication>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QStatusBar>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    using namespace Workbench;

    const bool noDisplay = GuiOptions::preparePlatform(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"instana-workbench"_s);
    QApplication::setApplicationDisplayName(u"Instana Workbench"_s);
    QApplication::setApplicationVersion(QStringLiteral(WORKBENCH_VERSION_STRING));
    QApplication::setDesktopFileName(u"instana-workbench"_s);
    installTranslations(app);

    const GuiOptions options = GuiOptions::parse(Io::decodeArguments(argc, argv));
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (options.action) {
    case GuiOptions::Action::ShowHelp:
    case GuiOptions::Action::ShowVersion:
        out << options.text << '\n';
        return 0;
    case GuiOptions::Action::UsageError:
        err << options.text << '\n';
        return 2;
    case GuiOptions::Action::Run:
        break;
    }
    const bool screenshot = !options.screenshotFile.isEmpty();
    if (noDisplay && !screenshot) {
        err << QApplication::translate("main",
                                       "instana-workbench: no display to open the window on (DISPLAY is "
                                       "not set); use --screenshot FILE.png to render it without one")
            << '\n';
        return 1;
    }

    Settings settings;
    // A settings file that cannot be read is never written over: ask first (a picture asks
    // nothing and writes nothing anyway).
    QString settingsMessage;
    if (!screenshot)
        SettingsRecovery::ask(settings, nullptr, &settingsMessage);
    // A refused agent setting sends nothing until an agent is chosen; a damaged file kept
    // for this session runs with the defaults, as the user was told.
    QString refusal;
    const std::optional<QUrl> target
        = settings.isDamaged() ? std::optional<QUrl>(settings.agentUrl()) : settings.agentTarget(&refusal);
    TargetMonitor monitor(target.value_or(QUrl()));
    if (!target)
        monitor.setRefusal(refusal);
    LocalAgent localAgent;
    CaptureStore captures;
    QObject::connect(&localAgent, &LocalAgent::captured, &captures, &CaptureStore::add);
    QNetworkAccessManager network;
    // API tokens live in the OS keychain only (or, on the user's word, in memory for the session).
    KeychainSecretStore keychain;
    TokenVault tokens(keychain);
    MainWindow window(settings, monitor, localAgent, captures, &network, tokens);
    QApplication::setWindowIcon(window.windowIcon());
    TraceViewerWorkspace &viewer = *window.viewerWorkspace();
    if (screenshot) {
        window.setPersistent(false);
        // A picture sends nothing: what waits in the outbox stays there.
        window.eventsWorkspace()->setAutoRetry(false);
        viewer.setRecentFilesKept(false); // a picture changes no settings
        window.resize(options.screenshotSize);
    } else {
        window.restoreFromSettings();
    }
    if (!options.page.isEmpty())
        window.showWorkspace(options.page);
    if (!options.traceFile.isEmpty())
        viewer.openFile(options.traceFile);
    RestBrowserWorkspace &rest = *window.restBrowserWorkspace();
    if (!options.restView.isEmpty())
        rest.showView(options.restView, true);

    if (!settingsMessage.isEmpty())
        window.statusBar()->showMessage(settingsMessage);

    if (!screenshot && !target) {
        monitor.start();
        window.show();
        return QApplication::exec();
    }
    if (!screenshot) {
        // The embedded default: a local agent where no agent listens. The target is checked
        // once that is decided, so the first answer already describes the agent in use.
        LocalAgentAutostart autostart(localAgent);
        QObject::connect(&autostart, &LocalAgentAutostart::finished, &monitor, [&] {
            window.localAgentWorkspace()->setNotice(autostart.message());
            monitor.start();
        });
        autostart.run(*target, settings.localAgentAutostart());
        window.show();
        return QApplication::exec();
    }

    // A picture of the window starts no agent: it must not take a port or change anything.
    Screenshot shot(window, monitor, options.screenshotFile);
    // The picture shows the trace asked for: taken once it is loaded (or failed to load).
    if (viewer.isLoading())
        shot.waitFor(&viewer, &TraceViewerWorkspace::loadFinished);
    // The picture shows the REST view asked for, as it came (or why it did not).
    if (rest.isBusy())
        shot.waitFor(&rest, &RestBrowserWorkspace::viewFinished);
    QObject::connect(&shot, &Screenshot::finished, &app, [&](bool ok) {
        if (!ok)
            err << "instana-workbench: " << shot.errorString() << '\n';
        QApplication::exit(ok ? 0 : 1);
    });
    monitor.start();
    window.show();
    shot.start();
    return QApplication::exec();
}
