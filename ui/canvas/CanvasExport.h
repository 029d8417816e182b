#pragma once

#include "ui/DocumentFile.h"

#include <QString>

namespace evflow::ui::canvas {

class FlowScene;

/// The canvas as a picture for documentation: all nodes and wires with a margin, without the
/// selection outline or the dot grid, on the palette's window colour. PNG at twice the scene
/// resolution (crisp on high-DPI screens and in print); SVG through Qt Svg, so it scales.
/// Both are written atomically; failures name the path and the reason.
class CanvasExport
{
    Q_DECLARE_TR_FUNCTIONS(CanvasExport)
public:
    static FileResult toPng(FlowScene &scene, const QString &path);
    static FileResult toSvg(FlowScene &scene, const QString &path);
};

} // namespace evflow::ui::canvas
