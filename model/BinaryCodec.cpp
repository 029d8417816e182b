#include "model/BinaryCodec.h"

#include "model/LittleEndian.h"
#include "model/TextCheck.h"

#include <bit>
#include <cstring>
#include <string_view>

namespace evflow::model {

namespace {

using binding::Tag;

// ---- encoding -------------------------------------------------------------------------------

void putBytes(std::vector<std::byte> &out, std::string_view text)
{
    const auto *first = reinterpret_cast<const std::byte *>(text.data());
    out.insert(out.end(), first, first + text.size());
}

void encodeHeader(const Event &e, std::int64_t sendTime, std::vector<std::byte> &out)
{
    out.clear();
    out.insert(out.end(), std::begin(binding::kMagic), std::end(binding::kMagic));
    putLe(out, binding::kVersion, 1);
    putLe(out, 0, 1); // flags: none defined in v1
    putLe(out, binding::kSpecVersion10, 1);
    putLe(out, e.epoch, 4);
    putLe(out, e.sequence, 8);
    putLe(out, static_cast<std::uint64_t>(e.time), 8);
    putLe(out, static_cast<std::uint64_t>(sendTime), 8);
    for (const std::string *s : {&e.id, &e.source, &e.subject, &e.datacontenttype, &e.dataschema,
                                 &e.correlationid, &e.causationid}) {
        putLe(out, s->size(), 2); // checkEvent() bounds it by EventLimits::maxAttributeBytes
        putBytes(out, *s);
    }
}

void encodeValue(const FieldValue &value, std::vector<std::byte> &out)
{
    const auto tag = [&](Tag t) { out.push_back(static_cast<std::byte>(t)); };
    if (std::holds_alternative<std::monostate>(value)) {
        tag(Tag::Null);
    } else if (const auto *b = std::get_if<bool>(&value)) {
        tag(*b ? Tag::True : Tag::False);
    } else if (const auto *i = std::get_if<std::int64_t>(&value)) {
        tag(Tag::Int);
        putLe(out, static_cast<std::uint64_t>(*i), 8);
    } else if (const auto *d = std::get_if<double>(&value)) {
        tag(Tag::Double);
        putLe(out, std::bit_cast<std::uint64_t>(*d), 8);
    } else {
        const auto &s = std::get<std::string>(value);
        tag(Tag::String);
        putLe(out, s.size(), 4);
        putBytes(out, s);
    }
}

void encodeData(const Event &e, std::vector<std::byte> &out)
{
    out.clear();
    putLe(out, e.data.size(), 2);
    for (const DataField &f : e.data) {
        putLe(out, f.name.size(), 1);
        putBytes(out, f.name);
        encodeValue(f.value, out);
    }
}

// ---- decoding -------------------------------------------------------------------------------

CodecResult fail(CodecStatus status, std::string message)
{
    return CodecResult{status, std::move(message)};
}

/// A bounds-checked cursor over one frame. Every read first checks what is left, so no read can
/// pass the end whatever a length field claims.
class Reader
{
public:
    Reader(std::span<const std::byte> frame, const char *frameName)
        : m_frame(frame)
        , m_name(frameName)
    {
    }

    std::size_t offset() const { return m_offset; }
    std::size_t remaining() const { return m_frame.size() - m_offset; }

    /// Reads a `width`-byte little-endian unsigned integer; false when fewer bytes remain.
    bool le(int width, std::uint64_t &value)
    {
        if (remaining() < static_cast<std::size_t>(width))
            return false;
        value = 0;
        for (int i = 0; i < width; ++i)
            value |= std::to_integer<std::uint64_t>(m_frame[m_offset + i]) << (8 * i);
        m_offset += static_cast<std::size_t>(width);
        return true;
    }

    /// The next `size` bytes as text; false when fewer remain.
    bool text(std::size_t size, std::string_view &out)
    {
        if (remaining() < size)
            return false;
        out = {reinterpret_cast<const char *>(m_frame.data() + m_offset), size};
        m_offset += size;
        return true;
    }

