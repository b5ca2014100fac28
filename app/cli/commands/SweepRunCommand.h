// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>
#include <vector>

namespace sparsescope::cli {

/// `sweep run DIR [--grid GRID.json] --executor local|slurm|print`: trains the members not yet
/// completed — here, N at once (local); as one Slurm array job, followed with squeue and failed
/// tasks resubmitted (slurm); or prints one task command per line for any other scheduler
/// (print). Re-running skips finished members.
class SweepRunCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_directory;
    std::string m_grid;
    std::string m_executor = "local";
    int m_jobs = 1;
    int m_threads = 1;
    int m_cpusPerTask = 0;
    int m_retries = 1;
    std::string m_partition;
    std::string m_time;
    std::vector<std::string> m_sbatch;
    double m_poll = 5.0;
};

} // namespace sparsescope::cli
