// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingObserver.h"

#include <chrono>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// Prints a throttled progress line with ETA on stderr (\r-updated on terminals) and one line
/// per epoch. Silent when `quiet`.
class ProgressPrinter : public core::TrainingObserver
{
public:
    explicit ProgressPrinter(bool quiet);
    void onBatch(const core::BatchMetrics &metrics) override;
    void onEpochEnd(const core::EpochMetrics &metrics) override;
    void onMessage(const std::string &message) override;

    /// "1:05:09" / "3:07" style.
    static std::string formatDuration(double seconds);

private:
    bool m_quiet;
    bool m_terminal;
    bool m_lineOpen = false;
    bool m_started = false;
    std::vector<std::string> m_pending;
    std::chrono::steady_clock::time_point m_lastPrint;
};

} // namespace sparsescope::cli
