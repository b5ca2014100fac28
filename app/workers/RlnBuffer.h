// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnEvents.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sparsescope::app {

/// Where the running tabular comparison stands: model `index` of `total` (1-based), and the
/// fraction of that model's epochs done.
struct RlnProgress
{
    std::string model;
    std::uint64_t seed = 0;
    int index = 0;
    int total = 0;
    double modelFraction = 0.0;

    /// 0 … 1 over the whole job.
    double overall() const
    {
        return total > 0 ? (double(index - 1) + modelFraction) / double(total) : 0.0;
    }
};

/// What an RLN job reported since the GUI last looked.
struct RlnUpdates
{
    std::optional<std::vector<std::string>> features;
    /// Every epoch in order, without the matrices (for the curves).
    std::vector<core::RlnEpoch> epochs;
    /// The newest epoch with its matrices; a newer one replaces one not yet drawn.
    std::optional<core::RlnEpoch> latest;
    /// The newest epoch that carried log-strengths (an RLN network), when `latest` did not:
    /// the strengths view keeps the RLN picture while a plain network or the trees follow.
    std::optional<core::RlnEpoch> latestStrengths;
    std::vector<core::ModelScore> scores;
    std::vector<std::string> messages;
    std::optional<RlnProgress> progress;

    bool empty() const
    {
        return !features && epochs.empty() && !latest && !latestStrengths && scores.empty()
            && messages.empty() && !progress;
    }
};

/// The hand-over point between the RLN worker thread and the GUI, which drains it on a timer.
/// The lock is held only to append or to swap.
class RlnBuffer
{
public:
    // Each returns true when the buffer was empty before (as TrainingBuffer): the one moment
    // the GUI needs telling.
    bool setFeatures(std::vector<std::string> names);
    bool modelStarted(const std::string &model, std::uint64_t seed, int index, int total);
    bool appendEpoch(const core::RlnEpoch &epoch);
    bool appendScore(const core::ModelScore &score);
    bool appendMessage(std::string message);
    /// Everything since the last take().
    RlnUpdates take();

    void setResult(core::RlnResult result);
    std::optional<core::RlnResult> takeResult();

private:
    std::mutex m_mutex;
    RlnUpdates m_pending;
    RlnProgress m_progress;
    std::optional<core::RlnResult> m_result;
};

} // namespace sparsescope::app
