// Replaces the global operator new/delete of evflow-bench-runtime (and only of it: this file is
// linked into no library) with malloc/free plus relaxed atomic counters. Every form is replaced
// (plain, array, nothrow, sized, aligned), so that under AddressSanitizer an allocation and its
// release always go through the same pair of functions.
#include "bench/CountingAllocator.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace evflow::bench {
namespace {

std::atomic<std::uint64_t> g_allocations{0};
std::atomic<std::uint64_t> g_deallocations{0};
std::atomic<std::int64_t> g_liveBytes{0};
thread_local int t_uncountedDepth = 0;

void *allocate(std::size_t size, std::size_t alignment)
{
    if (size == 0)
        size = 1;
    void *p = alignment <= alignof(std::max_align_t)
                  ? std::malloc(size)
                  : std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
    if (p == nullptr)
        return nullptr;
    if (t_uncountedDepth == 0)
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    g_liveBytes.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)),
                          std::memory_order_relaxed);
    return p;
}

void *allocateOrThrow(std::size_t size, std::size_t alignment)
{
    if (void *p = allocate(size, alignment))
        return p;
    throw std::bad_alloc();
}

void release(void *p) noexcept
{
    if (p == nullptr)
        return;
    g_deallocations.fetch_add(1, std::memory_order_relaxed);
    g_liveBytes.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)),
                          std::memory_order_relaxed);
    std::free(p);
}

constexpr std::size_t kDefault = alignof(std::max_align_t);

} // namespace

AllocationCounts allocationCounts()
{
    return {g_allocations.load(std::memory_order_relaxed),
            g_deallocations.load(std::memory_order_relaxed),
            g_liveBytes.load(std::memory_order_relaxed)};
}

UncountedScope::UncountedScope()
{
    ++t_uncountedDepth;
}

UncountedScope::~UncountedScope()
{
    --t_uncountedDepth;
}

} // namespace evflow::bench

using evflow::bench::allocate;
using evflow::bench::allocateOrThrow;
using evflow::bench::kDefault;
using evflow::bench::release;

void *operator new(std::size_t size)
{
    return allocateOrThrow(size, kDefault);
}
void *operator new[](std::size_t size)
{
    return allocateOrThrow(size, kDefault);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size, kDefault);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size, kDefault);
}
void *operator new(std::size_t size, std::align_val_t align)
{
    return allocateOrThrow(size, static_cast<std::size_t>(align));
}
void *operator new[](std::size_t size, std::align_val_t align)
{
    return allocateOrThrow(size, static_cast<std::size_t>(align));
}
void *operator new(std::size_t size, std::align_val_t align, const std::nothrow_t &) noexcept
{
    return allocate(size, static_cast<std::size_t>(align));
}
void *operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t &) noexcept
{
    return allocate(size, static_cast<std::size_t>(align));
}

void operator delete(void *p) noexcept
{
    release(p);
}
void operator delete[](void *p) noexcept
{
    release(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    release(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    release(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    release(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    release(p);
}
void operator delete(void *p, std::align_val_t) noexcept
{
    release(p);
}
void operator delete[](void *p, std::align_val_t) noexcept
{
    release(p);
}
void operator delete(void *p, std::size_t, std::align_val_t) noexcept
{
    release(p);
}
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept
{
    release(p);
}
void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(p);
}
void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(p);
}
