#pragma once

#include <string>

namespace evflow::cli {

/// The JSON Schema of flow files (resources/flow.schema.json), compiled into the binary so that
/// an installed `evflow` needs no resource directory.
std::string flowSchemaText();

} // namespace evflow::cli
