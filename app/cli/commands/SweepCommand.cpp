// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepCommand.h"

#include "commands/SweepCollectCommand.h"
#include "commands/SweepPlanCommand.h"
#include "commands/SweepRunCommand.h"
#include "commands/SweepStatusCommand.h"
#include "commands/SweepTaskCommand.h"

namespace sparsescope::cli {

SweepCommand::SweepCommand()
{
    m_subcommands.push_back(std::make_unique<SweepPlanCommand>());
    m_subcommands.push_back(std::make_unique<SweepRunCommand>());
    m_subcommands.push_back(std::make_unique<SweepStatusCommand>());
    m_subcommands.push_back(std::make_unique<SweepCollectCommand>());
    m_subcommands.push_back(std::make_unique<SweepTaskCommand>());
}

SweepCommand::~SweepCommand() = default;

void SweepCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "sweep",
        "Grids of training runs: plan them into a sweep folder, run them here or on a "
        "Slurm cluster, follow them, collect the finished members into a series");
    m_app->require_subcommand(1);
    for (auto &subcommand : m_subcommands)
        subcommand->setup(*m_app, global);
}

int SweepCommand::run(std::stop_token stop)
{
    for (auto &subcommand : m_subcommands)
        if (subcommand->app()->parsed())
            return subcommand->run(stop);
    return 2;
}

} // namespace sparsescope::cli
