#pragma once

#include "model/Flow.h"
#include "model/Problem.h"

#include <QIcon>

namespace evflow::ui {

/// The icon of a node kind: a rounded square in the role colour (theme::roleColor) with a white
/// glyph of its own per kind. Painted in code by an icon engine, so it is crisp at any size and
/// device pixel ratio (QIcon::pixmap(size, dpr) gives size × dpr pixels). Cached: every call
/// for a kind returns the same icon. GUI thread only.
QIcon nodeKindIcon(model::NodeKind kind);

/// A plain swatch of the role colour (a rounded square without glyph), for group headers and
/// legends. Cached. GUI thread only.
QIcon roleIcon(model::NodeRole role);

/// A problem's severity: a red circle with a white cross for errors, an amber triangle with a
/// dark "!" for warnings (theme::errorColor / theme::warningColor). Cached. GUI thread only.
QIcon problemSeverityIcon(model::Severity severity);

} // namespace evflow::ui
