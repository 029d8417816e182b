#pragma once

#include "model/JsonPositions.h"

#include <nlohmann/json.hpp>

namespace evflow::model::detail {

/// Brings a flow document written in format version `from` (1 <= from < kFlowFormatVersion) up
/// to the current version, one step per version from a table, and sets its formatVersion.
/// Each step is a pure json -> json rewrite; it also records, in `positions`, where the values
/// it moved came from in the source text, so problems found later still point into that text.
/// Malformed input is moved as it is: the reader reports it afterwards.
void migrateFlow(nlohmann::json &doc, int from, JsonPositions &positions);

} // namespace evflow::model::detail
