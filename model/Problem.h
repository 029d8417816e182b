#pragma once

#include "model/Ids.h"

#include <string>
#include <vector>

namespace evflow::model {

enum class Severity { Error, Warning };

/// One finding about a flow or a flow file. `pointer` is the RFC 6901 JSON pointer of the value
/// the problem is about (e.g. "/nodes/2/properties/rate"), so a caller with a position index
/// can turn it into FILE:LINE:COLUMN. `node` names the node concerned, when there is one, so
/// the studio can select it.
struct Problem
{
    Severity severity = Severity::Error;
    std::string message;
    std::string pointer;
    NodeId node;
    /// 1-based line and column in the source text; 0 when not known (e.g. a flow built in memory).
    int line = 0;
    int column = 0;
};

using Problems = std::vector<Problem>;

/// True when at least one problem is an error (warnings alone do not make a flow invalid).
bool hasErrors(const Problems &problems);

/// "error" or "warning".
const char *severityName(Severity severity);

} // namespace evflow::model
