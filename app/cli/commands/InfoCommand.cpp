// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/InfoCommand.h"

#include "sparsescope/core/models/Model.h"

#include <cstdio>

namespace sparsescope::cli {

void InfoCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("info", "Describe a model: layers, shapes, parameters, MACs");
    m_app->add_option("--model", m_model, "registry name, run folder, archive or TorchScript")
        ->required();
    m_app->add_flag("--json", m_json, "print JSON instead of a table");
    m_app->add_option("--input", m_input, "input C H W for built-in names (default 1 28 28)")
        ->expected(3)
        ->check(CLI::PositiveNumber);
    m_app->add_option("--classes", m_classes, "classes for built-in names (default 10)")
        ->check(CLI::Range(2, 100000));
}

int InfoCommand::run(std::stop_token)
{
    core::ModelOptions options;
    options.inChannels = m_input[0];
    options.height = m_input[1];
    options.width = m_input[2];
    options.numClasses = m_classes;
    const auto structure = core::Model::load(m_model, options).structure();
    std::printf("%s\n", m_json ? structure.toJson().c_str() : structure.toText().c_str());
    return 0;
}

} // namespace sparsescope::cli
