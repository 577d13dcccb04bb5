#include "core/browse/timewindow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Workbench::Browse {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Browse::TimeWindow)
};

constexpr qint64 SecondMs = 1000;
constexpr qint64 MinuteMs = 60 * SecondMs;
constexpr qint64 DayMs = 24 * TimeWindow::HourMs;
constexpr qint64 WeekMs = 7 * DayMs;

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace

const QList<TimeWindow::Preset> &TimeWindow::presets()
{
    static const QList<Preset> all{
        {u"5m"_s, Messages::tr("Last 5 minutes"), 5 * MinuteMs},
        {u"15m"_s, Messages::tr("Last 15 minutes"), 15 * MinuteMs},
        {u"1h"_s, Messages::tr("Last hour"), HourMs},
        {u"6h"_s, Messages::tr("Last 6 hours"), 6 * HourMs},
        {u"24h"_s, Messages::tr("Last 24 hours"), DayMs},
        {u"7d"_s, Messages::tr("Last 7 days"), WeekMs},
        {u"31d"_s, Messages::tr("Last 31 days"), MaxWindowMs},
    };
    return all;
}

std::optional<qint64> TimeWindow::parseDuration(QStringView text, QString *error)
{
    const QStringView trimmed = text.trimmed();
    qint64 unit = 1;
    QStringView digits = trimmed;
    if (!trimmed.isEmpty()) {
        switch (trimmed.back().toLower().unicode()) {
        case u's':
            unit = SecondMs;
            break;
        case u'm':
            unit = MinuteMs;
            break;
        case u'h':
            unit = HourMs;
            break;
        case u'd':
            unit = DayMs;
            break;
        case u'w':
            unit = WeekMs;
            break;
        default:
            break;
        }
        if (unit != 1)
            digits.chop(1);
    }
    const bool allDigits = !digits.isEmpty() && digits.size() <= 12
        && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!allDigits) {
        setError(error, Messages::tr("\"%1\" is no duration; write it as 15m, 1h, 24h or 7d.").arg(text));
        return std::nullopt;
    }
    const qint64 ms = digits.toLongLong() * unit;
    if (ms < SecondMs || ms > MaxWindowMs) {
        setError(error, Messages::tr("A time window is from 1 s to 31 days long; \"%1\" is not.").arg(text));
        return std::nullopt;
    }
    return ms;
}

bool TimeWindow::parseTo(QStringView text, std::optional<qint64> *to, QString *error)
{
    const QString trimmed = text.trimmed().toString();
    if (trimmed.compare(u"now"_s, Qt::CaseInsensitive) == 0) {
        to->reset();
        return true;
    }
    bool ok = false;
    const qint64 epoch = trimmed.size() <= 15 ? trimmed.toLongLong(&ok) : 0;
    if (ok && epoch > 0) {
        *to = epoch;
        return true;
    }
    QDateTime when = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (when.isValid() && !trimmed.endsWith(u'Z', Qt::CaseInsensitive) && !trimmed.contains(u'+')
        && trimmed.lastIndexOf(u'-') <= 7)
        when.setTimeZone(QTimeZone::utc()); // no zone written: UTC, not the machine's
    if (!when.isValid() || when.toMSecsSinceEpoch() <= 0) {
        setError(error,
                 Messages::tr("\"%1\" is no point in time; write now, epoch milliseconds or a date and time such as "
                              "2026-12-01T21:00:00Z.")
                     .arg(text));
        return false;
    }
    *to = when.toMSecsSinceEpoch();
    return true;
}

void TimeWindow::addTo(QUrlQuery &query, qint64 nowMs) const
{
    query.addQueryItem(u"to"_s, QString::number(resolvedTo(nowMs)));
    query.addQueryItem(u"windowSize"_s, QString::number(windowSizeMs));
}

QJsonObject TimeWindow::timeFrame(qint64 nowMs) const
{
    return QJsonObject{{u"to"_s, resolvedTo(nowMs)}, {u"windowSize"_s, windowSizeMs}};
}

QString TimeWindow::durationText(qint64 ms)
{
    if (ms > 0 && ms % DayMs == 0)
        return Messages::tr("%1 d").arg(ms / DayMs);
    if (ms > 0 && ms % HourMs == 0)
        return Messages::tr("%1 h").arg(ms / HourMs);
    if (ms > 0 && ms % MinuteMs == 0)
        return Messages::tr("%1 min").arg(ms / MinuteMs);
    if (ms > 0 && ms % SecondMs == 0)
        return Messages::tr("%1 s").arg(ms / SecondMs);
    return Messages::tr("%1 ms").arg(ms);
}

QString TimeWindow::text() const
{
    if (!toMs)
        return Messages::tr("last %1").arg(durationText(windowSizeMs));
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(*toMs, QTimeZone::utc());
    return Messages::tr("%1 to %2 UTC").arg(durationText(windowSizeMs), to.toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

} // namespace Workbench::Browse
