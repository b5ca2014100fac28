// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sparsescope::core {

/// How an executor runs the members of a sweep.
struct SweepExecution
{
    /// The command that runs one task, before "sweep task DIR --member ID --threads T --quiet":
    /// the sparsescope-cli executable (absolute path, so that cluster nodes find it).
    std::vector<std::string> program;
    int threads = 1; ///< LibTorch threads per task (Slurm: also --cpus-per-task)
    int jobs = 1; ///< local: members trained at once
    int retries = 0; ///< failed members run again up to this many times
    // Slurm only, passed to sbatch when not empty.
    std::string partition;
    std::string timeLimit; ///< --time
    double pollSeconds = 2.0; ///< how often squeue is asked
    std::vector<std::string> sbatchArguments; ///< any further sbatch options

    /// `text` as one bash word: in single quotes ('\'' for a quote); with `onlyWhenNeeded`,
    /// words of safe characters (letters, digits, _-./=+:,) stay as they are.
    static std::string shellQuoted(const std::string &text, bool onlyWhenNeeded = false);
    /// The task command of member `id` of the sweep in `directory`.
    std::vector<std::string> taskCommand(const std::string &directory, const std::string &id) const;
};

/// What a sweep run did.
struct SweepRunSummary
{
    std::size_t members = 0; ///< in the plan
    std::size_t skipped = 0; ///< completed before this run
    std::size_t completed = 0; ///< by this run
    std::size_t failed = 0;
    std::size_t cancelled = 0;
    std::size_t submitted = 0; ///< tasks started or submitted, retries included
    std::string jobIds; ///< Slurm job ids, comma-separated
    double seconds = 0.0;
    std::string toText() const;
};

} // namespace sparsescope::core
