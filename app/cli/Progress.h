#pragma once

#include "model/RunSnapshot.h"

#include <string>

namespace evflow::cli {

/// The live progress line of `evflow run` on a terminal (standard error), redrawn in place at
/// most every half second: elapsed time, events/s, and the books across all inputs. Silent when
/// disabled or when standard error is not a terminal (logs and pipes get the final line only).
class Progress
{
public:
    explicit Progress(bool enabled);

    /// Redraws the line from a fresh snapshot (rate-limited).
    void update(const model::RunSnapshot &snapshot);
    /// Wipes the live line so that another message can take its place (it is redrawn on the
    /// next update).
    void clearLine();
    /// Ends the live line and prints the closing summary (when enabled).
    void finish(const model::RunSnapshot &snapshot, const std::string &why);

private:
    std::string line(const model::RunSnapshot &snapshot, double rate) const;

    bool m_enabled = false;
    bool m_terminal = false;
    bool m_drawn = false;
    model::RunSnapshot m_previous;
    bool m_hasPrevious = false;
};

} // namespace evflow::cli
