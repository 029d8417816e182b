#include "ui/monitor/TraceLanes.h"

#include "ui/Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace evflow::ui::monitor::detail {
namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

QColor traceTypeColor(int index)
{
    const QColor colors[] = {theme::processedColor(), theme::gapColor(), theme::outOfOrderColor(),
                             theme::lateColor(), theme::duplicateColor()};
    return colors[index % int(std::size(colors))];
}

std::map<std::string, int> traceTypeIndexes(const std::vector<model::TraceHop> &hops)
{
    std::map<std::string, int> indexes;
    for (const model::TraceHop &hop : hops)
        indexes.emplace(hop.type, int(indexes.size()));
    return indexes;
}

void TraceLanes::setTrace(std::vector<model::TraceHop> hops, std::vector<CausalEvent> events)
{
    m_hops = std::move(hops);
    m_events = std::move(events);
    m_nodes.clear();
    for (const model::TraceHop &hop : m_hops)
        if (std::find(m_nodes.begin(), m_nodes.end(), hop.node) == m_nodes.end())
            m_nodes.push_back(hop.node);
    m_types = traceTypeIndexes(m_hops);
    updateGeometry();
    update();
}

QSize TraceLanes::sizeHint() const
{
    return {520, minimumSizeHint().height()};
}

QSize TraceLanes::minimumSizeHint() const
{
    return {240, kTop + std::max<int>(int(m_nodes.size()), 2) * kLane + kBottom};
}

void TraceLanes::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_hops.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   CorrelationTimeline::tr("Pick an event in the Events tab and press Trace, "
                                           "or type a correlation id above."));
        return;
    }
    layOut();
    paintLanes(p);
    paintAxis(p);
    paintJoins(p);
    paintCausation(p);
    paintDots(p);
    paintLegend(p);
}

void TraceLanes::layOut()
{
    int gutter = 0;
    for (const std::string &node : m_nodes)
        gutter = std::max(gutter, fontMetrics().horizontalAdvance(qs(node)));
    m_plot = QRectF(gutter + 24, kTop, std::max(40, width() - gutter - 48),
                    double(m_nodes.size()) * kLane);
    m_t0 = m_hops.front().timeMicros;
    m_span = std::max<std::int64_t>(1, m_hops.back().timeMicros - m_t0);
}

QPointF TraceLanes::pointOf(std::size_t hop) const
{
    const auto lane = std::find(m_nodes.begin(), m_nodes.end(), m_hops[hop].node) - m_nodes.begin();
    const double x
        = m_plot.left() + m_plot.width() * double(m_hops[hop].timeMicros - m_t0) / double(m_span);
    return {x, m_plot.top() + (double(lane) + 0.5) * kLane};
}

QColor TraceLanes::colorOf(const std::string &type) const
{
    return traceTypeColor(m_types.at(type));
}

void TraceLanes::paintLanes(QPainter &p)
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const QRectF band(0, m_plot.top() + double(i) * kLane, width(), kLane);
        if (i % 2 == 0)
            p.fillRect(band, palette().alternateBase());
        p.setPen(palette().color(QPalette::Text));
        p.drawText(band.adjusted(8, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, qs(m_nodes[i]));
    }
}

void TraceLanes::paintAxis(QPainter &p)
{
    // A "nice" step (1, 2 or 5 × 10^k µs) giving about six ticks.
    const double raw = double(m_span) / 6.0;
    const double decade = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    double step = decade * 10;
    for (const double m : {1.0, 2.0, 5.0})
        if (decade * m >= raw) {
            step = decade * m;
            break;
        }
    const QColor grid = palette().color(QPalette::Mid);
    for (double t = 0; t <= double(m_span) + 0.5; t += step) {
        const double x = m_plot.left() + m_plot.width() * t / double(m_span);
        p.setPen(QPen(grid, 0, Qt::DotLine));
        p.drawLine(QPointF(x, kTop - 4), QPointF(x, m_plot.bottom()));
        p.setPen(palette().color(QPalette::PlaceholderText));
        const QString label
            = t == 0 ? QStringLiteral("0") : CorrelationTimeline::formatDelta(std::llround(t));
        p.drawText(QRectF(x - 60, 2, 120, kTop - 8), Qt::AlignCenter, label);
    }
}

