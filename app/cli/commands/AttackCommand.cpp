// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/AttackCommand.h"

#include "commands/JobProgress.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/FloatImage.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/AttackRegistry.h"
#include "sparsescope/core/robustness/AttackRunner.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace sparsescope::cli {

namespace {

std::vector<double> parseList(const std::string &text)
{
    std::vector<double> values;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t used = 0;
        double value = 0.0;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used == 0 || used != item.size())
            throw core::Error("--eps-list", "'" + item + "' is not a number",
                              "give comma-separated numbers, e.g. 0,0.05,0.1");
        values.push_back(value);
    }
    if (values.empty())
        throw core::Error("--eps-list", "is empty");
    return values;
}

core::FloatImage toImage(const std::vector<float> &chw, int c, int h, int w,
                         const std::function<double(float)> &map)
{
    core::FloatImage image(h, w, c);
    for (int k = 0; k < c; ++k)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                image.at(y, x, k)
                    = std::clamp(map(chw[(std::size_t(k) * h + y) * w + x]), 0.0, 1.0);
    return image;
}

std::string number(double value)
{
    if (std::isnan(value))
        return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

} // namespace

void AttackCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand(
        "attack",
        "Attack a model (fgsm, bim, pgd-linf, pgd-l2, deepfool, cw-l2): per-sample CSV "
        "and adversarial accuracy per ε");
    m_app->add_option("--model", m_model, "registry name, run folder, archive or TorchScript")
        ->required();
    m_app->add_option("--data", m_data, "dataset spec, e.g. fashion-mnist:test")->required();
    m_app->add_option("--attack", m_attack, "attack name (see `sparsescope-cli attacks`)")
        ->required();
    auto *eps = m_app->add_option("--eps", m_epsilon, "budget ε (inputs in [0, 1]; default 0.1)");
    m_app->add_option("--eps-list", m_epsilonList, "comma-separated budgets, e.g. 0,0.05,0.1,0.2")
        ->excludes(eps);
    m_app->add_option("--limit", m_limit, "attack the first N samples only");
    m_app
        ->add_option("--out", m_out,
                     "CSV to write: index,label,pred_clean,pred_adv,eps,success,l2,linf,rho2")
        ->required();
    m_app->add_option("--summary", m_summary, "also write the per-ε summary as CSV");
    m_app->add_option("--save-examples", m_examplesDirectory,
                      "write original / perturbation (amplified) / adversarial PNGs here");
    m_app->add_option("--examples", m_exampleCount, "how many samples --save-examples writes")
        ->check(CLI::PositiveNumber);
    m_app->add_option("--steps", m_steps, "iterations (0: the attack's default)");
    m_app->add_option("--step-size", m_stepSize, "bim/pgd step size (0: default)");
    m_app->add_flag("--no-random-start", m_noRandomStart, "pgd: start at the clean input");
    m_app->add_option("--overshoot", m_overshoot, "deepfool overshoot (default 0.02)");
    m_app->add_option("--confidence", m_confidence, "cw-l2 confidence κ (default 0)");
    m_app->add_option("--binary-search-steps", m_binarySearchSteps, "cw-l2 (default 9)");
    m_app->add_option("--initial-const", m_initialConstant, "cw-l2 first c (default 1e-3)");
    m_app->add_option("--cw-lr", m_learningRate, "cw-l2 Adam learning rate (default 0.01)");
    m_app->add_option("--target", m_target, "none, next ((label+1) mod K) or random")
        ->check(CLI::IsMember({"none", "next", "random"}));
    m_app->add_option("--seed", m_seed, "random starts and targets");
    m_app->add_option("--batch-size", m_batchSize, "samples per batch")->check(CLI::PositiveNumber);
    m_app->add_option("--workers", m_workers, "batches attacked in parallel (0: one per thread)");
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
    m_app->add_flag("--quiet", m_quiet, "no progress");
}

