#include "ui/events/eventsworkspace.h"

#include "core/agentapi/agentendpoint.h"
#include "core/events/eventmodels.h"
#include "core/events/snippets.h"
#include "core/target/targetmonitor.h"
#include "ui/events/eventbatch.h"
#include "ui/events/eventform.h"
#include "ui/events/eventsui.h"
#include "ui/events/historypanel.h"
#include "ui/events/outboxpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

using EventsUi::Tone;
using EventsUi::toned;

namespace {
QString agentName(const QUrl &eventUrl)
{
    return AgentEndpoint::displayName(eventUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
}

// The agent's own words when it refuses a request: the local agent answers
// {"status":..,"rule":..,"reason":..}; anything else is shown as the sender summed it up.
QString refusalReason(const AgentOutcome &outcome)
{
    const QJsonDocument document = QJsonDocument::fromJson(outcome.responseBody);
    const QString reason = document.object().value("reason"_L1).toString();
    return reason.isEmpty() ? outcome.error : reason;
}

QString htmlList(const QStringList &lines)
{
    QString html = u"<ul style=\"margin-left:-24px\">"_s;
    for (const QString &line : lines)
        html += u"<li>"_s + line + u"</li>"_s;
    return html + u"</ul>"_s;
}

QLabel *richLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    return label;
}

QString snippetName(Snippets::Language language)
{
    return Snippets::name(language).toLower();
}
} // namespace

