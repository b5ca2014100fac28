// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/HumansCommand.h"

#include "commands/HumansConsistencyCommand.h"
#include "commands/HumansFetchCommand.h"
#include "commands/HumansSummaryCommand.h"

namespace sparsescope::cli {

HumansCommand::HumansCommand()
{
    m_subcommands.push_back(std::make_unique<HumansSummaryCommand>());
    m_subcommands.push_back(std::make_unique<HumansConsistencyCommand>());
    m_subcommands.push_back(std::make_unique<HumansFetchCommand>());
}

HumansCommand::~HumansCommand() = default;

void HumansCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "humans",
        "Humans versus DNNs: accuracy, entropy and error consistency from psychophysics trial "
        "CSVs (`humans fetch` gets github.com/rgeirhos/generalisation-humans-DNNs)");
    m_app->require_subcommand(1);
    for (auto &subcommand : m_subcommands)
        subcommand->setup(*m_app, global);
}

int HumansCommand::run(std::stop_token stop)
{
    for (auto &subcommand : m_subcommands)
        if (subcommand->app()->parsed())
            return subcommand->run(stop);
    return 2;
}

} // namespace sparsescope::cli
