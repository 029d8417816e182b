#include "bench/RuntimeBenchSupport.h"

#include "model/FlowFile.h"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace evflow::bench {
namespace {

std::string countProblem(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return std::string(what) + " " + std::to_string(got) + ", expected " + std::to_string(expected);
}

} // namespace

model::Flow loadExampleFlow(const std::string &file)
{
    const std::string path = EVFLOW_SOURCE_DIR "/resources/examples/" + file;
    model::LoadResult loaded = model::loadFlowFile(path);
    if (!loaded.flow) {
        const std::string why
            = loaded.problems.empty() ? "unknown" : model::formatProblem(path, loaded.problems[0]);
        throw std::runtime_error("cannot load " + path + ": " + why);
    }
    return *loaded.flow;
}

void setGeneratorPacing(model::Flow &flow, const std::string &generatorId, std::int64_t count,
                        double rate, std::int64_t burstSize)
{
    model::Node *generator = flow.findNode(model::NodeId{generatorId});
    if (generator == nullptr)
        throw std::runtime_error("the flow has no node " + generatorId);
    generator->properties["count"] = count;
    generator->properties["rate"] = rate;
    generator->properties["burstSize"] = burstSize;
}

std::string runErrorText(const model::RunSnapshot &snapshot)
{
    std::string text;
    for (const auto &error : snapshot.run.errors) {
        text += text.empty() ? "" : "; ";
        text += error.node.empty() ? error.message : error.node + ": " + error.message;
    }
    return text;
}

std::string checkLosslessRun(const model::RunSnapshot &snapshot, const std::string &generatorId,
                             const std::string &consumerId)
{
    const auto *producer = snapshot.findNode(generatorId);
    const auto *consumer = snapshot.findNode(consumerId);
    if (producer == nullptr || consumer == nullptr)
        return "the snapshot lacks node " + generatorId + " or " + consumerId;
    const model::InputAccounting &in = consumer->input;
    if (producer->produced == 0)
        return "nothing was produced";
    if (in.processed != producer->produced)
        return countProblem("processed", in.processed, producer->produced);
    if (in.duplicates + in.gaps + in.malformed + in.late + in.outOfOrder != 0)
        return "duplicates, gaps, malformed, late or out-of-order events in a fault-free run";
    if (!snapshot.accounting.balanced)
        return "the books do not balance";
    if (!snapshot.run.errors.empty())
        return "run errors: " + runErrorText(snapshot);
    return {};
}

std::uint64_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::uint64_t totalPages = 0;
    std::uint64_t residentPages = 0;
    if (!(statm >> totalPages >> residentPages))
        return 0;
    return residentPages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::int64_t systemMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace evflow::bench
