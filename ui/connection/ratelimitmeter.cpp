#include "ui/connection/ratelimitmeter.h"

#include "core/rest/restclient.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
constexpr int BarWidth = 60;
constexpr int BarHeight = 8;
} // namespace

RateLimitMeter::RateLimitMeter(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    setObjectName(u"rate-limit-meter"_s);
    m_label->setObjectName(u"rate-limit-text"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(BarWidth + 10, 0, 4, 0);
    layout->addWidget(m_label);
    setVisible(false);
}

void RateLimitMeter::setRateLimit(const Rest::RateLimit &rateLimit)
{
    m_rateLimit = rateLimit;
    m_label->setText(text());
    const auto share = rateLimit.shareLeft();
    setToolTip(share ? tr("The API token's calls this hour: %1% left.").arg(qRound(*share * 100))
                     : tr("The API token's calls this hour, as the last answer told."));
    setVisible(rateLimit.isValid());
    update();
}

void RateLimitMeter::watch(Rest::RestClient *client)
{
    connect(client, &Rest::RestClient::rateLimitChanged, this, &RateLimitMeter::setRateLimit);
}

QString RateLimitMeter::text() const
{
    return m_rateLimit.toText();
}

QRect RateLimitMeter::barRect() const
{
    return {4, (height() - BarHeight) / 2, BarWidth, BarHeight};
}

void RateLimitMeter::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    const auto share = m_rateLimit.shareLeft();
    if (!share)
        return;
    QPainter painter(this);
    const QRect bar = barRect();
    painter.fillRect(bar, QColor(TroughColour));
    const int filled = qRound(bar.width() * *share);
    painter.fillRect(QRect(bar.topLeft(), QSize(filled, bar.height())),
                     QColor(m_rateLimit.isLow() ? LowColour : FillColour));
}

} // namespace Workbench
