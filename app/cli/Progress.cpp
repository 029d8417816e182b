#include "app/cli/Progress.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace evflow::cli {
namespace {

/// Sums of the counters a person watches, over every node of the snapshot.
struct Totals
{
    std::uint64_t produced = 0;
    model::InputAccounting inputs;
};

Totals totalsOf(const model::RunSnapshot &snapshot)
{
    Totals t;
    for (const auto &n : snapshot.nodes) {
        t.produced += n.produced;
        if (n.role == model::NodeRole::Consumer || n.role == model::NodeRole::Processor)
            t.inputs += n.input;
    }
    return t;
}

/// 12345 -> "12.3k", 1234567 -> "1.23M": short enough for one terminal line.
std::string shortNumber(double v)
{
    char buf[32];
    if (v >= 1e6)
        std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
    else if (v >= 1e4)
        std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

double processedRate(const model::RunSnapshot &earlier, const model::RunSnapshot &later)
{
    const double seconds = double(later.run.takenAtMicros - earlier.run.takenAtMicros) / 1e6;
    if (seconds <= 0)
        return 0;
    const auto before = totalsOf(earlier).inputs.processed;
    const auto after = totalsOf(later).inputs.processed;
    return after >= before ? double(after - before) / seconds : 0;
}

} // namespace

Progress::Progress(bool enabled)
    : m_enabled(enabled)
    , m_terminal(enabled && ::isatty(STDERR_FILENO) == 1)
{
}

std::string Progress::line(const model::RunSnapshot &snapshot, double rate) const
{
    const Totals t = totalsOf(snapshot);
    std::ostringstream s;
    const int secs = int(snapshot.run.elapsedSeconds);
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", secs / 60, secs % 60);
    s << clock << "  " << shortNumber(rate) << " ev/s  produced " << t.produced << "  processed "
      << t.inputs.processed << "  dup " << t.inputs.duplicates << "  ooo " << t.inputs.outOfOrder
      << "  late " << t.inputs.late << "  gaps " << t.inputs.gaps << "  malformed "
      << t.inputs.malformed << "  "
      << (snapshot.accounting.balanced
              ? "balanced"
              : std::to_string(snapshot.accounting.unaccounted) + " in flight");
    return s.str();
}

void Progress::update(const model::RunSnapshot &snapshot)
{
    if (!m_terminal)
        return;
    if (m_hasPrevious && snapshot.run.takenAtMicros - m_previous.run.takenAtMicros < 500'000)
        return;
    const double rate = m_hasPrevious ? processedRate(m_previous, snapshot) : 0;
    std::cerr << '\r' << line(snapshot, rate) << "\x1b[K" << std::flush;
    m_drawn = true;
    m_previous = snapshot;
    m_hasPrevious = true;
}

void Progress::clearLine()
{
    if (m_drawn)
        std::cerr << '\r' << "\x1b[K" << std::flush;
    m_drawn = false;
}

void Progress::finish(const model::RunSnapshot &snapshot, const std::string &why)
{
    if (!m_enabled)
        return;
    if (m_drawn)
        std::cerr << '\r' << "\x1b[K";
    const double elapsed = snapshot.run.elapsedSeconds;
    const double rate = elapsed > 0 ? double(totalsOf(snapshot).inputs.processed) / elapsed : 0;
    std::cerr << "evflow: " << snapshot.run.flow << ": " << why << " after " << elapsed << " s\n"
              << "evflow: " << line(snapshot, rate) << '\n';
}

} // namespace evflow::cli