    /// "<what> runs past the end of the header frame (offset 40, frame 64 bytes)".
    std::string pastEnd(const std::string &what) const
    {
        return what + " runs past the end of the " + m_name + " frame (offset "
               + std::to_string(m_offset) + ", frame " + std::to_string(m_frame.size()) + " bytes)";
    }

private:
    std::span<const std::byte> m_frame;
    const char *m_name;
    std::size_t m_offset = 0;
};

std::string tooLong(const std::string &what, std::size_t size, std::size_t limit)
{
    return what + " is " + std::to_string(size) + " bytes; at most " + std::to_string(limit)
           + " allowed";
}

CodecResult decodeType(std::span<const std::byte> frame, Event &out)
{
    if (frame.empty())
        return fail(CodecStatus::Malformed, "type frame is empty");
    if (frame.size() > EventLimits::maxAttributeBytes)
        return fail(CodecStatus::Malformed,
                    tooLong("type frame", frame.size(), EventLimits::maxAttributeBytes));
    const std::string_view type(reinterpret_cast<const char *>(frame.data()), frame.size());
    std::string problem = detail::textProblem(type, detail::TextRule::NoControlUtf8);
    if (!problem.empty())
        return fail(CodecStatus::Malformed, "type frame " + problem);
    out.type.assign(type);
    return {};
}

/// Magic and version come before the length check so that a v2 peer is told "unsupported
/// version" even if its header happens to be shorter than ours.
CodecResult checkPreamble(std::span<const std::byte> frame)
{
    if (frame.empty())
        return fail(CodecStatus::Malformed, "header frame is empty");
    if (frame[0] != binding::kMagic[0] || (frame.size() > 1 && frame[1] != binding::kMagic[1])) {
        return fail(CodecStatus::Malformed,
                    "header frame does not start with the evflow magic \"ev\"");
    }
    if (frame.size() > 2 && std::to_integer<unsigned>(frame[2]) != binding::kVersion) {
        return fail(CodecStatus::Unsupported, "unsupported binding version "
                                                  + std::to_string(std::to_integer<int>(frame[2]))
                                                  + " (this build reads version 1)");
    }
    if (frame.size() < binding::kMinHeaderBytes) {
        return fail(CodecStatus::Malformed,
                    "header frame is " + std::to_string(frame.size()) + " bytes; at least "
                        + std::to_string(binding::kMinHeaderBytes) + " needed");
    }
    if (const auto flags = std::to_integer<unsigned>(frame[3]); flags != 0) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%02x", flags);
        return fail(CodecStatus::Unsupported,
                    std::string("unsupported header flags ") + hex + " (version 1 defines none)");
    }
    if (const auto code = std::to_integer<unsigned>(frame[4]); code != binding::kSpecVersion10) {
        return fail(CodecStatus::Unsupported, "unsupported specversion code " + std::to_string(code)
                                                  + " (1 = \"1.0\" is the only one defined)");
    }
    return {};
}

CodecResult readAttribute(Reader &in, const char *name, bool required, std::string &out)
{
    // Messages are built only on failure: decoding must not allocate per event.
    const auto what = [name] { return std::string("attribute \"") + name + "\""; };
    std::uint64_t size = 0;
    std::string_view text;
    if (!in.le(2, size))
        return fail(CodecStatus::Malformed, in.pastEnd("length of " + what()));
    if (!in.text(size, text))
        return fail(CodecStatus::Malformed,
                    in.pastEnd(what() + " of length " + std::to_string(size)));
    if (size > EventLimits::maxAttributeBytes)
        return fail(CodecStatus::Malformed, tooLong(what(), size, EventLimits::maxAttributeBytes));
    if (required && text.empty())
        return fail(CodecStatus::Malformed, what() + " is missing or empty");
    std::string problem = detail::textProblem(text, detail::TextRule::NoControlUtf8);
    if (!problem.empty())
        return fail(CodecStatus::Malformed, what() + " " + problem);
    out.assign(text);
    return {};
}

CodecResult decodeHeader(std::span<const std::byte> frame, Event &out, std::int64_t *sendTime)
{
    if (CodecResult r = checkPreamble(frame); !r.ok())
        return r;
    Reader in(frame, "header");
    std::uint64_t skipped = 0, epoch = 0, time = 0, sent = 0;
    // The preamble check guaranteed kFixedHeaderBytes, so these reads cannot fail.
    in.le(5, skipped);
    in.le(4, epoch);
    in.le(8, out.sequence);
    in.le(8, time);
    in.le(8, sent);
    out.epoch = static_cast<std::uint32_t>(epoch);
    out.time = static_cast<std::int64_t>(time);
    if (out.time < EventLimits::minTime || out.time > EventLimits::maxTime) {
        return fail(CodecStatus::Malformed,
                    "time " + std::to_string(out.time) + " is outside the years 0000..9999");
    }
    out.specversion.assign("1.0");
    const std::pair<const char *, std::string *> attributes[] = {
        {"id", &out.id},
        {"source", &out.source},
        {"subject", &out.subject},
        {"datacontenttype", &out.datacontenttype},
        {"dataschema", &out.dataschema},
        {"correlationid", &out.correlationid},
        {"causationid", &out.causationid},
    };
    for (std::size_t i = 0; i < std::size(attributes); ++i) {
        if (CodecResult r = readAttribute(in, attributes[i].first, i < 2, *attributes[i].second);
            !r.ok())
            return r;
    }
    if (in.remaining() != 0) {
        return fail(CodecStatus::Malformed, "header frame has " + std::to_string(in.remaining())
                                                + " bytes after the last attribute");
    }
    if (sendTime != nullptr)
        *sendTime = static_cast<std::int64_t>(sent);
    return {};
}

/// "field \"name\"" for messages.
std::string fieldWhat(std::string_view name)
{
    return "field \"" + std::string(name) + "\"";
}

std::string fieldLabel(std::size_t index)
{
    return "field " + std::to_string(index);
}

/// Reads the name of field `index` into `name`, refusing empty, invalid and repeated names.
CodecResult readFieldName(Reader &in, std::size_t index, const std::vector<DataField> &done,
                          std::string &name)
{
    std::uint64_t size = 0;
    std::string_view text;
    if (!in.le(1, size))
        return fail(CodecStatus::Malformed, in.pastEnd(fieldLabel(index) + " name length"));
    if (!in.text(size, text)) {
        return fail(CodecStatus::Malformed,
                    in.pastEnd(fieldLabel(index) + " name of length " + std::to_string(size)));
    }
    if (text.empty())
        return fail(CodecStatus::Malformed, fieldLabel(index) + " has an empty name");
    std::string problem = detail::textProblem(text, detail::TextRule::NoControlUtf8);
    if (!problem.empty())
        return fail(CodecStatus::Malformed, fieldLabel(index) + " name " + problem);
    for (std::size_t k = 0; k < index; ++k) {
        if (done[k].name == text)
            return fail(CodecStatus::Malformed,
                        "field \"" + std::string(text) + "\" appears twice");
    }
    name.assign(text);
    return {};
}

CodecResult readString(Reader &in, std::string_view name, FieldValue &value)
{
    std::uint64_t size = 0;
    std::string_view text;
    if (!in.le(4, size))
        return fail(CodecStatus::Malformed, in.pastEnd(fieldWhat(name) + " string length"));
    if (!in.text(size, text)) {
        return fail(CodecStatus::Malformed,
                    in.pastEnd(fieldWhat(name) + " string of length " + std::to_string(size)));
    }
    if (size > EventLimits::maxStringValueBytes) {
        return fail(CodecStatus::Malformed,
                    tooLong(fieldWhat(name) + " value", size, EventLimits::maxStringValueBytes));
    }
    std::string problem = detail::textProblem(text, detail::TextRule::AnyUtf8);
    if (!problem.empty())
        return fail(CodecStatus::Malformed, fieldWhat(name) + " value " + problem);
    assignString(value, text);
    return {};
}

CodecResult readValue(Reader &in, std::string_view name, FieldValue &value)
{
    std::uint64_t tag = 0;
    std::uint64_t bits = 0;
    if (!in.le(1, tag))
        return fail(CodecStatus::Malformed, in.pastEnd(fieldWhat(name) + " type tag"));
    switch (static_cast<Tag>(tag)) {
    case Tag::Null: value.emplace<std::monostate>(); return {};
    case Tag::False: value.emplace<bool>(false); return {};
    case Tag::True: value.emplace<bool>(true); return {};
    case Tag::Int:
    case Tag::Double:
        if (!in.le(8, bits))
            return fail(CodecStatus::Malformed, in.pastEnd(fieldWhat(name) + " 8-byte value"));
        if (static_cast<Tag>(tag) == Tag::Int)
            value.emplace<std::int64_t>(static_cast<std::int64_t>(bits));
        else
            value.emplace<double>(std::bit_cast<double>(bits));
        return {};
    case Tag::String: return readString(in, name, value);
    }
    return fail(CodecStatus::Malformed,
                fieldWhat(name) + " has unknown type tag " + std::to_string(tag));
}

CodecResult decodeData(std::span<const std::byte> frame, Event &out)
{
    if (frame.empty())
        return fail(CodecStatus::Malformed, "data frame is empty");
    Reader in(frame, "data");
    std::uint64_t count = 0;
    if (!in.le(2, count))
        return fail(CodecStatus::Malformed, "data frame is 1 bytes; at least 2 needed");
    if (count > EventLimits::maxFields) {
        return fail(CodecStatus::Malformed,
                    "data frame declares " + std::to_string(count) + " fields; at most "
                        + std::to_string(EventLimits::maxFields) + " allowed");
    }
    // Existing fields are overwritten in place so their strings keep their capacity.
    for (std::size_t i = 0; i < count; ++i) {
        if (i == out.data.size())
            out.data.emplace_back();
        DataField &f = out.data[i];
        if (CodecResult r = readFieldName(in, i, out.data, f.name); !r.ok())
            return r;
        if (CodecResult r = readValue(in, f.name, f.value); !r.ok())
            return r;
    }
    out.data.resize(count);
    if (in.remaining() != 0) {
        return fail(CodecStatus::Malformed, "data frame has " + std::to_string(in.remaining())
                                                + " bytes after the last field");
    }
    return {};
}

} // namespace

CodecResult encodeFrames(const Event &event, std::int64_t sendTime, EncodedFrames &out)
{
    std::string problem = checkEvent(event);
    if (!problem.empty())
        return fail(CodecStatus::InvalidEvent, std::move(problem));
    out.type.clear();
    putBytes(out.type, event.type);
    encodeHeader(event, sendTime, out.header);
    encodeData(event, out.data);
    return {};
}

CodecResult decodeFrames(std::span<const std::byte> type, std::span<const std::byte> header,
                         std::span<const std::byte> data, Event &out, std::int64_t *sendTime)
{
    if (CodecResult r = decodeType(type, out); !r.ok())
        return r;
    if (CodecResult r = decodeHeader(header, out, sendTime); !r.ok())
        return r;
    return decodeData(data, out);
}

} // namespace evflow::model
