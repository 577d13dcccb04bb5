#include "ui/shell/mainwindow.h"

#include "core/profiles/profilechoice.h"
#include "core/profiles/tokenvault.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/settings/settings.h"
#include "core/target/targetmonitor.h"
#include "ui/connection/profileindicator.h"
#include "ui/connection/profilesdialog.h"
#include "ui/connection/ratelimitmeter.h"
#include "ui/events/eventsworkspace.h"
#include "ui/localagent/localagentworkspace.h"
#include "ui/rest/restbrowserworkspace.h"
#include "ui/shell/aboutdialog.h"
#include "ui/shell/agenttargetdialog.h"
#include "ui/shell/targetindicator.h"
#include "ui/shell/uilogging.h"
#include "ui/shell/workspaces.h"
#include "ui/traces/spansworkspace.h"
#include "ui/viewer/traceviewerworkspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Workbench {

MainWindow::MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
                       QNetworkAccessManager *network, QWidget *parent)
    : MainWindow(settings, monitor, localAgent, captures, network, nullptr, parent)
{
}

MainWindow::MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
                       QNetworkAccessManager *network, TokenVault &tokens, QWidget *parent)
    : MainWindow(settings, monitor, localAgent, captures, network, &tokens, parent)
{
}

MainWindow::MainWindow(Settings &settings, TargetMonitor &monitor, LocalAgent &localAgent, CaptureStore &captures,
                       QNetworkAccessManager *network, TokenVault *tokens, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_monitor(monitor)
    , m_localAgent(localAgent)
    , m_captures(captures)
    , m_network(network)
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_targetIndicator(new TargetIndicator(monitor, &localAgent, this))
    , m_ownKeychain(tokens ? nullptr : std::make_unique<KeychainSecretStore>())
    , m_ownVault(tokens ? nullptr : std::make_unique<TokenVault>(*m_ownKeychain))
    , m_tokens(tokens ? tokens : m_ownVault.get())
    , m_profileIndicator(new ProfileIndicator(settings, QProcessEnvironment::systemEnvironment(), this))
    , m_rateLimitMeter(new RateLimitMeter(this))
{
    initResources();
    setObjectName(u"main-window"_s);
    setWindowTitle(tr("Instana Workbench"));
    setWindowIcon(QIcon(u":/icons/app.svg"_s));

    m_navigation->setObjectName(u"workspace-navigation"_s);
    m_navigation->setIconSize(QSize(28, 28));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(172);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack->setObjectName(u"workspace-stack"_s);

    for (const WorkspaceInfo &info : workspaces()) {
        auto *item = new QListWidgetItem(QIcon(info.iconPath), info.title, m_navigation);
        item->setData(Qt::UserRole, info.id);
        item->setToolTip(info.summary);
        item->setSizeHint(QSize(0, 40));
        QWidget *page = createPage(info);
        page->setProperty("workspaceId", info.id);
        m_stack->addWidget(page);
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onWorkspaceChanged);
    // A trace the local agent captured opens in the viewer.
    if (m_localAgentPage && m_viewer) {
        connect(m_localAgentPage, &LocalAgentWorkspace::openTraceRequested, this, [this](const QString &traceId) {
            showWorkspace(u"viewer"_s);
            m_viewer->openFromLocalAgent(traceId);
        });
    }

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *separator = new QFrame(central);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    statusBar()->addPermanentWidget(m_profileIndicator);
    statusBar()->addPermanentWidget(m_rateLimitMeter);
    statusBar()->addPermanentWidget(m_targetIndicator);
    m_meterProfile = m_profileIndicator->profileName();
    connect(m_profileIndicator, &QToolButton::clicked, this, &MainWindow::showProfiles);
    connect(&m_settings, &Settings::profilesChanged, this, &MainWindow::followProfileAgent);
    connect(&m_settings, &Settings::currentProfileChanged, this, &MainWindow::followProfileAgent);
    connect(m_targetIndicator, &QToolButton::clicked, this, &MainWindow::chooseAgentTarget);
    connect(&m_settings, &Settings::agentUrlChanged, &m_monitor, &TargetMonitor::setAgent);

    createMenus();
    m_navigation->setCurrentRow(0);
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createPage(const WorkspaceInfo &info)
{
    if (info.id == u"agent"_s)
        return m_localAgentPage = new LocalAgentWorkspace(m_localAgent, m_captures, m_stack);
    if (info.id == u"events"_s)
        return m_events = new EventsWorkspace(m_monitor, m_network, m_stack);
    if (info.id == u"spans"_s)
        return m_spans = new SpansWorkspace(&m_monitor, m_network, m_stack);
    if (info.id == u"viewer"_s) {
        m_viewer = new TraceViewerWorkspace(&m_settings, m_stack);
        // "From Span Trees" takes the document being edited there, as it is when asked.
        m_viewer->setSpanTreesProvider([this] { return m_spans ? m_spans->spans() : QList<Traces::Span>(); });
        m_viewer->setCaptureStore(&m_captures);
        return m_viewer;
    }
    if (info.id == u"rest"_s) {
        m_rest = new RestBrowserWorkspace(m_settings, *m_tokens, m_stack);
        // The meter shows the budget of the profile in use only: each token has its own.
        connect(m_rest, &RestBrowserWorkspace::rateLimitSeen, this,
                [this](const QString &profileName, const Rest::RateLimit &rateLimit) {
                    if (profileName == m_profileIndicator->profileName())
                        m_rateLimitMeter->setRateLimit(rateLimit);
                });
        // A backend trace, fetched and converted, is shown in the Trace Viewer.
        connect(m_rest, &RestBrowserWorkspace::traceReady, this,
                [this](Traces::SpanStore store, const QString &source) {
                    if (!m_viewer)
                        return;
                    m_viewer->openStore(std::move(store), source);
                    showWorkspace(u"viewer"_s);
                });
        return m_rest;
    }
    qFatal("no page for the workspace %s", qPrintable(info.id));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const auto &all = workspaces();
    for (qsizetype i = 0; i < all.size(); ++i) {
        QAction *action = view->addAction(QIcon(all.at(i).iconPath), all.at(i).title);
        action->setObjectName(u"show-"_s + all.at(i).id);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { m_navigation->setCurrentRow(int(i)); });
    }

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    QAction *profiles = connection->addAction(tr("&Profiles…"), this, &MainWindow::showProfiles);
    profiles->setObjectName(u"profiles"_s);
    QAction *target = connection->addAction(tr("Agent &Target…"), this, &MainWindow::chooseAgentTarget);
    target->setObjectName(u"choose-agent"_s);
    QAction *check = connection->addAction(tr("&Check Agent Now"), &m_monitor, &TargetMonitor::refresh);
    check->setShortcut(QKeySequence::Refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Instana Workbench"), this, &MainWindow::showAbout);
    about->setObjectName(u"about"_s);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restoreFromSettings()
{
    const QByteArray geometry = m_settings.mainWindowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: a comfortable size, centred on the screen.
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size().boundedTo(QSize(1200, 760)));
            move(available.center() - rect().center());
        }
    }
    restoreState(m_settings.mainWindowState());
    const QString last = m_settings.lastWorkspace();
    if (!last.isEmpty() && !showWorkspace(last))
        qCInfo(lcUi) << "last workspace" << last << "no longer exists";
}

