#pragma once

#include "model/BinaryCodec.h"
#include "model/StreamEnd.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace evflow::model {

/// The stream-end announcement: how a writer tells readers in other processes (other hosts)
/// how far it numbered its streams, so they can count a lost tail as gaps and know that the
/// writer is done. In one process the runtime hands StreamEnds over directly; across hosts the
/// only link between runners is the channel itself, so the ends travel on it as a control
/// message behind the writer's last events (docs/ZMQ-BINDING.md, "Stream-end messages").
///
/// Three frames like an event, so every evflow socket carries it unchanged: the topic
/// `kStreamEndTopic` (it starts with NUL, which no event type may contain, so it can never be
/// mistaken for an event and SUB sockets subscribe to it by prefix), the writer (node id and
/// port), and the ends.
struct StreamEndMessage
{
    std::string writer; ///< node id of the writer
    std::string port;   ///< the writer's output port the message was sent on
    StreamEnds ends;    ///< the ends of the streams numbered on `port`

    bool operator==(const StreamEndMessage &) const = default;
};

/// The first frame of every stream-end message (and the SUB prefix that selects them).
inline constexpr std::string_view kStreamEndTopic{"\0evflow.end.v1", 14};

/// True when a message's first frame is a stream-end topic (it starts with the reserved NUL);
/// cheap enough to call on every message.
bool isStreamEndTopic(std::span<const std::byte> type);

/// Encodes `message` into the three frames. Ends of other ports than `message.port` are
/// encoded too; callers pass only their port's.
void encodeStreamEnd(const StreamEndMessage &message, EncodedFrames &out);

/// Decodes three frames; every length is bounds-checked, so any bytes yield Ok or a Malformed
/// result that says what and at which byte. `out` is unspecified on error.
CodecResult decodeStreamEnd(std::span<const std::byte> type, std::span<const std::byte> header,
                            std::span<const std::byte> data, StreamEndMessage &out);

} // namespace evflow::model
