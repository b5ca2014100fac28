// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/sparsity/SparsityConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One stage of a staged run (SSL's pipeline: baseline → SSL → fine-tune): a name and the
/// config keys it changes (a JSON object); every later stage starts from the previous stage's
/// model.
struct TrainStage
{
    std::string name;
    std::string overrides; ///< JSON object of TrainConfig keys
};

/// Everything a training run needs; read from and written to JSON (run.json keeps it whole).
struct TrainConfig
{
    std::string model = "lenet5"; ///< registry name, run folder, archive or TorchScript file
    std::string data = "fashion-mnist:train";
    std::string testData = "fashion-mnist:test"; ///< empty: no test evaluation
    int epochs = 5;
    int batchSize = 64;
    std::string optimizer = "sgd"; ///< "sgd" or "adam"
    double learningRate = 0.02;
    double momentum = 0.9;
    double weightDecay = 5e-4;
    std::string schedule = "cosine"; ///< "none", "step", "cosine"
    int stepEpochs = 2; ///< step schedule: multiply by gamma every stepEpochs
    double gamma = 0.1;
    std::uint64_t seed = 1;
    std::size_t limit = 0; ///< train on the first N samples (0: all)
    std::size_t testLimit = 0; ///< test on the first N samples (0: all)
    int threads = 0; ///< LibTorch intra-op threads, 0: all cores
    bool batchNorm = true; ///< for built-ins that have it
    int evalBatchSize = 256;
    std::string resumeFrom; ///< run folder to resume (its last checkpoint)
    /// Also checkpoint every N training steps inside an epoch (0: at epoch ends only), so that a
    /// killed run of long epochs resumes close to where it stopped.
    int checkpointEvery = 0;
    SparsityConfig sparsity; ///< structured sparsity terms; empty: plain training
    /// Before the first step (not on resume), prune the starting model by magnitude to this
    /// fraction of zero conv/linear weights (MagnitudePruner; 0: none) — the non-structured
    /// series of the robustness study; pair it with freeze_zeros to keep the zeros.
    double pruneSparsity = 0.0;
    std::string pruneScope = "global"; ///< "global" or "layer"
    /// When not empty the run is staged: stage i trains the config with stage i's overrides
    /// applied ("regularization" replaces the list), starting from stage i-1's model.
    std::vector<TrainStage> stages;

    /// The config of stage `index`: this config without stages, with the stage's overrides,
    /// and — for index > 0 — `previousModel` as its model.
    TrainConfig stageConfig(std::size_t index, const std::string &previousModel) const;

    /// Throws core::Error naming `origin` when a value is out of range.
    void validate(const std::string &origin) const;
    std::string toJson() const;
    /// Missing keys keep their defaults; unknown keys and wrong types are errors naming `origin`.
    static TrainConfig fromJson(const std::string &json, const std::string &origin = "config");
    static TrainConfig fromFile(const std::string &path);
};

} // namespace sparsescope::core
