#include "ui/charts/AxisScale.h"

#include <algorithm>
#include <cmath>

namespace evflow::ui::charts {
namespace {

// Four intervals (five labels): a small multiple is ~120 px high, and Qt Charts elides the value
// labels ("...") once six of them do not fit (seen under Xvfb at 1440x900).
constexpr int kTargetTicks = 4;
constexpr double kHeadroom = 1.1;

/// The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is >= `raw` (> 0).
double roundStep(double raw)
{
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        // A little slack so that 0.2 computed as 0.20000000001 stays 0.2.
        if (factor * power >= raw * (1 - 1e-9))
            return factor * power;
    }
    return 10.0 * power;
}

int decimalsOf(double step)
{
    for (int d = 0; d < 6; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return d;
    }
    return 6;
}

} // namespace

AxisScale AxisScale::fitting(double dataMax, double floor)
{
    double target = std::max(dataMax * kHeadroom, floor);
    if (!(target > 0) || !std::isfinite(target))
        target = 1.0;
    const double step = roundStep(target / kTargetTicks);
    const double max = std::ceil(target / step - 1e-9) * step;
    return {max, step, decimalsOf(step)};
}

AxisScale AxisScale::adjusted(const AxisScale &current, double dataMax, double floor)
{
    if (dataMax <= current.max && dataMax * 4 > current.max)
        return current;
    return fitting(dataMax, floor);
}

} // namespace evflow::ui::charts
