#pragma once

// Internals of FlowRuntime: the worker body of a zmq-source node. Included by transport .cpp
// files only.

#include "transport/RuntimeShared.h"

namespace evflow::transport {

/// Body of a zmq-source node's worker. Opens the node's own SUB (with its `subscribe` prefix)
/// or PULL socket on the foreign `endpoint` (connect, or bind when `bind`) before the start
/// gate; an endpoint that cannot be bound or connected is a Bind/Connect RunError and aborts
/// the start. The foreign side takes no part in the gate's readiness: only the "out" channels
/// do. Then, until stop, while not paused, it reads CloudEvents JSON messages (see
/// CloudEventReader) and sends each event through the node's fault injector (if any) to the
/// "out" channels, keeping id, source, type, time (the receive time when the foreign event has
/// none), data and correlation, but re-stamped with this node's epoch and a sequence per
/// (source, type) from 0; a foreign re-send of a recent id (same source, type and id) gets the
/// sequence of the first send, so consumers count it as a duplicate and see no gap.
/// `produced` counts the events forwarded. Malformed messages never stop the node: the first
/// five are each a Malformed RunError carrying the running count, and at stop one more error
/// gives the total when there were more than five.
void runZmqSource(RuntimeShared &shared, const NodePlan &node, const std::atomic<bool> &stop);

} // namespace evflow::transport
