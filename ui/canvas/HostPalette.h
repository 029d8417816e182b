#pragma once

#include "model/Flow.h"

#include <QColor>
#include <QString>

#include <vector>

namespace evflow::ui::canvas {

/// One host of a flow as the canvas shows it: in the host legend and as the tag on its nodes.
struct HostEntry
{
    QString name;
    QString address; ///< from the flow's host table; empty when the table does not declare it
    QColor colour;
    int nodes = 0; ///< nodes placed on it

    bool operator==(const HostEntry &) const = default;
};

/// The named hosts of `flow` in name order, each with its colour: every host of the host table
/// and every host a node is placed on (the default host, "", is not one: its nodes stay
/// untagged). Colours follow the order, so a host keeps its colour while the set is unchanged.
std::vector<HostEntry> hostEntries(const model::Flow &flow);

/// The colour of the `index`-th host: eight hues apart from the role and outcome colours (UI.md),
/// repeating after eight; the tag and the legend always carry the name as well.
QColor hostColour(std::size_t index);

} // namespace evflow::ui::canvas
