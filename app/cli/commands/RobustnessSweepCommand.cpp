// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/RobustnessSweepCommand.h"

#include "commands/JobProgress.h"
#include "commands/NumberCell.h"
#include "sparsescope/core/robustness/RobustnessSweep.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace sparsescope::cli {

void RobustnessSweepCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "robustness-sweep",
        "Robustness versus sparsity: prune a trained model to a series of sparsities (magnitude, "
        "frozen-zero fine-tuning), add given models (e.g. SSL runs), attack every member");
    m_app->add_option("--config", m_config, "sweep JSON (see README: robustness)")
        ->required()
        ->check(CLI::ExistingFile);
    m_app->add_option("--out", m_out, "folder for sweep.json, member folders and summary.csv")
        ->required();
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
    m_app->add_flag("--quiet", m_quiet, "no progress");
}

int RobustnessSweepCommand::run(std::stop_token stop)
{
    const auto config = core::SweepConfig::fromFile(m_config);
    JobProgress<core::SweepObserver> progress(m_quiet || m_global->quiet, "sweep");
    const auto rows = core::RobustnessSweep::run(config, m_out, progress, stop);
    progress.onFinished(
        stop.stop_requested() ? core::JobStatus::Cancelled : core::JobStatus::Completed, "");
    std::printf("%-18s %-10s %8s %8s %-9s %6s %8s %8s %10s\n", "member", "series", "sparsity",
                "clean", "attack", "eps", "adv_acc", "success", "mean_rho2");
    for (const auto &r : rows)
        std::printf(
            "%-18s %-10s %8s %8s %-9s %6s %8s %8s %10s\n", r.member.c_str(), r.series.c_str(),
            numberCell(r.sparsity).c_str(), numberCell(r.cleanAccuracy).c_str(),
            r.summary.attack.c_str(), numberCell(r.summary.epsilon, "%.3g").c_str(),
            numberCell(r.summary.adversarialAccuracy()).c_str(),
            numberCell(r.summary.successRate()).c_str(), numberCell(r.summary.meanRho2).c_str());
    std::printf("wrote %s/summary.csv\n", m_out.c_str());
    return stop.stop_requested() ? 130 : 0;
}

} // namespace sparsescope::cli