EventsWorkspace::EventsWorkspace(TargetMonitor &monitor, QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_firer(new EventFirer(network, m_outbox, m_history, u"gui"_s, this))
    , m_retrier(new OutboxRetrier(network, m_outbox, m_history, u"gui"_s, this))
    , m_tabs(new QTabWidget(this))
    , m_form(new EventForm(this))
    , m_batch(new EventBatch(this))
    , m_outboxPanel(new OutboxPanel(m_outbox, m_history, *m_retrier, this))
    , m_historyPanel(new HistoryPanel(m_history, this))
    , m_templateList(new QComboBox(this))
    , m_saveTemplate(new QPushButton(tr("Save as Template…"), this))
    , m_deleteTemplate(new QPushButton(tr("Delete Template…"), this))
    , m_templateStatus(richLabel(u"template-status"_s, this))
    , m_formMode(richLabel(u"form-mode"_s, this))
    , m_findings(richLabel(u"event-findings"_s, this))
    , m_otherUrl(new QLineEdit(this))
    , m_targetLabel(richLabel(u"preview-url"_s, this))
    , m_preview(new QPlainTextEdit(this))
    , m_previewInfo(new QLabel(this))
    , m_copyNote(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_sendSummary(new QLabel(this))
    , m_outboxNotice(richLabel(u"outbox-notice"_s, this))
    , m_result(richLabel(u"send-result"_s, this))
    , m_response(new QPlainTextEdit(this))
    , m_clock(new QTimer(this))
{
    setObjectName(u"events-workspace"_s);
    m_tabs->setObjectName(u"events-tabs"_s);
    m_tabs->setDocumentMode(true);
    // A narrow window scrolls the composer rather than growing wider for it.
    auto *composerScroll = new QScrollArea(this);
    composerScroll->setObjectName(u"composer-scroll"_s);
    composerScroll->setFrameShape(QFrame::NoFrame);
    composerScroll->setWidgetResizable(true);
    composerScroll->setWidget(createComposer());
    m_tabs->addTab(composerScroll, tr("Compose"));
    m_outboxTab = m_tabs->addTab(m_outboxPanel, tr("Outbox"));
    m_tabs->addTab(m_historyPanel, tr("History"));

    m_response->setObjectName(u"send-response"_s);
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_response->setFixedHeight(m_response->fontMetrics().lineSpacing() * 4 + 10);
    m_response->hide();
    m_result->setText(tr("Nothing sent yet. Ctrl+Enter sends."));

    auto *resultBox = new QFrame(this);
    resultBox->setFrameShape(QFrame::StyledPanel);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(8, 4, 8, 4);
    resultLayout->addWidget(m_result);
    resultLayout->addWidget(m_response);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(resultBox);

    connect(m_form, &EventForm::changed, this, &EventsWorkspace::onFormChanged);
    connect(m_batch, &EventBatch::currentChanged, this, &EventsWorkspace::onBatchRowChanged);
    connect(m_batch, &EventBatch::changed, this, [this] {
        updateFormMode();
        refresh();
    });
    connect(m_batch, &EventBatch::addRequested, this, [this] { m_batch->append(m_form->event()); });
    connect(m_batch, &EventBatch::newRequested, this, [this] {
        m_form->clear();
        m_form->findChild<QLineEdit *>(u"event-title"_s)->setFocus();
        updateFormMode();
        refresh();
    });
    connect(m_otherUrl, &QLineEdit::textChanged, this, &EventsWorkspace::updateTarget);
    connect(&m_monitor, &TargetMonitor::agentChanged, this, &EventsWorkspace::updateTarget);
    connect(m_send, &QPushButton::clicked, this, &EventsWorkspace::send);
    connect(m_cancel, &QPushButton::clicked, this, &EventsWorkspace::cancelSend);
    connect(m_firer, &EventFirer::finished, this, &EventsWorkspace::onFired);
    connect(m_outboxPanel, &OutboxPanel::countChanged, this, &EventsWorkspace::updateOutboxCount);
    connect(m_outboxNotice, &QLabel::linkActivated, this, [this] { m_tabs->setCurrentIndex(m_outboxTab); });
    connect(&m_retrier->flusher(), &OutboxFlusher::finished, this, [this](const OutboxFlusher::Report &report) {
        m_historyPanel->model()->reload();
        if (report.delivered > 0)
            showResult(
                toned(Tone::Good, tr("✔ Delivered %1 from the outbox.").arg(EventsUi::requests(report.delivered))));
    });
    connect(m_historyPanel, &HistoryPanel::loadRequested, this, &EventsWorkspace::loadFromHistory);
    connect(m_historyPanel, &HistoryPanel::sendAgainRequested, this, &EventsWorkspace::sendAgain);
    // Events timed "now", and ${now}, change every second; so may what is wrong with them.
    connect(m_clock, &QTimer::timeout, this, &EventsWorkspace::refresh);
    m_clock->start(std::chrono::seconds(1));

    m_retrier->setEnabled(true);
    setSending(false);
    reloadTemplates();
    updateTarget();
    updateFormMode();
    updateOutboxCount(m_outboxPanel->count());
    refresh();
    setFocusProxy(m_form->findChild<QLineEdit *>(u"event-title"_s));
}

EventsWorkspace::~EventsWorkspace() = default;

QWidget *EventsWorkspace::createComposer()
{
    auto *composer = new QWidget(this);
    composer->setObjectName(u"events-composer"_s);

    // Templates.
    m_templateList->setObjectName(u"template-list"_s);
    m_templateList->setPlaceholderText(tr("Choose a template…"));
    m_templateList->setMinimumContentsLength(22);
    m_templateList->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_templateList->setToolTip(tr("Fill the form from a template. Its variables are filled in when it is sent.") + u'\n'
                               + TemplateVariables::help());
    m_saveTemplate->setObjectName(u"template-save"_s);
    m_saveTemplate->setToolTip(tr("Keep the form's event as a template, without its time."));
    m_deleteTemplate->setObjectName(u"template-delete"_s);
    m_deleteTemplate->setToolTip(tr("Delete the chosen template (only your own)."));
    auto *templateRow = new QHBoxLayout;
    auto *templateLabel = new QLabel(tr("&Template:"), composer);
    templateLabel->setBuddy(m_templateList);
    templateRow->addWidget(templateLabel);
    templateRow->addWidget(m_templateList);
    templateRow->addWidget(m_saveTemplate);
    templateRow->addWidget(m_deleteTemplate);
    templateRow->addWidget(m_templateStatus, 1);
    connect(m_templateList, &QComboBox::activated, this, &EventsWorkspace::loadTemplate);
    connect(m_templateList, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_deleteTemplate->setEnabled(index >= 0 && !m_templateList->itemData(index, Qt::UserRole + 1).toBool());
    });
    connect(m_saveTemplate, &QPushButton::clicked, this, &EventsWorkspace::saveTemplate);
    connect(m_deleteTemplate, &QPushButton::clicked, this, &EventsWorkspace::deleteTemplate);

    // The event, and what is wrong with it.
    auto *eventBox = new QGroupBox(tr("Event"), composer);
    auto *findingsArea = new QScrollArea(eventBox);
    findingsArea->setWidgetResizable(true);
    findingsArea->setFrameShape(QFrame::NoFrame);
    findingsArea->setWidget(m_findings);
    findingsArea->viewport()->setAutoFillBackground(false);
    m_findings->setAutoFillBackground(false);
    findingsArea->setMinimumHeight(m_findings->fontMetrics().lineSpacing() * 3 + 8);
    m_findings->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *eventLayout = new QVBoxLayout(eventBox);
    eventLayout->addWidget(m_formMode);
    eventLayout->addWidget(m_form);
    auto *line = new QFrame(eventBox);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    eventLayout->addWidget(line);
    eventLayout->addWidget(findingsArea, 1);

    // The batch.
    auto *batchBox = new QGroupBox(tr("Batch"), composer);
    auto *batchLayout = new QVBoxLayout(batchBox);
    batchLayout->addWidget(m_batch);

    // The request: where it goes and exactly what it holds.
    auto *requestBox = new QGroupBox(tr("Request"), composer);
    m_otherUrl->setObjectName(u"send-url"_s);
    m_otherUrl->setClearButtonEnabled(true);
    m_otherUrl->setToolTip(tr("Empty: the agent target shown in the status bar. Or another agent, e.g. "
                              "\"10.0.0.5\", \"10.0.0.5:42699\" or \"http://10.0.0.5:42699\"."));
    m_preview->setObjectName(u"preview"_s);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_preview->setToolTip(tr("The request body exactly as it will be sent."));
    m_previewInfo->setObjectName(u"preview-info"_s);
    m_previewInfo->setWordWrap(true);
    m_previewInfo->setEnabled(false);
    m_copyNote->setObjectName(u"copy-note"_s);
    m_copyNote->setWordWrap(true);
    auto *urlRow = new QHBoxLayout;
    auto *urlLabel = new QLabel(tr("Send &to:"), requestBox);
    urlLabel->setBuddy(m_otherUrl);
    urlRow->addWidget(urlLabel);
    urlRow->addWidget(m_otherUrl, 1);
    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(new QLabel(tr("Copy as:"), requestBox));
    for (const Snippets::Language language : Snippets::languages()) {
        auto *button = new QToolButton(requestBox);
        button->setText(Snippets::name(language));
        button->setObjectName(u"copy-"_s + snippetName(language));
        button->setToolTip(
            tr("Copy a %1 program that sends this request to the clipboard.").arg(Snippets::name(language)));
        connect(button, &QToolButton::clicked, this, [this, language] { copyAs(int(language)); });
        copyRow->addWidget(button);
    }
    copyRow->addStretch(1);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->addLayout(urlRow);
    requestLayout->addWidget(m_targetLabel);
    requestLayout->addWidget(m_preview, 1);
    requestLayout->addWidget(m_previewInfo);
    requestLayout->addLayout(copyRow);
    requestLayout->addWidget(m_copyNote);

    auto *split = new QSplitter(Qt::Horizontal, composer);
    split->setObjectName(u"composer-split"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(eventBox);
    split->addWidget(batchBox);
    split->addWidget(requestBox);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 4);
    split->setSizes({450, 230, 400});

    // Send.
    m_send->setObjectName(u"send"_s);
    m_send->setToolTip(tr("Send the request now (Ctrl+Enter)."));
    m_send->setIcon(QIcon(u":/icons/events.svg"_s));
    QFont bold = m_send->font();
    bold.setBold(true);
    m_send->setFont(bold);
    m_send->setMinimumWidth(110);
    m_cancel->setObjectName(u"send-cancel"_s);
    m_cancel->setToolTip(tr("Stop waiting for the agent."));
    m_sendSummary->setObjectName(u"send-summary"_s);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_send);
    sendRow->addWidget(m_cancel);
    sendRow->addWidget(m_sendSummary, 1);
    sendRow->addWidget(m_outboxNotice);

    auto *layout = new QVBoxLayout(composer);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(templateRow);
    layout->addWidget(split, 1);
    layout->addLayout(sendRow);

    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, composer);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &EventsWorkspace::send);
    }
    return composer;
}

