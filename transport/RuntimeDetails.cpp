#include "transport/RuntimeDetails.h"

#include "transport/FlowRuntime.h"

namespace evflow::transport {

model::DetailAnswer answerDetail(const FlowRuntime &runtime, const model::DetailRequest &request)
{
    model::DetailAnswer answer;
    answer.request = request;
    switch (request.kind) {
    case model::DetailKind::RecentEvents:
        answer.recentEvents = runtime.recentEvents(model::NodeId{request.subject});
        break;
    case model::DetailKind::Trace: answer.hops = runtime.trace(request.subject); break;
    case model::DetailKind::Projection:
        answer.rows = runtime.projection(model::NodeId{request.subject});
        break;
    }
    return answer;
}

} // namespace evflow::transport
