// libFuzzer target: the flow-file loader (model/FlowFile.h). Any text must load or yield
// problems without a crash; a flow that loads must save, load again and save to the same bytes
// (PRODUCT.md §5: save → load → save is byte-identical).
#include "FuzzCheck.h"

#include "model/FlowFile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

std::string problemList(const evflow::model::LoadResult &result)
{
    std::string out;
    for (const auto &p : result.problems)
        out += evflow::model::formatProblem("saved", p) + "\n";
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace evflow;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const model::LoadResult first = model::parseFlow(text);
    if (!first.flow) {
        fuzz::check(!first.problems.empty(), "a flow that does not load has no problem");
        return 0;
    }
    const std::string saved = model::serializeFlow(*first.flow);
    const model::LoadResult second = model::parseFlow(saved);
    fuzz::check(second.flow.has_value(), "a saved flow does not load again",
                saved + "\n" + problemList(second));
    const std::string savedAgain = model::serializeFlow(*second.flow);
    fuzz::check(savedAgain == saved, "save -> load -> save is not byte-identical",
                saved + "\n---- saved again ----\n" + savedAgain);
    return 0;
}
