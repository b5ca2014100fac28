// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `sweep task DIR --member ID|INDEX [--threads T]`: trains one member in this process — what
/// every executor runs (a local child process, a Slurm array task, any other scheduler's job).
class SweepTaskCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_directory;
    std::string m_member;
    int m_threads = 1;
};

} // namespace sparsescope::cli
