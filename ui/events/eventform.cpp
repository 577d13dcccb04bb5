#include "ui/events/eventform.h"

#include "core/events/eventtemplate.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
const QString secondsFormat = u"yyyy-MM-dd HH:mm:ss"_s;
const QString millisecondsFormat = u"yyyy-MM-dd HH:mm:ss.zzz"_s;

QDateTime utcNowToTheSecond()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(now - now % 1000, Qt::UTC);
}

QDateTimeEdit *makeTimeEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(name);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(secondsFormat);
    edit->setCalendarPopup(true);
    edit->setDateTime(utcNowToTheSecond());
    return edit;
}

// Shows ms only when the time has them, so a time loaded from a request is kept exactly.
void setUtcTime(QDateTimeEdit *edit, qint64 ms)
{
    edit->setDisplayFormat(ms % 1000 == 0 ? secondsFormat : millisecondsFormat);
    edit->setDateTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QString localHint(const QDateTime &utc)
{
    return EventForm::tr("= %1 local time").arg(utc.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s));
}
} // namespace

QList<std::pair<QString, qint64>> EventForm::durationUnits()
{
    return {
        {tr("milliseconds"), 1}, {tr("seconds"), 1000}, {tr("minutes"), 60LL * 1000}, {tr("hours"), 60LL * 60 * 1000}};
}

