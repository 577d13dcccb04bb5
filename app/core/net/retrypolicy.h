#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace Workbench {

// How long to wait before sending again after a failure: `initial` after the first, doubling
// with each further failure, never over `ceiling`; `jitter` (0 to 1) takes up to that share off
// at random, so that many programs that failed together do not return together.
struct RetryPolicy
{
    std::chrono::milliseconds initial{500};
    std::chrono::milliseconds ceiling{30000};
    double jitter = 0.0;

    // The wait after `failures` failures in a row (1 for the first; less counts as 1).
    qint64 delayMs(int failures) const;
    // The wait without jitter.
    qint64 baseDelayMs(int failures) const;
};

// The one reader of a Retry-After header (RFC 9110): delay-seconds ("120") or an HTTP-date
// ("Sun, 06 Nov 1994 08:49:37 GMT"), as milliseconds from `now` (a date in the past is 0).
// Nothing when the value is absent or neither.
std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace Workbench
