// libFuzzer target: the AsyncAPI importer (model/AsyncApiImport.h), JSON and YAML text. Any
// text must import or yield an error, never throw or crash; an imported flow must save as a
// flow file that loads again and saves to the same bytes (`evflow import asyncapi` writes it).
#include "FuzzCheck.h"

#include "model/AsyncApiImport.h"
#include "model/FlowFile.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace evflow;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const model::AsyncApiImport imported = model::importAsyncApiText(text);
    if (!imported.flow) {
        fuzz::check(!imported.error.empty(), "a failed import has no error");
        return 0;
    }
    const std::string saved = model::serializeFlow(*imported.flow);
    const model::LoadResult loaded = model::parseFlow(saved);
    std::string problems;
    for (const auto &p : loaded.problems)
        problems += model::formatProblem("imported", p) + "\n";
    fuzz::check(loaded.flow.has_value(), "an imported flow, saved, does not load",
                saved + "\n" + problems);
    fuzz::check(model::serializeFlow(*loaded.flow) == saved,
                "an imported flow does not save -> load -> save byte-identically", saved);
    return 0;
}
