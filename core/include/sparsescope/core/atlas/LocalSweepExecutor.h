// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/SweepExecution.h"
#include "sparsescope/core/atlas/SweepPlan.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <stop_token>

namespace sparsescope::core {

/// Runs the unfinished members of a sweep as child processes on this machine, `jobs` at once,
/// each with `threads` LibTorch threads; a task's stderr goes to its member folder's task.log.
/// Progress: members finished of the members to run. A stop terminates the running tasks (each
/// records "cancelled"); finished members stay finished.
class LocalSweepExecutor
{
public:
    static SweepRunSummary run(const SweepPlan &plan, const SweepExecution &execution,
                               JobObserver &observer = quietObserver(), std::stop_token stop = {});
};

} // namespace sparsescope::core