void EventsWorkspace::setAutoRetry(bool enabled)
{
    m_retrier->setEnabled(enabled);
}

bool EventsWorkspace::autoRetry() const
{
    return m_retrier->isEnabled();
}

EventsWorkspace::Composed EventsWorkspace::composed() const
{
    if (m_batch->isEmpty())
        return {{m_form->event()}, false};
    return {m_batch->events(), true};
}

QList<Event> EventsWorkspace::fired(const QList<Event> &events, qint64 nowMs, QStringList *unknownVariables) const
{
    const TemplateContext context = TemplateContext::current(nowMs);
    QList<Event> result;
    result.reserve(events.size());
    for (const Event &event : events)
        result.append(TemplateVariables::expand(event, context, unknownVariables).firedAt(nowMs));
    return result;
}

QByteArray EventsWorkspace::previewBody() const
{
    const Composed c = composed();
    return EventCodec::encode(fired(c.events, QDateTime::currentMSecsSinceEpoch(), nullptr), c.asArray);
}

std::optional<QUrl> EventsWorkspace::eventUrl(QString *error) const
{
    const QString typed = m_otherUrl->text().trimmed();
    if (typed.isEmpty() && !m_monitor.refusal().isEmpty()) {
        // A refused agent setting: nothing goes anywhere until an agent is chosen.
        if (error)
            *error = m_monitor.refusal();
        return std::nullopt;
    }
    if (typed.isEmpty())
        return AgentEndpoint::eventUrl(m_monitor.agent());
    const std::optional<QUrl> agent = AgentEndpoint::parse(typed, error);
    if (!agent)
        return std::nullopt;
    return AgentEndpoint::eventUrl(*agent);
}

