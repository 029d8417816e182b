#pragma once

// Little-endian integers in evflow's binary frames (the event envelope and the stream-end
// message of docs/ZMQ-BINDING.md), independent of the host's byte order.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace evflow::model {

/// Appends the low `width` bytes of `value`, least significant first.
inline void putLe(std::vector<std::byte> &out, std::uint64_t value, int width)
{
    for (int i = 0; i < width; ++i)
        out.push_back(static_cast<std::byte>((value >> (8 * i)) & 0xFFu));
}

} // namespace evflow::model
