#pragma once

#include "model/Flow.h"
#include "model/JsonPositions.h"
#include "model/Problem.h"

#include <optional>
#include <string>
#include <string_view>

namespace evflow::model {

/// The flow file format version this build writes. Older versions are migrated on load;
/// newer ones are refused with a clear message.
inline constexpr int kFlowFormatVersion = 2;

/// Loader limits (PRODUCT.md §5).
inline constexpr std::size_t kMaxFlowFileBytes = 16u * 1024u * 1024u;
inline constexpr int kMaxJsonDepth = 64;

/// The outcome of reading a flow file. `flow` is empty when the text could not be turned into a
/// flow at all (syntax, limits, duplicate keys, wrong types, missing required keys, newer
/// version): never a partial flow. With a flow, `problems` may still hold errors that leave it
/// loadable (unknown keys, which are kept in the flow's `extra` members and written back).
/// Problems carry pointer, line and column. `positions` maps pointers of this text to places,
/// so later (semantic) problems can be located too.
struct LoadResult
{
    std::optional<Flow> flow;
    Problems problems;
    JsonPositions positions;
    int sourceVersion = 0; ///< the formatVersion the file had (before migration)
};

/// Parses flow JSON text. Never throws.
LoadResult parseFlow(std::string_view text);

/// Reads and parses a flow file; a missing/unreadable/too large file is a problem at 1:1.
LoadResult loadFlowFile(const std::string &path);

/// The canonical text of a flow: fixed key order, 2-space indentation, trailing newline.
/// serialize(parse(serialize(f))) == serialize(f), byte for byte.
std::string serializeFlow(const Flow &flow);

/// "FILE:LINE:COLUMN: error: MESSAGE (at POINTER)" — the one format every tool prints.
std::string formatProblem(const std::string &file, const Problem &problem);

} // namespace evflow::model
