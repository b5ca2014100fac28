// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <memory>
#include <vector>

namespace sparsescope::cli {

/// `sweep plan|run|status|collect|task`: grids of training runs (issue 20) planned into a
/// sweep folder and run locally, on a Slurm cluster or by any scheduler (`--executor print`).
/// Holds the subcommands and runs the one that was parsed.
class SweepCommand : public Command
{
public:
    SweepCommand();
    ~SweepCommand() override;
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::vector<std::unique_ptr<Command>> m_subcommands;
};

} // namespace sparsescope::cli
