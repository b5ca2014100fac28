// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/DistortionMatrixCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/psychophysics/DistortionMatrix.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace sparsescope::cli {

void DistortionMatrixCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "distortion-matrix",
        "Train on one distortion, test on all (Geirhos et al. 2018): one network per "
        "distortion plus a clean baseline, the train x test accuracy matrix");
    m_app->add_option("--config", m_config, "distortion-matrix JSON (see README)")->required();
    m_app
        ->add_option("--out", m_out,
                     "folder for config.json, data/, models/, matrix.csv, matrix-long.csv")
        ->required();
    m_app->add_option("--threads", global.threads, "threads (0: the config's, else all cores)");
    m_app->add_flag("--quiet", m_quiet, "no progress");
}

int DistortionMatrixCommand::run(std::stop_token stop)
{
    const auto start = std::chrono::steady_clock::now();
    auto config = core::DistortionMatrixConfig::fromFile(m_config);
    if (m_global->threads > 0)
        config.threads = m_global->threads;
    JobProgress<core::JobObserver> progress(m_quiet || m_global->quiet, "distortion-matrix");
    const auto result = core::DistortionMatrix::run(config, m_out, progress, stop);
    progress.onFinished(result.completed ? core::JobStatus::Completed : core::JobStatus::Cancelled,
                        "");
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-20s", "train \\ test");
    for (std::size_t c = 0; c < result.testNames.size(); ++c) {
        const std::string column = result.testNames[c]
            + (result.testLabels[c].empty() ? "" : " " + result.testLabels[c]);
        std::printf(" %22s", column.c_str());
    }
    std::printf("\n");
    for (std::size_t r = 0; r < result.trainNames.size(); ++r) {
        std::printf("%-20s", result.trainNames[r].c_str());
        for (double value : result.accuracy[r]) {
            if (std::isnan(value))
                std::printf(" %22s", "-");
            else
                std::printf(" %22.4f", value);
        }
        std::printf("\n");
    }
    std::printf("wrote %s/matrix.csv (%zu test images per cell, %s)\n", m_out.c_str(),
                result.testCount, ProgressLine::formatDuration(seconds).c_str());
    return stop.stop_requested() || !result.completed ? 130 : 0;
}

} // namespace sparsescope::cli
