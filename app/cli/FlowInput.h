#pragma once

#include "model/Flow.h"

#include <optional>
#include <string>

namespace evflow::cli {

/// Loads and validates a flow file, printing every problem (errors and warnings) to standard
/// error as `FILE:LINE:COLUMN: SEVERITY: MESSAGE (at POINTER)`. Returns the flow only when it
/// loaded and has no errors.
std::optional<model::Flow> loadValidFlow(const std::string &file);

} // namespace evflow::cli
