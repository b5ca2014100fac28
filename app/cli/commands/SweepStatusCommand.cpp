// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepStatusCommand.h"

#include "sparsescope/core/atlas/SweepPlan.h"

#include <cstdio>

namespace sparsescope::cli {

void SweepStatusCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("status",
                                  "Where every member of a sweep stands (exit 0 when "
                                  "all completed, 3 when some are not)");
    m_app->add_option("dir", m_directory, "the sweep folder")->required();
}

int SweepStatusCommand::run(std::stop_token)
{
    const auto plan = core::SweepPlan::read(m_directory);
    std::fputs(plan.statusText().c_str(), stdout);
    return plan.unfinished().empty() ? 0 : 3;
}

} // namespace sparsescope::cli
