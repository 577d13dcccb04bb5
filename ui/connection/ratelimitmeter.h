#pragma once

#include "core/rest/ratelimit.h"

#include <QWidget>

class QLabel;

namespace Workbench {

namespace Rest {
class RestClient;
}

// The status bar's meter of the API token's rate budget: the calls left this hour and when
// the budget resets (RateLimit::toText()), and a small bar of the share left, red when the
// budget is low (RateLimit::isLow()). Hidden while nothing is known.
class RateLimitMeter : public QWidget
{
    Q_OBJECT
public:
    static constexpr QRgb FillColour = 0x2ea043;
    static constexpr QRgb LowColour = 0xd03b3b;
    static constexpr QRgb TroughColour = 0xd6d6d6;

    explicit RateLimitMeter(QWidget *parent = nullptr);

    void setRateLimit(const Rest::RateLimit &rateLimit);
    const Rest::RateLimit &rateLimit() const { return m_rateLimit; }
    // Follows the rate limit the client's answers tell.
    void watch(Rest::RestClient *client);

    QString text() const;
    // Where the bar is drawn, in the meter's coordinates.
    QRect barRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Rest::RateLimit m_rateLimit;
    QLabel *m_label;
};

} // namespace Workbench
