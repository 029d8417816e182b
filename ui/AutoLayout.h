#pragma once

#include "model/Flow.h"

#include <map>

namespace evflow::ui {

/// A deterministic left-to-right layout of a flow by depth, the way a flow reads: producers in
/// column 0, every node one column right of its deepest upstream node, so each wire points
/// right. Plain C++ on purpose (no Qt types): a pure function of the flow, testable alone.
class AutoLayout
{
public:
    /// The node rectangle the canvas draws (top-left at the node's position).
    static constexpr double kNodeWidth = 180;
    static constexpr double kNodeHeight = 90;
    /// Grid pitch: wider and taller than a node, so no two rectangles overlap and wires have
    /// room between columns.
    static constexpr double kColumnWidth = 260;
    static constexpr double kRowHeight = 130;
    /// Past this many rows (26 000 px) a layout wraps into shelves (a flow of 1000 nodes).
    static constexpr int kWrapRows = 200;
    static constexpr double kWrapAspect = 1.6;

    /// A position for every node of the flow (and nothing else), on the grid of
    /// kColumnWidth × kRowHeight with x = column × kColumnWidth.
    ///
    /// Columns: the longest path from a node without upstream links; such a node starts in the
    /// column of its role in a plain flow (producer 0, channel 1, consumer or processor 2), so a
    /// consumer not yet wired does not sit among the producers. Links that close a cycle (found
    /// by a depth-first search from the nodes nothing links into, in id order) are ignored for
    /// depth, so a loop back to a channel does not push the channel right.
    /// Rows: column by column, nodes are sorted by the barycentre of their upstream nodes' rows
    /// (ties and nodes without upstream by id) and each takes the row nearest its barycentre
    /// that is below the previous node's, so straight chains stay on one line.
    /// Groups of linked nodes are laid out apart and stacked, column by column, each as high as
    /// its columns allow, so a group's nodes stay together (several nodes first, by smallest id;
    /// unlinked nodes last). A layout taller than kWrapRows rows is cut, between groups, into
    /// shelves placed side by side, one column apart, about kWrapAspect times as wide as tall:
    /// there, a producer is in the first column of its shelf.
    /// The same flow always gives the same layout, whatever the order of its nodes.
    static std::map<model::NodeId, model::Position> compute(const model::Flow &flow);
};

} // namespace evflow::ui
