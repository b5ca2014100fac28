// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SweepCollectCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/Series.h"
#include "sparsescope/core/atlas/SweepPlan.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sparsescope::cli {

void SweepCollectCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("collect",
                                  "The completed members of a sweep as a series file "
                                  "(then: measure --series FILE)");
    m_app->add_option("dir", m_directory, "the sweep folder")->required();
    m_app->add_option("--out", m_out, "series file to write (default DIR/series.json)");
}

int SweepCollectCommand::run(std::stop_token)
{
    const auto plan = core::SweepPlan::read(m_directory);
    const auto series = core::Series::scan(m_directory);
    const std::string out
        = m_out.empty() ? (std::filesystem::path(m_directory) / "series.json").string() : m_out;
    requireWritable(out);
    const std::string base = std::filesystem::path(out).parent_path().string();
    {
        std::ofstream file(out);
        file << series.toJson(base.empty() ? "." : base);
        if (!file)
            throw core::Error(out, "cannot write the series file");
    }
    const std::size_t missing = plan.members().size() - series.members.size();
    std::printf("wrote %s: %zu members%s\nnext: sparsescope-cli measure --series %s\n", out.c_str(),
                series.members.size(),
                missing ? (" (" + std::to_string(missing) + " not completed, left out)").c_str()
                        : "",
                out.c_str());
    return 0;
}

} // namespace sparsescope::cli
