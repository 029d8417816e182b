#include "ui/monitor/CorrelationTimeline.h"

#include "ui/Theme.h"
#include "ui/monitor/RecentEventsModel.h"
#include "ui/monitor/RunController.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace evflow::ui::monitor {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/// Clock time with microseconds: hops of one correlation are often microseconds apart.
QString clockWithMicros(std::int64_t micros)
{
    return formatClockMicros(micros)
           + QStringLiteral("%1").arg(((micros % 1000) + 1000) % 1000, 3, 10, QLatin1Char('0'));
}

/// Colours of event types in order of appearance: the first (a reading) blue, the next (the
/// alert it caused) red, then the other palette colours.
QColor typeColor(int index)
{
    const QColor colors[] = {theme::processedColor(), theme::gapColor(), theme::outOfOrderColor(),
                             theme::lateColor(), theme::duplicateColor()};
    return colors[index % int(std::size(colors))];
}

/// Event type -> colour index, in order of first appearance in `hops`.
std::map<std::string, int> typeIndexes(const std::vector<model::TraceHop> &hops)
{
    std::map<std::string, int> indexes;
    for (const model::TraceHop &hop : hops)
        indexes.emplace(hop.type, int(indexes.size()));
    return indexes;
}

} // namespace

namespace detail {

/// The painted lanes of a trace: one lane per node in order of first hop, hops as dots on a
/// shared time axis (relative to the first hop), the hops of one event joined by a dashed line
/// labelled with the latency from the hop before, causation as an arrow from the cause's hop to
/// the caused event's first hop, labelled with that latency.
class TraceLanes : public QWidget
{
public:
    using QWidget::QWidget;

    void setTrace(std::vector<model::TraceHop> hops, std::vector<CausalEvent> events)
    {
        m_hops = std::move(hops);
        m_events = std::move(events);
        m_nodes.clear();
        for (const model::TraceHop &hop : m_hops)
            if (std::find(m_nodes.begin(), m_nodes.end(), hop.node) == m_nodes.end())
                m_nodes.push_back(hop.node);
        m_types = typeIndexes(m_hops);
        updateGeometry();
        update();
    }
    QSize sizeHint() const override { return {520, minimumSizeHint().height()}; }
    QSize minimumSizeHint() const override
    {
        return {240, kTop + std::max<int>(int(m_nodes.size()), 2) * kLane + kBottom};
    }

protected:
    void paintEvent(QPaintEvent *) override
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

private:
    static constexpr int kTop = 30, kLane = 34, kBottom = 28, kDot = 5;

    void layOut()
    {
        int gutter = 0;
        for (const std::string &node : m_nodes)
            gutter = std::max(gutter, fontMetrics().horizontalAdvance(qs(node)));
        m_plot = QRectF(gutter + 24, kTop, std::max(40, width() - gutter - 48),
                        double(m_nodes.size()) * kLane);
        m_t0 = m_hops.front().timeMicros;
        m_span = std::max<std::int64_t>(1, m_hops.back().timeMicros - m_t0);
    }
    QPointF pointOf(std::size_t hop) const
    {
        const auto lane
            = std::find(m_nodes.begin(), m_nodes.end(), m_hops[hop].node) - m_nodes.begin();
        const double x = m_plot.left()
                         + m_plot.width() * double(m_hops[hop].timeMicros - m_t0) / double(m_span);
        return {x, m_plot.top() + (double(lane) + 0.5) * kLane};
    }
    QColor colorOf(const std::string &type) const { return typeColor(m_types.at(type)); }

