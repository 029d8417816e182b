#pragma once

#include "model/Flow.h"

#include <QString>
#include <QStringList>

namespace evflow::ui::canvas {

/// The one or two lines of key properties a node shows under its kind on the canvas
/// ("100 ev/s · order.placed", "inproc://orders · hwm 1000"): what a person needs to read a flow
/// without opening the property editor.
QStringList keyPropertyLines(const model::Node &node);

/// The node's caption: its label, or its id when it has no label.
QString nodeCaption(const model::Node &node);

} // namespace evflow::ui::canvas
