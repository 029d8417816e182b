#pragma once

#include "model/TelemetryDetails.h"

namespace evflow::transport {

class FlowRuntime;

/// A runtime's answer to a telemetry detail request: the recent events at a node, the hops of a
/// correlation or a projection's rows (empty for an unknown node). Thread-safe and never waits
/// on the workers, as FlowRuntime's inspection calls are: a TelemetryPublisher::DetailSource.
model::DetailAnswer answerDetail(const FlowRuntime &runtime, const model::DetailRequest &request);

} // namespace evflow::transport
