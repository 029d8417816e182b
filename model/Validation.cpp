#include "model/Validation.h"

#include "model/ValidationRules.h"

namespace evflow::model {

namespace detail {

void checkLayout(const Flow &flow, Problems &out)
{
    for (const auto &[id, position] : flow.layout)
        if (!flow.findNode(id))
            out.push_back(
                {Severity::Warning,
                 "layout has a position for node '" + id.value + "', which does not exist",
                 "/layout/" + escapePointerToken(id.value),
                 {}});
}

} // namespace detail

Problems validateFlow(const Flow &flow)
{
    // Rule by rule, each in node (or link) order: the same flow always gives the same list, and
    // problems about declarations come before the problems that follow from them.
    using Pass = void (*)(const Flow &, Problems &);
    static constexpr Pass passes[] = {
        detail::checkEventTypes,      detail::checkNodeIds,
        detail::checkProperties,      detail::checkFaultsAndDelivery,
        detail::checkGeneratorFields, detail::checkHosts,
        detail::checkLinks,           detail::checkUnconnectedPorts,
        detail::checkReachability,    detail::checkEndpointCollisions,
        detail::checkSecurity,        detail::checkCrossHostChannels,
        detail::checkLayout,
    };
    Problems problems;
    for (const Pass pass : passes)
        pass(flow, problems);
    return problems;
}

} // namespace evflow::model