void EventsWorkspace::refresh()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Composed c = composed();
    QStringList unknown;
    const QList<Event> events = fired(c.events, now, &unknown);
    const QByteArray body = EventCodec::encode(events, c.asArray);
    const QString text = QString::fromUtf8(body);
    if (m_preview->toPlainText() != text)
        m_preview->setPlainText(text);

    const bool anyNow = std::any_of(c.events.cbegin(), c.events.cend(), [](const Event &e) { return !e.timestamp; });
    QString info = c.asArray
        ? tr("%1 bytes · %2 as one JSON array").arg(body.size()).arg(EventsUi::events(c.events.size()))
        : tr("%1 bytes · one event as a JSON object").arg(body.size());
    if (anyNow)
        info += u" · "_s
            + tr("\"now\" shown as %1 UTC; fixed when sent")
                  .arg(QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(u"HH:mm:ss"_s));
    m_previewInfo->setText(info);

    updateFindings(EventRules::check(events, now), unknown);
    const std::optional<QUrl> url = eventUrl();
    const QString where = url ? agentName(*url) : tr("(no valid agent)");
    m_sendSummary->setText(c.asArray ? tr("Sends the batch of %1 to %2.").arg(EventsUi::events(c.events.size()), where)
                                     : tr("Sends one event to %1.").arg(where));
}