EventForm::EventForm(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLineEdit(this))
    , m_text(new QPlainTextEdit(this))
    , m_severity(new QComboBox(this))
    , m_timeNow(new QRadioButton(tr("Now (when sent)"), this))
    , m_timeAt(new QRadioButton(tr("At"), this))
    , m_time(makeTimeEdit(u"event-time"_s, this))
    , m_setNow(new QToolButton(this))
    , m_timeHint(new QLabel(this))
    , m_durationGroup(new QButtonGroup(this))
    , m_instant(new QRadioButton(tr("Instant"), this))
    , m_lasts(new QRadioButton(tr("Lasts"), this))
    , m_until(new QRadioButton(tr("Ends at"), this))
    , m_durationValue(new QSpinBox(this))
    , m_durationUnit(new QComboBox(this))
    , m_end(makeTimeEdit(u"event-end"_s, this))
    , m_endHint(new QLabel(this))
    , m_advancedToggle(new QToolButton(this))
    , m_advanced(new QWidget(this))
    , m_plugin(new QLineEdit(m_advanced))
    , m_id(new QLineEdit(m_advanced))
    , m_host(new QLineEdit(m_advanced))
{
    setObjectName(u"event-form"_s);
    const QString variables = TemplateVariables::help();

    m_title->setObjectName(u"event-title"_s);
    m_title->setPlaceholderText(tr("What happened, e.g. Deploy of checkout 1.4.2 started"));
    m_title->setToolTip(tr("Shown in Instana's event list.") + u'\n' + variables);
    m_text->setObjectName(u"event-text"_s);
    m_text->setPlaceholderText(tr("Details (optional)"));
    m_text->setToolTip(tr("Shown with the event; leave it empty to send no text.") + u'\n' + variables);
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 12);

    m_severity->setObjectName(u"event-severity"_s);
    m_severity->addItem(tr("Change"), EventSeverity::Change);
    m_severity->setItemData(0, tr("Something was changed: a deployment, a configuration, a restart."), Qt::ToolTipRole);
    m_severity->addItem(tr("Warning"), EventSeverity::Warning);
    m_severity->setItemData(1, tr("Opens a warning issue in Instana."), Qt::ToolTipRole);
    m_severity->addItem(tr("Critical"), EventSeverity::Critical);
    m_severity->setItemData(2, tr("Opens a critical issue in Instana."), Qt::ToolTipRole);
    m_severity->setToolTip(tr("Change, warning issue or critical issue: the only kinds the agent knows."));

    m_timeNow->setObjectName(u"event-time-now"_s);
    m_timeNow->setToolTip(tr("The event gets the time at which it is sent, and keeps it if it waits in the outbox."));
    m_timeAt->setObjectName(u"event-time-at"_s);
    m_timeAt->setToolTip(tr("The event happened at a time you choose, in UTC."));
    auto *timeGroup = new QButtonGroup(this);
    timeGroup->addButton(m_timeNow);
    timeGroup->addButton(m_timeAt);
    m_timeNow->setChecked(true);
    m_time->setToolTip(tr("The time in UTC; at most one hour ahead and thirty days back."));
    m_setNow->setObjectName(u"event-time-set-now"_s);
    m_setNow->setText(tr("Now"));
    m_setNow->setToolTip(tr("Set the time to the current time."));
    m_timeHint->setObjectName(u"event-time-hint"_s);
    m_timeHint->setEnabled(false); // greyed: a hint, not a field

    m_instant->setObjectName(u"event-instant"_s);
    m_instant->setToolTip(tr("A moment in time, sent without a duration."));
    m_lasts->setObjectName(u"event-lasts"_s);
    m_lasts->setToolTip(tr("A span of time starting at the event's time."));
    m_until->setObjectName(u"event-until"_s);
    m_until->setToolTip(tr("A span of time from the event's time to an end you choose (needs a chosen start time)."));
    m_durationGroup->addButton(m_instant);
    m_durationGroup->addButton(m_lasts);
    m_durationGroup->addButton(m_until);
    m_instant->setChecked(true);
    m_durationValue->setObjectName(u"event-duration-value"_s);
    m_durationValue->setRange(0, std::numeric_limits<int>::max());
    m_durationValue->setValue(30);
    m_durationUnit->setObjectName(u"event-duration-unit"_s);
    for (const auto &[name, ms] : durationUnits())
        m_durationUnit->addItem(name, ms);
    m_durationUnit->setCurrentIndex(2); // minutes
    m_end->setToolTip(tr("When it ended, in UTC."));
    m_endHint->setObjectName(u"event-end-hint"_s);
    m_endHint->setEnabled(false);

    m_advancedToggle->setObjectName(u"event-advanced"_s);
    m_advancedToggle->setText(tr("Entity (advanced)"));
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolTip(tr("Tie the event to one entity, as Instana's Go sensor does. Not documented for "
                                    "this endpoint: leave empty unless you know the plugin and id."));
    m_plugin->setObjectName(u"event-plugin"_s);
    m_plugin->setPlaceholderText(u"com.instana.forge.connection.http.logical.LogicalWebApp"_s);
    m_id->setObjectName(u"event-id"_s);
    m_id->setPlaceholderText(tr("the entity's id, e.g. a service name"));
    m_host->setObjectName(u"event-host"_s);
    m_host->setPlaceholderText(tr("host name"));
    for (QLineEdit *edit : {m_plugin, m_id, m_host})
        edit->setToolTip(variables);

    auto *timeRow = new QHBoxLayout;
    timeRow->addWidget(m_timeNow);
    timeRow->addSpacing(8);
    timeRow->addWidget(m_timeAt);
    timeRow->addWidget(m_time, 1);
    timeRow->addWidget(new QLabel(u"UTC"_s, this));
    timeRow->addWidget(m_setNow);
    auto *timeColumn = new QVBoxLayout;
    timeColumn->setSpacing(2);
    timeColumn->addLayout(timeRow);
    timeColumn->addWidget(m_timeHint);

    auto *lastsRow = new QHBoxLayout;
    lastsRow->addWidget(m_instant);
    lastsRow->addSpacing(8);
    lastsRow->addWidget(m_lasts);
    lastsRow->addWidget(m_durationValue, 1);
    lastsRow->addWidget(m_durationUnit);
    lastsRow->addStretch(0);
    auto *untilRow = new QHBoxLayout;
    untilRow->addWidget(m_until);
    untilRow->addWidget(m_end, 1);
    untilRow->addWidget(new QLabel(u"UTC"_s, this));
    untilRow->addStretch(0);
    auto *durationColumn = new QVBoxLayout;
    durationColumn->setSpacing(2);
    durationColumn->addLayout(lastsRow);
    durationColumn->addLayout(untilRow);
    durationColumn->addWidget(m_endHint);

    auto *advancedForm = new QFormLayout(m_advanced);
    advancedForm->setContentsMargins(16, 0, 0, 0);
    advancedForm->addRow(tr("Plugin:"), m_plugin);
    advancedForm->addRow(tr("Id:"), m_id);
    advancedForm->addRow(tr("Host:"), m_host);
    m_advanced->hide();

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("Te&xt:"), m_text);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(tr("Time:"), timeColumn);
    form->addRow(tr("Duration:"), durationColumn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_advanced);

    connect(m_title, &QLineEdit::textChanged, this, &EventForm::onChanged);
    connect(m_text, &QPlainTextEdit::textChanged, this, &EventForm::onChanged);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &EventForm::onChanged);
    connect(timeGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (!checked)
            return;
        // Choosing "At" starts from the current time unless a time was chosen before.
        if (m_timeAt->isChecked() && !m_loading && !m_timeChosen) {
            m_loading = true;
            m_time->setDisplayFormat(secondsFormat);
            m_time->setDateTime(utcNowToTheSecond());
            m_loading = false;
        }
        // An end time needs a start time: from "now" it would mean a different span every second.
        if (m_timeNow->isChecked() && m_until->isChecked()) {
            const bool loading = m_loading;
            m_loading = true;
            m_lasts->setChecked(true);
            m_loading = loading;
        }
        onChanged();
    });
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_loading) {
            m_timeChosen = true;
            if (!m_timeAt->isChecked())
                m_timeAt->setChecked(true); // editing the time means choosing it
        }
        onChanged();
    });
    connect(m_setNow, &QToolButton::clicked, this, &EventForm::setStartToNow);
    connect(m_durationGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *button, bool checked) {
        if (!checked)
            return;
        // Until an end is chosen: now for a past start, else half an hour after the start.
        if (button == m_until && !m_loading && (!m_endChosen || m_end->dateTime() <= m_time->dateTime())) {
            const QDateTime now = utcNowToTheSecond();
            m_loading = true;
            m_end->setDisplayFormat(m_time->displayFormat());
            m_end->setDateTime(m_time->dateTime() < now ? now : m_time->dateTime().addSecs(30 * 60));
            m_loading = false;
        }
        onChanged();
    });
    connect(m_durationValue, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading && !m_lasts->isChecked())
            m_lasts->setChecked(true);
        onChanged();
    });
    connect(m_durationUnit, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading && !m_lasts->isChecked())
            m_lasts->setChecked(true);
        onChanged();
    });
    connect(m_end, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_loading)
            m_endChosen = true;
        onChanged();
    });
    connect(m_advancedToggle, &QToolButton::toggled, this, &EventForm::setAdvancedVisible);
    for (QLineEdit *edit : {m_plugin, m_id, m_host})
        connect(edit, &QLineEdit::textChanged, this, &EventForm::onChanged);

    updateEnabled();
    updateLocalTimeHints();
}

