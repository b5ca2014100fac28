// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepTaskCommand.h"

#include "commands/ProgressPrinter.h"
#include "sparsescope/core/atlas/SweepTask.h"

#include <cstdio>

namespace sparsescope::cli {

void SweepTaskCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("task",
                                  "Train one member of a sweep (what the executors run "
                                  "per task); exit 0 completed, 130 cancelled, 2 failed");
    m_app->add_option("dir", m_directory, "the sweep folder")->required();
    m_app->add_option("--member", m_member, "member id (series/label) or index")->required();
    m_app->add_option("--threads", m_threads, "LibTorch threads (0: all cores)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

int SweepTaskCommand::run(std::stop_token stop)
{
    const auto plan = core::SweepPlan::read(m_directory);
    const std::size_t index = plan.find(m_member);
    ProgressPrinter printer(m_global->quiet);
    const auto state = core::SweepTask::run(plan, index, m_threads, printer, stop);
    const std::string id = plan.members()[index].id();
    if (state == core::MemberState::Completed) {
        std::printf("member=%s state=completed\n", id.c_str());
        return 0;
    }
    std::fprintf(stderr, "sparsescope-cli: %s: %s\n", plan.memberDirectory(index).c_str(),
                 core::toString(state));
    return state == core::MemberState::Cancelled ? 130 : 2;
}

} // namespace sparsescope::cli
