#pragma once

#include "ui/monitor/MetricsHistory.h"

#include <QColor>
#include <QList>
#include <QPointF>

#include <array>
#include <vector>

namespace evflow::ui::charts::detail {

/// One line of a Monitor chart: which metric, its legend name (untranslated), its colour.
struct LineSpec
{
    monitor::Metric metric;
    const char *name;
    QColor color;
};

/// One chart of the Monitor grid: title with unit, hover unit, the y range shown without data,
/// the factor from stored to shown values (latency is kept in µs and shown in ms), its lines.
struct ChartSpec
{
    const char *title;
    const char *unit;
    double floor;
    double scale;
    std::vector<LineSpec> lines;
};

inline constexpr int kChartCount = 6;

/// The six charts in reading order (2 rows × 3): throughput, duplicates, out of order, late,
/// gaps, latency; colours from ui/Theme.h so they mean what they mean everywhere.
const std::array<ChartSpec, kChartCount> &chartSpecs();

/// At most `limit` points (> 0): each the largest of its stretch of consecutive points, so a
/// long window keeps its spikes and a bounded series size.
QList<QPointF> thinned(const QList<QPointF> &points, int limit);

} // namespace evflow::ui::charts::detail
