// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepPlanCommand.h"

#include "sparsescope/core/atlas/SweepPlan.h"

#include <cstdio>

namespace sparsescope::cli {

void SweepPlanCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("plan",
                                  "Expand a grid (JSON, see README: sweeps) into a sweep "
                                  "folder: one train config per member");
    m_app->add_option("--grid", m_grid, "the grid JSON")->required()->check(CLI::ExistingFile);
    m_app->add_option("--out", m_out, "the sweep folder")->required();
}

int SweepPlanCommand::run(std::stop_token)
{
    const auto plan = core::SweepPlan::write(core::SweepGrid::fromFile(m_grid), m_out);
    for (std::size_t i = 0; i < plan.members().size(); ++i)
        std::printf("%4zu  %s\n", i, plan.members()[i].id().c_str());
    std::printf("planned %zu members in %s (%zu to run)\n", plan.members().size(), m_out.c_str(),
                plan.unfinished().size());
    return 0;
}

} // namespace sparsescope::cli
