#include "ui/monitor/RecentEventsModel.h"

#include "model/EventTime.h"
#include "model/NodeCatalog.h"
#include "ui/Theme.h"

#include <QDateTime>

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace evflow::ui::monitor {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

bool isInput(const model::Node &node)
{
    const model::NodeRole role = model::catalog::role(node.kind);
    return role == model::NodeRole::Consumer || role == model::NodeRole::Processor;
}

/// Nodes that links from `from` lead to, each once.
std::vector<model::NodeId> targetsOf(const model::Flow &flow, const model::NodeId &from)
{
    std::vector<model::NodeId> out;
    for (const model::Link &link : flow.links)
        if (link.from.node == from && std::find(out.begin(), out.end(), link.to.node) == out.end())
            out.push_back(link.to.node);
    return out;
}

} // namespace

std::vector<model::NodeId> recordingInputs(const model::Flow &flow, const model::NodeId &node)
{
    std::vector<model::NodeId> out;
    auto addInputsOf = [&](const model::NodeId &channel) {
        for (const model::NodeId &target : targetsOf(flow, channel))
            if (const model::Node *n = flow.findNode(target);
                n && isInput(*n) && std::find(out.begin(), out.end(), target) == out.end())
                out.push_back(target);
    };
    const model::Node *selected = flow.findNode(node);
    if (node.empty()) {
        for (const model::Node &n : flow.nodes)
            if (isInput(n))
                out.push_back(n.id);
    } else if (!selected) {
        return out;
    } else if (isInput(*selected)) {
        out.push_back(node);
    } else if (model::catalog::role(selected->kind) == model::NodeRole::Channel) {
        addInputsOf(node);
    } else { // a producer: the inputs of the channels it feeds
        for (const model::NodeId &channel : targetsOf(flow, node))
            addInputsOf(channel);
    }
    return out;
}

QString classificationLabel(model::EventClass c)
{
    using model::EventClass;
    switch (c) {
    case EventClass::Processed: return RecentEventsModel::tr("processed");
    case EventClass::Duplicate: return RecentEventsModel::tr("duplicate");
    case EventClass::OutOfOrder: return RecentEventsModel::tr("out-of-order");
    case EventClass::Late: return RecentEventsModel::tr("late");
    case EventClass::LateDropped: return RecentEventsModel::tr("late · dropped");
    case EventClass::Diverted: return RecentEventsModel::tr("diverted");
    case EventClass::Malformed: return RecentEventsModel::tr("malformed");
    case EventClass::Filtered: return RecentEventsModel::tr("filtered");
    }
    return {};
}

QColor classificationColor(model::EventClass c)
{
    using model::EventClass;
    switch (c) {
    case EventClass::Processed: return theme::processedColor();
    case EventClass::Duplicate: return theme::duplicateColor();
    case EventClass::OutOfOrder: return theme::outOfOrderColor();
    case EventClass::Late:
    case EventClass::LateDropped:
    case EventClass::Diverted: return theme::lateColor();
    case EventClass::Malformed: return theme::malformedColor();
    case EventClass::Filtered: return theme::filteredColor();
    }
    return theme::malformedColor();
}

QColor chipTextColor(const QColor &fill)
{
    // Perceived brightness (ITU-R BT.601 weights): amber #FFB300 is light by this measure
    // though its HSL lightness is only 0.5.
    const double luma = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return luma > 0.6 ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

QString traceKey(const model::Event &event)
{
    return qs(event.correlationid.empty() ? event.id : event.correlationid);
}

QString formatClockMicros(std::int64_t micros)
{
    return QDateTime::fromMSecsSinceEpoch(micros / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
}

bool RecentEventsModel::RingMark::matches(const model::RecentEvent &e) const
{
    return e.arrivalMicros == arrivalMicros && e.classification == classification
           && e.event.id == eventId;
}

RecentEventsModel::RecentEventsModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(maxRows, 1))
{
}

int RecentEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecentEventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const InspectedEvent &row = eventAt(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayText(row, index.column());
    case ClassificationRole: return static_cast<int>(row.recent.classification);
    case TraceKeyRole: return traceKey(row.recent.event);
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return qs(model::formatRfc3339(row.recent.event.time));
        if (index.column() == ArrivalColumn)
            return qs(model::formatRfc3339(row.recent.arrivalMicros));
        return displayText(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == SequenceColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant RecentEventsModel::displayText(const InspectedEvent &row, int column) const
{
    const model::Event &e = row.recent.event;
    switch (column) {
    case TimeColumn: return formatClockMicros(e.time);
    case ArrivalColumn: return formatClockMicros(row.recent.arrivalMicros);
    case NodeColumn: return qs(row.node.value);
    case TypeColumn: return qs(e.type);
    case SourceColumn: return qs(e.source);
    case IdColumn: return qs(e.id);
    case SequenceColumn: return QString::number(e.sequence);
    case ClassColumn: return classificationLabel(row.recent.classification);
    case CorrelationColumn: return qs(e.correlationid);
    default: return {};
    }
}

QVariant RecentEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Event time");
    case ArrivalColumn: return tr("Arrival");
    case NodeColumn: return tr("Input");
    case TypeColumn: return tr("Type");
    case SourceColumn: return tr("Source");
    case IdColumn: return tr("Id");
    case SequenceColumn: return tr("Seq");
    case ClassColumn: return tr("Class");
    case CorrelationColumn: return tr("Correlation");
    default: return {};
    }
}

void RecentEventsModel::merge(const std::vector<NodeRing> &rings)
{
    std::vector<InspectedEvent> batch;
    for (const NodeRing &ring : rings)
        takeNewFrom(ring, batch);
    if (batch.empty())
        return;
    // Rings of several inputs interleave by arrival; stable, so one ring keeps its own order.
    std::stable_sort(batch.begin(), batch.end(),
                     [](const InspectedEvent &a, const InspectedEvent &b) {
                         return a.recent.arrivalMicros < b.recent.arrivalMicros;
                     });
    append(std::move(batch));
}

void RecentEventsModel::takeNewFrom(const NodeRing &ring, std::vector<InspectedEvent> &batch)
{
    if (ring.events.empty())
        return;
    auto first = ring.events.begin();
    if (const auto mark = m_marks.find(ring.node); mark != m_marks.end()) {
        // From the end, where the mark usually is. Two entries equal in id, arrival microsecond
        // and class are indistinguishable; taking the later one as the mark can only hide such a
        // twin, never show a row twice.
        const auto found = std::find_if(ring.events.rbegin(), ring.events.rend(),
                                        [&](const auto &e) { return mark->second.matches(e); });
        if (found != ring.events.rend())
            first = found.base();
    }
    for (auto it = first; it != ring.events.end(); ++it)
        batch.push_back({ring.node, *it});
    const model::RecentEvent &last = ring.events.back();
    m_marks[ring.node] = {last.event.id, last.arrivalMicros, last.classification};
}

void RecentEventsModel::append(std::vector<InspectedEvent> batch)
{
    const auto max = static_cast<std::size_t>(m_maxRows);
    if (batch.size() > max)
        batch.erase(batch.begin(), batch.end() - static_cast<std::ptrdiff_t>(max));
    // Remove first, then insert: the row count stays within the bound at every step a view
    // can observe.
    const std::size_t overflow
        = m_rows.size() + batch.size() > max ? m_rows.size() + batch.size() - max : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(batch.size()) - 1);
    std::move(batch.begin(), batch.end(), std::back_inserter(m_rows));
    endInsertRows();
}

void RecentEventsModel::clear()
{
    m_marks.clear();
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace evflow::ui::monitor