bool MainWindow::showWorkspace(const QString &name)
{
    const auto index = findWorkspace(name);
    if (!index)
        return false;
    m_navigation->setCurrentRow(int(*index));
    return true;
}

QString MainWindow::currentWorkspace() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 ? workspaces().at(row).id : QString();
}

QWidget *MainWindow::workspaceWidget(const QString &id) const
{
    const auto index = findWorkspace(id);
    return index ? m_stack->widget(int(*index)) : nullptr;
}

void MainWindow::onWorkspaceChanged(int index)
{
    if (index < 0)
        return;
    m_stack->setCurrentIndex(index);
    const WorkspaceInfo &info = workspaces().at(index);
    setWindowTitle(tr("%1 — Instana Workbench").arg(info.title));
}

void MainWindow::chooseAgentTarget()
{
    AgentTargetDialog dialog(m_monitor.agent(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.setAgentUrl(dialog.agent());
    // Also when the choice equals what a refused setting read as: the choice ends the refusal.
    m_monitor.setAgent(dialog.agent());
    const QString error = m_settings.sync();
    if (!error.isEmpty())
        statusBar()->showMessage(error, 10000);
}

void MainWindow::showProfiles()
{
    if (ProfilesDialog *open = m_profilesDialog.data()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new ProfilesDialog(m_settings, *m_tokens, this);
    m_profilesDialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The meter shows the budget of the profile in use only: each token has its own.
    connect(dialog, &ProfilesDialog::rateLimitSeen, this,
            [this](const QString &profileName, const Rest::RateLimit &rateLimit) {
                if (profileName == m_profileIndicator->profileName())
                    m_rateLimitMeter->setRateLimit(rateLimit);
            });
    dialog->open();
}

ProfilesDialog *MainWindow::profilesDialog() const
{
    return m_profilesDialog;
}

void MainWindow::followProfileAgent()
{
    if (m_profileIndicator->profileName() != m_meterProfile) {
        m_meterProfile = m_profileIndicator->profileName();
        m_rateLimitMeter->setRateLimit({});
    }
    // A damaged file runs this session with the defaults, as the user was told at the start.
    if (m_settings.isDamaged())
        return;
    QString refusal;
    const auto target = m_settings.agentTarget(&refusal);
    if (!target)
        m_monitor.setRefusal(refusal);
    else if (*target != m_monitor.agent() || !m_monitor.refusal().isEmpty())
        m_monitor.setAgent(*target);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::saveToSettings()
{
    if (!m_persistent)
        return;
    m_settings.setMainWindowGeometry(saveGeometry());
    m_settings.setMainWindowState(saveState());
    m_settings.setLastWorkspace(currentWorkspace());
    const QString error = m_settings.sync();
    if (!error.isEmpty())
        qCWarning(lcUi) << error;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveToSettings();
    event->accept();
}

} // namespace Workbench
