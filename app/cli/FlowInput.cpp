#include "app/cli/FlowInput.h"

#include "model/FlowFile.h"
#include "model/Validation.h"

#include <iostream>

namespace evflow::cli {

std::optional<model::Flow> loadValidFlow(const std::string &file)
{
    auto result = model::loadFlowFile(file);
    model::Problems problems = result.problems;
    if (result.flow) {
        auto semantic = model::validateFlow(*result.flow);
        problems.insert(problems.end(), semantic.begin(), semantic.end());
    }
    for (auto &p : problems) {
        // Semantic problems know only their JSON pointer: locate them in this file's text.
        if (p.line == 0) {
            const auto pos = result.positions.find(p.pointer);
            p.line = pos.line;
            p.column = pos.column;
        }
        std::cerr << model::formatProblem(file, p) << '\n';
    }
    if (!result.flow || model::hasErrors(problems))
        return std::nullopt;
    return std::move(result.flow);
}

} // namespace evflow::cli
