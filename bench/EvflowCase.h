#pragma once

#include "bench/CaseResult.h"

#include "model/Flow.h"

#include <cstdint>
#include <string>

namespace evflow::bench {

/// Case 3: evflow itself. Runs `flow` (a generator `generatorId` whose count is set to `events`
/// with rate 0, into a consumer `consumerId`) with transport::FlowRuntime until finished(); the
/// time is taken from start() returning (sockets connected, readers ready) to finished(), the
/// count is the consumer input's processed counter. Wrong when the generator produced or the
/// consumer processed anything but `events`, or the books do not balance.
CaseResult runEvflow(std::uint64_t events, model::Flow flow, const std::string &generatorId,
                     const std::string &consumerId);

} // namespace evflow::bench
