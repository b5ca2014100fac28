// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepRunCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/LocalSweepExecutor.h"
#include "sparsescope/core/atlas/SlurmSweepExecutor.h"

#include <cstdio>
#include <filesystem>

namespace sparsescope::cli {

namespace {

/// This program, by absolute path (cluster nodes run the same file on a shared filesystem).
std::string selfPath()
{
    std::error_code ec;
    const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("sparsescope-cli") : path.string();
}

} // namespace

void SweepRunCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("run",
                                  "Train the members of a sweep not yet completed: here "
                                  "(local), on Slurm (slurm) or print the task commands");
    m_app->add_option("dir", m_directory, "the sweep folder")->required();
    m_app->add_option("--grid", m_grid, "plan this grid into DIR first (as `sweep plan`)")
        ->check(CLI::ExistingFile);
    m_app->add_option("--executor", m_executor, "local, slurm or print (default local)")
        ->check(CLI::IsMember({"local", "slurm", "print"}));
    m_app->add_option("--jobs", m_jobs, "local: members trained at once (default 1)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--threads", m_threads, "LibTorch threads per member (default 1)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--retries", m_retries, "run a failed member again up to N times (default 1)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_option("--partition", m_partition, "slurm: sbatch --partition");
    m_app->add_option("--time", m_time, "slurm: sbatch --time (per task)");
    m_app
        ->add_option("--cpus-per-task", m_cpusPerTask,
                     "slurm: sbatch --cpus-per-task, also the task's threads (default --threads)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--sbatch", m_sbatch, "slurm: a further sbatch option (repeatable)");
    m_app->add_option("--poll", m_poll, "slurm: seconds between squeue calls (default 5)")
        ->check(CLI::PositiveNumber);
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

int SweepRunCommand::run(std::stop_token stop)
{
    const auto plan = m_grid.empty()
        ? core::SweepPlan::read(m_directory)
        : core::SweepPlan::write(core::SweepGrid::fromFile(m_grid), m_directory);
    core::SweepExecution execution;
    execution.program = {selfPath()};
    execution.threads = m_cpusPerTask > 0 ? m_cpusPerTask : m_threads;
    execution.jobs = m_jobs;
    execution.retries = m_retries;
    execution.partition = m_partition;
    execution.timeLimit = m_time;
    execution.sbatchArguments = m_sbatch;
    execution.pollSeconds = m_poll;
    if (m_executor == "print") {
        const std::string directory
            = std::filesystem::absolute(m_directory).lexically_normal().string();
        for (std::size_t index : plan.unfinished()) {
            std::string line;
            for (const auto &argument :
                 execution.taskCommand(directory, plan.members()[index].id()))
                line += (line.empty() ? "" : " ")
                    + core::SweepExecution::shellQuoted(argument, true);
            std::printf("%s\n", line.c_str());
        }
        return 0;
    }
    JobProgress<core::JobObserver> progress(m_global->quiet, "sweep");
    const auto summary = m_executor == "slurm"
        ? core::SlurmSweepExecutor::run(plan, execution, progress, stop)
        : core::LocalSweepExecutor::run(plan, execution, progress, stop);
    const bool cancelled = stop.stop_requested() || summary.cancelled > 0;
    progress.onFinished(cancelled                ? core::JobStatus::Cancelled
                            : summary.failed > 0 ? core::JobStatus::Failed
                                                 : core::JobStatus::Completed,
                        summary.toText());
    std::printf("%s\n", summary.toText().c_str());
    if (cancelled)
        return 130;
    return summary.failed > 0 ? 2 : 0;
}

} // namespace sparsescope::cli
