// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/HumansFetchCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/psychophysics/HumanData.h"

#include <cstdio>

namespace sparsescope::cli {

void HumansFetchCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_url = core::HumanDataFetchOptions().url;
    m_app = parent.add_subcommand(
        "fetch",
        "Download the 2018 trials (a shallow git clone of "
        "github.com/rgeirhos/generalisation-humans-DNNs, CC BY 4.0) into the user's data "
        "folder and check them; the GUI's Humans vs DNNs tab then finds them by itself");
    m_app->add_option(
        "--dest", m_destination,
        "folder to clone into (default: " + core::HumanData::defaultDestination().string() + ")");
    m_app->add_option("--from", m_url, "repository URL or path (git clone syntax)")
        ->capture_default_str();
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

int HumansFetchCommand::run(std::stop_token stop)
{
    core::HumanDataFetchOptions options;
    options.url = m_url;
    options.destination = m_destination;
    JobProgress<core::JobObserver> progress(m_global->quiet, "fetch");
    const auto inventory = core::HumanData::fetch(options, progress, stop);
    progress.onFinished(inventory ? core::JobStatus::Completed : core::JobStatus::Cancelled, "");
    if (!inventory) {
        std::fprintf(stderr, "interrupted: nothing kept\n");
        return 130;
    }
    std::printf("%s: %zu experiments, %zu human trials", inventory->root.c_str(),
                inventory->experiments.size(), inventory->humanTrials);
    if (inventory->dnnExperiments > 0)
        std::printf(", DNN trials for %zu experiments", inventory->dnnExperiments);
    std::printf("\n");
    for (const auto &experiment : inventory->experiments)
        std::printf("  %-20s %3zu subjects %7zu trials\n", experiment.name.c_str(),
                    experiment.subjects, experiment.trials);
    std::printf("%s\n", core::HumanData::attribution());
    if (!inventory->licence.empty())
        std::printf("LICENSE.txt: %s\n", inventory->licence.c_str());
    return 0;
}

} // namespace sparsescope::cli