void EventsWorkspace::updateFindings(const Findings &findings, const QStringList &unknownVariables)
{
    QStringList errors;
    QStringList warnings;
    for (const Finding &finding : findings)
        (finding.isError() ? errors : warnings) << finding.message.toHtmlEscaped();
    for (const QString &name : unknownVariables)
        warnings << tr("%1 is no variable I know; it is sent as written.").arg(name).toHtmlEscaped();
    if (!m_batch->isEmpty() && m_batch->currentRow() < 0 && !m_form->event().title.trimmed().isEmpty()
        && !m_batch->events().contains(m_form->event()))
        warnings << tr("The form's event is not in the batch, so it is not sent: Add to Batch to include it.")
                        .toHtmlEscaped();

    QString html;
    if (!errors.isEmpty())
        html += toned(Tone::Bad, u"<b>"_s + tr("✖ Cannot be sent yet:") + u"</b>"_s) + htmlList(errors);
    if (!warnings.isEmpty())
        html += toned(Tone::Warning, u"<b>"_s + tr("⚠ Goes out, but:") + u"</b>"_s) + htmlList(warnings);
    if (errors.isEmpty() && warnings.isEmpty())
        html = toned(Tone::Good, tr("✔ Ready to send."));
    m_findings->setText(html);
}

void EventsWorkspace::updateFormMode()
{
    const int row = m_batch->currentRow();
    if (row >= 0)
        m_formMode->setText(
            toned(Tone::Warning, tr("Editing event %1 of %2 in the batch.").arg(row + 1).arg(m_batch->size())));
    else if (!m_batch->isEmpty())
        m_formMode->setText(tr("A new event: <b>Add to Batch</b> puts it with the others."));
    else
        m_formMode->setText(tr("One event. <b>Add to Batch</b> to send several at once."));
}

void EventsWorkspace::updateTarget()
{
    QString error;
    const std::optional<QUrl> url = eventUrl(&error);
    if (url) {
        const QString whose = m_otherUrl->text().trimmed().isEmpty() ? tr("the agent target")
                                                                     : toned(Tone::Warning, tr("not the agent target"));
        m_targetLabel->setText(u"POST <code>%1</code> (%2)"_s.arg(url->toString().toHtmlEscaped(), whose));
    } else {
        m_targetLabel->setText(toned(Tone::Bad, error.toHtmlEscaped()));
    }
    m_outboxPanel->setCurrentTarget(url.value_or(QUrl()));
    refresh();
}

void EventsWorkspace::updateOutboxCount(int count)
{
    m_tabs->setTabText(m_outboxTab, count > 0 ? tr("Outbox (%1)").arg(count) : tr("Outbox"));
    m_tabs->setTabToolTip(m_outboxTab, tr("%1 waiting to be sent again.").arg(EventsUi::requests(count)));
    m_outboxNotice->setVisible(count > 0);
    if (count > 0)
        m_outboxNotice->setText(toned(
            Tone::Warning,
            u"<a href=\"outbox\">"_s + tr("%n request(s) wait(s) in the outbox", nullptr, int(count)) + u"</a>"_s));
}

void EventsWorkspace::onFormChanged()
{
    if (m_batch->currentRow() >= 0)
        m_batch->updateCurrent(m_form->event()); // emits changed(), which refreshes
    else
        refresh();
}

void EventsWorkspace::onBatchRowChanged(int row)
{
    if (row >= 0 && row < m_batch->size())
        m_form->setEvent(m_batch->events().at(row));
    updateFormMode();
    refresh();
}

void EventsWorkspace::send()
{
    const Composed c = composed();
    fire(c.events, c.asArray, true,
         c.asArray ? tr("the batch of %1").arg(EventsUi::events(c.events.size())) : tr("the event"));
}

