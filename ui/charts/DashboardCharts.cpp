#include "ui/charts/DashboardCharts.h"

#include "ui/Theme.h"

#include <QtGlobal>

#include <algorithm>

namespace evflow::ui::charts::detail {

using monitor::Metric;

const std::array<ChartSpec, kChartCount> &chartSpecs()
{
    using namespace theme;
    using model::NodeRole;
    static const std::array<ChartSpec, kChartCount> specs{{
        {QT_TR_NOOP("Throughput (events/s)"),
         "events/s",
         4,
         1,
         {{Metric::EventsIn, QT_TR_NOOP("in"), roleColor(NodeRole::Producer)},
          {Metric::EventsOut, QT_TR_NOOP("out"), processedColor()}}},
        {QT_TR_NOOP("Duplicates (events/s)"),
         "events/s",
         4,
         1,
         {{Metric::Duplicates, QT_TR_NOOP("duplicates"), duplicateColor()}}},
        {QT_TR_NOOP("Out of order (events/s)"),
         "events/s",
         4,
         1,
         {{Metric::OutOfOrder, QT_TR_NOOP("out of order"), outOfOrderColor()}}},
        {QT_TR_NOOP("Late (events/s)"),
         "events/s",
         4,
         1,
         {{Metric::Late, QT_TR_NOOP("late"), lateColor()}}},
        {QT_TR_NOOP("Gaps (events lost, cumulative)"),
         "events",
         4,
         1,
         {{Metric::Gaps, QT_TR_NOOP("gaps"), gapColor()}}},
        {QT_TR_NOOP("Latency (ms)"),
         "ms",
         2,
         1e-3,
         {{Metric::LatencyP50, QT_TR_NOOP("p50"), processedColor()},
          {Metric::LatencyP99, QT_TR_NOOP("p99"), roleColor(NodeRole::Consumer)}}},
    }};
    return specs;
}

QList<QPointF> thinned(const QList<QPointF> &points, int limit)
{
    if (points.size() <= limit)
        return points;
    const qsizetype stretch = (points.size() + limit - 1) / limit;
    QList<QPointF> result;
    result.reserve(limit);
    for (qsizetype i = 0; i < points.size(); i += stretch) {
        const auto end = points.begin() + std::min(i + stretch, points.size());
        result << *std::max_element(
            points.begin() + i, end,
            [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
    }
    return result;
}

} // namespace evflow::ui::charts::detail
