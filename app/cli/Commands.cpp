#include "app/cli/Commands.h"

#include "app/cli/FlowInput.h"
#include "app/cli/ImportCommand.h"
#include "app/cli/KeysCommand.h"
#include "app/cli/OutputFile.h"
#include "app/cli/RecordCommand.h"
#include "app/cli/ReportCommand.h"
#include "app/cli/Resources.h"
#include "app/cli/RunCommand.h"
#include "model/AsyncApiExport.h"
#include "model/DotExport.h"
#include "model/FlowFile.h"
#include "transport/ZmqInfo.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace evflow::cli {
namespace {

int validate(const std::string &file)
{
    const auto flow = loadValidFlow(file);
    if (!flow)
        return ExitInvalid;
    const auto count = [](std::size_t n, const char *noun) {
        return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    };
    std::cout << file << ": valid (" << count(flow->nodes.size(), "node") << ", "
              << count(flow->links.size(), "link") << ", "
              << count(flow->eventTypes.size(), "event type") << ")\n";
    return ExitOk;
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size()
           && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// AsyncAPI as YAML when asked for, or when the output file is named *.yaml / *.yml.
std::string asyncApiText(const model::Flow &flow, const std::string &output, bool yaml)
{
    yaml = yaml || endsWith(output, ".yaml") || endsWith(output, ".yml");
    return yaml ? model::toAsyncApiYaml(flow) : model::toAsyncApiJson(flow);
}

int exportFlow(const std::string &format, const std::string &file, const std::string &output,
               bool yaml)
{
    std::string text;
    if (format == "schema") {
        text = flowSchemaText();
    } else {
        // A re-format needs a loadable file, not a valid flow: semantic problems don't block it.
        auto result = model::loadFlowFile(file);
        if (!result.flow) {
            for (const auto &p : result.problems)
                std::cerr << model::formatProblem(file, p) << '\n';
            return ExitInvalid;
        }
        if (format == "asyncapi")
            text = asyncApiText(*result.flow, output, yaml);
        else
            text
                = format == "dot" ? model::toDot(*result.flow) : model::serializeFlow(*result.flow);
    }
    std::string error;
    if (!writeOutput(output, text, error)) {
        std::cerr << "evflow: " << error << '\n';
        return ExitInvalid;
    }
    return ExitOk;
}

} // namespace

int run(int argc, char **argv)
{
    CLI::App app{"evflow: design, run and watch event flows over ZeroMQ"};
    app.set_version_flag("--version",
                         std::string(EVFLOW_VERSION) + " (libzmq " + transport::zmqVersion() + ")");
    app.require_subcommand(1);

    std::string flowFile;
    auto *validateCmd = app.add_subcommand("validate", "Check a flow file; one line per problem");
    validateCmd->add_option("FLOW", flowFile, "Flow file")->required();

    std::string format;
    std::string exportFile;
    std::string output = "-";
    bool yaml = false;
    auto *exportCmd
        = app.add_subcommand("export", "Export a flow (asyncapi: AsyncAPI 3.0, json: canonical "
                                       "flow file, dot: Graphviz) or the flow schema");
    exportCmd->add_option("FORMAT", format, "asyncapi | schema | json | dot")
        ->required()
        ->check(CLI::IsMember({"asyncapi", "schema", "json", "dot"}));
    exportCmd->add_option("FLOW", exportFile, "Flow file (not for schema)");
    exportCmd->add_option("-o,--output", output, "Output file; - for standard output");
    exportCmd->add_flag("--yaml", yaml,
                        "asyncapi: write YAML (also chosen by an output named *.yaml or *.yml)");

    RunArgs runArgs;
    auto *runCmd = addRunCommand(app, runArgs);
    RecordArgs recordArgs;
    auto *recordCmd = addRecordCommand(app, recordArgs);
    ReportArgs reportArgs;
    auto *reportCmd = addReportCommand(app, reportArgs);
    ImportArgs importArgs;
    auto *importCmd = addImportCommand(app, importArgs);
    KeysArgs keysArgs;
    auto *keysCmd = addKeysCommand(app, keysArgs);

    try {
        app.parse(argc, argv);
        if (*exportCmd && format != "schema" && exportFile.empty())
            throw CLI::RequiredError("FLOW (export " + format + " needs a flow file)");
    } catch (const CLI::ParseError &e) {
        const int code = app.exit(e);
        return code == 0 ? ExitOk : ExitUsage;
    }
    if (*validateCmd)
        return validate(flowFile);
    if (*runCmd)
        return runFlow(runArgs);
    if (*recordCmd)
        return record(recordArgs);
    if (*reportCmd)
        return mergeReportFiles(reportArgs);
    if (*importCmd)
        return importDocument(importArgs);
    if (*keysCmd)
        return runKeys(*keysCmd, keysArgs);
    return exportFlow(format, exportFile, output, yaml);
}

} // namespace evflow::cli
