// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/robustness/AttackRecord.h"
#include "sparsescope/core/robustness/AttackSettings.h"

#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One attack of a sweep, run on every member.
struct SweepAttack
{
    std::string attack;
    std::vector<double> epsilons; ///< empty: settings.epsilon
    AttackSettings settings;
};

/// A model given directly (e.g. SSL runs at increasing strength: the structured series).
struct SweepMember
{
    std::string name;
    std::string model;
    std::string series = "given";
};

/// Robustness against sparsity (Guo et al. 2018; methods.md §3.3): a trained model pruned by
/// magnitude to each sparsity, every member fine-tuned with its zeros frozen, then attacked.
/// Read from JSON (keys in snake_case, see fromJson).
struct SweepConfig
{
    std::string model; ///< the trained dense model the pruned series starts from (may be empty)
    std::string data = "fashion-mnist:train";
    std::string testData = "fashion-mnist:test";
    std::size_t testLimit = 1000; ///< attacked test samples
    std::vector<double> sparsities {0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99};
    std::string scope = "global"; ///< magnitude threshold: global or per layer
    int finetuneEpochs = 1;
    double finetuneLearningRate = 0.01;
    std::size_t finetuneLimit = 0; ///< fine-tune on the first N training samples (0: all)
    int batchSize = 64;
    std::vector<SweepMember> members;
    std::vector<SweepAttack> attacks;
    int attackBatchSize = 100;
    std::uint64_t seed = 1;

    void validate(const std::string &origin) const;
    std::string toJson() const;
    /// Unknown keys and wrong types are errors naming `origin`.
    static SweepConfig fromJson(const std::string &json, const std::string &origin = "config");
    static SweepConfig fromFile(const std::string &path);
};

/// One line of the sweep's table: a member under one attack at one ε.
struct SweepRow
{
    std::string member;
    std::string series; ///< "magnitude" or the member's series
    double sparsity = 0.0; ///< measured fraction of zero conv/linear weights
    double cleanAccuracy = 0.0;
    AttackSummary summary;
};

/// Progress of a running sweep (from the sweep's thread).
class SweepObserver : public JobObserver
{
public:
    // onProgress: of JobObserver::kProgressUnits over the whole sweep.
    virtual void onRow(const SweepRow &row) { (void)row; }
};

class RobustnessSweep
{
public:
    /// Writes `outDirectory`/sweep.json, one run folder per member (fine-tuning run, model.pt,
    /// attacks-<attack>.csv) and summary.csv; returns the table.
    static std::vector<SweepRow> run(const SweepConfig &config, const std::string &outDirectory,
                                     SweepObserver &observer = quietObserver<SweepObserver>(),
                                     std::stop_token stop = {});
    /// summary.csv: member,series,sparsity,clean_accuracy,attack,eps,adversarial_accuracy,
    /// success_rate,mean_rho2,median_rho2,count.
    static void writeCsv(const std::vector<SweepRow> &rows, const std::string &path);
    /// Reads a summary.csv back (the GUI opens finished sweeps); core::Error with the line
    /// number on malformed input.
    static std::vector<SweepRow> readCsv(const std::string &path);
};

} // namespace sparsescope::core
