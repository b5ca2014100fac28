// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnObserver.h"

#include <chrono>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// Progress of the `rln` command on stderr: a throttled line per training step (\r-updated on
/// terminals, one every 10 s in logs) and one line per finished model. Messages before the
/// first model runs are held back, so that bad input ends with exactly one stderr line.
class RlnProgress : public core::RlnObserver
{
public:
    explicit RlnProgress(bool quiet);
    void onModelStarted(const std::string &model, std::uint64_t seed, int fold, int index,
                        int total) override;
    void onBatch(const core::BatchMetrics &metrics) override;
    void onModelFinished(const core::ModelScore &score) override;
    void onMessage(const std::string &message) override;

private:
    void start();
    void closeLine();
    bool m_quiet;
    bool m_terminal;
    bool m_started = false;
    bool m_lineOpen = false;
    std::string m_label;
    std::vector<std::string> m_pending;
    std::chrono::steady_clock::time_point m_lastPrint;
};

} // namespace sparsescope::cli
