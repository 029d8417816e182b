#include "ui/monitor/CorrelationTimeline.h"

#include "ui/Theme.h"
#include "ui/monitor/MetricsSource.h"
#include "ui/monitor/RecentEventsModel.h"
#include "ui/monitor/TraceLanes.h"

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

} // namespace

CorrelationTimeline::CorrelationTimeline(MetricsSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
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

    connect(m_source, &MetricsSource::snapshotTaken, this, &CorrelationTimeline::refresh);
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
    std::vector<model::TraceHop> hops = m_source->trace(m_id.toStdString());
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
    item->setForeground(EventColumn,
                        detail::traceTypeColor(detail::traceTypeIndexes(m_hops).at(event.type)));
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
