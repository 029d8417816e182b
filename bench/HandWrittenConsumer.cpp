#include "bench/HandWrittenConsumer.h"

#include "model/BinaryCodec.h"
#include "model/StreamKey.h"

#include <chrono>
#include <span>

namespace evflow::bench {
namespace {

std::int64_t systemMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::span<const std::byte> bytesOf(const zmq::message_t &message)
{
    return {static_cast<const std::byte *>(message.data()), message.size()};
}

std::string countProblem(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return std::string(what) + " " + std::to_string(got) + " of " + std::to_string(expected);
}

} // namespace

HandWrittenConsumer::HandWrittenConsumer(const model::DeliverySettings &delivery,
                                         const model::Flow &flow)
    : m_validateSchema(delivery.validateSchema)
    , m_schema(flow.eventTypes)
    , m_dedup(static_cast<std::size_t>(delivery.dedupWindowCount),
              delivery.dedupWindowMillis * 1000)
    , m_tracker({.reorderWaitMicros = delivery.reorderWaitMillis * 1000})
    , m_watermark(delivery.outOfOrdernessMillis * 1000)
{
}

void HandWrittenConsumer::handle(const zmq::message_t (&parts)[3])
{
    ++m_books.received;
    const std::int64_t now = systemMicros();
    if (!model::decodeFrames(bytesOf(parts[0]), bytesOf(parts[1]), bytesOf(parts[2]), m_event).ok()
        || (m_validateSchema && !m_schema.check(m_event, m_reason))) {
        ++m_books.malformed;
        return;
    }
    if (m_dedup.checkAndInsert(m_event.source, m_event.id, now)) {
        ++m_books.duplicates;
        return;
    }
    model::makeStreamKey(m_key, m_event.source, m_event.type);
    const auto c = m_tracker.classify(m_key, m_event.epoch, m_event.sequence, now);
    const bool inOrder
        = c == model::SequenceClass::InOrder || c == model::SequenceClass::FirstOfEpoch;
    m_books.notInOrder += inOrder ? 0 : 1;
    m_books.late += m_watermark.observe(m_event.time) ? 1 : 0;
    ++m_books.processed;
}

std::uint64_t HandWrittenConsumer::finishGaps()
{
    m_tracker.finaliseAll();
    return m_tracker.totals().gaps;
}

std::string booksProblem(const ConsumerBooks &books, std::uint64_t gaps, std::uint64_t events)
{
    if (books.received != events)
        return countProblem("received", books.received, events);
    if (books.processed != events)
        return countProblem("processed", books.processed, events);
    if (books.malformed + books.duplicates + books.notInOrder + books.late + gaps != 0)
        return "malformed, duplicate, out-of-order, late or missing events in a clean stream";
    return {};
}

} // namespace evflow::bench
