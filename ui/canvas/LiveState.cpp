#include "ui/canvas/LiveState.h"

#include "model/NodeCatalog.h"
#include "ui/Theme.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace evflow::ui::canvas {
namespace live {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("evflow::ui::canvas::live", text);
}

BadgeChip countChip(const char *label, std::uint64_t count, const QColor &colour)
{
    return {QStringLiteral("%1 %2").arg(QLatin1String(label), formatCount(count)), colour,
            count > 0};
}

void addInjectedChips(std::vector<BadgeChip> &chips, const model::InjectedFaults &injected)
{
    chips.push_back(countChip("dup", injected.duplicates, theme::duplicateColor()));
    chips.push_back(countChip("ooo", injected.reorders, theme::outOfOrderColor()));
    chips.push_back(countChip("late", injected.late, theme::lateColor()));
    chips.push_back(countChip("drop", injected.drops, theme::gapColor()));
}

/// Outcome and sequence books together: what summarizeAccounting() counts for one node.
std::uint64_t unaccountedOf(const model::NodeSnapshot &node)
{
    std::uint64_t total = std::uint64_t(std::abs(node.input.unaccounted()));
    for (const auto &source : node.sources)
        total += std::uint64_t(std::abs(source.books.unaccounted()));
    return total;
}

void addInputChips(NodeLiveState &state, const model::NodeSnapshot &node)
{
    const model::InputAccounting &in = node.input;
    auto &chips = state.chips;
    chips.push_back(countChip("dup", in.duplicates, theme::duplicateColor()));
    chips.push_back(countChip("ooo", in.outOfOrder, theme::outOfOrderColor()));
    chips.push_back(countChip("late", in.late, theme::lateColor()));
    chips.push_back(countChip("gap", in.gaps, theme::gapColor()));
    // Rare outcomes get a chip only when they happen, to keep the row short.
    if (in.malformed > 0)
        chips.push_back(countChip("malformed", in.malformed, theme::malformedColor()));
    if (in.filtered > 0)
        chips.push_back(countChip("filtered", in.filtered, theme::filteredColor()));
    if (in.gaps > 0)
        state.alarms << tr("%1 events lost (gaps)").arg(in.gaps);
    if (in.malformed > 0)
        state.alarms << tr("%1 malformed events").arg(in.malformed);
    const std::uint64_t unaccounted = state.final ? unaccountedOf(node) : 0;
    if (unaccounted > 0) {
        chips.push_back(countChip("unaccounted", unaccounted, theme::errorColor()));
        state.alarms << tr("the books do not balance: %1 unaccounted").arg(unaccounted);
    }
}

std::uint64_t producedOf(const model::NodeSnapshot &n)
{
    return n.produced;
}
std::uint64_t emittedOf(const model::NodeSnapshot &n)
{
    return n.emitted;
}
std::uint64_t receivedOf(const model::NodeSnapshot &n)
{
    return n.input.received;
}

bool isChannel(const model::Node *node)
{
    return node && model::catalog::role(node->kind) == model::NodeRole::Channel;
}

std::optional<LinkLiveState> linkState(const model::Flow &flow, const model::Link &link,
                                       const model::RunSnapshot &now,
                                       const std::optional<model::RunSnapshot> &previous)
{
    const model::Node *from = flow.findNode(link.from.node);
    const model::Node *to = flow.findNode(link.to.node);
    const bool outOfChannel = isChannel(from);
    const model::Node *channel = outOfChannel ? from : isChannel(to) ? to : nullptr;
    const model::Node *other = outOfChannel ? to : from;
    if (!channel || !other)
        return std::nullopt;
    const auto counter = outOfChannel ? &receivedOf
                         : model::catalog::role(other->kind) == model::NodeRole::Processor
                             ? &emittedOf
                             : &producedOf;
    LinkLiveState state;
    state.rate = counterRate(previous, now, other->id.value, counter);
    state.width = wireWidth(state.rate);
    if (const model::NodeSnapshot *snap = now.findNode(channel->id.value))
        state.backlog = snap->channel.backlog;
    state.capacity = channelCapacity(flow, *channel);
    state.level = backlogLevel(state.backlog, state.capacity);
    const QString rate = formatRate(state.rate);
    state.toolTip = state.capacity == 0
                        ? tr("%1 · backlog %2 (no high-water mark)").arg(rate).arg(state.backlog)
                        : tr("%1 · backlog %2 of %3 (%4 %, %5)")
                              .arg(rate)
                              .arg(state.backlog)
                              .arg(state.capacity)
                              .arg(qRound(100.0 * double(state.backlog) / double(state.capacity)))
                              .arg(backlogLevelName(state.level));
    return state;
}

} // namespace

BacklogLevel backlogLevel(std::uint64_t backlog, std::uint64_t capacity)
{
    if (capacity == 0)
        return BacklogLevel::Green;
    const double fill = double(backlog) / double(capacity);
    return fill >= kRedFill      ? BacklogLevel::Red
           : fill >= kYellowFill ? BacklogLevel::Yellow
                                 : BacklogLevel::Green;
}

