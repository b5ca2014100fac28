// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ThinCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/sparsity/Thinner.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sparsescope::cli {

void ThinCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("thin",
                                  "Remove zero filters, channels, neurons, filter-shape columns "
                                  "and residual blocks: write a physically smaller model that "
                                  "computes the same");
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
    std::printf("%-18s %12s %12s %13s %16s %20s\n", "layer", "outputs", "inputs", "columns",
                "params", "MACs");
    for (const auto &l : result.layers) {
        char columns[32] = "-";
        if (l.columnsBefore > 0)
            std::snprintf(columns, sizeof columns, "%lld->%lld", (long long)l.columnsBefore,
                          (long long)l.columnsAfter);
        std::printf("%-18s %5lld->%-6lld %5lld->%-6lld %13s %7lld->%-8lld %9lld->%-10lld\n",
                    l.name.c_str(), (long long)l.outputsBefore, (long long)l.outputsAfter,
                    (long long)l.inputsBefore, (long long)l.inputsAfter, columns,
                    (long long)l.parametersBefore, (long long)l.parametersAfter,
                    (long long)l.macsBefore, (long long)l.macsAfter);
    }
    for (const auto &block : result.removedBlocks)
        std::printf("removed residual block %s (shortcut + constant remain)\n", block.c_str());
    std::printf("wrote %s and %s\n", m_out.c_str(), report.string().c_str());
    return 0;
}

} // namespace sparsescope::cli