    void paintLanes(QPainter &p)
    {
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            const QRectF band(0, m_plot.top() + double(i) * kLane, width(), kLane);
            if (i % 2 == 0)
                p.fillRect(band, palette().alternateBase());
            p.setPen(palette().color(QPalette::Text));
            p.drawText(band.adjusted(8, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, qs(m_nodes[i]));
        }
    }
    void paintAxis(QPainter &p)
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
    void paintJoins(QPainter &p)
    {
        for (const CausalEvent &event : m_events)
            for (std::size_t i = 1; i < event.hops.size(); ++i) {
                const QPointF a = pointOf(event.hops[i - 1]), b = pointOf(event.hops[i]);
                p.setPen(QPen(palette().color(QPalette::PlaceholderText), 1, Qt::DashLine));
                p.drawLine(a, b);
                drawLatency(p, a, b, event.hops[i - 1], event.hops[i]);
            }
    }
    void paintCausation(QPainter &p)
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
    void drawArrow(QPainter &p, QPointF a, QPointF b, const QColor &color)
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
        arrow.lineTo(tip
                     - QPointF(std::cos(angle - spread) * head, -std::sin(angle - spread) * head));
        arrow.lineTo(tip
                     - QPointF(std::cos(angle + spread) * head, -std::sin(angle + spread) * head));
        arrow.closeSubpath();
        p.fillPath(arrow, color);
    }
    void drawLatency(QPainter &p, QPointF a, QPointF b, std::size_t from, std::size_t to)
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
    void paintDots(QPainter &p)
    {
        for (std::size_t i = 0; i < m_hops.size(); ++i) {
            const QColor color = colorOf(m_hops[i].type);
            p.setPen(QPen(color.darker(140), 1));
            p.setBrush(color);
            p.drawEllipse(pointOf(i), kDot, kDot);
        }
        p.setBrush(Qt::NoBrush);
    }
    void paintLegend(QPainter &p)
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
            p.setBrush(typeColor(it->second));
            p.drawEllipse(QPointF(x + 5, y + 9), kDot - 1, kDot - 1);
            p.setBrush(Qt::NoBrush);
            x -= 12;
        }
    }

    std::vector<model::TraceHop> m_hops;
    std::vector<CausalEvent> m_events;
    std::vector<std::string> m_nodes;
    std::map<std::string, int> m_types; ///< type -> colour index (order of first appearance)
    QRectF m_plot;
    std::int64_t m_t0 = 0;
    std::int64_t m_span = 1;
};

} // namespace detail

CorrelationTimeline::CorrelationTimeline(RunController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_idEdit(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_lanes(new detail::TraceLanes(this))
{
    m_idEdit->setPlaceholderText(tr("Correlation id (Trace on an event, or type one)"));
    m_idEdit->setClearButtonEnabled(true);
    connect(m_idEdit, &QLineEdit::returnPressed, this,
            [this] { showCorrelation(m_idEdit->text().trimmed()); });
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Event / hop"), tr("Node"), tr("Time"), tr("Δ"), tr("Event id")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Correlation:"), this));
    top->addWidget(m_idEdit, 1);
    top->addWidget(m_summary);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_lanes);
    splitter->addWidget(m_tree);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({550, 450}); // proportions: lanes and tree both need width
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_controller, &RunController::snapshotTaken, this, &CorrelationTimeline::refresh);
    updateSummary();
}

QWidget *CorrelationTimeline::laneView() const
{
    return m_lanes;
}

void CorrelationTimeline::showCorrelation(const QString &correlationId)
{
    m_id = correlationId;
    if (m_idEdit->text() != correlationId)
        m_idEdit->setText(correlationId);
    m_hops.clear();
    rebuild(); // at once, even when the trace is empty: the old id's hops must go
    refresh();
}

void CorrelationTimeline::refresh()
{
    if (m_id.isEmpty())
        return;
    std::vector<model::TraceHop> hops = m_controller->trace(m_id.toStdString());
    if (hops == m_hops)
        return;
    m_hops = std::move(hops);
    rebuild();
}

std::vector<CausalEvent> CorrelationTimeline::causalEvents(const std::vector<model::TraceHop> &hops)
{
    std::vector<CausalEvent> events;
    std::map<std::string, std::size_t> byId;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const auto [it, added] = byId.emplace(hops[i].eventId, events.size());
        if (added)
            events.push_back({hops[i].eventId, hops[i].type, hops[i].causationId, {}, -1});
        events[it->second].hops.push_back(i);
    }
    // Only an earlier event can be a cause: no cycles, whatever the ids claim.
    for (std::size_t i = 0; i < events.size(); ++i)
        if (const auto cause = byId.find(events[i].causationId);
            !events[i].causationId.empty() && cause != byId.end() && cause->second < i)
            events[i].parent = int(cause->second);
    return events;
}

