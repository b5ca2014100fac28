// SPDX-License-Identifier: GPL-3.0-or-later
// Private: one Trainer::run, in named steps.
#pragma once

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/jobs/Mailbox.h"
#include "sparsescope/core/jobs/PauseGate.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/sparsity/RegularizationTerm.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"
#include "sparsescope/core/training/TrainingObserver.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
} // namespace torch::optim

namespace sparsescope::core {

class ModelImpl;
class SparsityEngine;

/// One training run: prepare() reads the model, the data and a resume state and opens the run
/// folder; then every epoch runs its steps (trainEpoch), tests and saves (endEpoch); finish()
/// writes model.pt and run.json. Cancel, pause and live strength edits are checked every step.
class TrainingRun
{
public:
    TrainingRun(const TrainConfig &config, const std::string &runDirectory,
                TrainingObserver &observer, std::stop_token stop, PauseGate &pause,
                Mailbox<std::vector<RegularizationTerm>> &strengths);
    ~TrainingRun();

    TrainResult run();

private:
    /// The epoch's running sums.
    struct EpochSums
    {
        double lossSum = 0.0;
        std::int64_t correct = 0;
        std::size_t seen = 0;
        double learningRate = 0.0;
    };

    void prepare();
    /// The epochs after prepare(); run() marks run.json failed when they throw.
    TrainResult trainEpochs();
    void createModel();
    void loadTrainerState(const std::string &statePath);
    void writeRunJson(const std::string &status, const std::string &message);
    /// The epoch's steps; a result when the run ends inside them.
    std::optional<TrainResult> trainEpoch(int epoch, int firstBatch, EpochSums &sums);
    /// One step on batch b; a result when the run ends at it.
    std::optional<TrainResult> step(int epoch, int b, EpochSums &sums);
    /// Tests, saves the checkpoint and reports the epoch; a result when stopped while testing.
    std::optional<TrainResult> endEpoch(int epoch, const EpochSums &sums,
                                        std::chrono::steady_clock::time_point epochStart);
    /// The model and trainer state after `epochs` epochs and `batches` steps into the next
    /// (batches > 0: a step checkpoint, which also keeps the epoch's sums so far).
    void saveCheckpoint(const std::string &checkpoint, int epochs, int batches,
                        const EpochSums &sums);
    TrainResult finish(TrainStatus status, const std::string &message);

    const TrainConfig &m_config;
    std::string m_runDirectory;
    TrainingObserver &m_observer;
    std::stop_token m_stop;
    PauseGate &m_pause;
    Mailbox<std::vector<RegularizationTerm>> &m_strengths;

    std::chrono::steady_clock::time_point m_start;
    std::string m_started; ///< ISO time
    TrainResult m_result;
    std::string m_checkpoint; ///< to resume from
    Model m_model;
    Dataset m_train;
    Dataset m_test;
    std::optional<RunFolder> m_folder;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::unique_ptr<SparsityEngine> m_sparsity;
    std::map<std::string, std::int64_t> m_areas;
    nlohmann::json m_runJson;
    int m_startEpoch = 0;
    int m_resumeBatch = 0; ///< a step checkpoint's position inside epoch m_startEpoch + 1
    EpochSums m_resumeSums;
    double m_resumeSeconds = 0.0;
    std::optional<std::vector<RegularizationTerm>> m_resumeTerms;
    std::chrono::steady_clock::time_point m_epochStart;
    int m_batchesPerEpoch = 0;
    long m_totalSteps = 0;
    long m_stepsThisProcess = 0;
    long m_stepsDone = 0;
    unsigned long long m_appliedEdits = 0;
    double m_snapshotInterval = 0.0;
    std::chrono::steady_clock::time_point m_lastSnapshot;
    std::vector<float> m_images;
    std::vector<std::int64_t> m_labels;
    std::vector<std::size_t> m_order; ///< this epoch's sample order
};

} // namespace sparsescope::core
