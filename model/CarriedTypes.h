#pragma once

#include "model/Flow.h"

#include <string>
#include <vector>

namespace evflow::model {

/// The event types that can travel on a link, as far as the flow says: what its source emits
/// (a generator's eventTypes, a threshold alert's alertType, a filter's eventTypes), what flows
/// into a channel or pass-through processor from upstream, narrowed by the link's own type
/// prefixes. Sorted and unique. Empty means "not known from the flow" (a replay or zmq-source
/// emits whatever its input holds), not "nothing". Cycles are followed once.
std::vector<std::string> typesCarried(const Flow &flow, const Link &link);

/// The event types a node emits on its outputs (same rules as typesCarried, before any link
/// filter).
std::vector<std::string> typesEmitted(const Flow &flow, const NodeId &node);

} // namespace evflow::model
