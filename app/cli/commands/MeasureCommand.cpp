// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/MeasureCommand.h"

#include "commands/CommaList.h"
#include "commands/JobProgress.h"
#include "commands/NumberCell.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/SeriesMeasure.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace sparsescope::cli {

void MeasureCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "measure",
        "Measure every member of a series side by side (atlas.csv): structure, "
        "latency, clean, adversarial and corruption accuracy, human-likeness");
    m_app
        ->add_option("--series", m_series,
                     "a series file, a sweep folder (its completed members) or a folder of run "
                     "folders")
        ->required();
    m_app->add_option("--measures", m_measures,
                      "comma-separated: structure, latency, clean, adversarial, corruption, "
                      "humans (default all)");
    m_app->add_option("--out", m_out, "folder for atlas.csv (default: the series folder)");
    m_app->add_option("--data", m_data, "test data spec (default: each member's own)");
    m_app->add_option("--limit", m_limit, "the first N test images (as eval --limit)");
    m_app->add_option("--seed", m_seed, "seed of attacks, noise and bootstrap (default 1)");
    m_app->add_option("--epsilons", m_epsilons, "FGSM and PGD budgets (default 0.03,0.1)")
        ->delimiter(',');
    m_app->add_option("--attack-limit", m_attackLimit, "attacked images (default 500)");
    m_app->add_option("--degradations", m_degradations,
                      "comma-separated types (default: every one that applies to the data)");
    m_app->add_option("--latency-repeats", m_latencyRepeats, "timed runs (median; default 10)")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--stimuli", m_stimuli, "humans: a 16-class stimulus folder");
    m_app->add_option("--humans", m_humans, "humans: the 2018 trial data (a clone or raw-data)");
    m_app->add_option("--bootstrap", m_bootstrap, "resamples of the kappa interval (default 1000)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_option("--reference", m_reference,
                      "member the corruption error is relative to (default: per series the "
                      "least sparse)");
    m_app->add_option("--threads", global.threads, "LibTorch threads (0: all cores)");
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

int MeasureCommand::run(std::stop_token stop)
{
    core::MeasureSettings settings;
    settings.measures = commaList(m_measures);
    settings.data = m_data;
    settings.limit = m_limit;
    settings.seed = m_seed;
    if (!m_epsilons.empty())
        settings.epsilons = m_epsilons;
    settings.attackLimit = m_attackLimit;
    settings.degradations = commaList(m_degradations);
    settings.latencyRepeats = m_latencyRepeats;
    settings.stimuli = m_stimuli;
    settings.humans = m_humans;
    settings.bootstrap = m_bootstrap;
    settings.reference = m_reference;
    settings.validate("command line");
    const auto series = core::Series::load(m_series);
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string folder = !m_out.empty() ? m_out
        : fs::is_directory(m_series, ec)      ? m_series
                                              : fs::path(m_series).parent_path().string();
    const std::string out = (fs::path(folder.empty() ? "." : folder) / "atlas.csv").string();
    requireWritable(out);

    JobProgress<core::MeasureObserver> progress(m_global->quiet, "measure");
    const auto table = core::SeriesMeasure::run(series, settings, progress, stop);
    if (!table.rows.empty())
        table.writeFile(out);
    const bool cancelled = stop.stop_requested();
    progress.onFinished(cancelled ? core::JobStatus::Cancelled : core::JobStatus::Completed,
                        std::to_string(table.rows.size()) + " of "
                            + std::to_string(series.members.size()) + " members");
    std::printf("%-36s %9s %12s %8s %8s %8s\n", "member", "sparsity", "conv_macs", "clean", "corr",
                "corr_ce");
    for (const auto &row : table.rows)
        std::printf("%-36s %9s %12s %8s %8s %8s\n", row.member.c_str(),
                    numberCell(row.value("element_sparsity"), "%.4f").c_str(),
                    numberCell(row.value("conv_macs_kept"), "%.0f").c_str(),
                    numberCell(row.value("clean_accuracy"), "%.4f").c_str(),
                    numberCell(row.value("corruption_mean"), "%.4f").c_str(),
                    numberCell(row.value("corruption_ce"), "%.3f").c_str());
    if (!table.rows.empty())
        std::printf("wrote %s (%zu members)\n", out.c_str(), table.rows.size());
    return cancelled ? 130 : 0;
}

} // namespace sparsescope::cli
