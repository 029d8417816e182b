#pragma once

#include "ui/AutoLayout.h"

namespace evflow::ui::canvas {

/// Geometry shared by the canvas items. The node width and the minimum height are AutoLayout's,
/// so a laid-out flow never overlaps on screen.
struct CanvasStyle
{
    static constexpr double kNodeWidth = AutoLayout::kNodeWidth;
    static constexpr double kMinNodeHeight = AutoLayout::kNodeHeight;
    static constexpr double kHeaderHeight = 26;
    static constexpr double kCornerRadius = 8;
    /// Channels are the medium, not an actor: drawn as a pipe (much rounder corners).
    static constexpr double kChannelCornerRadius = 22;
    static constexpr double kPortRadius = 5.5;
    static constexpr double kPortPitch = 20;
    static constexpr double kGridSize = 20;
    static constexpr double kMinZoom = 0.1;
    static constexpr double kMaxZoom = 4.0;
};

} // namespace evflow::ui::canvas
