#pragma once

// The two versions of one realistic flow that TestCrashSafeSave and its helper process
// (SaveLoop.cpp) save in turn. Both sides build them, so the test knows the exact bytes a
// complete save of each leaves on disk.

#include "bench/BigFlow.h"
#include "model/Flow.h"

namespace evflow::ui::testing {

/// 'A' or 'B': a flow of about two thousand nodes (some 450 KiB saved, so a save takes
/// long enough to be killed in the middle). The two differ in size, name and content.
inline model::Flow saveLoopFlow(char version)
{
    model::Flow flow = bench::makeBigFlow(version == 'A' ? 2000 : 1900);
    flow.name = version == 'A' ? "crash-safe save A" : "crash-safe save B";
    return flow;
}

} // namespace evflow::ui::testing
