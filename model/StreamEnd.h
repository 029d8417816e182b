#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace evflow::model {

/// How far a writer numbered one sequence stream: it stamped the sequence numbers [0, end) on
/// (source, type, epoch) and sent them on its output `port` (dropped ones included: a drop
/// consumes its number). Readers compare their books with it at the end of a run, so a loss
/// after the last event they received (PUB/SUB past its high-water mark, a dropped tail, a
/// stream of which nothing arrived) still counts as gaps instead of going unseen.
struct StreamEnd
{
    std::string port = "out";
    std::string source;
    std::string type;
    std::uint32_t epoch = 0;
    std::uint64_t end = 0;

    bool operator==(const StreamEnd &) const = default;
};

using StreamEnds = std::vector<StreamEnd>;

} // namespace evflow::model
