#pragma once

namespace evflow::ui::charts {

/// A value axis from 0 to `max` with ticks every `step`, both round numbers (1, 2, 2.5 or 5
/// times a power of ten), so the labels read well and a live chart's axis does not jitter.
/// Plain values, no Qt Charts: testable on its own.
struct AxisScale
{
    double max = 1.0;
    double step = 0.2;
    int decimals = 1; ///< digits after the point the tick labels need

    /// The smallest round scale holding `dataMax` with about 10 % headroom in about five
    /// ticks, and never smaller than the scale for `floor` (the range shown with no data).
    static AxisScale fitting(double dataMax, double floor);
    /// `current` while `dataMax` still fits and fills more than a quarter of it (so a live
    /// axis changes only when the data really moved); otherwise fitting(dataMax, floor).
    static AxisScale adjusted(const AxisScale &current, double dataMax, double floor);

    bool operator==(const AxisScale &) const = default;
};

} // namespace evflow::ui::charts