Event EventForm::event() const
{
    Event event;
    event.title = m_title->text();
    event.text = m_text->toPlainText();
    event.severity = m_severity->currentData().toInt();
    if (m_timeAt->isChecked())
        event.timestamp = m_time->dateTime().toMSecsSinceEpoch();
    if (m_lasts->isChecked())
        event.duration = qint64(m_durationValue->value()) * m_durationUnit->currentData().toLongLong();
    else if (m_until->isChecked() && event.timestamp)
        event.duration = m_end->dateTime().toMSecsSinceEpoch() - *event.timestamp;
    event.plugin = m_plugin->text().trimmed();
    event.id = m_id->text().trimmed();
    event.host = m_host->text().trimmed();
    return event;
}

void EventForm::setEvent(const Event &event)
{
    m_loading = true;
    m_title->setText(event.title);
    m_text->setPlainText(event.text);
    const int severity = m_severity->findData(event.severity);
    m_severity->setCurrentIndex(severity >= 0 ? severity : 0);
    if (event.timestamp) {
        setUtcTime(m_time, *event.timestamp);
        m_timeAt->setChecked(true);
        m_timeChosen = true;
    } else {
        m_timeNow->setChecked(true);
    }
    if (!event.duration) {
        m_instant->setChecked(true);
    } else {
        // The largest unit that keeps the duration exact.
        const auto units = durationUnits();
        const qint64 ms = *event.duration;
        int chosen = 0;
        for (int i = int(units.size()) - 1; i >= 0; --i) {
            const qint64 unit = units.at(i).second;
            if (ms % unit == 0 && ms / unit <= std::numeric_limits<int>::max()) {
                chosen = i;
                break;
            }
        }
        const qint64 value = ms / units.at(chosen).second;
        if (value >= 0 && value <= std::numeric_limits<int>::max()) {
            m_durationUnit->setCurrentIndex(chosen);
            m_durationValue->setValue(int(value));
            m_lasts->setChecked(true);
        } else if (event.timestamp) { // negative, or too long for the helper: as start and end
            setUtcTime(m_end, *event.timestamp + ms);
            m_until->setChecked(true);
            m_endChosen = true;
        } else {
            m_instant->setChecked(true);
        }
    }
    m_plugin->setText(event.plugin);
    m_id->setText(event.id);
    m_host->setText(event.host);
    const bool entity = !event.plugin.isEmpty() || !event.id.isEmpty() || !event.host.isEmpty();
    if (entity)
        m_advancedToggle->setChecked(true);
    m_loading = false;
    updateEnabled();
    updateLocalTimeHints();
}

void EventForm::clear()
{
    setEvent(Event{});
    m_loading = true;
    m_durationValue->setValue(30);
    m_durationUnit->setCurrentIndex(2);
    m_instant->setChecked(true);
    m_time->setDisplayFormat(secondsFormat);
    m_time->setDateTime(utcNowToTheSecond());
    m_timeNow->setChecked(true);
    m_timeChosen = false;
    m_endChosen = false;
    m_advancedToggle->setChecked(false);
    m_loading = false;
    updateEnabled();
    updateLocalTimeHints();
}

void EventForm::setStartToNow()
{
    m_time->setDisplayFormat(secondsFormat);
    m_time->setDateTime(utcNowToTheSecond());
    m_timeAt->setChecked(true);
}

void EventForm::setAdvancedVisible(bool visible)
{
    m_advanced->setVisible(visible);
    m_advancedToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
}

void EventForm::updateEnabled()
{
    m_until->setEnabled(m_timeAt->isChecked());
    m_end->setEnabled(m_until->isChecked());
}

void EventForm::updateLocalTimeHints()
{
    m_timeHint->setText(m_timeAt->isChecked() ? localHint(m_time->dateTime())
                                              : tr("Fixed when you send it; kept if it has to wait in the outbox."));
    m_endHint->setVisible(m_until->isChecked());
    if (m_until->isChecked())
        m_endHint->setText(localHint(m_end->dateTime()));
}

void EventForm::onChanged()
{
    updateEnabled();
    updateLocalTimeHints();
    if (!m_loading)
        Q_EMIT changed();
}

} // namespace Workbench
