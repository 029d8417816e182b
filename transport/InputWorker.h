#pragma once

// Internals of FlowRuntime: the worker body of consumer and processor nodes. Included by
// transport .cpp files only.

#include "transport/RuntimeShared.h"

namespace evflow::transport {

/// Body of a consumer's or processor's worker: opens its action (a file that cannot be opened
/// aborts the start), its input sockets and its output ports, passes the start gate, then reads
/// every input (InputPoller), decodes, runs the InputPipeline and the action, sends diverted
/// late events to port "late", records latency, recent events and trace hops. It ticks the
/// pipeline every ~50 ms and publishes its per-source books every ~100 ms; when stopped it
/// reads what is still queued, finishes the pipeline (pending gaps confirmed) and publishes the
/// final books.
void runInput(RuntimeShared &shared, const NodePlan &node, const std::atomic<bool> &stop);

} // namespace evflow::transport
