// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// What every CLI command's progress looks like on stderr: one throttled status line (\r-updated
/// on terminals five times a second, one line every 10 s in logs) with elapsed time and ETA, and
/// permanent lines for messages. Messages that come before the job's first step are held back
/// until it runs, so that bad input ends with exactly one stderr line (the error). Silent when
/// `quiet`.
class ProgressLine
{
public:
    explicit ProgressLine(bool quiet);

    /// A permanent line (held back until the first status or line() while nothing ran).
    void message(const std::string &text);
    /// A permanent line, shown at once.
    void line(const std::string &text);
    /// The throttled status line; `final` always prints (the last step of a stage).
    void status(const std::string &text, bool final = false);
    /// "label 3/7 (43%) 0:12 elapsed, 0:16 left" as the status line; total 0: no percentage.
    void progress(const std::string &label, std::size_t done, std::size_t total);
    /// Closes an open status line; prints "label: cancelled" and `summary` when given.
    void finished(const std::string &label, core::JobStatus status, const std::string &summary);
    /// Seconds since construction.
    double elapsed() const;

    /// "1:05:09" / "3:07" style.
    static std::string formatDuration(double seconds);

private:
    void start();
    void closeLine();
    bool m_quiet;
    bool m_terminal;
    bool m_started = false;
    bool m_lineOpen = false;
    std::vector<std::string> m_pending;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastPrint {};
};

} // namespace sparsescope::cli