QColor backlogColor(BacklogLevel level)
{
    switch (level) {
    case BacklogLevel::Green: return QColor(0x43, 0xA0, 0x47);
    case BacklogLevel::Yellow: return theme::warningColor();
    case BacklogLevel::Red: return theme::errorColor();
    }
    return {};
}

QString backlogLevelName(BacklogLevel level)
{
    switch (level) {
    case BacklogLevel::Green: return tr("green");
    case BacklogLevel::Yellow: return tr("yellow");
    case BacklogLevel::Red: return tr("red");
    }
    return {};
}

std::uint64_t channelCapacity(const model::Flow &flow, const model::Node &channel)
{
    const std::int64_t hwm = model::catalog::intProperty(channel, "hwm", 0);
    const auto readers
        = std::count_if(flow.links.begin(), flow.links.end(),
                        [&](const model::Link &l) { return l.from.node == channel.id; });
    return hwm <= 0 ? 0 : std::uint64_t(hwm) * std::uint64_t(std::max<std::ptrdiff_t>(1, readers));
}

double wireWidth(double eventsPerSecond)
{
    const double width
        = kMinWireWidth + kWireWidthPerDecade * std::log10(1.0 + std::max(0.0, eventsPerSecond));
    return std::min(kMaxWireWidth, width);
}

QString formatRate(double eventsPerSecond)
{
    if (eventsPerSecond >= 1e6)
        return QStringLiteral("%1M/s").arg(eventsPerSecond / 1e6, 0, 'f', 1);
    if (eventsPerSecond >= 1e3)
        return QStringLiteral("%1k/s").arg(eventsPerSecond / 1e3, 0, 'f', 1);
    return QStringLiteral("%1/s").arg(qRound(std::max(0.0, eventsPerSecond)));
}

QString formatCount(std::uint64_t count)
{
    if (count >= 1'000'000)
        return QStringLiteral("%1M").arg(double(count) / 1e6, 0, 'f', 1);
    if (count >= 10'000)
        return QStringLiteral("%1k").arg(double(count) / 1e3, 0, 'f', 1);
    return QString::number(count);
}

NodeLiveState nodeState(const model::NodeSnapshot &node, double rate, bool final, bool injects,
                        std::uint64_t capacity)
{
    NodeLiveState state;
    state.final = final;
    const bool input
        = node.role == model::NodeRole::Consumer || node.role == model::NodeRole::Processor;
    const QColor rateColour = input ? theme::processedColor() : theme::roleColor(node.role);
    state.chips.push_back(
        final ? BadgeChip{QStringLiteral("Σ %1").arg(formatCount(node.mainCounter())), rateColour,
                          false}
              : BadgeChip{formatRate(rate), rateColour, true});
    switch (node.role) {
    case model::NodeRole::Producer:
        if (injects)
            addInjectedChips(state.chips, node.injected);
        break;
    case model::NodeRole::Channel: {
        const BacklogLevel level = backlogLevel(node.channel.backlog, capacity);
        state.chips.push_back({QStringLiteral("backlog %1").arg(formatCount(node.channel.backlog)),
                               backlogColor(level), !final});
        if (node.injectsFaults)
            addInjectedChips(state.chips, node.injected);
        break;
    }
    case model::NodeRole::Consumer:
    case model::NodeRole::Processor: addInputChips(state, node); break;
    }
    return state;
}

double counterRate(const std::optional<model::RunSnapshot> &earlier, const model::RunSnapshot &now,
                   const std::string &id, std::uint64_t (*counter)(const model::NodeSnapshot &))
{
    if (!earlier || earlier->run.startedAtMicros != now.run.startedAtMicros)
        return 0;
    const model::NodeSnapshot *a = earlier->findNode(id);
    const model::NodeSnapshot *b = now.findNode(id);
    const double seconds = double(now.run.takenAtMicros - earlier->run.takenAtMicros) / 1e6;
    if (!a || !b || !(seconds > 0))
        return 0;
    return double(model::counterIncrease(counter(*a), counter(*b))) / seconds;
}

LiveView liveView(const model::Flow &flow, const model::RunSnapshot &now,
                  const std::optional<model::RunSnapshot> &previous)
{
    const bool final
        = now.run.state == model::RunState::Stopped || now.run.state == model::RunState::Failed;
    const auto mainCounter = [](const model::NodeSnapshot &n) { return n.mainCounter(); };
    LiveView view;
    for (const model::Node &node : flow.nodes) {
        const model::NodeSnapshot *snap = now.findNode(node.id.value);
        if (!snap)
            continue;
        const double rate = counterRate(previous, now, node.id.value, mainCounter);
        const bool injects = node.faults && node.faults->any();
        const std::uint64_t capacity = isChannel(&node) ? channelCapacity(flow, node) : 0;
        view.nodes[node.id] = nodeState(*snap, rate, final, injects, capacity);
    }
    if (final)
        return view;
    for (const model::Link &link : flow.links)
        if (auto state = linkState(flow, link, now, previous))
            view.links[link.id()] = std::move(*state);
    return view;
}

} // namespace live

QString NodeLiveState::text() const
{
    QStringList texts;
    for (const BadgeChip &chip : chips)
        texts << chip.text;
    return texts.join(QStringLiteral(" · "));
}

} // namespace evflow::ui::canvas
