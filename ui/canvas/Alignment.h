#pragma once

#include "model/Flow.h"

#include <map>
#include <vector>

namespace evflow::ui::canvas {

/// How a selection of nodes is lined up.
enum class Alignment {
    Left,
    HorizontalCentre,
    Right,
    Top,
    VerticalCentre,
    Bottom,
    DistributeHorizontally,
    DistributeVertically
};

/// A node's rectangle on the canvas (top-left and size), as the aligner sees it.
struct NodeBox
{
    double x = 0, y = 0, width = 0, height = 0;
};

/// The new top-left positions that line up `boxes` (at least two; three for distributing),
/// containing only the nodes that actually move. Plain C++: a pure function, tested alone.
std::map<model::NodeId, model::Position> align(const std::map<model::NodeId, NodeBox> &boxes,
                                               Alignment how);

} // namespace evflow::ui::canvas
