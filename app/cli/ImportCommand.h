#pragma once

#include <string>

namespace CLI {
class App;
}

namespace evflow::cli {

/// Arguments of `evflow import asyncapi DOC -o FLOW`.
struct ImportArgs
{
    std::string format;
    std::string document;
    std::string output;
};

/// Declares `import` on `app`; returns the command.
CLI::App *addImportCommand(CLI::App &app, ImportArgs &args);

/// Reads an AsyncAPI 2.x/3.0 document (JSON or YAML), writes the flow skeleton
/// (model::importAsyncApi) and prints each part not carried over as
/// "DOC: warning: MESSAGE (at POINTER)" on standard error. ExitInvalid with "DOC: error: ..." for
/// an unreadable or unusable document; the output is then not written.
int importDocument(const ImportArgs &args);

} // namespace evflow::cli
