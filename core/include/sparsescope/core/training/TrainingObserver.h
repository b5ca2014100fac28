// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Receives plain values from a running Trainer, on the trainer's thread. Implementations must be
/// quick (append to a buffer); the default implementations ignore everything.
class TrainingObserver : public JobObserver
{
public:
    virtual void onBatch(const BatchMetrics &) { }
    virtual void onEpochEnd(const EpochMetrics &) { }
    virtual void onStructure(const std::vector<LayerStructure> &) { }
    virtual void onFilters(const FilterImages &) { }
    /// Seconds between live snapshots (onStructure and onFilters) within an epoch; 0 (the
    /// default: nobody is watching) sends them only at each epoch's end. The GUI asks for 0.1,
    /// ten updates a second. Asked once, when the run starts.
    virtual double snapshotInterval() const { return 0.0; }
};

} // namespace sparsescope::core
