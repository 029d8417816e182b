#pragma once

#include "model/Flow.h"
#include "model/RunSnapshot.h"

#include <cstdint>
#include <string>

namespace evflow::bench {

/// The example flow resources/examples/<file> of the source tree; throws std::runtime_error
/// naming the first problem when it does not load.
model::Flow loadExampleFlow(const std::string &file);

/// Sets a generator's pacing: `count` events (0 = until stopped), `rate` events/s (0 = as fast
/// as possible), `burstSize` events per tick. Throws when the flow has no node `generatorId`.
void setGeneratorPacing(model::Flow &flow, const std::string &generatorId, std::int64_t count,
                        double rate, std::int64_t burstSize);

/// The run errors of a snapshot on one line ("node: message; ..."), empty when there are none.
std::string runErrorText(const model::RunSnapshot &snapshot);

/// What is wrong with the final (after stop()) counts of a generator -> channel -> consumer run
/// in which nothing may be lost: the consumer processed every produced event, no duplicate, gap,
/// malformed or dropped event, balanced books, no run error. Empty when all is right.
std::string checkLosslessRun(const model::RunSnapshot &snapshot, const std::string &generatorId,
                             const std::string &consumerId);

/// Resident set size of this process in bytes (/proc/self/statm), 0 when unreadable.
std::uint64_t residentBytes();

/// System clock in microseconds since the epoch, as event times are stamped.
std::int64_t systemMicros();

/// Bytes as MiB, for printing.
inline double mebibytes(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

} // namespace evflow::bench
