#include "ui/rest/timewindowedit.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr int CustomIndexData = -1;
}

TimeWindowEdit::TimeWindowEdit(QWidget *parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_to(new QDateTimeEdit(this))
    , m_length(new QLineEdit(this))
    , m_lengthLabel(new QLabel(tr("lasting"), this))
{
    m_preset->setObjectName(u"window-preset"_s);
    const auto &presets = Browse::TimeWindow::presets();
    for (qsizetype i = 0; i < presets.size(); ++i)
        m_preset->addItem(presets.at(i).title, QVariant::fromValue(i));
    m_preset->addItem(tr("Custom range…"), CustomIndexData);
    m_preset->setCurrentIndex(2); // last hour

    m_to->setObjectName(u"window-to"_s);
    m_to->setTimeSpec(Qt::UTC);
    m_to->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    m_to->setCalendarPopup(true);
    m_to->setDateTime(QDateTime::currentDateTimeUtc());
    m_to->setToolTip(tr("The end of the time window, in UTC."));
    m_length->setObjectName(u"window-length"_s);
    m_length->setText(u"1h"_s);
    m_length->setPlaceholderText(u"1h"_s);
    m_length->setMaximumWidth(fontMetrics().horizontalAdvance(u"0000000m"_s));
    m_length->setToolTip(tr("How long the window is before its end: 90s, 15m, 1h, 24h, 7d (at most 31d)."));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_to);
    layout->addWidget(m_lengthLabel);
    layout->addWidget(m_length);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        updateCustom();
        Q_EMIT changed();
    });
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &TimeWindowEdit::changed);
    connect(m_length, &QLineEdit::textChanged, this, &TimeWindowEdit::changed);
    updateCustom();
}

std::optional<Browse::TimeWindow> TimeWindowEdit::window(QString *error) const
{
    Browse::TimeWindow result;
    const int preset = m_preset->currentData().toInt();
    if (preset != CustomIndexData) {
        result.windowSizeMs = Browse::TimeWindow::presets().at(preset).windowSizeMs;
        return result;
    }
    const std::optional<qint64> length = Browse::TimeWindow::parseDuration(m_length->text(), error);
    if (!length)
        return std::nullopt;
    result.windowSizeMs = *length;
    result.toMs = m_to->dateTime().toMSecsSinceEpoch();
    return result;
}

void TimeWindowEdit::setWindow(const Browse::TimeWindow &window)
{
    if (!window.toMs) {
        const auto &presets = Browse::TimeWindow::presets();
        for (qsizetype i = 0; i < presets.size(); ++i) {
            if (presets.at(i).windowSizeMs == window.windowSizeMs) {
                m_preset->setCurrentIndex(int(i));
                return;
            }
        }
    }
    m_preset->setCurrentIndex(m_preset->count() - 1);
    m_to->setDateTime(window.toMs ? QDateTime::fromMSecsSinceEpoch(*window.toMs, QTimeZone::utc())
                                  : QDateTime::currentDateTimeUtc());
    m_length->setText(Browse::TimeWindow::durationText(window.windowSizeMs).remove(u' ').replace(u"min"_s, u"m"_s));
}

void TimeWindowEdit::updateCustom()
{
    const bool custom = m_preset->currentData().toInt() == CustomIndexData;
    m_to->setVisible(custom);
    m_length->setVisible(custom);
    m_lengthLabel->setVisible(custom);
}

} // namespace Workbench