void EventsWorkspace::fire(const QList<Event> &events, bool asArray, bool expandVariables, const QString &what)
{
    if (m_firer->isBusy())
        return;
    QString error;
    const std::optional<QUrl> url = eventUrl(&error);
    if (!url) {
        showResult(toned(Tone::Bad,
                         tr("✖ Nothing was sent: the address to send to is no agent. %1").arg(error).toHtmlEscaped()));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Event> toSend;
    if (expandVariables) {
        toSend = fired(events, now, nullptr);
    } else {
        for (const Event &event : events)
            toSend.append(event.firedAt(now));
    }
    const Findings findings = EventRules::check(toSend, now);
    if (EventRules::hasErrors(findings)) {
        QStringList errors;
        for (const Finding &finding : findings) {
            if (finding.isError())
                errors << finding.message.toHtmlEscaped();
        }
        showResult(toned(Tone::Bad, u"<b>"_s + tr("✖ Nothing was sent. Fix this first:") + u"</b>"_s)
                   + htmlList(errors));
        return;
    }
    m_sending = what;
    setSending(true);
    showResult(tr("Sending %1 to %2…").arg(what, agentName(*url)).toHtmlEscaped());
    m_firer->fire(*url, toSend, asArray, true);
}

void EventsWorkspace::cancelSend()
{
    m_firer->cancel();
}

void EventsWorkspace::onFired(const FireResult &result)
{
    setSending(false);
    const AgentOutcome &outcome = result.outcome;
    const QString where = agentName(result.target);
    QString html;
    switch (outcome.kind) {
    case AgentOutcome::Kind::Delivered:
        html = toned(Tone::Good,
                     tr("✔ Delivered %1 to %2: HTTP %3 in %4 ms.")
                         .arg(m_sending, where)
                         .arg(outcome.httpStatus)
                         .arg(outcome.elapsedMs)
                         .toHtmlEscaped());
        break;
    case AgentOutcome::Kind::Rejected:
        html = toned(Tone::Bad,
                     u"<b>"_s
                         + tr("✖ The agent refused %1 (HTTP %2): %3")
                               .arg(m_sending)
                               .arg(outcome.httpStatus)
                               .arg(refusalReason(outcome))
                               .toHtmlEscaped()
                         + u"</b><br>"_s
                         + tr("Nothing was queued: sending it again will not help. Fix the event and send it anew.")
                               .toHtmlEscaped());
        break;
    case AgentOutcome::Kind::Retryable:
        if (result.queued) {
            const QString head = outcome.httpStatus > 0
                ? tr("⚠ The agent could not take it now (HTTP %1) — queued in the outbox").arg(outcome.httpStatus)
                : tr("⚠ Agent not reachable — queued in the outbox");
            const QString tail = autoRetry() ? tr(", retrying automatically.")
                                             : tr("; press Retry Now in the Outbox tab once the agent is back.");
            html = toned(Tone::Warning,
                         u"<b>"_s + QString(head + tail).toHtmlEscaped() + u"</b><br>"_s
                             + tr("%1 (%2)").arg(outcome.error, where).toHtmlEscaped());
        } else {
            html = toned(Tone::Bad,
                         u"<b>"_s + tr("✖ Not delivered to %1: %2").arg(where, outcome.error).toHtmlEscaped()
                             + u"</b>"_s);
        }
        break;
    case AgentOutcome::Kind::Cancelled:
        html = toned(Tone::Warning,
                     tr("Cancelled after %1 ms. The agent may have received it already; nothing was "
                        "queued (see History).")
                         .arg(outcome.elapsedMs)
                         .toHtmlEscaped());
        break;
    }
    if (!result.problem.isEmpty())
        html += u"<br>"_s + toned(Tone::Bad, result.problem.toHtmlEscaped());

    QString details;
    if (outcome.httpStatus > 0)
        details = tr("HTTP %1 · %2 ms · %3")
                      .arg(outcome.httpStatus)
                      .arg(outcome.elapsedMs)
                      .arg(result.target.toString(QUrl::RemoveUserInfo));
    else
        details = tr("No answer · %1 ms · %2").arg(outcome.elapsedMs).arg(result.target.toString(QUrl::RemoveUserInfo));
    if (!outcome.responseBody.isEmpty())
        details += u'\n' + EventsUi::prettyBody(outcome.responseBody);
    showResult(html, details);
    m_outboxPanel->model()->reload();
    m_historyPanel->model()->reload();
}

void EventsWorkspace::setSending(bool sending)
{
    m_send->setEnabled(!sending);
    m_cancel->setEnabled(sending);
}

void EventsWorkspace::showResult(const QString &html, const QString &details)
{
    m_result->setText(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s) + u" — "_s + html);
    m_response->setPlainText(details);
    m_response->setVisible(!details.isEmpty());
}

