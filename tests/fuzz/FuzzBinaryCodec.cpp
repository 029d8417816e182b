// libFuzzer target: the binary envelope decoder (model/BinaryCodec.h). The input is split into
// the three frames: byte 0 = length of the type frame, bytes 1-2 = length of the header frame
// (little endian), then the type frame, the header frame and, as the rest, the data frame (the
// lengths are cut to what is there). Every decode must be Ok or an error with a message; a
// decoded event must encode, decode again to the same event and encode to the same bytes, and
// must be expressible as CloudEvents JSON too (both codecs enforce the same EventLimits).
#include "FuzzCheck.h"

#include "model/BinaryCodec.h"
#include "model/CloudEventJson.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace {

using Bytes = std::span<const std::byte>;

bool sameBytes(const evflow::model::EncodedFrames &a, const evflow::model::EncodedFrames &b)
{
    return a.type == b.type && a.header == b.header && a.data == b.data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace evflow;
    if (size < 3)
        return 0;
    const Bytes input(reinterpret_cast<const std::byte *>(data), size);
    const std::size_t typeLength = std::min<std::size_t>(data[0], size - 3);
    const std::size_t headerLength
        = std::min<std::size_t>(data[1] | (std::size_t(data[2]) << 8), size - 3 - typeLength);
    const Bytes type = input.subspan(3, typeLength);
    const Bytes header = input.subspan(3 + typeLength, headerLength);
    const Bytes body = input.subspan(3 + typeLength + headerLength);

    model::Event event = fuzz::dirtyEvent();
    std::int64_t sendTime = 0;
    const model::CodecResult decoded = model::decodeFrames(type, header, body, event, &sendTime);
    if (!decoded.ok()) {
        fuzz::check(!decoded.message.empty(), "a decode error has no message");
        return 0;
    }
    model::EncodedFrames frames;
    const model::CodecResult encoded = model::encodeFrames(event, sendTime, frames);
    fuzz::check(encoded.ok(), "a decoded event does not encode", encoded.message);
    model::Event again = fuzz::dirtyEvent();
    std::int64_t sendTimeAgain = 0;
    const model::CodecResult redecoded
        = model::decodeFrames(frames.type, frames.header, frames.data, again, &sendTimeAgain);
    fuzz::check(redecoded.ok(), "re-encoded frames do not decode", redecoded.message);
    fuzz::check(fuzz::sameEvent(event, again) && sendTimeAgain == sendTime,
                "decode -> encode -> decode changes the event");
    model::EncodedFrames framesAgain;
    fuzz::check(model::encodeFrames(again, sendTimeAgain, framesAgain).ok()
                    && sameBytes(frames, framesAgain),
                "encode -> decode -> encode changes the bytes");

    const std::string json = model::toCloudEventJson(event);
    model::Event fromJson;
    std::string error;
    fuzz::check(model::fromCloudEventJson(json, fromJson, error),
                "a decoded event's CloudEvents JSON does not decode", error + "\n" + json);
    return 0;
}
