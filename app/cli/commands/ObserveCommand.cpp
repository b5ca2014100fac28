// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ObserveCommand.h"

#include "commands/CommaList.h"
#include "commands/JobProgress.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ModelObserver.h"
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace sparsescope::cli {

void ObserveCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "observe",
        "A model as an observer of the 2018 psychophysics: its decisions written as trial CSVs "
        "(the 2018 format) that humans summary reads beside the human observers");
    m_app
        ->add_option("--model", m_model,
                     "ImageNet TorchScript file (stimulus folders), or a built-in name, run "
                     "folder, thinned or saved .pt (dataset specs)")
        ->required();
    m_app
        ->add_option("--data", m_data,
                     "a stimulus folder (2018 image names, or <condition>/<category>/ folders) "
                     "or a dataset spec such as fashion-mnist:test")
        ->required();
    m_app
        ->add_option("--degradations", m_degradations,
                     "dataset specs: all, or comma-separated types (all: every type that fits "
                     "the images, Eidolon only with --include-eidolon)")
        ->capture_default_str();
    m_app->add_option("--levels", m_levels,
                      "one degradation only: comma-separated levels (default: the paper's)");
    m_app
        ->add_option("--mapping", m_mapping,
                     "stimulus folders: 1000 ImageNet classes to 16 categories by the sum (the "
                     "2018 paper) or the mean (model-vs-human) of their softmax")
        ->check(CLI::IsMember({"sum", "mean"}))
        ->capture_default_str();
    m_app->add_option("--limit", m_limit, "the first N images or samples only");
    m_app->add_option("--seed", m_seed,
                      "degradation seed (default: the reference's, 42 for the noises, else 0)");
    m_app->add_option("--spectrum", m_spectrum,
                      "mean amplitude spectrum (.npy) for power-equalisation (default: the mean "
                      "spectrum of the observed images)");
    m_app->add_option("--observer", m_observer,
                      "the observer name in the trials (default: from the model)");
    m_app->add_option("--experiment", m_experiment,
                      "stimulus folders: experiment of files without a 2018 name (default: the "
                      "folder's name)");
    m_app
        ->add_option("--input-size", m_inputSize,
                     "stimulus folders: shorter side resized, centre crop (0: as stored)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    m_app->add_option("--batch-size", m_batchSize, "evaluation batch size")
        ->check(CLI::PositiveNumber);
    m_app->add_flag("--include-eidolon", m_includeSlow,
                    "let 'all' include Eidolon I-III (about 0.5 s per image and level)");
    m_app->add_option("--out", m_out, "folder for the trial CSVs")->required();
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
    m_app->add_flag("--quiet", m_quiet, "print nothing on success");
}

int ObserveCommand::run(std::stop_token stop)
{
    namespace fs = std::filesystem;
    const auto start = std::chrono::steady_clock::now();
    const bool quiet = m_quiet || m_global->quiet;
    const bool stimuli = core::ModelObserver::isStimulusFolder(m_data);
    if (!stimuli && m_data.find(':') == std::string::npos)
        throw core::Error(m_data, "is neither a stimulus folder nor a dataset spec",
                          "give an existing folder, or a spec such as fashion-mnist:test");

    core::ObserveOptions options;
    options.observer = m_observer.empty() ? core::ModelObserver::observerName(m_model) : m_observer;
    options.limit = m_limit;
    options.batchSize = m_batchSize;
    options.threads = m_global->threads;
    options.aggregation = core::ImageNetCategories::parseAggregation(m_mapping);
    options.inputSize = m_inputSize;
    options.experiment = m_experiment;
    options.seed = m_seed;
    if (!m_spectrum.empty())
        options.spectrum = std::make_shared<const core::AmplitudeSpectrum>(
            core::AmplitudeSpectrum::load(m_spectrum));
    if (stimuli && (m_degradations != "all" || !m_levels.empty()))
        throw core::Error(m_data,
                          "is a stimulus folder; --degradations and --levels apply to dataset "
                          "specs",
                          "stimuli are observed as stored");
    if (!stimuli) {
        if (m_degradations != "all")
            options.degradations = commaList(m_degradations);
        if (!m_levels.empty()) {
            if (options.degradations.size() != 1)
                throw core::Error(m_levels, "--levels needs exactly one degradation",
                                  "e.g. --degradations uniform-noise --levels 0,0.35");
            const auto &info = core::DegradationRegistry::info(options.degradations.front());
            for (const auto &item : commaList(m_levels))
                options.levels.push_back(core::DegradationRegistry::parseLevel(info, item));
        }
    }

    // A bad output folder fails before the work.
    std::error_code error;
    fs::create_directories(m_out, error);
    if (error || !fs::is_directory(m_out))
        throw core::Error(m_out, "cannot create the output folder");

    JobProgress<core::JobObserver> progress(quiet, "observe");
    core::TrialTable trials;
    if (stimuli) {
        const auto model = core::Model::load(m_model);
        trials = core::ModelObserver::observeStimuli(model, m_data, options, progress, stop);
    } else {
        const auto data = core::Dataset::fromSpec(m_data).first(m_limit);
        if (options.degradations.empty())
            options.degradations
                = core::ModelObserver::applicableDegradations(data.channels(), m_includeSlow);
        const auto model = core::Model::loadFor(m_model, data);
        trials = core::ModelObserver::observeDegradations(model, data, options, progress, stop);
    }
    const auto files = core::TrialCsvWriter::writeExperimentFolders(trials, m_out);
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) {
        std::printf("%-20s %-10s %6s %8s\n", "experiment", "condition", "n", "accuracy");
        for (const auto &row : core::ConditionSummary::compute(trials))
            std::printf("%-20s %-10s %6lld %8.4f\n", row.experiment.c_str(), row.condition.c_str(),
                        static_cast<long long>(row.n), row.accuracy);
        std::printf("wrote %zu trial files (%zu trials, observer %s) to %s (%.1f s)\n",
                    files.size(), trials.size(), options.observer.c_str(), m_out.c_str(), seconds);
    }
    return stop.stop_requested() ? 130 : 0;
}

} // namespace sparsescope::cli
