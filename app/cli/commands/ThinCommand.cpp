// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ThinCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/sparsity/Thinner.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sparsescope::app {

void ThinCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("thin",
                                  "Remove zero filters, channels and neurons: write a "
                                  "physically smaller model that computes the same");
    m_app->add_option("--model", m_model, "run folder, archive or built-in name")->required();
    m_app->add_option("--out", m_out, "model file to write (LibTorch archive)")->required();
}

int ThinCommand::run(std::stop_token)
{
    const auto result = core::Thinner::thin(core::Model::load(m_model));
    result.model.save(m_out);
    auto report = std::filesystem::path(m_out);
    report.replace_extension(".thinning.json");
    std::ofstream out(report);
    out << result.toJson() << "\n";
    if (!out)
        throw core::Error(report.string(), "cannot write thinning report");
    std::printf("%-12s %12s %12s %14s %14s\n", "layer", "outputs", "inputs", "params", "MACs");
    for (const auto &l : result.layers)
        std::printf("%-12s %5lld->%-6lld %5lld->%-6lld %6lld->%-7lld %6lld->%-7lld\n",
                    l.name.c_str(), (long long)l.outputsBefore, (long long)l.outputsAfter,
                    (long long)l.inputsBefore, (long long)l.inputsAfter,
                    (long long)l.parametersBefore, (long long)l.parametersAfter,
                    (long long)l.macsBefore, (long long)l.macsAfter);
    std::printf("wrote %s and %s\n", m_out.c_str(), report.string().c_str());
    return 0;
}

} // namespace sparsescope::app
