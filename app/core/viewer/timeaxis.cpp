#include "core/viewer/timeaxis.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Workbench::Viewer::TimeAxis {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Viewer::TimeAxis)
};
} // namespace

double niceStep(double rough)
{
    if (rough <= 0 || !std::isfinite(rough))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= rough)
            return factor * power;
    }
    return 10 * power;
}

int decimalsFor(double step, double unit)
{
    int decimals = 0;
    double scaled = step / unit;
    while (decimals < 6 && std::abs(scaled - std::round(scaled)) > 1e-9) {
        scaled *= 10;
        ++decimals;
    }
    return decimals;
}

} // namespace

QString label(double ms, double step)
{
    if (std::abs(ms) < step / 2)
        return u"0"_s;
    if (step < 1000 && std::abs(ms) < 1000)
        return Messages::tr("%1 ms").arg(ms, 0, 'f', decimalsFor(step, 1));
    if (step < 60000 && std::abs(ms) < 60000)
        return Messages::tr("%1 s").arg(ms / 1000, 0, 'f', decimalsFor(step, 1000));
    const qint64 whole = std::llround(ms);
    const qint64 minutes = whole / 60000;
    const double seconds = double(whole % 60000) / 1000;
    if (seconds == 0)
        return Messages::tr("%1 min").arg(minutes);
    return Messages::tr("%1 min %2 s").arg(minutes).arg(seconds, 0, 'f', decimalsFor(step, 1000));
}

QString duration(qint64 ms)
{
    if (ms < 1000)
        return Messages::tr("%1 ms").arg(ms);
    if (ms < 60000)
        return Messages::tr("%1 s").arg(double(ms) / 1000, 0, 'g', 4);
    if (ms < 3600000)
        return Messages::tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
    return Messages::tr("%1 h %2 min").arg(ms / 3600000).arg((ms % 3600000) / 60000);
}

std::vector<Tick> ticks(double fromMs, double toMs, double width, double minSpacing)
{
    std::vector<Tick> list;
    if (!(toMs > fromMs) || width <= 0)
        return list;
    const double msPerPixel = (toMs - fromMs) / width;
    double step = niceStep(msPerPixel * minSpacing);
    // Above a second, steps of 1, 2, 5, 10, 15, 30 s and whole minutes read better.
    if (step > 10000 && step < 60000)
        step = step <= 15000 ? 15000 : 30000;
    else if (step >= 60000)
        step = std::max(60000.0, std::ceil(step / 60000) * 60000);
    const double first = std::ceil(fromMs / step) * step;
    for (double ms = first; ms < toMs && list.size() < 1000; ms += step)
        list.push_back(Tick{ms, (ms - fromMs) / msPerPixel, label(ms, step)});
    return list;
}

} // namespace Workbench::Viewer::TimeAxis
