// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SlurmSweepExecutor.h"

#include "atlas/SweepRunStart_p.h"
#include "common/ChildProcess_p.h"
#include "common/CsvText_p.h"
#include "common/WallClock_p.h"
#include "sparsescope/core/Error.h"

#include <chrono>
#include <filesystem>
#include <thread>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

struct CommandOutput
{
    detail::ChildExit exit;
    std::vector<std::string> lines; ///< stdout and stderr together
};

CommandOutput runCommand(const std::vector<std::string> &command)
{
    CommandOutput out;
    out.exit = detail::ChildProcess::run(
        command, {}, [&out](const std::string &line) { out.lines.push_back(line); }, {}, true);
    if (!out.exit.started)
        throw Error(command.front(), "cannot be run (is Slurm installed and on PATH?)");
    return out;
}

/// Submits the script; the job id.
std::string submit(const std::string &scriptPath)
{
    const auto out = runCommand({"sbatch", "--parsable", scriptPath});
    for (const auto &line : out.lines) {
        const auto digits = line.find_first_not_of("0123456789");
        const std::string id = line.substr(0, digits);
        if (out.exit.exitCode == 0 && !id.empty()
            && (digits == std::string::npos || line[digits] == ';'))
            return id;
    }
    throw Error(scriptPath,
                "sbatch refused it: "
                    + (out.lines.empty() ? "exit code " + std::to_string(out.exit.exitCode)
                                         : out.lines.back()));
}

/// True while any task of the job is pending or running (squeue lists it).
bool inQueue(const std::string &jobId)
{
    const auto out = runCommand({"squeue", "--noheader", "--jobs", jobId, "--format", "%i %T"});
    if (out.exit.exitCode != 0) {
        // A job purged from the controller's memory is an "Invalid job id": it has ended.
        for (const auto &line : out.lines)
            if (line.find("Invalid job id") != std::string::npos)
                return false;
        throw Error("squeue",
                    "failed for job " + jobId + ": "
                        + (out.lines.empty() ? std::string("no output") : out.lines.back()));
    }
    for (const auto &line : out.lines)
        if (!line.empty())
            return true;
    return false;
}

} // namespace

std::string SlurmSweepExecutor::script(const SweepPlan &plan, const SweepExecution &execution,
                                       const std::vector<std::size_t> &members)
{
    const std::string directory = fs::absolute(plan.directory()).lexically_normal().string();
    std::string text
        = "#!/bin/bash\n"
          "# Written by sparsescope-cli sweep run --executor slurm: one array task per "
          "member.\n";
    text += "#SBATCH --job-name=sparsescope-" + plan.name() + "\n";
    text += "#SBATCH --array=0-" + std::to_string(members.size() - 1) + "\n";
    text += "#SBATCH --cpus-per-task=" + std::to_string(execution.threads) + "\n";
    text += "#SBATCH --ntasks=1\n";
    text += "#SBATCH --output=" + directory + "/slurm/%A_%a.out\n";
    if (!execution.partition.empty())
        text += "#SBATCH --partition=" + execution.partition + "\n";
    if (!execution.timeLimit.empty())
        text += "#SBATCH --time=" + execution.timeLimit + "\n";
    for (const auto &argument : execution.sbatchArguments)
        text += "#SBATCH " + argument + "\n";
    text += "set -euo pipefail\nMEMBERS=(\n";
    for (std::size_t index : members)
        text += "  " + SweepExecution::shellQuoted(plan.members().at(index).id()) + "\n";
    text += ")\n";
    auto command = execution.taskCommand(directory, "MEMBER");
    text += "exec";
    for (const auto &argument : command)
        text += " "
            + (argument == "MEMBER" ? std::string("\"${MEMBERS[$SLURM_ARRAY_TASK_ID]}\"")
                                    : SweepExecution::shellQuoted(argument));
    return text + "\n";
}

SweepRunSummary SlurmSweepExecutor::run(const SweepPlan &plan, const SweepExecution &execution,
                                        JobObserver &observer, std::stop_token stop)
{
    const auto start = wall_clock::Clock::now();
    SweepRunSummary summary;
    std::vector<std::size_t> pending = startSweepRun(plan, execution, summary);
    const std::size_t toRun = pending.size();
    const fs::path slurmFolder = fs::path(plan.directory()) / "slurm";
    std::error_code ec;
    fs::create_directories(slurmFolder, ec);
    if (ec)
        throw Error(slurmFolder.string(), "cannot create the folder: " + ec.message());
    observer.onProgress(0, toRun);
    for (int attempt = 0; !pending.empty() && attempt <= execution.retries; ++attempt) {
        const std::string scriptPath
            = (slurmFolder / ("sweep-" + std::to_string(attempt + 1) + ".sbatch")).string();
        writeTextFile(scriptPath, script(plan, execution, pending));
        const std::string jobId = submit(scriptPath);
        summary.submitted += pending.size();
        summary.jobIds += (summary.jobIds.empty() ? "" : ",") + jobId;
        observer.onMessage("submitted Slurm job " + jobId + ": " + std::to_string(pending.size())
                           + " array tasks (" + scriptPath + ")");
        // Follow it until it leaves the queue.
        for (;;) {
            if (stop.stop_requested()) {
                runCommand({"scancel", jobId});
                observer.onMessage("cancelled Slurm job " + jobId);
                summary.cancelled = pending.size();
                summary.seconds = wall_clock::secondsSince(start);
                return summary;
            }
            const bool queued = inQueue(jobId);
            std::size_t done = summary.completed;
            for (std::size_t index : pending)
                done += plan.state(index) == MemberState::Completed;
            observer.onProgress(done, toRun);
            if (!queued)
                break;
            const auto until = std::chrono::steady_clock::now()
                + std::chrono::duration<double>(execution.pollSeconds);
            while (std::chrono::steady_clock::now() < until && !stop.stop_requested())
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::vector<std::size_t> failed;
        for (std::size_t index : pending) {
            if (plan.state(index) == MemberState::Completed)
                ++summary.completed;
            else
                failed.push_back(index);
        }
        for (std::size_t index : failed)
            observer.onMessage(plan.members()[index].id() + ": " + toString(plan.state(index))
                               + " (see " + slurmFolder.string() + "/" + jobId + "_*.out)");
        pending = failed;
    }
    summary.failed = pending.size();
    summary.seconds = wall_clock::secondsSince(start);
    return summary;
}

} // namespace sparsescope::core
