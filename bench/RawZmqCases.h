#pragma once

#include "bench/BenchCell.h"
#include "bench/CaseResult.h"

#include "model/BinaryCodec.h"
#include "model/Flow.h"

#include <cstdint>
#include <string>

namespace evflow::bench {

/// The epoch the raw cases give their generator: eight hex digits like a runtime epoch (start
/// seconds XOR a hash), so ids and correlation ids have the lengths evflow's have.
inline constexpr std::uint32_t kBenchEpoch = 0x6a3f5eed;

/// The version of the libzmq linked at run time, "4.3.4".
std::string zmqVersion();

/// The ceiling of a cell: raw ZeroMQ (RawLink of `cell`) moving `events` copies of the three
/// frames `frames` (one encoded evflow event) from a sender thread to this thread, as fast as
/// possible. Nothing is encoded or decoded; only frame counts and sizes are checked.
CaseResult runRawCell(const Cell &cell, std::uint64_t events, const model::EncodedFrames &frames);

/// The baseline of issue 7 in a cell: a hand-written producer and consumer on raw ZeroMQ doing
/// the work evflow does per event, without its runtime. The sender thread generates the events
/// of the generator node `generator` of `flow` (model::EventGenerator) and encodes them; this
/// thread runs a HandWrittenConsumer with the delivery settings `delivery` on each.
CaseResult runHandWrittenCell(const Cell &cell, std::uint64_t events, const model::Flow &flow,
                              const model::Node &generator,
                              const model::DeliverySettings &delivery);

} // namespace evflow::bench
