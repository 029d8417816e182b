#pragma once

// Internals of FlowRuntime: the worker bodies of producer nodes. Included by transport .cpp
// files only.

#include "transport/RuntimeShared.h"

namespace evflow::transport {

/// Body of a generator node's worker: passes the start gate, then emits paced bursts (rate 0:
/// as fast as possible, checking stop and pause between bursts) through the node's fault
/// injector (if any) to every channel of port "out"; at its count it flushes the injectors and
/// marks the node finished.
void runGenerator(RuntimeShared &shared, const NodePlan &node, const std::atomic<bool> &stop);

/// Body of a replay node's worker: loads the CloudEvents JSON-lines file (a file that cannot be
/// opened aborts the start; malformed lines are skipped and reported once), then sends the
/// events re-stamped with this node's epoch and a sequence per (source, type), keeping id and
/// source, spaced by their original time differences divided by `speed` (0 = no spacing).
void runReplay(RuntimeShared &shared, const NodePlan &node, const std::atomic<bool> &stop);

} // namespace evflow::transport
