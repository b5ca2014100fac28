// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Receives plain values from a running Trainer, on the trainer's thread. Implementations must be
/// quick (append to a buffer); the default implementations ignore everything.
class TrainingObserver
{
public:
    virtual ~TrainingObserver() = default;
    virtual void onBatch(const BatchMetrics &) { }
    virtual void onEpochEnd(const EpochMetrics &) { }
    virtual void onStructure(const std::vector<LayerStructure> &) { }
    virtual void onFilters(const FilterImages &) { }
    /// Seconds between live snapshots (onStructure and onFilters) within an epoch; 0 (the
    /// default: nobody is watching) sends them only at each epoch's end. The GUI asks for 0.1,
    /// ten updates a second. Asked once, when the run starts.
    virtual double snapshotInterval() const { return 0.0; }
    /// Human-readable status lines ("loading fashion-mnist:train", "checkpoint written").
    virtual void onMessage(const std::string &) { }
};

} // namespace sparsescope::core
