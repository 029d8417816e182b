#include "model/DedupWindow.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace evflow::model {

namespace detail {

// splitmix64's finaliser: a bijection with full avalanche, so every input bit reaches every
// output bit before the next word is folded in.
static std::uint64_t mix64(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static void absorb(std::uint64_t &state, std::uint64_t word)
{
    state = std::rotl(state ^ mix64(word + 0x9e3779b97f4a7c15ULL), 27) * 0x880355f21e6d1965ULL;
}

// Length first, then the bytes 8 at a time, the tail zero-padded: the length prefix makes the
// encoding of (source, id) unambiguous, so different pairs never feed the same word sequence.
static void absorbBytes(std::uint64_t &state, std::string_view bytes)
{
    absorb(state, bytes.size());
    std::size_t offset = 0;
    for (; offset + 8 <= bytes.size(); offset += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + offset, 8);
        absorb(state, word);
    }
    if (offset < bytes.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + offset, bytes.size() - offset);
        absorb(state, word);
    }
}

static std::uint64_t hashPair(std::uint64_t seed, std::string_view source, std::string_view id)
{
    std::uint64_t state = mix64(seed);
    absorbBytes(state, source);
    absorbBytes(state, id);
    return mix64(state ^ seed);
}

} // namespace detail

Fingerprint fingerprintOf(std::string_view source, std::string_view id)
{
    Fingerprint fp{detail::hashPair(0x243f6a8885a308d3ULL, source, id),
                   detail::hashPair(0x13198a2e03707344ULL, source, id)};
    if (fp.hi == 0 && fp.lo == 0)
        fp.lo = 1; // {0,0} marks an empty table slot; remapping costs 2^-128 of extra collisions
    return fp;
}

DedupWindow::DedupWindow(std::size_t maxCount, std::int64_t maxAgeMicros)
    : m_maxCount(maxCount)
    , m_maxAgeMicros(maxAgeMicros > 0 ? maxAgeMicros : 0)
{
    if (m_maxCount == 0)
        return;
    m_ring.resize(m_maxCount);
    // Load factor <= 1/2 keeps linear-probing runs short.
    m_table.resize(std::bit_ceil(m_maxCount * 2));
    m_mask = m_table.size() - 1;
}

bool DedupWindow::checkAndInsert(std::string_view source, std::string_view id,
                                 std::int64_t nowMicros)
{
    if (m_maxCount == 0)
        return false;
    return checkAndInsert(fingerprintOf(source, id), nowMicros);
}

bool DedupWindow::checkAndInsert(Fingerprint key, std::int64_t nowMicros)
{
    if (m_maxCount == 0)
        return false;
    if (key == Fingerprint{})
        key.lo = 1;
    evictExpired(nowMicros);
    const std::size_t slot = findSlot(key);
    if (m_table[slot] == key) {
        ++m_counters.duplicates;
        return true;
    }
    if (m_size == m_maxCount) {
        evictOldest();
        ++m_counters.evictedByCount;
    }
    tableInsert(key);
    m_ring[(m_head + m_size) % m_maxCount] = Entry{key, nowMicros};
    ++m_size;
    ++m_counters.inserted;
    return false;
}

bool DedupWindow::contains(std::string_view source, std::string_view id) const
{
    if (m_maxCount == 0)
        return false;
    const Fingerprint key = fingerprintOf(source, id);
    return m_table[findSlot(key)] == key;
}

void DedupWindow::clear()
{
    std::fill(m_table.begin(), m_table.end(), Fingerprint{});
    m_head = 0;
    m_size = 0;
    m_counters = {};
}

std::size_t DedupWindow::memoryBytes() const
{
    return sizeof(*this) + m_ring.capacity() * sizeof(Entry)
           + m_table.capacity() * sizeof(Fingerprint);
}

void DedupWindow::evictExpired(std::int64_t nowMicros)
{
    if (m_maxAgeMicros == 0)
        return;
    // Written as a subtraction on the stored time so that huge `now` values cannot overflow.
    while (m_size > 0 && nowMicros - m_ring[m_head].insertedAt > m_maxAgeMicros) {
        evictOldest();
        ++m_counters.evictedByAge;
    }
}

void DedupWindow::evictOldest()
{
    tableErase(m_ring[m_head].key);
    m_head = (m_head + 1) % m_maxCount;
    --m_size;
}

std::size_t DedupWindow::findSlot(Fingerprint key) const
{
    std::size_t slot = key.lo & m_mask;
    // Terminates: the table is at most half full, so an empty slot always exists.
    while (!(m_table[slot] == key) && !(m_table[slot] == Fingerprint{}))
        slot = (slot + 1) & m_mask;
    return slot;
}

void DedupWindow::tableInsert(Fingerprint key)
{
    m_table[findSlot(key)] = key;
}

void DedupWindow::tableErase(Fingerprint key)
{
    std::size_t hole = findSlot(key);
    if (!(m_table[hole] == key))
        return;
    // Backward-shift deletion: pull later members of the probe run into the hole when their home
    // slot does not lie (cyclically) after the hole, so lookups never meet a false "empty".
    std::size_t next = (hole + 1) & m_mask;
    while (!(m_table[next] == Fingerprint{})) {
        const std::size_t home = m_table[next].lo & m_mask;
        if (((next - home) & m_mask) >= ((next - hole) & m_mask)) {
            m_table[hole] = m_table[next];
            hole = next;
        }
        next = (next + 1) & m_mask;
    }
    m_table[hole] = Fingerprint{};
}

} // namespace evflow::model
