#pragma once

#include "model/Flow.h"
#include "model/Problem.h"

namespace evflow::model {

/// Checks a whole flow against every rule of PRODUCT.md §1 and the foundation issue: known kinds
/// and properties, property types and ranges, unique ids, dangling links, valid wiring, socket
/// pattern rules, endpoint collisions, declared event types, unreachable consumers (warning).
/// Each problem carries the JSON pointer of the offending value and the node concerned.
/// Deterministic: the same flow gives the same problems in the same order.
Problems validateFlow(const Flow &flow);

} // namespace evflow::model
