// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/TrainCommand.h"

#include "commands/ProgressPrinter.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/sparsity/RegularizerRegistry.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/Trainer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sparsescope::cli {

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
    // Each override flag writes into m_flags; run() copies the given ones onto the config.
    auto addOverride = [this](const char *flag, auto member, const char *help) {
        auto *option = m_app->add_option(flag, m_flags.*member, help);
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast); // scripts append flags
        m_overrides.emplace_back(
            option, [this, member](core::TrainConfig &c) { c.*member = m_flags.*member; });
        return option;
    };
    using C = core::TrainConfig;
    addOverride("--model", &C::model, "registry name, run folder, archive or TorchScript");
    addOverride("--data", &C::data, "training data spec (see `datasets`)");
    addOverride("--test-data", &C::testData, "test data spec; \"\" for none");
    addOverride("--epochs", &C::epochs, "epochs")->check(CLI::PositiveNumber);
    addOverride("--batch-size", &C::batchSize, "batch size")->check(CLI::PositiveNumber);
    addOverride("--lr", &C::learningRate, "base learning rate")->check(CLI::PositiveNumber);
    addOverride("--optimizer", &C::optimizer, "sgd or adam")->check(CLI::IsMember({"sgd", "adam"}));
    addOverride("--schedule", &C::schedule, "none, step or cosine")
        ->check(CLI::IsMember({"none", "step", "cosine"}));
    addOverride("--seed", &C::seed, "random seed");
    addOverride("--limit", &C::limit, "train on the first N samples only");
    addOverride("--test-limit", &C::testLimit, "test on the first N samples only");
    addOverride("--threads", &C::threads, "LibTorch threads (0: all cores)");
    addOverride("--checkpoint-every", &C::checkpointEvery,
                "also checkpoint every N steps inside an epoch (0: at epoch ends only)")
        ->check(CLI::NonNegativeNumber);
    m_app->add_option(
        "--ssl", m_ssl,
        "structured sparsity on every layer: TYPE=STRENGTH[,TYPE=STRENGTH...] with TYPE "
            + core::RegularizerRegistry::aliasList() + " (adds to the config's)");
    m_app->add_option("--init", m_init, "start from a trained model (SSL from a baseline)");
    m_app->add_option("--update", m_update, "sparsity update: authors or proximal")
        ->check(CLI::IsMember({"authors", "proximal"}));
    m_thresholdOption = m_app->add_option("--threshold", m_threshold,
                                          "authors' update: |w| below this becomes 0 after each "
                                          "step (default 1e-4)");
    m_app->add_flag("--freeze-zeros", m_freezeZeros,
                    "fine-tune stage: weights that are zero at the start stay zero");
    m_app->add_flag("--overwrite", m_overwrite,
                    "replace the run already in --out (its run files and stage folders)");
    m_app->add_flag("--quiet", global.quiet, "no progress output");
}

std::string TrainCommand::initModel(const std::string &model) const
{
    // --init names trained weights; a built-in name would start from random ones, and an
    // architecture other than --model's would train silently something else (issue 19).
    if (core::Model::isRegistryName(m_init))
        throw core::Error(
            "--init", "'" + m_init + "' is a built-in architecture, not a trained model",
            "give a run folder or model file; --model " + m_init + " starts from random weights");
    const bool modelGiven = std::any_of(m_overrides.begin(), m_overrides.end(), [](const auto &o) {
        return o.first->get_name() == "--model" && o.first->count() > 0;
    });
    if (!modelGiven && model == core::TrainConfig().model)
        return m_init; // no architecture asked for: the init model's own
    if (!core::Model::isRegistryName(model))
        throw core::Error("--init",
                          "give the model to start from once: --model " + model + " and --init "
                              + m_init + " are both files");
    const std::string architecture = core::Model::load(m_init).architecture();
    if (architecture != model)
        throw core::Error(m_init, "is a " + architecture + ", not the " + model + " asked for",
                          "drop --model (or the config's \"model\"), or --init a " + model);
    return m_init;
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
    for (const auto &[option, apply] : m_overrides)
        if (option->count() > 0)
            apply(config);
    if (!m_init.empty())
        config.model = initModel(config.model);
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
    if (const std::string work = core::RunFolder::workIn(out); m_resume.empty() && !work.empty()) {
        if (!m_overwrite)
            throw core::Error(out, "already holds a run (" + work + ")",
                              "choose a new folder, --resume it, or --overwrite to replace it");
        core::RunFolder::clear(out);
    }

    ProgressPrinter printer(m_global->quiet);
    core::Trainer trainer;
    const auto result = trainer.runStages(config, out, printer, stop);
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

} // namespace sparsescope::cli
