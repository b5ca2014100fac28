// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/SweepPlan.h"
#include "sparsescope/core/training/TrainingObserver.h"

#include <cstddef>
#include <stop_token>

namespace sparsescope::core {

/// One member of a sweep, trained in this process: what every executor runs (locally as a child
/// process, on a cluster as one array task), so that all of them give the same results.
class SweepTask
{
public:
    /// Trains member `index` of `plan` into its folder with `threads` LibTorch threads (0: all
    /// cores) and records the outcome in its task.json. A completed member is left as it is
    /// (returns Completed at once); any other member's earlier run files are cleared first, so a
    /// task killed half-way starts over. Returns Completed, Cancelled or Failed.
    static MemberState run(const SweepPlan &plan, std::size_t index, int threads,
                           TrainingObserver &observer = quietObserver<TrainingObserver>(),
                           std::stop_token stop = {});
};

} // namespace sparsescope::core
