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
    /// Low enough to fit a laid-out flow of 1000 nodes (about 52 000 px tall) in a window.
    static constexpr double kMinZoom = 0.01;
    /// Below this zoom text is too small to read: items draw an overview (shapes and colours,
    /// no text, no antialiasing), which keeps a zoomed-out frame of 1000 nodes cheap.
    static constexpr double kDetailZoom = 0.5;
    static constexpr double kMaxZoom = 4.0;
};

} // namespace evflow::ui::canvas