void EventsWorkspace::copyAs(int language)
{
    QString error;
    const std::optional<QUrl> url = eventUrl(&error);
    if (!url) {
        m_copyNote->setText(error);
        return;
    }
    // A script runs later: events timed "now" go without a time, so the agent stamps them then.
    const Composed c = composed();
    const TemplateContext context = TemplateContext::current(QDateTime::currentMSecsSinceEpoch());
    QList<Event> events;
    for (const Event &event : c.events)
        events.append(TemplateVariables::expand(event, context));
    const auto lang = Snippets::Language(language);
    QApplication::clipboard()->setText(Snippets::snippet(lang, *url, EventCodec::encode(events, c.asArray)));
    const bool anyNow = std::any_of(c.events.cbegin(), c.events.cend(), [](const Event &e) { return !e.timestamp; });
    m_copyNote->setText(anyNow ? tr("Copied as %1. Events timed \"now\" are copied without a time: the agent "
                                    "stamps them when the program runs.")
                                     .arg(Snippets::name(lang))
                               : tr("Copied as %1.").arg(Snippets::name(lang)));
}

void EventsWorkspace::reloadTemplates(const QString &select)
{
    QString error;
    const QList<EventTemplate> all = m_templates.templates(&error);
    const QSignalBlocker blocker(m_templateList);
    m_templateList->clear();
    int selected = -1;
    for (const EventTemplate &entry : all) {
        if (!entry.builtIn && m_templateList->count() > 0
            && m_templateList->itemData(m_templateList->count() - 1, Qt::UserRole + 1).toBool())
            m_templateList->insertSeparator(m_templateList->count());
        m_templateList->addItem(entry.name, entry.name);
        const int index = m_templateList->count() - 1;
        m_templateList->setItemData(index, entry.builtIn, Qt::UserRole + 1);
        const QString toolTip
            = (entry.builtIn ? tr("Built in.") : tr("Yours.")) + u'\n' + EventBatch::describe(entry.event);
        m_templateList->setItemData(index, toolTip, Qt::ToolTipRole);
        if (entry.name == select)
            selected = index;
    }
    m_templateList->setCurrentIndex(selected);
    m_deleteTemplate->setEnabled(selected >= 0 && !m_templateList->itemData(selected, Qt::UserRole + 1).toBool());
    m_templateStatus->setText(error.isEmpty() ? QString() : toned(Tone::Bad, error.toHtmlEscaped()));
}

void EventsWorkspace::loadTemplate(int index)
{
    if (index < 0)
        return;
    QString error;
    const std::optional<EventTemplate> entry = m_templates.find(m_templateList->itemData(index).toString(), &error);
    if (!entry) {
        m_templateStatus->setText(toned(Tone::Bad, tr("The template is gone. %1").arg(error).toHtmlEscaped()));
        reloadTemplates();
        return;
    }
    Event event = entry->event;
    event.timestamp.reset(); // a template is fired now
    m_form->setEvent(event);
    onFormChanged();
    m_templateStatus->setText(
        tr("Loaded \"%1\"; its variables are filled in when it is sent.").arg(entry->name).toHtmlEscaped());
}

