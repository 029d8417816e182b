#include "ui/canvas/Alignment.h"

#include <algorithm>
#include <functional>

namespace evflow::ui::canvas {
namespace {

using Boxes = std::map<model::NodeId, NodeBox>;
using Moves = std::map<model::NodeId, model::Position>;

/// Moves every box so that `edge(box)` equals `target(all boxes)`, along x or y.
Moves lineUp(const Boxes &boxes, bool horizontal,
             const std::function<double(const NodeBox &)> &edge, double target)
{
    Moves moves;
    for (const auto &[id, box] : boxes) {
        const double shift = target - edge(box);
        if (shift == 0)
            continue;
        moves[id] = horizontal ? model::Position{box.x + shift, box.y}
                               : model::Position{box.x, box.y + shift};
    }
    return moves;
}

/// Equal gaps between boxes sorted along one axis, the outermost two staying put.
Moves distribute(const Boxes &boxes, bool horizontal)
{
    std::vector<std::pair<model::NodeId, NodeBox>> sorted(boxes.begin(), boxes.end());
    const auto start = [horizontal](const NodeBox &b) { return horizontal ? b.x : b.y; };
    const auto size = [horizontal](const NodeBox &b) { return horizontal ? b.width : b.height; };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto &a, const auto &b) {
        return start(a.second) < start(b.second);
    });
    double total = 0;
    for (const auto &[id, box] : sorted)
        total += size(box);
    const NodeBox &first = sorted.front().second;
    const NodeBox &last = sorted.back().second;
    const double span = start(last) + size(last) - start(first);
    const double gap = (span - total) / double(sorted.size() - 1);
    Moves moves;
    double at = start(first);
    for (const auto &[id, box] : sorted) {
        if (at != start(box))
            moves[id] = horizontal ? model::Position{at, box.y} : model::Position{box.x, at};
        at += size(box) + gap;
    }
    return moves;
}

} // namespace

std::map<model::NodeId, model::Position> align(const Boxes &boxes, Alignment how)
{
    const bool distributing
        = how == Alignment::DistributeHorizontally || how == Alignment::DistributeVertically;
    if (boxes.size() < (distributing ? 3u : 2u))
        return {};
    const auto left = [](const NodeBox &b) { return b.x; };
    const auto right = [](const NodeBox &b) { return b.x + b.width; };
    const auto hcentre = [](const NodeBox &b) { return b.x + b.width / 2; };
    const auto top = [](const NodeBox &b) { return b.y; };
    const auto bottom = [](const NodeBox &b) { return b.y + b.height; };
    const auto vcentre = [](const NodeBox &b) { return b.y + b.height / 2; };
    const auto extreme = [&](auto edge, bool smallest) {
        double value = edge(boxes.begin()->second);
        for (const auto &[id, box] : boxes)
            value = smallest ? std::min(value, edge(box)) : std::max(value, edge(box));
        return value;
    };
    const auto mean = [&](auto edge) {
        double sum = 0;
        for (const auto &[id, box] : boxes)
            sum += edge(box);
        return sum / double(boxes.size());
    };
    switch (how) {
    case Alignment::Left: return lineUp(boxes, true, left, extreme(left, true));
    case Alignment::Right: return lineUp(boxes, true, right, extreme(right, false));
    case Alignment::HorizontalCentre: return lineUp(boxes, true, hcentre, mean(hcentre));
    case Alignment::Top: return lineUp(boxes, false, top, extreme(top, true));
    case Alignment::Bottom: return lineUp(boxes, false, bottom, extreme(bottom, false));
    case Alignment::VerticalCentre: return lineUp(boxes, false, vcentre, mean(vcentre));
    case Alignment::DistributeHorizontally: return distribute(boxes, true);
    case Alignment::DistributeVertically: return distribute(boxes, false);
    }
    return {};
}

} // namespace evflow::ui::canvas
