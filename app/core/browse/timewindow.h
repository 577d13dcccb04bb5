#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace Workbench::Browse {

// The time window of a REST request, as Instana takes it: `to` (epoch ms) and `windowSize` (ms
// before `to`). A window whose `to` is unset ends when it is sent ("the last hour").
struct TimeWindow
{
    static constexpr qint64 HourMs = 3600000;
    static constexpr qint64 MaxWindowMs = 31 * 24 * HourMs; // the API's limit, 2678400000 ms

    std::optional<qint64> toMs; // unset: now, when the request is made
    qint64 windowSizeMs = HourMs;

    struct Preset
    {
        QString name; // "1h", as --window takes it
        QString title; // "Last hour", for a menu
        qint64 windowSizeMs = 0;
    };
    // Last 5 min, 15 min, 1 h, 6 h, 24 h, 7 d, 31 d.
    static const QList<Preset> &presets();

    // "90s", "15m", "1h", "24h", "7d", "31d" (a whole number and s, m, h, d or w), or plain digits
    // in ms; between 1 s and MaxWindowMs. Nothing, with a sentence in *error, for anything else.
    static std::optional<qint64> parseDuration(QStringView text, QString *error = nullptr);
    // "now" (*to unset), epoch ms (digits), or an ISO 8601 date and time ("2026-12-01T21:00:00Z";
    // without a zone it is UTC). False, with a sentence in *error, for anything else.
    static bool parseTo(QStringView text, std::optional<qint64> *to, QString *error = nullptr);

    qint64 resolvedTo(qint64 nowMs) const { return toMs.value_or(nowMs); }
    qint64 fromMs(qint64 nowMs) const { return resolvedTo(nowMs) - windowSizeMs; }
    // Adds `to` and `windowSize` to a query.
    void addTo(QUrlQuery &query, qint64 nowMs) const;
    // {"to": ..., "windowSize": ...}, the `timeFrame` of request bodies.
    QJsonObject timeFrame(qint64 nowMs) const;
    // "last 1 h", or "1 h to 2026-12-01 21:00 UTC".
    QString text() const;
    // "1 h", "90 s", "7 d": the shortest exact writing.
    static QString durationText(qint64 ms);

    friend bool operator==(const TimeWindow &, const TimeWindow &) = default;
};

} // namespace Workbench::Browse
