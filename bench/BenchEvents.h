#pragma once

#include "model/Event.h"
#include "model/EventType.h"

#include <cstdint>

namespace evflow::bench {

/// A realistic order event for the micro-benchmarks: source of 30 characters, id of 24, a
/// subject, correlation and causation ids (an encoded header of about 170 bytes) and five data
/// fields (string, double, int, enum-like string, bool). `index` sets the id, sequence and time,
/// so consecutive indices give distinct, in-order events of one stream.
model::Event makeOrderEvent(std::uint64_t index);

/// Rewrites the parts of `event` (made by makeOrderEvent) that differ per index, in place and
/// without allocating: the id's last 12 hex digits, the sequence and the time.
void setOrderIndex(model::Event &event, std::uint64_t index);

/// The event type declaring the fields of makeOrderEvent's events (for schema validation).
model::EventType orderEventType();

} // namespace evflow::bench
