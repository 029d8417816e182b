#pragma once

#include "model/Flow.h"

#include <QColor>
#include <QString>

namespace evflow::ui {

/// The colours that mean the same everywhere in the studio (UI.md): node roles on the canvas and
/// in the palette, event classifications in badges, charts and the inspector. Chosen to read on
/// light and dark backgrounds alike.
namespace theme {

/// Header colour of a node of this role: producer green, channel blue, consumer orange,
/// processor purple.
QColor roleColor(model::NodeRole role);
/// "Producers", "Channels", ... (palette group titles).
QString rolePluralTitle(model::NodeRole role);

QColor processedColor();  ///< blue #1E88E5
QColor duplicateColor();  ///< amber #FFB300
QColor outOfOrderColor(); ///< teal #00897B
QColor lateColor();       ///< purple #8E24AA
QColor gapColor();        ///< red #E53935
QColor malformedColor();  ///< grey #757575
QColor filteredColor();   ///< light grey #BDBDBD

QColor errorColor();   ///< problem badges and error rows: the gap red
QColor warningColor(); ///< warning badges: the duplicate amber

} // namespace theme

/// MIME type of a palette drag: the payload is the kind's file name ("generator"), UTF-8.
inline QString nodeKindMimeType()
{
    return QStringLiteral("application/x-evflow-node-kind");
}

} // namespace evflow::ui
