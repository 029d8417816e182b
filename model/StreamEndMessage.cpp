#include "model/StreamEndMessage.h"

#include "model/LittleEndian.h"

#include <algorithm>
#include <cstdint>

namespace evflow::model {
namespace {

constexpr std::uint8_t kVersion = 1;
/// Smallest encoded end: two u16 lengths, u32 epoch, u64 end.
constexpr std::size_t kMinEndBytes = 2 + 2 + 4 + 8;

/// A u16 length and the bytes; longer texts are cut (node ids, ports, sources and types are
/// far shorter: EventLimits bounds them to 1024 bytes).
void putText(std::vector<std::byte> &out, std::string_view text)
{
    const std::size_t size = std::min<std::size_t>(text.size(), 0xFFFF);
    putLe(out, size, 2);
    const auto *first = reinterpret_cast<const std::byte *>(text.data());
    out.insert(out.end(), first, first + size);
}

/// Bounds-checked little-endian reads over one frame; the first failure is kept.
class FrameCursor
{
public:
    FrameCursor(std::span<const std::byte> bytes, const char *frame)
        : m_bytes(bytes)
        , m_frame(frame)
    {
    }

    bool number(std::uint64_t &value, std::size_t width, const char *what)
    {
        if (!need(width, what))
            return false;
        value = 0;
        for (std::size_t i = 0; i < width; ++i)
            value |= std::to_integer<std::uint64_t>(m_bytes[m_at + i]) << (8 * i);
        m_at += width;
        return true;
    }

    bool text(std::string &value, const char *what)
    {
        std::uint64_t size = 0;
        if (!number(size, 2, what) || !need(size, what))
            return false;
        value.assign(reinterpret_cast<const char *>(m_bytes.data() + m_at), size);
        m_at += size;
        return true;
    }

    std::size_t remaining() const { return m_bytes.size() - m_at; }
    std::size_t offset() const { return m_at; }
    const std::string &error() const { return m_error; }

private:
    bool need(std::size_t size, const char *what)
    {
        if (remaining() >= size)
            return true;
        m_error = std::string("stream-end message: ") + m_frame + " ends inside " + what
                  + " at byte " + std::to_string(m_at) + " (needs " + std::to_string(size)
                  + " bytes, " + std::to_string(remaining()) + " left)";
        return false;
    }

    std::span<const std::byte> m_bytes;
    const char *m_frame;
    std::size_t m_at = 0;
    std::string m_error;
};

CodecResult malformed(std::string message)
{
    return {CodecStatus::Malformed, std::move(message)};
}

CodecResult decodeHeader(std::span<const std::byte> header, StreamEndMessage &out)
{
    FrameCursor in(header, "frame 2");
    std::uint64_t version = 0;
    if (!in.number(version, 1, "the version"))
        return malformed(in.error());
    if (version != kVersion)
        return {CodecStatus::Unsupported, "stream-end message: version " + std::to_string(version)
                                              + " (this build reads " + std::to_string(kVersion)
                                              + ")"};
    if (!in.text(out.writer, "the writer") || !in.text(out.port, "the port"))
        return malformed(in.error());
    if (in.remaining() != 0)
        return malformed("stream-end message: frame 2 has " + std::to_string(in.remaining())
                         + " bytes after the port");
    return {};
}

CodecResult decodeEnds(std::span<const std::byte> data, StreamEndMessage &out)
{
    FrameCursor in(data, "frame 3");
    std::uint64_t count = 0;
    if (!in.number(count, 4, "the count"))
        return malformed(in.error());
    if (count > in.remaining() / kMinEndBytes)
        return malformed("stream-end message: frame 3 announces " + std::to_string(count)
                         + " ends in " + std::to_string(in.remaining()) + " bytes");
    out.ends.assign(count, StreamEnd{});
    for (StreamEnd &end : out.ends) {
        std::uint64_t epoch = 0;
        end.port = out.port;
        if (!in.text(end.source, "a source") || !in.text(end.type, "a type")
            || !in.number(epoch, 4, "an epoch") || !in.number(end.end, 8, "an end"))
            return malformed(in.error());
        end.epoch = static_cast<std::uint32_t>(epoch);
    }
    if (in.remaining() != 0)
        return malformed("stream-end message: frame 3 has " + std::to_string(in.remaining())
                         + " bytes after the last end");
    return {};
}

} // namespace

bool isStreamEndTopic(std::span<const std::byte> type)
{
    return !type.empty() && type.front() == std::byte{0};
}

void encodeStreamEnd(const StreamEndMessage &message, EncodedFrames &out)
{
    const auto *topic = reinterpret_cast<const std::byte *>(kStreamEndTopic.data());
    out.type.assign(topic, topic + kStreamEndTopic.size());
    out.header.clear();
    putLe(out.header, kVersion, 1);
    putText(out.header, message.writer);
    putText(out.header, message.port);
    out.data.clear();
    putLe(out.data, message.ends.size(), 4);
    for (const StreamEnd &end : message.ends) {
        putText(out.data, end.source);
        putText(out.data, end.type);
        putLe(out.data, end.epoch, 4);
        putLe(out.data, end.end, 8);
    }
}

CodecResult decodeStreamEnd(std::span<const std::byte> type, std::span<const std::byte> header,
                            std::span<const std::byte> data, StreamEndMessage &out)
{
    const auto *topic = reinterpret_cast<const std::byte *>(kStreamEndTopic.data());
    if (!std::equal(type.begin(), type.end(), topic, topic + kStreamEndTopic.size()))
        return {CodecStatus::Unsupported, "stream-end message: unknown control topic of "
                                              + std::to_string(type.size())
                                              + " bytes (this build reads evflow.end.v1)"};
    if (CodecResult r = decodeHeader(header, out); !r.ok())
        return r;
    return decodeEnds(data, out);
}

} // namespace evflow::model
