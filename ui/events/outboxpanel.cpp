#include "ui/events/outboxpanel.h"

#include "core/agentapi/agentendpoint.h"
#include "core/events/eventmodels.h"
#include "core/events/outbox.h"
#include "core/events/outboxdiscard.h"
#include "ui/events/eventsui.h"

#include <QDateTime>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

using EventsUi::Tone;
using EventsUi::toned;

namespace {
// Keeps the automatic retries from starting while the user is asked something.
class RetrierPause
{
public:
    explicit RetrierPause(OutboxRetrier &retrier)
        : m_retrier(retrier)
        , m_wasEnabled(retrier.isEnabled())
    {
        m_retrier.setEnabled(false);
    }
    ~RetrierPause() { m_retrier.setEnabled(m_wasEnabled); }
    RetrierPause(const RetrierPause &) = delete;
    RetrierPause &operator=(const RetrierPause &) = delete;

private:
    OutboxRetrier &m_retrier;
    bool m_wasEnabled;
};

QString agentName(const QUrl &eventUrl)
{
    return AgentEndpoint::displayName(eventUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
}
} // namespace

OutboxPanel::OutboxPanel(Outbox &outbox, EventHistory &history, OutboxRetrier &retrier, QWidget *parent)
    : QWidget(parent)
    , m_outbox(outbox)
    , m_history(history)
    , m_retrier(retrier)
    , m_flusher(retrier.flusher())
    , m_model(new OutboxModel(outbox, this))
    , m_table(EventsUi::makeTable(u"outbox-table"_s, true, this))
    , m_retry(new QPushButton(tr("&Retry Now"), this))
    , m_discard(new QPushButton(tr("Discard…"), this))
    , m_status(new QLabel(this))
    , m_problems(new QLabel(this))
    , m_moveAside(new QPushButton(tr("Move Aside"), this))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(u"outbox-panel"_s);
    m_model->setObjectName(u"outbox-model"_s);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->resizeSection(OutboxModel::Queued, 150);
    m_table->horizontalHeader()->resizeSection(OutboxModel::Events, 60);
    m_table->horizontalHeader()->resizeSection(OutboxModel::Title, 220);
    m_table->horizontalHeader()->resizeSection(OutboxModel::Target, 230);
    m_table->horizontalHeader()->resizeSection(OutboxModel::Attempts, 70);
    m_retry->setObjectName(u"outbox-retry"_s);
    m_retry->setToolTip(tr("Send the selected requests now, or all of them when none is selected."));
    m_discard->setObjectName(u"outbox-discard"_s);
    m_discard->setToolTip(tr("Remove the selected requests unsent. The history keeps a record of them."));
    m_status->setObjectName(u"outbox-status"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setObjectName(u"outbox-problems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
    m_moveAside->setObjectName(u"outbox-move-damaged"_s);
    m_moveAside->setToolTip(tr("Move the files that cannot be read, bytes kept, to %1. They are never sent.")
                                .arg(QDir::toNativeSeparators(outbox.damagedDirectory())));
    m_moveAside->hide();
    m_details->setObjectName(u"outbox-details"_s);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a request to see its body, exactly as it will be sent."));

    auto *intro = new QLabel(tr("Requests the agent could not take yet. They are sent again on their own, with "
                                "growing pauses, while the workbench runs; iwb sends from the same outbox."),
                             this);
    intro->setWordWrap(true);
    intro->setToolTip(QDir::toNativeSeparators(outbox.directory()));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_status, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    auto *problems = new QHBoxLayout;
    problems->addWidget(m_problems, 1);
    problems->addWidget(m_moveAside, 0, Qt::AlignTop);
    layout->addLayout(problems);
    layout->addWidget(split, 1);

    connect(m_retry, &QPushButton::clicked, this, &OutboxPanel::retryNow);
    connect(m_discard, &QPushButton::clicked, this, &OutboxPanel::discardSelected);
    connect(m_moveAside, &QPushButton::clicked, this, &OutboxPanel::moveDamagedAside);
    connect(m_model, &OutboxModel::reloaded, this, &OutboxPanel::onReloaded);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelected();
        updateButtons();
    });
    connect(&m_flusher, &OutboxFlusher::finished, this, &OutboxPanel::onFlushed);
    connect(&m_flusher, &OutboxFlusher::entryFinished, this, &OutboxPanel::onEntryFinished);
    // "Next attempt" counts down.
    auto *tick = new QTimer(this);
    tick->start(std::chrono::seconds(1));
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_model->rowCount() > 0)
            m_table->viewport()->update();
    });
    onReloaded();
}

int OutboxPanel::count() const
{
    return m_model->rowCount();
}