int AttackCommand::run(std::stop_token stop)
{
    core::AttackJob job;
    job.attack = m_attack;
    job.settings.epsilon = m_epsilon;
    if (!m_epsilonList.empty())
        job.epsilons = parseList(m_epsilonList);
    job.settings.steps = m_steps;
    job.settings.stepSize = m_stepSize;
    job.settings.randomStart = !m_noRandomStart;
    job.settings.overshoot = m_overshoot;
    job.settings.confidence = m_confidence;
    job.settings.binarySearchSteps = m_binarySearchSteps;
    job.settings.initialConstant = m_initialConstant;
    job.settings.learningRate = m_learningRate;
    job.settings.target = m_target;
    job.settings.seed = m_seed;
    job.limit = m_limit;
    job.batchSize = m_batchSize;
    job.workers = m_workers;
    job.keepExamples = m_examplesDirectory.empty() ? 0 : m_exampleCount;
    job.validate("attack");

    const auto data = core::Dataset::fromSpec(m_data);
    const auto model = core::Model::loadFor(m_model, data);
    // Check the outputs first: a bad path should fail before minutes of work.
    for (const auto &path : {m_out, m_summary})
        if (!path.empty())
            requireWritable(path);
    if (!m_examplesDirectory.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(m_examplesDirectory, ec);
        if (ec)
            throw core::Error(m_examplesDirectory, "cannot create folder: " + ec.message());
    }

    JobProgress<core::AttackObserver> progress(m_quiet || m_global->quiet, m_attack);
    const auto report = core::AttackRunner::run(model, data, job, progress, stop);
    progress.onFinished(report.cancelled ? core::JobStatus::Cancelled : core::JobStatus::Completed,
                        "");
    report.writeCsv(m_out);
    if (!m_summary.empty())
        report.writeSummaryCsv(m_summary);
    for (const auto &e : report.examples) {
        char stem[128];
        if (std::isnan(e.epsilon))
            std::snprintf(stem, sizeof stem, "%05zu", e.index);
        else
            std::snprintf(stem, sizeof stem, "%05zu-eps%.4g", e.index, e.epsilon);
        const auto base = std::filesystem::path(m_examplesDirectory) / stem;
        float largest = 1e-12f;
        for (std::size_t i = 0; i < e.original.size(); ++i)
            largest = std::max(largest, std::abs(e.adversarial[i] - e.original[i]));
        std::vector<float> delta(e.original.size());
        for (std::size_t i = 0; i < delta.size(); ++i)
            delta[i] = e.adversarial[i] - e.original[i];
        const auto identity = [](float v) {
            return double(v);
        };
        core::ImageFile::write(base.string() + "-original.png",
                               toImage(e.original, e.channels, e.height, e.width, identity));
        core::ImageFile::write(base.string() + "-adversarial.png",
                               toImage(e.adversarial, e.channels, e.height, e.width, identity));
        // Mid-grey is zero; the largest change maps to black or white.
        core::ImageFile::write(base.string() + "-perturbation.png",
                               toImage(delta, e.channels, e.height, e.width, [largest](float v) {
                                   return 0.5 + 0.5 * double(v) / double(largest);
                               }));
    }
    std::printf("attack=%s model=%s samples=%zu seconds=%.1f\n", m_attack.c_str(), m_model.c_str(),
                report.summaries.empty() ? 0 : report.summaries.front().count, report.seconds);
    for (const auto &s : report.summaries)
        std::printf("eps=%s clean_accuracy=%.4f adversarial_accuracy=%.4f success_rate=%.4f "
                    "mean_rho2=%s median_rho2=%s\n",
                    std::isnan(s.epsilon) ? "-" : number(s.epsilon).c_str(), s.cleanAccuracy(),
                    s.adversarialAccuracy(), s.successRate(), number(s.meanRho2).c_str(),
                    number(s.medianRho2).c_str());
    return report.cancelled ? 130 : 0;
}

} // namespace sparsescope::cli
