// libFuzzer target: the CloudEvents structured-mode JSON decoder (model/CloudEventJson.h). Any
// text must decode or yield an error message; a decoded event must write JSON that decodes to
// the same event and writes the same text again, and must encode in the binary binding too
// (both codecs enforce the same EventLimits, so either carries what the other accepts).
#include "FuzzCheck.h"

#include "model/BinaryCodec.h"
#include "model/CloudEventJson.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace evflow;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    model::Event event = fuzz::dirtyEvent();
    std::string error;
    if (!model::fromCloudEventJson(text, event, error)) {
        fuzz::check(!error.empty(), "a decode error has no message");
        return 0;
    }
    const std::string written = model::toCloudEventJson(event);
    model::Event again = fuzz::dirtyEvent();
    fuzz::check(model::fromCloudEventJson(written, again, error),
                "written CloudEvents JSON does not decode", error + "\n" + written);
    fuzz::check(fuzz::sameEvent(event, again), "decode -> write -> decode changes the event",
                written);
    const std::string writtenAgain = model::toCloudEventJson(again);
    fuzz::check(writtenAgain == written, "write -> decode -> write changes the text",
                written + "\n" + writtenAgain);

    model::EncodedFrames frames;
    const model::CodecResult encoded = model::encodeFrames(event, 0, frames);
    fuzz::check(encoded.ok(), "a decoded event does not encode in the binary binding",
                encoded.message + "\n" + written);
    model::Event binary = fuzz::dirtyEvent();
    fuzz::check(model::decodeFrames(frames.type, frames.header, frames.data, binary).ok()
                    && fuzz::sameEvent(event, binary),
                "the binary binding changes a decoded event", written);
    return 0;
}