QStringList OutboxPanel::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids << index.data(OutboxModel::IdRole).toString();
    return ids;
}

void OutboxPanel::retryNow()
{
    const QStringList ids = selectedIds();
    if (m_flusher.isBusy()) {
        // An automatic retry is under way; ours follows it.
        m_pending = true;
        m_pendingIds = ids;
        setStatus(tr("A retry is under way; yours follows as soon as it ends."));
        return;
    }
    retryIds(ids);
}

void OutboxPanel::retryIds(const QStringList &ids)
{
    const RetrierPause pause(m_retrier);
    bool cancelled = false;
    if (!retarget(ids, &cancelled) || cancelled)
        return;
    startFlush(ids);
}

// When requests were queued for another agent than the one events go to now, asks where they
// should go. False when they could not be changed.
bool OutboxPanel::retarget(const QStringList &ids, bool *cancelled)
{
    *cancelled = false;
    if (!m_currentTarget.isValid())
        return true;
    QList<OutboxEntry> elsewhere;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const OutboxEntry &entry = m_model->entry(row);
        if ((ids.isEmpty() || ids.contains(entry.id)) && entry.target != m_currentTarget)
            elsewhere << entry;
    }
    if (elsewhere.isEmpty())
        return true;

    QStringList others;
    for (const OutboxEntry &entry : std::as_const(elsewhere)) {
        const QString name = agentName(entry.target);
        if (!others.contains(name))
            others << name;
    }
    QMessageBox box(QMessageBox::Question, tr("Send Where?"),
                    tr("%1 queued for %2, but events now go to %3.")
                        .arg(EventsUi::requests(elsewhere.size()), others.join(u", "_s), agentName(m_currentTarget)),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"outbox-target-question"_s);
    QPushButton *toCurrent = box.addButton(tr("Send to %1").arg(agentName(m_currentTarget)), QMessageBox::AcceptRole);
    toCurrent->setObjectName(u"outbox-send-to-current"_s);
    QPushButton *keep = box.addButton(tr("Keep Their Agent"), QMessageBox::AcceptRole);
    keep->setObjectName(u"outbox-keep-target"_s);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(toCurrent);
    box.exec();
    if (box.clickedButton() == keep)
        return true;
    if (box.clickedButton() != toCurrent) {
        *cancelled = true;
        return true;
    }

    if (m_flusher.isBusy()) {
        setStatus(tr("A retry is under way; try again when it has ended."), true);
        return false;
    }
    const auto lock = m_outbox.lock();
    if (!lock->tryLock(500)) {
        setStatus(tr("%1 is sending from the outbox right now; try again in a moment.").arg(lock->holder()), true);
        return false;
    }
    QStringList errors;
    for (OutboxEntry entry : std::as_const(elsewhere)) {
        if (!m_outbox.entry(entry.id))
            continue; // sent or discarded meanwhile
        entry.target = m_currentTarget;
        QString error;
        if (!m_outbox.update(entry, &error))
            errors << error;
    }
    lock->unlock();
    m_model->reload();
    if (!errors.isEmpty()) {
        setStatus(tr("Could not change where they go: %1").arg(errors.join(u' ')), true);
        return false;
    }
    return true;
}

void OutboxPanel::startFlush(const QStringList &ids)
{
    m_manual = true;
    m_pending = false;
    setStatus(ids.isEmpty() ? tr("Sending everything in the outbox…")
                            : tr("Sending %1…").arg(EventsUi::requests(ids.size())));
    updateButtons();
    m_flusher.flush(OutboxFlusher::Mode::All, 0, AgentPost::DefaultTimeout, ids);
}

void OutboxPanel::onEntryFinished(const OutboxEntry &entry, const AgentOutcome &outcome)
{
    Q_UNUSED(entry)
    Q_UNUSED(outcome)
    m_model->reload();
}

void OutboxPanel::onFlushed(const OutboxFlusher::Report &report)
{
    const bool manual = m_manual;
    m_manual = false;
    m_model->reload();
    QStringList parts;
    if (report.delivered > 0)
        parts << tr("%1 delivered").arg(report.delivered);
    if (report.rejected > 0)
        parts << tr("%1 refused by the agent (see History)").arg(report.rejected);
    const QString remaining
        = report.remaining > 0 ? tr("%1 still waiting").arg(report.remaining) : tr("the outbox is empty");
    const QString time = QDateTime::currentDateTime().toString(u"HH:mm:ss"_s);
    if (report.busy) {
        if (manual)
            setStatus(report.error, true);
    } else if (!report.error.isEmpty()) {
        if (manual || report.delivered > 0 || report.rejected > 0) {
            parts << remaining;
            setStatus(tr("%1: %2. Stopped: %3").arg(time, parts.join(u", "_s), report.error), true);
        }
    } else if (manual || report.delivered > 0 || report.rejected > 0) {
        parts << remaining;
        setStatus(tr("%1: %2.").arg(time, parts.join(u", "_s)), report.rejected > 0);
    }
    updateButtons();
    if (m_pending) {
        m_pending = false;
        // After this slot: the flusher is still busy while it emits finished().
        QTimer::singleShot(0, this, [this, ids = m_pendingIds] { retryIds(ids); });
    }
}

