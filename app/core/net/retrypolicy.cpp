#include "core/net/retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QString>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Workbench {

qint64 RetryPolicy::baseDelayMs(int failures) const
{
    const qint64 first = std::max<qint64>(1, initial.count());
    const qint64 top = std::max(first, qint64(ceiling.count()));
    qint64 delay = first;
    for (int i = 1; i < failures && delay < top; ++i)
        delay *= 2;
    return std::min(delay, top);
}

qint64 RetryPolicy::delayMs(int failures) const
{
    const qint64 base = baseDelayMs(failures);
    const double share = std::clamp(jitter, 0.0, 1.0);
    if (share <= 0.0)
        return base;
    return base - qint64(QRandomGenerator::global()->bounded(share) * double(base));
}

std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    // An HTTP date, which Qt's RFC 2822 reader refuses for its "GMT".
    QString date = QString::fromLatin1(text);
    if (date.endsWith(" GMT"_L1))
        date.chop(4);
    QDateTime when = QLocale::c().toDateTime(date, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, when.toMSecsSinceEpoch() - now.toMSecsSinceEpoch());
}

} // namespace Workbench
