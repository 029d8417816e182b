#pragma once

#include "model/Event.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace evflow::model {

/// The evflow ZeroMQ binding of CloudEvents (docs/ZMQ-BINDING.md): one event is a three-frame
/// multipart message — the type (so SUB prefix filtering works), a versioned binary attribute
/// header, and the data fields in a compact binary encoding. This file knows bytes only; the
/// transport layer moves the frames. All functions are pure and thread-safe.
namespace binding {
inline constexpr std::byte kMagic[2] = {std::byte{'e'}, std::byte{'v'}};
inline constexpr std::uint8_t kVersion = 1;       ///< the only header version this build reads
inline constexpr std::uint8_t kSpecVersion10 = 1; ///< header code of CloudEvents "1.0"
/// magic(2) version(1) flags(1) specversion(1) epoch(4) sequence(8) time(8) sendtime(8).
inline constexpr std::size_t kFixedHeaderBytes = 33;
inline constexpr std::size_t kHeaderStrings = 7;
inline constexpr std::size_t kMinHeaderBytes = kFixedHeaderBytes + 2 * kHeaderStrings;
inline constexpr std::size_t kMinDataBytes = 2; ///< the u16 field count

/// Type tags of data field values in frame 3.
enum class Tag : std::uint8_t { Null = 0, False = 1, True = 2, Int = 3, Double = 4, String = 5 };
} // namespace binding

/// How an encode or decode went. `message` is empty when ok, otherwise one sentence saying
/// what is wrong and where (frame, attribute or field, byte offset).
enum class CodecStatus {
    Ok,
    Malformed,    ///< the bytes do not form a valid v1 message (truncated, bad length, ...)
    Unsupported,  ///< a well-formed message of a binding version or flag this build lacks
    InvalidEvent, ///< encode only: the event breaks CloudEvents rules or EventLimits
};

struct CodecResult
{
    CodecStatus status = CodecStatus::Ok;
    std::string message;

    bool ok() const { return status == CodecStatus::Ok; }
};

/// Reusable output buffers: encoding into the same EncodedFrames again reuses their capacity.
struct EncodedFrames
{
    std::vector<std::byte> type;
    std::vector<std::byte> header;
    std::vector<std::byte> data;
};

/// Encodes `event` into the three frames; `sendTime` (microseconds since the epoch, taken just
/// before sending) travels in the header so receivers can measure transport latency. Refuses,
/// with CodecStatus::InvalidEvent and checkEvent()'s message, an event that checkEvent()
/// rejects; `out` is then unspecified.
CodecResult encodeFrames(const Event &event, std::int64_t sendTime, EncodedFrames &out);

/// Decodes three frames into `out`, overwriting every member and reusing its capacity. Every
/// read is bounds-checked and every length is checked against the frame and EventLimits, so any
/// byte sequence yields either Ok or an error with a message; never a read out of bounds. On
/// success `*sendTime` (when given) receives the sender's timestamp. On error `out` holds
/// unspecified (but valid) values.
CodecResult decodeFrames(std::span<const std::byte> type, std::span<const std::byte> header,
                         std::span<const std::byte> data, Event &out,
                         std::int64_t *sendTime = nullptr);

} // namespace evflow::model
