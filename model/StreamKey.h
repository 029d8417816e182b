#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace evflow::model {

/// Separator between the parts of a stream key: the ASCII unit separator, which checkEvent()
/// rejects in attributes, so no source or type can contain it and keys are unambiguous.
inline constexpr char kStreamKeySeparator = '\x1f';

/// Writes the sequence-stream key "source\x1ftype" into `out`, reusing its capacity (no
/// allocation once `out` has grown to the longest key). Sequence streams are per (source, event
/// type, epoch): a producer counts each event type from 0, so a consumer subscribed to some of
/// the types sees no false gaps; the epoch is passed to SequenceTracker separately.
inline void makeStreamKey(std::string &out, std::string_view source, std::string_view type)
{
    out.assign(source);
    out.push_back(kStreamKeySeparator);
    out.append(type);
}

/// The same key with the epoch appended ("source\x1ftype\x1f<epoch decimal>"), for code that
/// keeps one entry per (source, type, epoch) in a single map (the fault injector).
inline void makeStreamKey(std::string &out, std::string_view source, std::string_view type,
                          std::uint64_t epoch)
{
    makeStreamKey(out, source, type);
    out.push_back(kStreamKeySeparator);
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, epoch);
    out.append(digits, result.ptr);
}

/// The source part of a key made by makeStreamKey().
inline std::string_view streamKeySource(std::string_view key)
{
    return key.substr(0, key.find(kStreamKeySeparator));
}

/// The type part of a key made by makeStreamKey(out, source, type).
inline std::string_view streamKeyType(std::string_view key)
{
    const std::size_t separator = key.find(kStreamKeySeparator);
    return separator == std::string_view::npos ? std::string_view{} : key.substr(separator + 1);
}

} // namespace evflow::model
