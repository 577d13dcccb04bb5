#pragma once

#include <QString>

#include <vector>

// Readable ticks for a time axis: steps of 1, 2 or 5 times a power of ten milliseconds (or
// of seconds and minutes), at least `minSpacing` pixels apart.
namespace Workbench::Viewer::TimeAxis {

struct Tick
{
    double ms = 0; // from the axis origin
    double x = 0; // pixels from the left edge
    QString label;
};

// Ticks for the visible window [fromMs, toMs) (relative to the trace's start) drawn over
// `width` pixels.
std::vector<Tick> ticks(double fromMs, double toMs, double width, double minSpacing = 80);

// "0", "250 ms", "1.5 s", "2 min 5 s": a duration as people read it, to the precision of `step`.
QString label(double ms, double step);
// A duration on its own: "134 ms", "1.25 s", "3 min 2 s", "1 h 4 min".
QString duration(qint64 ms);

} // namespace Workbench::Viewer::TimeAxis
