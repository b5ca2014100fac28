// SPDX-License-Identifier: GPL-3.0-or-later
// Private: what the local and Slurm executors start from.
#pragma once

#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/SweepExecution.h"
#include "sparsescope/core/atlas/SweepPlan.h"

#include <vector>

namespace sparsescope::core {

/// Checks that there is a program to run tasks with, counts the plan's members and those
/// already completed into `summary`, and returns the members still to run (plan order).
inline std::vector<std::size_t>
startSweepRun(const SweepPlan &plan, const SweepExecution &execution, SweepRunSummary &summary)
{
    if (execution.program.empty())
        throw Error(plan.directory(), "no program to run the sweep's tasks with");
    std::vector<std::size_t> pending = plan.unfinished();
    summary.members = plan.members().size();
    summary.skipped = summary.members - pending.size();
    return pending;
}

} // namespace sparsescope::core