QString CorrelationTimeline::formatDelta(std::int64_t micros)
{
    const QString sign = micros < 0 ? QStringLiteral("−") : QStringLiteral("+");
    const double v = std::abs(double(micros));
    if (v < 1000)
        return sign + QStringLiteral("%1 µs").arg(std::llabs(micros));
    if (v < 1'000'000)
        return sign + QStringLiteral("%1 ms").arg(v / 1000.0, 0, 'f', 2);
    return sign + QStringLiteral("%1 s").arg(v / 1'000'000.0, 0, 'f', 3);
}

void CorrelationTimeline::rebuild()
{
    m_events = causalEvents(m_hops);
    m_tree->clear();
    std::vector<QTreeWidgetItem *> items(m_events.size());
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        items[i] = eventItem(i);
        for (const std::size_t hop : m_events[i].hops)
            items[i]->addChild(hopItem(hop));
        // Parents come first (causalEvents() only links to earlier events).
        if (m_events[i].parent >= 0)
            items[std::size_t(m_events[i].parent)]->addChild(items[i]);
        else
            m_tree->addTopLevelItem(items[i]);
    }
    m_tree->expandAll();
    for (int column = 0; column < DeltaColumn + 1; ++column)
        m_tree->resizeColumnToContents(column);
    m_lanes->setTrace(m_hops, m_events);
    updateSummary();
}

QTreeWidgetItem *CorrelationTimeline::eventItem(std::size_t index) const
{
    const CausalEvent &event = m_events[index];
    auto *item = new QTreeWidgetItem;
    item->setText(EventColumn, qs(event.type));
    QFont bold = item->font(EventColumn);
    bold.setBold(true);
    item->setFont(EventColumn, bold);
    item->setText(NodeColumn,
                  event.hops.size() == 1 ? tr("1 hop") : tr("%1 hops").arg(event.hops.size()));
    item->setText(TimeColumn, clockWithMicros(m_hops[event.hops.front()].timeMicros));
    item->setText(IdColumn, qs(event.eventId));
    item->setToolTip(
        EventColumn,
        event.causationId.empty()
            ? tr("Event %1").arg(qs(event.eventId))
            : tr("Event %1, caused by %2").arg(qs(event.eventId), qs(event.causationId)));
    item->setForeground(EventColumn, typeColor(typeIndexes(m_hops).at(event.type)));
    return item;
}

QTreeWidgetItem *CorrelationTimeline::hopItem(std::size_t hop) const
{
    const model::TraceHop &h = m_hops[hop];
    auto *item = new QTreeWidgetItem;
    item->setText(EventColumn, QStringLiteral("#%1").arg(hop + 1));
    item->setData(EventColumn, HopIndexRole, qulonglong(hop));
    item->setText(NodeColumn, qs(h.node));
    item->setText(TimeColumn, clockWithMicros(h.timeMicros));
    item->setText(DeltaColumn, hop == 0 ? QStringLiteral("—")
                                        : formatDelta(h.timeMicros - m_hops[hop - 1].timeMicros));
    item->setToolTip(DeltaColumn, tr("Since the hop before, at any node"));
    return item;
}

void CorrelationTimeline::updateSummary()
{
    if (m_id.isEmpty()) {
        m_summary->clear();
        return;
    }
    if (m_hops.empty()) {
        m_summary->setText(tr("no hops recorded (yet) for this id"));
        return;
    }
    std::vector<std::string> nodes;
    for (const model::TraceHop &hop : m_hops)
        if (std::find(nodes.begin(), nodes.end(), hop.node) == nodes.end())
            nodes.push_back(hop.node);
    const auto count = [](std::size_t n, const QString &one, const QString &many) {
        return n == 1 ? one : many.arg(n);
    };
    m_summary->setText(
        QStringLiteral("%1 · %2 · %3 · %4")
            .arg(count(m_hops.size(), tr("1 hop"), tr("%1 hops")),
                 count(m_events.size(), tr("1 event"), tr("%1 events")),
                 count(nodes.size(), tr("1 node"), tr("%1 nodes")),
                 tr("span %1").arg(
                     formatDelta(m_hops.back().timeMicros - m_hops.front().timeMicros).mid(1))));
}

} // namespace evflow::ui::monitor
