#include "app/cli/Signals.h"

#include <atomic>
#include <csignal>

namespace evflow::cli {
namespace {

// Written by the handler: only a lock-free atomic may be touched there.
std::atomic<int> g_stopSignal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onStopSignal(int signal)
{
    g_stopSignal.store(signal, std::memory_order_relaxed);
}

} // namespace

void installStopSignals()
{
    g_stopSignal.store(0, std::memory_order_relaxed);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // no SA_RESTART: interrupted waits return EINTR
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool stopRequested()
{
    return g_stopSignal.load(std::memory_order_relaxed) != 0;
}

int stopSignal()
{
    return g_stopSignal.load(std::memory_order_relaxed);
}

} // namespace evflow::cli
