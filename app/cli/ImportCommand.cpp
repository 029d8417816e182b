#include "app/cli/ImportCommand.h"

#include "app/cli/Commands.h"
#include "app/cli/OutputFile.h"
#include "model/AsyncApiImport.h"
#include "model/FlowFile.h"
#include "model/YamlReader.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace evflow::cli {

CLI::App *addImportCommand(CLI::App &app, ImportArgs &args)
{
    auto *import = app.add_subcommand("import", "Make a flow skeleton from an AsyncAPI 2.x or "
                                                "3.0 document (JSON or YAML)");
    import->add_option("FORMAT", args.format, "asyncapi")
        ->required()
        ->check(CLI::IsMember({"asyncapi"}));
    import->add_option("DOC", args.document, "AsyncAPI document")->required();
    import->add_option("-o,--output", args.output, "Flow file to write; - for standard output")
        ->required();
    return import;
}

int importDocument(const ImportArgs &args)
{
    std::string text;
    std::string error;
    if (!readInput(args.document, model::kMaxYamlBytes, text, error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    const model::AsyncApiImport imported = model::importAsyncApiText(text);
    for (const model::ImportWarning &w : imported.warnings)
        std::cerr << args.document << ": warning: " << w.message << " (at " << w.pointer << ")\n";
    if (!imported.flow) {
        std::cerr << args.document << ": error: " << imported.error << '\n';
        return ExitInvalid;
    }
    if (!writeOutput(args.output, model::serializeFlow(*imported.flow), error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    return ExitOk;
}

} // namespace evflow::cli
