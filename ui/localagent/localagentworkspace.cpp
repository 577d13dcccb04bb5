#include "ui/localagent/localagentworkspace.h"

#include "core/json/jsontext.h"
#include "core/localagent/capturelog.h"
#include "core/localagent/capturemodels.h"
#include "core/localagent/capturestore.h"
#include "core/localagent/localagent.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
// Keeps a table scrolled to its newest row while the person has not scrolled away from it.
void followNewRows(QTableView *view)
{
    auto *model = view->model();
    auto atBottom = std::make_shared<bool>(true);
    QObject::connect(model, &QAbstractItemModel::rowsAboutToBeInserted, view, [view, atBottom] {
        const QScrollBar *bar = view->verticalScrollBar();
        *atBottom = bar->value() >= bar->maximum() - 2;
    });
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view, [view, atBottom] {
        if (*atBottom)
            view->scrollToBottom();
    });
}

// As sent, keys in their order, laid out to be read.
QString prettyJson(const QByteArray &json)
{
    return QString::fromUtf8(JsonText::indented(json));
}
} // namespace

LocalAgentWorkspace::LocalAgentWorkspace(LocalAgent &agent, CaptureStore &store, QWidget *parent)
    : QWidget(parent)
    , m_agent(agent)
    , m_store(store)
    , m_eventsModel(new CapturedEventsModel(store, this))
    , m_tracesModel(new CapturedTracesModel(store, this))
    , m_spansModel(new TraceSpansModel(store, this))
    , m_rejectionsModel(new RejectedRequestsModel(store, this))
    , m_startStop(new QPushButton(this))
    , m_port(new QSpinBox(this))
    , m_bind(new QLineEdit(u"127.0.0.1"_s, this))
    , m_lenient(new QCheckBox(tr("Lenient"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_log(new QPushButton(tr("Log to File…"), this))
    , m_logStatus(new QLabel(this))
    , m_status(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_counters(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(u"local-agent-workspace"_s);
    m_startStop->setObjectName(u"agent-start"_s);
    m_port->setObjectName(u"agent-port"_s);
    m_port->setRange(0, 65535);
    m_port->setValue(42699);
    m_port->setToolTip(tr("The port to listen on; 0 picks a free one."));
    m_bind->setObjectName(u"agent-bind"_s);
    m_bind->setToolTip(tr("The address to listen on. 127.0.0.1 keeps the agent to this machine."));
    m_bind->setMaximumWidth(160);
    m_lenient->setObjectName(u"agent-lenient"_s);
    m_lenient->setToolTip(tr("Accept every request and only report what would have refused it."));
    m_clear->setObjectName(u"agent-clear"_s);
    m_log->setObjectName(u"agent-log"_s);
    m_log->setToolTip(tr("Append what arrives to a file as JSON lines, one per event, span and rejected request."));
    m_logStatus->setObjectName(u"agent-log-status"_s);
    m_logStatus->hide();
    m_status->setObjectName(u"agent-status"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setObjectName(u"agent-notice"_s);
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_counters->setObjectName(u"agent-counters"_s);
    m_tabs->setObjectName(u"agent-tabs"_s);
    m_details->setObjectName(u"agent-details"_s);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an event, a span or a rejected request to see it as it arrived."));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_startStop);
    controls->addWidget(new QLabel(tr("Address:"), this));
    controls->addWidget(m_bind);
    controls->addWidget(new QLabel(tr("Port:"), this));
    controls->addWidget(m_port);
    controls->addWidget(m_lenient);
    controls->addStretch(1);
    controls->addWidget(m_log);
    controls->addWidget(m_clear);

    m_events = makeTable(u"agent-events"_s);
    m_events->setModel(m_eventsModel);
    m_traces = makeTable(u"agent-traces"_s);
    m_traces->setModel(m_tracesModel);
    m_spans = makeTable(u"agent-trace-spans"_s);
    m_spans->setModel(m_spansModel);
    m_rejections = makeTable(u"agent-rejections"_s);
    m_rejections->setModel(m_rejectionsModel);
    for (QTableView *view : {m_events, m_traces, m_rejections})
        followNewRows(view);

    m_openTrace = new QPushButton(tr("Open in Trace Viewer"), this);
    m_openTrace->setObjectName(u"agent-open-trace"_s);
    m_openTrace->setToolTip(tr("Show the selected trace's captured spans as a waterfall (or double-click it)."));
    m_openTrace->setEnabled(false);
    auto *traceActions = new QHBoxLayout;
    traceActions->setContentsMargins(0, 0, 0, 0);
    traceActions->addWidget(m_openTrace);
    traceActions->addStretch(1);
    auto *tracePage = new QWidget(this);
    auto *traceLayout = new QVBoxLayout(tracePage);
    traceLayout->setContentsMargins(0, 4, 0, 0);
    auto *traceSplit = new QSplitter(Qt::Vertical, tracePage);
    traceSplit->addWidget(m_traces);
    traceSplit->addWidget(m_spans);
    traceLayout->addLayout(traceActions);
    traceLayout->addWidget(traceSplit, 1);
    m_tabs->addTab(m_events, tr("Events"));
    m_tabs->addTab(tracePage, tr("Traces"));
    m_tabs->addTab(m_rejections, tr("Rejected"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tabs);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_notice);
    layout->addWidget(m_counters);
    layout->addWidget(m_logStatus);
    layout->addWidget(split, 1);

    connect(m_startStop, &QPushButton::clicked, this, &LocalAgentWorkspace::toggle);
    connect(m_clear, &QPushButton::clicked, &m_store, &CaptureStore::clear);
    connect(m_log, &QPushButton::clicked, this, &LocalAgentWorkspace::chooseLogFile);
    connect(&m_agent, &LocalAgent::captured, this, [this](const CaptureBatch &batch) {
        if (m_logFile && !m_logFile->write(batch)) {
            m_logStatus->setText(tr("Logging to %1 stopped: %2").arg(m_logFileName, m_logFile->errorString()));
            m_logFile.reset();
            m_log->setText(tr("Log to File…"));
        }
    });
    connect(m_lenient, &QCheckBox::toggled, &m_agent, &LocalAgent::setLenient);
    connect(&m_agent, &LocalAgent::runningChanged, this, &LocalAgentWorkspace::updateState);
    connect(&m_store, &CaptureStore::countersChanged, this, &LocalAgentWorkspace::updateCounters);
    connect(m_events->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LocalAgentWorkspace::showEvent);
    connect(m_traces->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LocalAgentWorkspace::showTrace);
    connect(m_openTrace, &QPushButton::clicked, this, [this] {
        if (const QString traceId = selectedTraceId(); !traceId.isEmpty())
            Q_EMIT openTraceRequested(traceId);
    });
    connect(m_traces, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT openTraceRequested(index.data(CaptureSectionModel::TraceIdRole).toString());
    });
    connect(m_spans->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LocalAgentWorkspace::showSpan);
    connect(m_rejections->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LocalAgentWorkspace::showRejection);
    // calls/s falls back to 0 when nothing arrives; refresh it every second.
    auto *tick = new QTimer(this);
    tick->start(std::chrono::seconds(1));
    connect(tick, &QTimer::timeout, this, &LocalAgentWorkspace::updateCounters);

    updateState();
    updateCounters();
}

LocalAgentWorkspace::~LocalAgentWorkspace() = default;

QTableView *LocalAgentWorkspace::makeTable(const QString &name)
{
    auto *view = new QTableView(this);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(130);
    return view;
}

void LocalAgentWorkspace::setNotice(const QString &notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void LocalAgentWorkspace::chooseLogFile()
{
    if (m_logFile) {
        setLogFile({});
        return;
    }
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Log What Arrives"), QDir::home().filePath(u"capture.jsonl"_s),
        tr("JSON lines (*.jsonl);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!fileName.isEmpty())
        setLogFile(fileName);
}

bool LocalAgentWorkspace::setLogFile(const QString &fileName)
{
    m_logFile.reset();
    m_logFileName = fileName;
    m_log->setText(tr("Log to File…"));
    if (fileName.isEmpty()) {
        m_logStatus->hide();
        return true;
    }
    auto log = std::make_unique<CaptureLog>();
    QString error;
    if (!log->open(fileName, &error)) {
        m_logStatus->setText(error);
        m_logStatus->show();
        return false;
    }
    m_logFile = std::move(log);
    m_log->setText(tr("Stop Logging"));
    m_logStatus->setText(tr("Appending what arrives to %1 as JSON lines.").arg(QDir::toNativeSeparators(fileName)));
    m_logStatus->show();
    return true;
}

void LocalAgentWorkspace::toggle()
{
    if (m_agent.isRunning()) {
        m_agent.stop();
        return;
    }
    LocalAgentConfig config;
    if (!config.address.setAddress(m_bind->text().trimmed())) {
        m_status->setText(tr("\"%1\" is not an IP address.").arg(m_bind->text()));
        return;
    }
    config.port = quint16(m_port->value());
    config.lenient = m_lenient->isChecked();
    QString error;
    if (!m_agent.start(config, &error))
        m_status->setText(error);
}

void LocalAgentWorkspace::updateState()
{
    const bool running = m_agent.isRunning();
    m_startStop->setText(running ? tr("Stop") : tr("Start"));
    m_port->setEnabled(!running);
    if (running)
        m_port->setValue(m_agent.port()); // the port in use, also when 0 asked for any
    m_bind->setEnabled(!running);
    if (running) {
        m_status->setText(tr("Listening on %1 (%2). Send events to %1/com.instana.plugin.generic.event and spans to "
                             "%1/com.instana.plugin.generic.trace.")
                              .arg(m_agent.url().toString(), m_lenient->isChecked() ? tr("lenient") : tr("strict")));
        if (!m_agent.address().isLoopback())
            m_status->setText(m_status->text() + u' ' + tr("Other machines can reach it."));
    } else {
        m_status->setText(tr("The local agent is stopped."));
    }
}

void LocalAgentWorkspace::updateCounters()
{
    const CaptureStore::Counters counters = m_store.counters();
    QString text = tr("Events %1 · Spans %2 · Traces %3 · Rejected %4 · %5 calls/s")
                       .arg(counters.events)
                       .arg(counters.spans)
                       .arg(m_store.traces().size())
                       .arg(counters.rejected)
                       .arg(m_store.requestsInLastSecond(QDateTime::currentMSecsSinceEpoch()));
    const quint64 dropped = counters.droppedEvents + counters.droppedSpans + counters.droppedRejections;
    if (dropped > 0)
        text += u" · "_s
            + tr("%1 oldest dropped (keeps %2 events, %3 spans, %4 rejections)")
                  .arg(dropped)
                  .arg(m_store.limits().maxEvents)
                  .arg(m_store.limits().maxSpans)
                  .arg(m_store.limits().maxRejections);
    m_counters->setText(text);
}

void LocalAgentWorkspace::showDetails(const QString &title, const QString &findings, const QByteArray &json,
                                      quint64 requestId)
{
    QString text = title + u"\n\n"_s;
    if (!findings.isEmpty())
        text += tr("Findings:") + u'\n' + findings + u"\n\n"_s;
    if (!json.isEmpty())
        text += tr("As sent:") + u'\n' + prettyJson(json) + u"\n\n"_s;
    if (const auto request = m_store.request(requestId)) {
        text += tr("Request #%1 from %2 at %3:")
                    .arg(request->id)
                    .arg(request->source,
                         QDateTime::fromMSecsSinceEpoch(request->receivedAtMs).toString(Qt::ISODateWithMs))
            + u'\n' + QString::fromUtf8(request->head);
        constexpr qsizetype shown = 256 * 1024;
        text += QString::fromUtf8(request->body.left(shown));
        if (request->body.size() > shown)
            text += u'\n' + tr("… (%1 more bytes)").arg(request->body.size() - shown);
    } else {
        text += tr("The raw request is no longer kept.");
    }
    m_details->setPlainText(text);
}

void LocalAgentWorkspace::showEvent(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const CapturedItem &event = m_store.events()[size_t(index.row())];
    showDetails(tr("Event \"%1\"").arg(event.title()),
                m_eventsModel->data(index, CaptureSectionModel::FindingsRole).toString(), event.json, event.requestId);
}

QString LocalAgentWorkspace::selectedTraceId() const
{
    const QModelIndex index = m_traces->selectionModel()->currentIndex();
    return index.isValid() ? index.data(CaptureSectionModel::TraceIdRole).toString() : QString();
}

void LocalAgentWorkspace::showTrace(const QModelIndex &index)
{
    m_openTrace->setEnabled(index.isValid());
    m_spansModel->setTrace(index.isValid() ? index.data(CaptureSectionModel::TraceIdRole).toString() : QString());
    m_spans->resizeColumnsToContents();
}

void LocalAgentWorkspace::showSpan(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const CapturedItem &span = m_spansModel->span(index.row());
    showDetails(tr("Span \"%1\" (%2)").arg(span.name(), span.spanId()),
                CaptureSectionModel::findingsText(span.findings), span.json, span.requestId);
}

void LocalAgentWorkspace::showRejection(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const CaptureStore::RejectedRequest &rejected = m_store.rejections()[size_t(index.row())];
    showDetails(tr("Rejected with %1 (%2): %3")
                    .arg(rejected.rejection.status)
                    .arg(rejected.rejection.rule, rejected.rejection.reason),
                {}, {}, rejected.request.id);
}

} // namespace Workbench