void TraceLanes::paintJoins(QPainter &p)
{
    for (const CausalEvent &event : m_events)
        for (std::size_t i = 1; i < event.hops.size(); ++i) {
            const QPointF a = pointOf(event.hops[i - 1]), b = pointOf(event.hops[i]);
            p.setPen(QPen(palette().color(QPalette::PlaceholderText), 1, Qt::DashLine));
            p.drawLine(a, b);
            drawLatency(p, a, b, event.hops[i - 1], event.hops[i]);
        }
}

void TraceLanes::paintCausation(QPainter &p)
{
    for (const CausalEvent &event : m_events) {
        if (event.parent < 0)
            continue;
        // From the cause's last hop before the effect arrived (the processor that emitted
        // it saw the cause by then), else from its first.
        const std::size_t to = event.hops.front();
        const auto &cause = m_events[std::size_t(event.parent)].hops;
        std::size_t from = cause.front();
        for (const std::size_t h : cause)
            if (m_hops[h].timeMicros <= m_hops[to].timeMicros)
                from = h;
        const QPointF a = pointOf(from), b = pointOf(to);
        drawArrow(p, a, b, colorOf(event.type));
        drawLatency(p, a, b, from, to);
    }
}

void TraceLanes::drawArrow(QPainter &p, QPointF a, QPointF b, const QColor &color)
{
    const QLineF line(a, b);
    if (line.length() < 2 * kDot)
        return;
    QLineF shaft = line;
    shaft.setLength(line.length() - kDot - 1);
    p.setPen(QPen(color, 1.6));
    p.drawLine(shaft);
    const double angle = std::atan2(-line.dy(), line.dx());
    const QPointF tip = shaft.p2();
    const double head = 8, spread = 0.45;
    QPainterPath arrow(tip);
    arrow.lineTo(tip - QPointF(std::cos(angle - spread) * head, -std::sin(angle - spread) * head));
    arrow.lineTo(tip - QPointF(std::cos(angle + spread) * head, -std::sin(angle + spread) * head));
    arrow.closeSubpath();
    p.fillPath(arrow, color);
}

void TraceLanes::drawLatency(QPainter &p, QPointF a, QPointF b, std::size_t from, std::size_t to)
{
    if (m_hops.size() > 40)
        return; // too many to label legibly; the tree has every Δ
    const QString text
        = CorrelationTimeline::formatDelta(m_hops[to].timeMicros - m_hops[from].timeMicros);
    const QPointF mid = (a + b) / 2;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(palette().color(QPalette::PlaceholderText));
    // Above a flat line; beside a steep one, where "above" would sit on the line itself.
    if (std::abs(b.x() - a.x()) < 80)
        p.drawText(QRectF(mid.x() + 8, mid.y() - 7, 120, 14), Qt::AlignLeft, text);
    else
        p.drawText(QRectF(mid.x() - 60, mid.y() - 16, 120, 14), Qt::AlignCenter, text);
    p.setFont(font());
}

void TraceLanes::paintDots(QPainter &p)
{
    for (std::size_t i = 0; i < m_hops.size(); ++i) {
        const QColor color = colorOf(m_hops[i].type);
        p.setPen(QPen(color.darker(140), 1));
        p.setBrush(color);
        p.drawEllipse(pointOf(i), kDot, kDot);
    }
    p.setBrush(Qt::NoBrush);
}

void TraceLanes::paintLegend(QPainter &p)
{
    // Under the lanes, right-aligned: the axis labels take the top.
    const double y = m_plot.bottom() + 4;
    double x = width() - 8;
    for (auto it = m_types.rbegin(); it != m_types.rend(); ++it) {
        const QString name = qs(it->first);
        const int w = fontMetrics().horizontalAdvance(name);
        x -= w;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(x, y, w + 2, 18), Qt::AlignLeft | Qt::AlignVCenter, name);
        x -= 14;
        p.setPen(Qt::NoPen);
        p.setBrush(traceTypeColor(it->second));
        p.drawEllipse(QPointF(x + 5, y + 9), kDot - 1, kDot - 1);
        p.setBrush(Qt::NoBrush);
        x -= 12;
    }
}

} // namespace evflow::ui::monitor::detail
