#pragma once

// Internals of FlowRuntime: what a consumer or processor does with an accepted event. Included
// by transport .cpp files only.

#include "model/Emitter.h"
#include "model/Event.h"
#include "model/Flow.h"
#include "transport/PortSender.h"
#include "transport/RunErrors.h"
#include "transport/RuntimeMetrics.h"

#include <map>
#include <memory>
#include <string>

namespace evflow::transport {

/// The output ports of a node, by port name.
using PortSenders = std::map<std::string, std::unique_ptr<PortSender>>;

/// A node's action on the events its input accepted (InputOutcome::Act). Owned and called by the
/// node's worker thread only.
class NodeAction
{
public:
    virtual ~NodeAction() = default;
    /// Acts on `event`; false when the node looked at it and deliberately did nothing (the
    /// input counts it as filtered rather than processed).
    virtual bool act(const model::Event &event) = 0;
    /// Called about every 100 ms: flush files, publish read models.
    virtual void periodic() {}
    /// End of the run (after the input's last event).
    virtual void finish() { periodic(); }
};

/// What makeAction() needs from the worker.
struct ActionContext
{
    const model::Flow &flow;
    const model::Node &node;
    NodeMetrics &metrics;
    model::Emitter &emitter;
    PortSenders &ports;
    RunErrors &errors; ///< where a failed file write is reported (log, event-store)
};

/// The action of `ctx.node`'s kind. Returns null with `error` set when it cannot start (a log
/// or event-store file that cannot be opened: the message names the path).
std::unique_ptr<NodeAction> makeAction(const ActionContext &ctx, std::string &error);

} // namespace evflow::transport