void EventsWorkspace::saveTemplate()
{
    bool ok = false;
    const QString current = m_templateList->currentIndex() >= 0 ? m_templateList->currentText() : QString();
    const QString name = QInputDialog::getText(this, tr("Save as Template"),
                                               tr("Name of the template (the event's time is not kept):"),
                                               QLineEdit::Normal, current, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    QString error;
    const std::optional<EventTemplate> existing = m_templates.find(name, &error);
    if (existing) {
        const QString question = existing->builtIn
            ? tr("\"%1\" is a built-in template. Save yours in its place?").arg(existing->name)
            : tr("A template \"%1\" exists. Replace it?").arg(existing->name);
        if (QMessageBox::question(this, tr("Replace Template?"), question) != QMessageBox::Yes)
            return;
    }
    EventTemplate entry;
    entry.name = existing ? existing->name : name;
    entry.event = m_form->event();
    entry.event.timestamp.reset();
    if (!m_templates.save(entry, &error)) {
        m_templateStatus->setText(toned(Tone::Bad, error.toHtmlEscaped()));
        return;
    }
    reloadTemplates(entry.name);
    m_templateStatus->setText(tr("Saved \"%1\".").arg(entry.name).toHtmlEscaped());
}

void EventsWorkspace::deleteTemplate()
{
    const int index = m_templateList->currentIndex();
    if (index < 0 || m_templateList->itemData(index, Qt::UserRole + 1).toBool())
        return;
    const QString name = m_templateList->itemData(index).toString();
    if (QMessageBox::question(this, tr("Delete Template?"), tr("Delete the template \"%1\"?").arg(name))
        != QMessageBox::Yes)
        return;
    QString error;
    if (!m_templates.remove(name, &error)) {
        m_templateStatus->setText(toned(Tone::Bad, error.toHtmlEscaped()));
        return;
    }
    reloadTemplates();
    m_templateStatus->setText(tr("Deleted \"%1\".").arg(name).toHtmlEscaped());
}

std::optional<EventCodec::Decoded> EventsWorkspace::eventsOf(const HistoryEntry &entry)
{
    if (entry.bodyTruncated) {
        m_historyPanel->setStatus(tr("This body was cut short in the history; it cannot be used again."), true);
        return std::nullopt;
    }
    EventCodec::Decoded decoded = EventCodec::decode(entry.body);
    if (!decoded.ok() || decoded.events.isEmpty()) {
        QStringList errors;
        for (const Finding &finding : std::as_const(decoded.findings))
            errors << finding.message;
        m_historyPanel->setStatus(tr("Cannot use it again: %1").arg(errors.join(u' ')), true);
        return std::nullopt;
    }
    return decoded;
}

void EventsWorkspace::loadFromHistory(const HistoryEntry &entry)
{
    const auto found = eventsOf(entry);
    if (!found)
        return;
    const EventCodec::Decoded &decoded = *found;
    if (!m_batch->isEmpty()) {
        const auto answer = QMessageBox::question(this, tr("Replace the Batch?"),
                                                  tr("The batch holds %1. Replace them with the ones from the history?")
                                                      .arg(EventsUi::events(m_batch->size())));
        if (answer != QMessageBox::Yes)
            return;
    }
    if (decoded.isArray || decoded.events.size() > 1) {
        m_batch->setEvents(decoded.events, 0);
    } else {
        m_batch->setEvents({}, -1);
        m_form->setEvent(decoded.events.first());
    }
    updateFormMode();
    refresh();
    m_tabs->setCurrentIndex(0);
    m_historyPanel->setStatus(tr("Loaded %1 into the composer.").arg(EventsUi::events(decoded.events.size())));
    showResult(tr("Loaded %1 from the history into the composer; nothing was sent.")
                   .arg(EventsUi::events(decoded.events.size()))
                   .toHtmlEscaped());
}

void EventsWorkspace::sendAgain(const HistoryEntry &entry)
{
    const auto found = eventsOf(entry);
    if (!found)
        return;
    const EventCodec::Decoded &decoded = *found;
    if (m_firer->isBusy()) {
        m_historyPanel->setStatus(tr("A send is under way; wait for its answer."), true);
        return;
    }
    m_historyPanel->setStatus(tr("Sending again; the answer shows below."));
    // As it went out before: its variables were filled in then.
    fire(decoded.events, decoded.isArray, false,
         tr("\"%1\" again (%2)").arg(entry.title, EventsUi::events(decoded.events.size())));
}

} // namespace Workbench
