#pragma once

#include "model/DedupWindow.h"
#include "model/Event.h"
#include "model/Flow.h"
#include "model/SchemaCheck.h"
#include "model/SequenceTracker.h"
#include "model/Watermark.h"

#include <zmq.hpp>

#include <cstdint>
#include <string>

namespace evflow::bench {

/// What the hand-written consumer counted.
struct ConsumerBooks
{
    std::uint64_t received = 0;
    std::uint64_t processed = 0;
    std::uint64_t malformed = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t notInOrder = 0;
    std::uint64_t late = 0;
};

/// The baseline of issue 7: what an evflow consumer input does per event, written out by hand
/// on the model's building blocks without the runtime around them. Per three-frame message:
/// decode into a reused Event, check it against its declared type (when the delivery settings
/// say validateSchema), dedup on (source, id), classify its sequence per stream (source + type),
/// observe the watermark, count the outcome. No latency histogram, no recent-event ring, no
/// trace, no atomics: a minimal consumer, not a monitored one. One thread.
class HandWrittenConsumer
{
public:
    HandWrittenConsumer(const model::DeliverySettings &delivery, const model::Flow &flow);

    void handle(const zmq::message_t (&parts)[3]);

    const ConsumerBooks &books() const { return m_books; }
    /// Confirms every pending gap (end of run) and returns all gaps.
    std::uint64_t finishGaps();

private:
    bool m_validateSchema;
    model::SchemaCheck m_schema;
    model::DedupWindow m_dedup;
    model::SequenceTracker m_tracker;
    model::Watermark m_watermark;
    model::Event m_event; // reused: decoding overwrites it in place
    std::string m_key;    // reused stream key
    std::string m_reason; // why the last schema check failed (not reported: counted only)
    ConsumerBooks m_books;
};

/// What is wrong with the books of a clean stream of `events` events; empty when right.
std::string booksProblem(const ConsumerBooks &books, std::uint64_t gaps, std::uint64_t events);

} // namespace evflow::bench
