#pragma once

#include "model/Flow.h"
#include "model/RunSnapshot.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace evflow::ui::canvas {

/// How full a channel is, coloured like NiFi's back-pressure indicator: green below half of its
/// capacity, yellow from half, red from 80 % (live::kYellowFill, live::kRedFill).
enum class BacklogLevel { Green, Yellow, Red };

/// One chip of a node's badge row. It always carries text, never colour alone (UI.md).
struct BadgeChip
{
    QString text;     ///< "12.4k/s", "dup 31", "backlog 12"
    QColor colour;    ///< from the shared palette (ui/Theme.h)
    bool lit = false; ///< drawn filled; zero counts are drawn outlined and muted instead
};

/// What a node shows of a run: its badge row and, when it is in trouble, why.
struct NodeLiveState
{
    std::vector<BadgeChip> chips;
    /// Why the node is drawn red ("3 events lost (gaps)"); empty when it is fine. See
    /// live::nodeState() for the rules.
    QStringList alarms;
    /// The run has ended: the row holds final totals (the rate chip becomes "Σ N").
    bool final = false;

    /// The chips' texts joined by " · ": "12.4k/s · dup 31 · ooo 7 · late 4 · gap 0".
    QString text() const;
};

/// What a wire shows of a run: width from the events/s through it, tint from the backlog of the
/// channel at one of its ends.
struct LinkLiveState
{
    double rate = 0;  ///< events per second through the wire
    double width = 0; ///< pen width, live::wireWidth(rate)
    BacklogLevel level = BacklogLevel::Green;
    std::uint64_t backlog = 0;  ///< the channel's backlog (all readers)
    std::uint64_t capacity = 0; ///< hwm × readers; 0 = unbounded (hwm 0)
    QString toolTip;            ///< "1.2k ev/s · backlog 12 of 2000 (1 %)"
};

/// Everything the canvas shows of one snapshot, by id.
struct LiveView
{
    std::map<model::NodeId, NodeLiveState> nodes;
    /// Only while the run is live: a final snapshot leaves the wires as drawn when editing.
    std::map<model::LinkId, LinkLiveState> links;
};

/// Pure formatting and threshold rules of the canvas's live view: no widgets, no state, any
/// thread.
namespace live {

/// Backlog fill from which a channel is yellow, and red (fractions of its capacity).
inline constexpr double kYellowFill = 0.5;
inline constexpr double kRedFill = 0.8;
/// Wire widths: kMinWireWidth at 0 ev/s, one kWireWidthPerDecade more per decade of rate, at
/// most kMaxWireWidth (reached at 1M ev/s).
inline constexpr double kMinWireWidth = 1.5;
inline constexpr double kWireWidthPerDecade = 1.5;
inline constexpr double kMaxWireWidth = 10.5;

/// Green below kYellowFill × capacity, Yellow below kRedFill × capacity, else Red. A capacity of
/// 0 (hwm 0: ZeroMQ queues without bound) is always Green.
BacklogLevel backlogLevel(std::uint64_t backlog, std::uint64_t capacity);
/// Green #43A047, yellow = theme::warningColor(), red = theme::errorColor().
QColor backlogColor(BacklogLevel level);
/// "green", "yellow", "red" (tool tips: the colour is never the only sign).
QString backlogLevelName(BacklogLevel level);
/// The channel's capacity for backlogLevel(): its hwm (the catalogue's default when unset) times
/// the number of wires leaving it, as each reader has its own queue. 0 when hwm is 0.
std::uint64_t channelCapacity(const model::Flow &flow, const model::Node &channel);

/// Pen width of a wire carrying `eventsPerSecond`, on a log scale (see kMinWireWidth).
double wireWidth(double eventsPerSecond);
/// "850/s", "12.4k/s", "1.2M/s".
QString formatRate(double eventsPerSecond);
/// Exact below 10 000 ("9999"), then "12.4k", "1.2M".
QString formatCount(std::uint64_t count);

/// The badge row and alarms of one node. Chips by role: producers the rate of events produced
/// and, when `injects`, the faults injected (dup, ooo, late, drop); channels the rate sent and
/// the backlog (tinted by backlogLevel against `capacity`), plus injected faults when they
/// inject; consumers and processors the rate processed, dup, ooo, late and gap, then malformed,
/// filtered and (final only) unaccounted when not zero. `final` replaces the rate by the total.
/// Alarms (the node turns red): an input with gaps (events lost) or malformed events, and, once
/// final, an input whose books do not balance. While running an unbalanced instant is normal (an
/// event in flight), so it does not count. Run errors are problems of the node, not alarms.
NodeLiveState nodeState(const model::NodeSnapshot &node, double rate, bool final, bool injects,
                        std::uint64_t capacity);

/// Events per second of `counter` of node `id` between two snapshots of one run; 0 without an
/// earlier snapshot of the same run or without time between them.
double counterRate(const std::optional<model::RunSnapshot> &earlier, const model::RunSnapshot &now,
                   const std::string &id, std::uint64_t (*counter)(const model::NodeSnapshot &));

/// The whole live view of `flow` at `now`. A node's rate is model::ratePerSecond over its main
/// counter; a wire into a channel carries its writer's output rate (produced or emitted), a wire
/// out of a channel its reader's input rate (received, all its inputs together) and is tinted by
/// that channel's backlog. The snapshot is final when its run state is Stopped or Failed.
LiveView liveView(const model::Flow &flow, const model::RunSnapshot &now,
                  const std::optional<model::RunSnapshot> &previous);

} // namespace live
} // namespace evflow::ui::canvas
