#include "model/Problem.h"

#include <algorithm>

namespace evflow::model {

bool hasErrors(const Problems &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem &p) { return p.severity == Severity::Error; });
}

const char *severityName(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

} // namespace evflow::model
