// The memory a DedupWindow needs per remembered id (issue 7, point 5): declared in MemoryCase.h.
#include "bench/CountingAllocator.h"
#include "bench/MemoryCase.h"
#include "bench/RuntimeBenchSupport.h"

#include "model/DedupWindow.h"

#include <bit>
#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace evflow::bench {
namespace {

constexpr std::string_view kSource = "evflow:/bench/dedup-source-0001";

/// Inserts ids [from, to) (each "order-<i>", built without allocating), one per microsecond.
void insertIds(model::DedupWindow &window, std::size_t from, std::size_t to)
{
    char id[32] = "order-";
    for (std::size_t i = from; i < to; ++i) {
        const auto end = std::to_chars(id + 6, id + sizeof id, i).ptr;
        window.checkAndInsert(kSource, std::string_view(id, end - id),
                              static_cast<std::int64_t>(i));
    }
}

bool remembers(const model::DedupWindow &window, std::size_t index)
{
    const std::string id = "order-" + std::to_string(index);
    return window.contains(kSource, id);
}

/// What is wrong with a window of n ids after 2n distinct inserts; empty when right.
std::string checkWindow(const model::DedupWindow &window, std::size_t n)
{
    const model::DedupCounters &c = window.counters();
    if (window.size() != n || c.inserted != 2 * n || c.evictedByCount != n || c.duplicates != 0)
        return "size " + std::to_string(window.size()) + ", inserted " + std::to_string(c.inserted)
               + ", evicted " + std::to_string(c.evictedByCount) + ", duplicates "
               + std::to_string(c.duplicates);
    if (!remembers(window, 2 * n - 1) || !remembers(window, n) || remembers(window, n - 1))
        return "the window does not hold exactly the newest n ids";
    return {};
}

/// The bound from the layout in DedupWindow.h: a ring entry (fingerprint + time) per id and an
/// open-addressing table of bit_ceil(2n) fingerprints (load factor <= 1/2).
std::size_t layoutBytes(std::size_t n)
{
    return sizeof(model::DedupWindow) + n * (sizeof(model::Fingerprint) + sizeof(std::int64_t))
           + std::bit_ceil(2 * n) * sizeof(model::Fingerprint);
}

int measureWindow(std::size_t n)
{
    const std::uint64_t rssBefore = residentBytes();
    const std::int64_t heapBefore = allocationCounts().liveBytes;
    auto window = std::make_unique<model::DedupWindow>(n, 0);
    insertIds(*window, 0, n);
    const std::uint64_t rssFull = residentBytes();
    const std::int64_t heapFull = allocationCounts().liveBytes;
    const std::size_t memory = window->memoryBytes();
    insertIds(*window, n, 2 * n); // n more: every insert now evicts the oldest id
    const bool constant
        = window->memoryBytes() == memory && allocationCounts().liveBytes == heapFull;
    const std::string problem = checkWindow(*window, n);
    const double perId = static_cast<double>(memory) / n;
    std::printf("%10zu %12zu %8.1f %12lld %8.1f %12lld %8.1f %9s\n", n, memory, perId,
                static_cast<long long>(heapFull - heapBefore),
                static_cast<double>(heapFull - heapBefore) / n,
                static_cast<long long>(rssFull) - static_cast<long long>(rssBefore),
                (static_cast<double>(rssFull) - static_cast<double>(rssBefore)) / n,
                constant ? "yes" : "NO");
    if (memory != layoutBytes(n) || !problem.empty() || !constant) {
        std::printf("FAILED for n = %zu: %s\n", n,
                    !problem.empty() ? problem.c_str()
                    : !constant      ? "memory changed while evicting"
                                     : "memoryBytes() differs from the documented layout");
        return 1;
    }
    return 0;
}

} // namespace

int runDedupMemoryCase(const std::vector<std::size_t> &windowSizes)
{
    std::printf("== dedup window memory: DedupWindow(n, no age bound) filled with n ids, then n "
                "more (evicting)\n");
    std::printf("%10s %12s %8s %12s %8s %12s %8s %9s\n", "ids n", "memoryBytes", "B/id",
                "new() bytes", "B/id", "RSS growth", "B/id", "constant");
    int status = 0;
    for (std::size_t n : windowSizes)
        status |= n > 0 ? measureWindow(n) : 0;
    std::printf("bound: %zu + %zu n + %zu bit_ceil(2n) bytes, i.e. between %zu and %zu bytes per "
                "id (56 when n is a power of two, just under 88 just above one)\n",
                sizeof(model::DedupWindow), sizeof(model::Fingerprint) + sizeof(std::int64_t),
                sizeof(model::Fingerprint),
                sizeof(model::Fingerprint) + sizeof(std::int64_t) + 2 * sizeof(model::Fingerprint),
                sizeof(model::Fingerprint) + sizeof(std::int64_t) + 4 * sizeof(model::Fingerprint));
    return status;
}

} // namespace evflow::bench