void OutboxPanel::discardSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    if (m_flusher.isBusy()) {
        setStatus(tr("A retry is under way; discard when it has ended."), true);
        return;
    }
    const RetrierPause pause(m_retrier);
    QMessageBox box(QMessageBox::Warning, tr("Discard Queued Events?"),
                    tr("Discard %n queued request(s)? They will never be sent. The history keeps a record.", nullptr,
                       int(ids.size())),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"outbox-discard-question"_s);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(u"outbox-discard-confirm"_s);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != discard)
        return;
    const auto lock = m_outbox.lock();
    if (!lock->tryLock(500)) {
        setStatus(tr("%1 is sending from the outbox right now; try again in a moment.").arg(lock->holder()), true);
        return;
    }
    const OutboxDiscardResult result = discardFromOutbox(m_outbox, m_history, ids, u"gui"_s);
    const int discarded = result.discarded;
    const QStringList &errors = result.errors;
    lock->unlock();
    m_model->reload();
    if (errors.isEmpty())
        setStatus(tr("Discarded %1.").arg(EventsUi::requests(discarded)));
    else
        setStatus(tr("Discarded %1 of %2: %3").arg(discarded).arg(ids.size()).arg(errors.join(u' ')), true);
}

void OutboxPanel::moveDamagedAside()
{
    if (m_flusher.isBusy()) {
        setStatus(tr("A retry is under way; move the damaged files when it has ended."), true);
        return;
    }
    const auto lock = m_outbox.lock();
    if (!lock->tryLock(500)) {
        setStatus(tr("%1 is sending from the outbox right now; try again in a moment.").arg(lock->holder()), true);
        return;
    }
    const OutboxSetAsideResult result = Workbench::moveDamagedAside(m_outbox);
    lock->unlock();
    m_model->reload();
    const QString moved = tr("Moved %n damaged file(s) to %1.", nullptr, int(result.moved.size()))
                              .arg(QDir::toNativeSeparators(m_outbox.damagedDirectory()));
    if (result.errors.isEmpty())
        setStatus(moved);
    else
        setStatus(moved + u' ' + result.errors.join(u' '), true);
}

void OutboxPanel::onReloaded()
{
    const QStringList problems = m_model->problems();
    m_problems->setVisible(!problems.isEmpty());
    m_moveAside->setVisible(!problems.isEmpty());
    if (!problems.isEmpty())
        m_problems->setText(toned(
            Tone::Bad,
            tr("Never sent, as the outbox cannot read them: %n damaged file(s): %1", nullptr, int(problems.size()))
                .arg(problems.join(u"; "_s).toHtmlEscaped())));
    m_table->resizeColumnToContents(OutboxModel::NextAttempt);
    showSelected();
    updateButtons();
    const int rows = m_model->rowCount();
    if (rows != m_lastCount) {
        m_lastCount = rows;
        Q_EMIT countChanged(rows);
    }
}

void OutboxPanel::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        m_details->clear();
        return;
    }
    const OutboxEntry &entry = m_model->entry(rows.first().row());
    QString text = tr("To %1, queued %2 by %3; %4.")
                       .arg(entry.target.toString(QUrl::RemoveUserInfo), localTimeText(entry.queuedAt), entry.source,
                            tr("%n attempt(s)", nullptr, entry.attempts));
    if (!entry.lastError.isEmpty())
        text += u'\n' + tr("Last error: %1").arg(entry.lastError);
    text += u"\n\n"_s + EventsUi::prettyBody(entry.body);
    m_details->setPlainText(text);
}

void OutboxPanel::updateButtons()
{
    const bool any = m_model->rowCount() > 0;
    const bool selected = m_table->selectionModel()->hasSelection();
    m_retry->setEnabled(any && !m_manual);
    m_retry->setText(selected ? tr("&Retry Selected Now") : tr("&Retry All Now"));
    m_discard->setEnabled(selected && !m_manual);
}

void OutboxPanel::setStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? toned(Tone::Bad, text.toHtmlEscaped()) : text.toHtmlEscaped());
}

} // namespace Workbench
