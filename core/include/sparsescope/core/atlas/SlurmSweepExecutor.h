// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/SweepExecution.h"
#include "sparsescope/core/atlas/SweepPlan.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Runs the unfinished members of a sweep on a Slurm cluster: one `sbatch --array` job whose
/// task i runs `sparsescope-cli sweep task DIR --member <id i>` (the same command the local
/// executor runs, so both give the same results), followed with `squeue` until it leaves the
/// queue; each task's own task.json says how it ended (a task killed by Slurm leaves "running",
/// which counts as failed), and failed tasks are submitted again up to `retries` times.
/// The sweep folder must be on a filesystem every node sees. A stop cancels the job (scancel).
class SlurmSweepExecutor
{
public:
    /// The batch script for `members` (plan indices); written to DIR/slurm/ by run().
    static std::string script(const SweepPlan &plan, const SweepExecution &execution,
                              const std::vector<std::size_t> &members);
    static SweepRunSummary run(const SweepPlan &plan, const SweepExecution &execution,
                               JobObserver &observer = quietObserver(), std::stop_token stop = {});
};

} // namespace sparsescope::core
