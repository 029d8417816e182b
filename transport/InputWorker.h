#pragma once

// Internals of FlowRuntime: the worker body of consumer and processor nodes. Included by
// transport .cpp files only.

#include "transport/RuntimeShared.h"

namespace evflow::transport {

/// Body of a reader thread serving one or more consumer or processor nodes (one per thread, or
/// several sinks sharing a pool thread: docs/RUNTIME.md, Threads). Opens each node's action (a
/// file that cannot be opened aborts the start), input sockets and output ports, passes the
/// start gate once for all of them, then reads every input of every node with one InputPoller:
/// decodes, runs the node's InputPipeline and action, sends diverted late events to port "late",
/// records latency, recent events and trace hops. Each node's pipeline ticks every ~50 ms and
/// publishes its per-source books every ~100 ms; when stopped the thread reads what is still
/// queued, finishes every pipeline (pending gaps confirmed) and publishes the final books.
void runInputs(RuntimeShared &shared, const std::vector<const NodePlan *> &nodes,
               const std::atomic<bool> &stop);

} // namespace evflow::transport
