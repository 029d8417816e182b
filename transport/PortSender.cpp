#include "transport/PortSender.h"

#include "transport/RunErrors.h"

#include "model/StreamEndMessage.h"

#include <algorithm>

namespace evflow::transport {

PortSender::PortSender(RunErrors &errors, model::NodeId node)
    : m_errors(errors)
    , m_node(std::move(node))
{
}

void PortSender::add(OutputSocket &socket, model::FaultInjector *channelFaults)
{
    m_targets.push_back({&socket, channelFaults});
}

bool PortSender::encode(const model::Event &event, model::EncodedFrames &frames)
{
    const model::CodecResult r = model::encodeFrames(event, systemMicrosNow(), frames);
    if (r.ok())
        return true;
    if (!m_reportedEncode) {
        // Once: a generator misconfiguration would otherwise flood the error queue.
        m_reportedEncode = true;
        m_errors.report(m_node, RunErrorKind::Io,
                        "event '" + event.id + "' cannot be encoded: " + r.message);
    }
    return false;
}

bool PortSender::sendFaulted(Target &target, const model::Event &event)
{
    bool ok = true;
    target.faults->apply(event, [&](const model::Event &out) {
        ok = ok && encode(out, m_faultedFrames)
             && target.socket->send(m_faultedFrames) == SendResult::Sent;
    });
    return ok;
}

bool PortSender::send(const model::Event &event)
{
    bool encoded = false;
    bool ok = true;
    for (Target &t : m_targets) {
        if (t.faults != nullptr) {
            ok = sendFaulted(t, event) && ok;
            continue;
        }
        if (!encoded) {
            if (!encode(event, m_frames))
                return false;
            encoded = true;
        }
        ok = t.socket->send(m_frames) == SendResult::Sent && ok;
    }
    return ok;
}

void PortSender::flush()
{
    for (Target &t : m_targets) {
        if (t.faults == nullptr)
            continue;
        t.faults->flush([&](const model::Event &out) {
            if (encode(out, m_faultedFrames))
                t.socket->send(m_faultedFrames);
        });
    }
}

void PortSender::service()
{
    for (Target &t : m_targets)
        t.socket->service();
}

bool PortSender::announces() const
{
    return std::any_of(m_targets.begin(), m_targets.end(),
                       [](const Target &t) { return t.socket->announces(); });
}

void PortSender::announce(const std::string &port, const model::StreamEnds &ends)
{
    if (!announces())
        return;
    model::StreamEndMessage message{m_node.value, port, {}};
    std::copy_if(ends.begin(), ends.end(), std::back_inserter(message.ends),
                 [&](const model::StreamEnd &end) { return end.port == port; });
    model::encodeStreamEnd(message, m_endFrames);
    for (Target &t : m_targets)
        t.socket->announce(m_endFrames);
}

} // namespace evflow::transport
