#pragma once

#include "model/TraceLog.h"
#include "ui/monitor/CorrelationTimeline.h"

#include <QColor>
#include <QRectF>
#include <QWidget>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace evflow::ui::monitor::detail {

/// Colours of event types in order of appearance: the first (a reading) blue, the next (the
/// alert it caused) red, then the other palette colours.
QColor traceTypeColor(int index);
/// Event type -> colour index, in order of first appearance in `hops`.
std::map<std::string, int> traceTypeIndexes(const std::vector<model::TraceHop> &hops);

/// The painted lanes of a trace: one lane per node in order of first hop, hops as dots on a
/// shared time axis (relative to the first hop), the hops of one event joined by a dashed line
/// labelled with the latency from the hop before, causation as an arrow from the cause's hop to
/// the caused event's first hop, labelled with that latency.
class TraceLanes : public QWidget
{
public:
    using QWidget::QWidget;

    void setTrace(std::vector<model::TraceHop> hops, std::vector<CausalEvent> events);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *) override;

private:
    static constexpr int kTop = 30, kLane = 34, kBottom = 28, kDot = 5;

    void layOut();
    QPointF pointOf(std::size_t hop) const;
    QColor colorOf(const std::string &type) const;

    void paintLanes(QPainter &p);
    void paintAxis(QPainter &p);
    void paintJoins(QPainter &p);
    void paintCausation(QPainter &p);
    void drawArrow(QPainter &p, QPointF a, QPointF b, const QColor &color);
    void drawLatency(QPainter &p, QPointF a, QPointF b, std::size_t from, std::size_t to);
    void paintDots(QPainter &p);
    void paintLegend(QPainter &p);

    std::vector<model::TraceHop> m_hops;
    std::vector<CausalEvent> m_events;
    std::vector<std::string> m_nodes;
    std::map<std::string, int> m_types; ///< type -> colour index (order of first appearance)
    QRectF m_plot;
    std::int64_t m_t0 = 0;
    std::int64_t m_span = 1;
};

} // namespace evflow::ui::monitor::detail
