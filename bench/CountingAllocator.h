#pragma once

#include <cstdint>

namespace evflow::bench {

/// What the global operator new/delete of evflow-bench-runtime saw (CountingAllocator.cpp
/// replaces them for that one executable). Every C++ `new` of the process goes through them:
/// evflow's, the standard library's and libzmq's own C++ objects. Plain malloc() calls are not
/// seen, notably the bodies of ZeroMQ messages (zmq_msg_init_size); heaptrack sees those.
struct AllocationCounts
{
    std::uint64_t allocations = 0;   ///< calls of any operator new
    std::uint64_t deallocations = 0; ///< calls of any operator delete with a non-null pointer
    std::int64_t liveBytes = 0;      ///< usable bytes allocated and not yet freed

    AllocationCounts operator-(const AllocationCounts &earlier) const
    {
        return {allocations - earlier.allocations, deallocations - earlier.deallocations,
                liveBytes - earlier.liveBytes};
    }
};

/// The counts so far (any thread; relaxed reads, so a snapshot taken while other threads
/// allocate may mix their last few operations).
AllocationCounts allocationCounts();

/// While one exists on a thread, that thread's allocations are not counted in `allocations`
/// (its live bytes still are): the benchmark's own bookkeeping (snapshots, printing) stays out
/// of the runtime's per-event figure. Nests.
class UncountedScope
{
public:
    UncountedScope();
    ~UncountedScope();
    UncountedScope(const UncountedScope &) = delete;
    UncountedScope &operator=(const UncountedScope &) = delete;
};

} // namespace evflow::bench
