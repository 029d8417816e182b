#include "model/InputAccounting.h"

#include <algorithm>

namespace evflow::model {

std::uint64_t InputAccounting::accountedFor() const
{
    return processed + duplicates + lateDropped + lateDiverted + malformed + filtered;
}

std::int64_t InputAccounting::unaccounted() const
{
    // Two's-complement difference: right even when the sum exceeds received.
    return static_cast<std::int64_t>(received - accountedFor());
}

InputAccounting &InputAccounting::operator+=(const InputAccounting &other)
{
    received += other.received;
    processed += other.processed;
    duplicates += other.duplicates;
    outOfOrder += other.outOfOrder;
    gaps += other.gaps;
    late += other.late;
    lateDropped += other.lateDropped;
    lateDiverted += other.lateDiverted;
    malformed += other.malformed;
    filtered += other.filtered;
    return *this;
}

void LiveInputCounters::add(InputCounter counter, std::uint64_t n)
{
    // Release (free on x86 for a read-modify-write) so that a reader's acquire load of an
    // outcome also sees the earlier `received` increment of the same event.
    m_values[static_cast<int>(counter)].fetch_add(n, std::memory_order_release);
}

std::uint64_t LiveInputCounters::value(InputCounter counter) const
{
    return m_values[static_cast<int>(counter)].load(std::memory_order_acquire);
}

InputAccounting LiveInputCounters::snapshot() const
{
    InputAccounting s;
    // Outcomes first (acquire loads), `received` last: every outcome value read was written
    // after its event's `received` increment, so received >= the outcomes read. See the header.
    s.processed = value(InputCounter::Processed);
    s.duplicates = value(InputCounter::Duplicates);
    s.lateDropped = value(InputCounter::LateDropped);
    s.lateDiverted = value(InputCounter::LateDiverted);
    s.malformed = value(InputCounter::Malformed);
    s.filtered = value(InputCounter::Filtered);
    s.outOfOrder = value(InputCounter::OutOfOrder);
    s.gaps = value(InputCounter::Gaps);
    s.late = value(InputCounter::Late);
    s.received = value(InputCounter::Received);
    return s;
}

void LiveInputCounters::reset()
{
    for (auto &v : m_values)
        v.store(0, std::memory_order_relaxed);
}

std::int64_t SequenceBooks::unaccounted() const
{
    return static_cast<std::int64_t>(expected - (receivedUnique + gaps + pending - filledAfterGap));
}

SequenceBooks &SequenceBooks::operator+=(const SequenceBooks &other)
{
    expected += other.expected;
    receivedUnique += other.receivedUnique;
    gaps += other.gaps;
    pending += other.pending;
    filledAfterGap += other.filledAfterGap;
    outOfOrder += other.outOfOrder;
    repeats += other.repeats;
    beyondWindow += other.beyondWindow;
    epochs += other.epochs;
    return *this;
}

bool InputReport::balanced() const
{
    return counters.balanced()
           && std::all_of(sources.begin(), sources.end(),
                          [](const SourceSequenceBooks &s) { return s.books.balanced(); });
}

} // namespace evflow::model
