#include "ui/events/historypanel.h"

#include "core/events/eventmodels.h"
#include "ui/events/eventsui.h"

#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

HistoryPanel::HistoryPanel(EventHistory &history, QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(history, this))
    , m_filter(new HistoryFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(EventsUi::makeTable(u"history-table"_s, false, this))
    , m_details(new QPlainTextEdit(this))
    , m_load(new QPushButton(tr("&Load into Composer"), this))
    , m_sendAgain(new QPushButton(tr("Send &Again"), this))
    , m_status(new QLabel(this))
{
    setObjectName(u"history-panel"_s);
    m_model->setObjectName(u"history-model"_s);
    m_filter->setObjectName(u"history-filter"_s);
    m_filter->setSourceModel(m_model);
    m_search->setObjectName(u"history-search"_s);
    m_search->setPlaceholderText(tr("Search title, body, target, outcome, status or error"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Every word must occur; e.g. \"queued deploy\" or \"400\"."));
    m_count->setObjectName(u"history-count"_s);
    m_count->setToolTip(QDir::toNativeSeparators(history.file()));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HistoryModel::Time, Qt::DescendingOrder);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Time, 150);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Outcome, 90);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Status, 60);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Latency, 75);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Events, 60);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Title, 220);
    m_table->horizontalHeader()->resizeSection(HistoryModel::Target, 240);
    m_details->setObjectName(u"history-details"_s);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a send to see what went out and what came back."));
    m_load->setObjectName(u"history-load"_s);
    m_load->setToolTip(tr("Put these events into the composer, to change them and send them again."));
    m_sendAgain->setObjectName(u"history-send-again"_s);
    m_sendAgain->setToolTip(
        tr("Send the same events, with their original times, to the agent the composer sends to now."));
    m_status->setObjectName(u"history-status"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(new QLabel(tr("&Search:"), this));
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_count);
    qobject_cast<QLabel *>(searchRow->itemAt(0)->widget())->setBuddy(m_search);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_sendAgain);
    buttons->addWidget(m_status, 1);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(buttons);
    lowerLayout->addWidget(m_details, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(searchRow);
    layout->addWidget(split, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &HistoryFilterModel::setQuery);
    connect(m_search, &QLineEdit::textChanged, this, &HistoryPanel::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        m_selectedId = rows.isEmpty() ? QString() : rows.first().data(HistoryModel::IdRole).toString();
        showSelected();
    });
    // A reload (another send, here or by iwb) keeps the selection.
    connect(m_model, &HistoryModel::reloaded, this, [this] {
        updateCount();
        if (m_selectedId.isEmpty())
            return showSelected();
        for (int row = 0; row < m_filter->rowCount(); ++row) {
            const QModelIndex index = m_filter->index(row, 0);
            if (index.data(HistoryModel::IdRole).toString() == m_selectedId) {
                const QString id = m_selectedId;
                m_table->selectionModel()->select(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_table->setCurrentIndex(index);
                m_selectedId = id;
                break;
            }
        }
        showSelected();
    });
    connect(m_load, &QPushButton::clicked, this, [this] {
        if (const auto entry = selected())
            Q_EMIT loadRequested(*entry);
    });
    connect(m_sendAgain, &QPushButton::clicked, this, [this] {
        if (const auto entry = selected())
            Q_EMIT sendAgainRequested(*entry);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (const auto entry = selected())
            Q_EMIT loadRequested(*entry);
    });
    updateCount();
    showSelected();
}

std::optional<HistoryEntry> HistoryPanel::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->entry(m_filter->mapToSource(rows.first()).row());
}

void HistoryPanel::setStatus(const QString &text, bool problem)
{
    m_status->setText(problem ? EventsUi::toned(EventsUi::Tone::Bad, text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void HistoryPanel::updateCount()
{
    QString text = m_search->text().trimmed().isEmpty()
        ? tr("%n send(s)", nullptr, m_model->rowCount())
        : tr("%1 of %n send(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount());
    if (m_model->damagedLines() > 0)
        text += u" · "_s + tr("%n damaged line(s) skipped", nullptr, int(m_model->damagedLines()));
    m_count->setText(text);
}

void HistoryPanel::showSelected()
{
    const std::optional<HistoryEntry> entry = selected();
    m_load->setEnabled(entry.has_value());
    m_sendAgain->setEnabled(entry.has_value());
    if (!entry) {
        m_details->clear();
        return;
    }
    QString text
        = tr("%1 · %2 · from %3 to %4")
              .arg(localTimeText(entry->time), HistoryEntry::outcomeName(entry->outcome), entry->source, entry->target);
    if (entry->httpStatus > 0)
        text += u'\n' + tr("HTTP %1 in %2 ms").arg(entry->httpStatus).arg(entry->latencyMs);
    if (entry->attempts > 1)
        text += u'\n' + tr("Attempts: %1").arg(entry->attempts);
    if (!entry->outboxId.isEmpty())
        text += u'\n' + tr("Outbox entry: %1").arg(entry->outboxId);
    if (!entry->error.isEmpty())
        text += u'\n' + tr("Error: %1").arg(entry->error);
    text += u"\n\n"_s + tr("Request body (%1):").arg(EventsUi::events(entry->eventCount)) + u'\n'
        + EventsUi::prettyBody(entry->body);
    if (entry->bodyTruncated)
        text += u'\n' + tr("… (cut short in the history)");
    if (!entry->response.isEmpty())
        text += u"\n\n"_s + tr("Response:") + u'\n' + EventsUi::prettyBody(entry->response);
    m_details->setPlainText(text);
}

} // namespace Workbench
