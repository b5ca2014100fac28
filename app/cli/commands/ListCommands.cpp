// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ListCommands.h"

#include "sparsescope/core/data/ReaderRegistry.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsescope/core/robustness/AttackRegistry.h"

#include <cstdio>

namespace sparsescope::cli {

void ModelsCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("models", "List the built-in model architectures");
}

int ModelsCommand::run(std::stop_token)
{
    for (const auto &entry : core::ModelRegistry::entries())
        std::printf("%-16s %s\n", entry.name.c_str(), entry.description.c_str());
    return 0;
}

void AttacksCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("attacks", "List the adversarial attacks");
}

int AttacksCommand::run(std::stop_token)
{
    for (const auto &info : core::AttackRegistry::list())
        std::printf("%-10s %-5s %s%s\n", info.name.c_str(), info.norm.c_str(),
                    info.description.c_str(), info.supportsTargets ? "" : " (untargeted only)");
    return 0;
}

void DatasetsCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("datasets", "List the dataset spec kinds and their syntax");
}

int DatasetsCommand::run(std::stop_token)
{
    for (const auto &entry : core::ReaderRegistry::entries())
        std::printf("%-28s %s\n", entry.syntax.c_str(), entry.description.c_str());
    std::printf("\nfashion-mnist is read from %s\n",
                core::ReaderRegistry::fashionMnistDirectory().c_str());
    return 0;
}

} // namespace sparsescope::cli
