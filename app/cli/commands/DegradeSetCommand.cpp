// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/DegradeSetCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/DegradationBatch.h"

#include <cstdio>

namespace sparsescope::cli {

void DegradeSetCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("degrade-set",
                                  "Degrade a dataset at a list of levels: images per level and "
                                  "class, plus manifest.csv");
    m_app->add_option("--data", m_data, "dataset spec, e.g. folder:DIR or cifar10:DIR:test")
        ->required();
    m_arguments.declare(*m_app);
    m_app->add_option("--levels", m_levels, "comma-separated levels (default: the paper's)");
    m_app->add_option("--out", m_out, "output folder")->required();
    m_app->add_option("--limit", m_limit, "the first N images only");
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
    m_app->add_flag("--quiet", m_quiet, "no progress output");
}

int DegradeSetCommand::run(std::stop_token stop)
{
    const auto data = core::Dataset::fromSpec(m_data).first(m_limit);
    core::DegradeSetConfig config;
    config.type = m_arguments.info().name;
    config.levels = m_arguments.parseLevels(m_levels);
    config.seed = m_arguments.seedOrDefault();
    config.spectrum = m_arguments.loadSpectrum();
    config.outputDirectory = m_out;
    config.threads = m_global->threads;
    JobProgress<core::JobObserver> progress(m_quiet, "levels");
    const auto rows = core::DegradationBatch::writeSet(data, config, progress, stop);
    progress.onFinished(
        stop.stop_requested() ? core::JobStatus::Cancelled : core::JobStatus::Completed, "");
    if (stop.stop_requested()) {
        std::fprintf(stderr, "interrupted: wrote %zu images\n", rows.size());
        return 130;
    }
    std::printf("wrote %zu images (%zu levels x %zu) and %s/manifest.csv\n", rows.size(),
                config.levels.size(), data.size(), m_out.c_str());
    return 0;
}

} // namespace sparsescope::cli
