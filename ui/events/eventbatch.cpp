#include "ui/events/eventbatch.h"

#include "ui/events/eventsui.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QString severityText(int severity)
{
    switch (severity) {
    case EventSeverity::Change:
        return EventBatch::tr("Change");
    case EventSeverity::Warning:
        return EventBatch::tr("Warning");
    case EventSeverity::Critical:
        return EventBatch::tr("Critical");
    default:
        return EventSeverity::name(severity);
    }
}

QString durationText(qint64 ms)
{
    if (ms % (60LL * 60 * 1000) == 0 && ms != 0)
        return EventBatch::tr("%1 h").arg(ms / (60LL * 60 * 1000));
    if (ms % (60LL * 1000) == 0 && ms != 0)
        return EventBatch::tr("%1 min").arg(ms / (60LL * 1000));
    if (ms % 1000 == 0)
        return EventBatch::tr("%1 s").arg(ms / 1000);
    return EventBatch::tr("%1 ms").arg(ms);
}

QPushButton *makeButton(const QString &text, const QString &name, const QString &toolTip, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setToolTip(toolTip);
    return button;
}
} // namespace

EventBatch::EventBatch(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
    , m_add(
          makeButton(tr("&Add to Batch"), u"batch-add"_s, tr("Add the event in the form to the batch (Ctrl+B)."), this))
    , m_new(makeButton(tr("New"), u"batch-new"_s, tr("Start an empty event (the batch stays as it is)."), this))
    , m_duplicate(makeButton(tr("Duplicate"), u"batch-duplicate"_s, tr("Add a copy of the selected event."), this))
    , m_remove(makeButton(tr("Remove"), u"batch-remove"_s, tr("Take the selected event out of the batch."), this))
    , m_up(makeButton(tr("Up"), u"batch-up"_s, tr("Send the selected event earlier."), this))
    , m_down(makeButton(tr("Down"), u"batch-down"_s, tr("Send the selected event later."), this))
{
    setObjectName(u"event-batch"_s);
    m_list->setObjectName(u"batch-list"_s);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setToolTip(tr("Select an event to edit it in the form."));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_hint->setObjectName(u"batch-hint"_s);
    m_hint->setWordWrap(true);

    auto *buttons = new QGridLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add, 0, 0, 1, 2);
    buttons->addWidget(m_duplicate, 1, 0);
    buttons->addWidget(m_remove, 1, 1);
    buttons->addWidget(m_up, 2, 0);
    buttons->addWidget(m_down, 2, 1);
    buttons->addWidget(m_new, 3, 0, 1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &EventBatch::addRequested);
    connect(m_new, &QPushButton::clicked, this, [this] {
        setCurrentRow(-1);
        Q_EMIT newRequested();
    });
    connect(m_duplicate, &QPushButton::clicked, this, &EventBatch::duplicate);
    connect(m_remove, &QPushButton::clicked, this, &EventBatch::remove);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        if (!m_rebuilding)
            Q_EMIT currentChanged(currentRow());
    });
    rebuild(-1);
}

QString EventBatch::describe(const Event &event)
{
    QStringList parts{severityText(event.severity),
                      event.title.trimmed().isEmpty() ? tr("(no title)") : event.title.simplified()};
    if (event.timestamp) {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(*event.timestamp, Qt::UTC);
        const bool today = time.date() == QDateTime::currentDateTimeUtc().date();
        parts << time.toString(today ? u"HH:mm:ss 'UTC'"_s : u"yyyy-MM-dd HH:mm 'UTC'"_s);
    } else {
        parts << tr("now");
    }
    if (event.duration)
        parts << durationText(*event.duration);
    return parts.join(u" · "_s);
}

void EventBatch::setEvents(const QList<Event> &events, int select)
{
    m_events = events;
    rebuild(select);
    Q_EMIT changed();
    Q_EMIT currentChanged(currentRow());
}

int EventBatch::currentRow() const
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? -1 : m_list->row(selected.constFirst());
}

void EventBatch::setCurrentRow(int row)
{
    if (row < 0 || row >= m_list->count())
        m_list->clearSelection();
    else
        m_list->setCurrentRow(row, QItemSelectionModel::ClearAndSelect);
    updateButtons();
}

void EventBatch::updateCurrent(const Event &event)
{
    const int row = currentRow();
    if (row < 0 || m_events.at(row) == event)
        return;
    m_events[row] = event;
    m_list->item(row)->setText(u"%1. "_s.arg(row + 1) + describe(event));
    Q_EMIT changed();
}

int EventBatch::append(const Event &event)
{
    m_events.append(event);
    rebuild(-1);
    m_list->scrollToBottom();
    Q_EMIT changed();
    Q_EMIT currentChanged(-1);
    return int(m_events.size() - 1);
}

void EventBatch::rebuild(int select)
{
    m_rebuilding = true;
    m_list->clear();
    for (qsizetype i = 0; i < m_events.size(); ++i)
        m_list->addItem(u"%1. "_s.arg(i + 1) + describe(m_events.at(i)));
    if (select >= 0 && select < m_list->count())
        m_list->setCurrentRow(select, QItemSelectionModel::ClearAndSelect);
    else
        m_list->clearSelection();
    m_rebuilding = false;
    m_hint->setText(m_events.isEmpty()
                        ? tr("No batch: the form is sent as one event. Add events to send several as one array.")
                        : tr("%1, sent together as one JSON array.").arg(EventsUi::events(m_events.size())));
    updateButtons();
}

void EventBatch::updateButtons()
{
    const int row = currentRow();
    m_duplicate->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_list->count() - 1);
}

void EventBatch::duplicate()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_events.insert(row + 1, m_events.at(row));
    rebuild(row + 1);
    Q_EMIT changed();
    Q_EMIT currentChanged(row + 1);
}

void EventBatch::remove()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_events.removeAt(row);
    rebuild(-1);
    Q_EMIT changed();
    Q_EMIT currentChanged(-1);
}

void EventBatch::move(int delta)
{
    const int row = currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_events.size())
        return;
    m_events.move(row, to);
    rebuild(to);
    Q_EMIT changed();
    Q_EMIT currentChanged(to);
}

} // namespace Workbench
