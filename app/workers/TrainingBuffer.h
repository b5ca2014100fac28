// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainResult.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sparsescope::app {

/// What a training job reported since the GUI last looked: plain values, in order per kind.
struct TrainingUpdates
{
    std::vector<core::BatchMetrics> batches;
    std::vector<core::EpochMetrics> epochs;
    std::vector<std::string> messages;
    /// Snapshots: only the latest matters, so a newer one replaces an older one not yet drawn.
    std::optional<std::vector<core::LayerStructure>> structure;
    std::optional<core::FilterImages> filters;

    bool empty() const
    {
        return batches.empty() && epochs.empty() && messages.empty() && !structure && !filters;
    }
};

/// The hand-over point between a worker thread and the GUI: the worker appends, the GUI takes
/// everything at once. The lock is held only to append or to swap, never while drawing.
class TrainingBuffer
{
public:
    /// Each append returns true when the buffer was empty before, i.e. exactly when the GUI has
    /// not yet been told about pending data; the caller then signals it once.
    bool appendBatch(const core::BatchMetrics &batch);
    bool appendEpoch(const core::EpochMetrics &epoch);
    bool appendMessage(std::string message);
    bool setStructure(std::vector<core::LayerStructure> structure);
    bool setFilters(core::FilterImages filters);
    /// Everything appended since the last take().
    TrainingUpdates take();

    /// The outcome of the finished run, kept until the GUI takes it.
    void setResult(core::TrainResult result);
    std::optional<core::TrainResult> takeResult();

private:
    std::mutex m_mutex;
    TrainingUpdates m_pending;
    std::optional<core::TrainResult> m_result;
};

} // namespace sparsescope::app
