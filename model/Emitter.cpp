#include "model/Emitter.h"

#include <algorithm>
#include <charconv>

namespace evflow::model {

std::string nodeSource(std::string_view flowName, const NodeId &node, std::string_view port)
{
    std::string name(flowName);
    std::replace(name.begin(), name.end(), ' ', '-');
    std::string source = "evflow:/" + name + "/" + node.value;
    if (!port.empty() && port != "out")
        source.append("/").append(port);
    return source;
}

namespace detail {

std::string idPrefix(const NodeId &node, std::uint32_t epoch)
{
    char hex[16];
    const auto result = std::to_chars(hex, hex + sizeof hex, epoch, 16);
    return node.value + "-" + std::string(hex, result.ptr) + "-";
}

void appendDecimal(std::string &out, std::uint64_t n)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, result.ptr);
}

} // namespace detail

Emitter::Emitter(std::string_view flowName, const NodeId &node, std::uint32_t epoch)
    : m_flowName(flowName)
    , m_node(node)
    , m_epoch(epoch)
    , m_idPrefix(detail::idPrefix(node, epoch))
{
}

void Emitter::stamp(Event &out, std::string_view port, const Event &cause)
{
    PortState &state = portState(port);
    // `out` may be `cause` itself: read cause.id and cause.correlationid before overwriting the
    // attributes they share with `out`.
    if (cause.correlationid.empty())
        out.correlationid.assign(cause.id);
    else if (&out != &cause)
        out.correlationid.assign(cause.correlationid);
    out.causationid.assign(cause.id);
    out.source.assign(state.source);
    out.epoch = m_epoch;
    out.sequence = nextSequence(state, out.type);
}

void Emitter::stampNew(Event &out, std::string_view port, const Event &cause)
{
    stamp(out, port, cause);
    out.id.assign(m_idPrefix);
    detail::appendDecimal(out.id, m_newIds++);
}

std::uint64_t Emitter::sent(std::string_view port, std::string_view type) const
{
    for (const PortState &state : m_ports) {
        if (state.port != port)
            continue;
        for (const auto &[name, next] : state.sequences)
            if (name == type)
                return next;
    }
    return 0;
}

StreamEnds Emitter::streamEnds() const
{
    StreamEnds ends;
    for (const PortState &state : m_ports)
        for (const auto &[type, next] : state.sequences)
            ends.push_back({state.port, state.source, type, m_epoch, next});
    return ends;
}

Emitter::PortState &Emitter::portState(std::string_view port)
{
    for (PortState &state : m_ports)
        if (state.port == port)
            return state;
    m_ports.push_back({std::string(port), nodeSource(m_flowName, m_node, port), {}});
    return m_ports.back();
}

std::uint64_t Emitter::nextSequence(PortState &state, std::string_view type)
{
    for (auto &[name, next] : state.sequences)
        if (name == type)
            return next++;
    state.sequences.emplace_back(std::string(type), 1);
    return 0;
}

} // namespace evflow::model
