#pragma once

#include "model/Flow.h"

#include <string>

namespace evflow::model {

/// The flow as a Graphviz DOT digraph for documentation pipelines (`evflow export dot`): left to
/// right, one node per flow node shaped and coloured by role (producer: rounded box, green;
/// channel: cylinder, blue, labelled with its pattern and endpoint; consumer: box, orange;
/// processor: hexagon, purple), one edge per link labelled with the event types it carries
/// (typesCarried). Ids are quoted, so any node id is safe. Deterministic: flow order.
std::string toDot(const Flow &flow);

} // namespace evflow::model
