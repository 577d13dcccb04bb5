#include "core/rest/ratelimit.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Workbench::Rest {

namespace {

struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Rest::RateLimit)
};

// A header's value as a count: digits only, no sign, no overflow.
qint64 count(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty() || text.size() > 18)
        return -1;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
    }
    return text.toLongLong();
}

} // namespace

RateLimit RateLimit::fromHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    RateLimit result;
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower == "x-ratelimit-limit") {
            result.limit = count(value);
        } else if (lower == "x-ratelimit-remaining") {
            result.remaining = count(value);
        } else if (lower == "x-ratelimit-reset") {
            const qint64 seconds = count(value);
            // Up to the year 9999; beyond that is no time a server means.
            constexpr qint64 latest = 253402300799;
            result.resetAt
                = seconds >= 0 && seconds <= latest ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC) : QDateTime();
        }
    }
    return result;
}

std::optional<double> RateLimit::shareLeft() const
{
    if (limit <= 0 || remaining < 0)
        return std::nullopt;
    return double(std::min(remaining, limit)) / double(limit);
}

bool RateLimit::isLow() const
{
    const auto share = shareLeft();
    return share && *share < LowShare;
}

QString RateLimit::toText(const QLocale &locale, const QDateTime &now) const
{
    QString calls;
    if (remaining >= 0 && limit >= 0)
        calls = Messages::tr("%1 of %2 calls left").arg(locale.toString(remaining), locale.toString(limit));
    else if (remaining >= 0)
        calls = Messages::tr("%1 calls left").arg(locale.toString(remaining));
    else if (limit >= 0)
        calls = Messages::tr("%1 calls an hour").arg(locale.toString(limit));
    if (!resetAt.isValid())
        return calls;
    const QDateTime local = resetAt.toTimeZone(now.timeZone());
    const QString when = local.date() == now.date() ? locale.toString(local.time(), u"HH:mm"_s)
                                                    : locale.toString(local, u"yyyy-MM-dd HH:mm"_s);
    const QString reset = Messages::tr("resets %1").arg(when);
    return calls.isEmpty() ? reset : calls + u" · "_s + reset;
}

} // namespace Workbench::Rest
