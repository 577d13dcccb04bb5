#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>

namespace Workbench::Rest {

// The API token's rate budget as the last answer told it: X-RateLimit-Limit, -Remaining and
// -Reset (seconds since the epoch). A header that is absent or no number leaves its part unknown.
struct RateLimit
{
    qint64 limit = -1; // calls an hour; -1 when unknown
    qint64 remaining = -1; // -1 when unknown
    QDateTime resetAt; // invalid when unknown

    // Below this share of the hour's calls left, the budget is low (the status bar's meter
    // turns red).
    static constexpr double LowShare = 0.1;

    // True when any part is known.
    bool isValid() const { return limit >= 0 || remaining >= 0 || resetAt.isValid(); }

    // The share of the hour's calls left, from 0 to 1 (a remaining count over the limit reads
    // as 1); nothing when the limit or the remaining count is unknown, or the limit is 0.
    std::optional<double> shareLeft() const;
    // Whether fewer than LowShare of the calls are left; false when shareLeft() is unknown.
    bool isLow() const;

    // Read from an answer's headers (names in any case); garbage values are left out.
    static RateLimit fromHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers);

    // For a status bar: "4,987 of 5,000 calls left · resets 14:00" (the reset in local time;
    // with the date too when it is not today). Empty when nothing is known.
    QString toText(const QLocale &locale = QLocale(), const QDateTime &now = QDateTime::currentDateTime()) const;

    friend bool operator==(const RateLimit &, const RateLimit &) = default;
};

} // namespace Workbench::Rest

Q_DECLARE_METATYPE(Workbench::Rest::RateLimit)
