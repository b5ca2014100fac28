// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/TrainCommand.h"

#include "commands/ProgressPrinter.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/Trainer.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sparsescope::app {

void TrainCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("train",
                                  "Train a model and write a run folder (run.json, "
                                  "metrics.csv, model.pt, checkpoints/)");
    m_app->add_option("--config", m_configPath, "JSON train config; flags below override it")
        ->check(CLI::ExistingFile);
    m_app->add_option("--out", m_out, "run folder to write");
    m_app->add_option("--resume", m_resume,
                      "run folder to resume from its last checkpoint (its run.json config is used; "
                      "--out defaults to it)");
    auto &f = m_flags;
    m_overrides = {
        m_app->add_option("--model", f.model, "registry name, run folder, archive or TorchScript"),
        m_app->add_option("--data", f.data, "training data spec (see `datasets`)"),
        m_app->add_option("--test-data", f.testData, "test data spec; \"\" for none"),
        m_app->add_option("--epochs", f.epochs, "epochs")->check(CLI::PositiveNumber),
        m_app->add_option("--batch-size", f.batchSize, "batch size")->check(CLI::PositiveNumber),
        m_app->add_option("--lr", f.learningRate, "base learning rate")->check(CLI::PositiveNumber),
        m_app->add_option("--optimizer", f.optimizer, "sgd or adam")
            ->check(CLI::IsMember({"sgd", "adam"})),
        m_app->add_option("--schedule", f.schedule, "none, step or cosine")
            ->check(CLI::IsMember({"none", "step", "cosine"})),
        m_app->add_option("--seed", f.seed, "random seed"),
        m_app->add_option("--limit", f.limit, "train on the first N samples only"),
        m_app->add_option("--test-limit", f.testLimit, "test on the first N samples only"),
        m_app->add_option("--threads", f.threads, "LibTorch threads (0: all cores)"),
    };
    m_app->add_option(
        "--ssl", m_ssl,
        "structured sparsity on every layer: TYPE=STRENGTH[,TYPE=STRENGTH...] with "
        "TYPE filter, channel, shape, kernel, depth, l1 or l2 (adds to the config's)");
    m_app->add_option("--init", m_init, "start from a trained model (SSL from a baseline)");
    m_app->add_option("--update", m_update, "sparsity update: authors or proximal")
        ->check(CLI::IsMember({"authors", "proximal"}));
    m_thresholdOption = m_app->add_option("--threshold", m_threshold,
                                          "authors' update: |w| below this becomes 0 after each "
                                          "step (default 1e-4)");
    m_app->add_flag("--freeze-zeros", m_freezeZeros,
                    "fine-tune stage: weights that are zero at the start stay zero");
    m_app->add_flag("--quiet", global.quiet, "no progress output");
    // A flag given twice takes its last value, as in most command-line tools (scripts append).
    for (auto *option : m_overrides)
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

int TrainCommand::run(std::stop_token stop)
{
    core::TrainConfig config;
    std::string out = m_out;
    if (!m_resume.empty()) {
        core::RunFolder from(m_resume);
        const auto json = nlohmann::json::parse(from.readRunJson(), nullptr, false);
        if (json.is_discarded() || !json.contains("config"))
            throw core::Error(from.runJsonPath(), "malformed run.json (no config)");
        config = core::TrainConfig::fromJson(json["config"].dump(), from.runJsonPath());
        config.resumeFrom = m_resume;
        if (out.empty())
            out = m_resume;
    } else if (!m_configPath.empty()) {
        config = core::TrainConfig::fromFile(m_configPath);
    }
    // Apply the flags that were given on top of the config.
    auto given = [](CLI::Option *o) {
        return o->count() > 0;
    };
    const auto &f = m_flags;
    const auto &o = m_overrides;
    if (given(o[0]))
        config.model = f.model;
    if (given(o[1]))
        config.data = f.data;
    if (given(o[2]))
        config.testData = f.testData;
    if (given(o[3]))
        config.epochs = f.epochs;
    if (given(o[4]))
        config.batchSize = f.batchSize;
    if (given(o[5]))
        config.learningRate = f.learningRate;
    if (given(o[6]))
        config.optimizer = f.optimizer;
    if (given(o[7]))
        config.schedule = f.schedule;
    if (given(o[8]))
        config.seed = f.seed;
    if (given(o[9]))
        config.limit = f.limit;
    if (given(o[10]))
        config.testLimit = f.testLimit;
    if (given(o[11]))
        config.threads = f.threads;
    if (!m_init.empty())
        config.model = m_init;
    if (!m_ssl.empty())
        for (const auto &term : core::SparsityConfig::parseFlag(m_ssl))
            config.sparsity.terms.push_back(term);
    if (!m_update.empty())
        config.sparsity.update = m_update;
    if (m_thresholdOption->count() > 0)
        config.sparsity.threshold = m_threshold;
    if (m_freezeZeros)
        config.sparsity.freezeZeros = true;
    config.validate("command line");
    if (out.empty())
        throw core::Error("", "train needs --out DIR (the run folder to write)");
    if (m_resume.empty() && core::RunFolder::isRunFolder(out))
        throw core::Error(out, "already holds a run", "choose a new folder, or --resume it");

    ProgressPrinter printer(m_global->quiet);
    core::Trainer trainer;
    const auto result = trainer.run(config, out, printer, stop);
    if (result.status == core::TrainStatus::Failed) {
        std::fprintf(stderr, "sparsescope-cli: %s: %s\n", out.c_str(), result.message.c_str());
        return 2;
    }
    if (result.status == core::TrainStatus::Cancelled) {
        std::fprintf(stderr, "sparsescope-cli: %s: %s (model.pt holds the weights so far)\n",
                     out.c_str(), result.message.c_str());
        return 130;
    }
    const auto &last = result.epochs.back();
    std::printf("run=%s epochs=%d loss=%.4f train_accuracy=%.4f test_accuracy=%.4f sparsity=%.4f "
                "macs=%.0f dense_macs=%.0f seconds=%.1f\n",
                out.c_str(), last.epoch, last.loss, last.trainAccuracy, last.testAccuracy,
                last.sparsity, last.macs, last.denseMacs, result.seconds);
    return 0;
}

} // namespace sparsescope::app
