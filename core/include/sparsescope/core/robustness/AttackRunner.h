// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/robustness/AttackReport.h"
#include "sparsescope/core/robustness/AttackSettings.h"

#include <cstddef>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

class Dataset;
class Model;

/// What an attack job runs: one attack at one or more ε on (the first `limit` samples of) a
/// dataset.
struct AttackJob
{
    std::string attack = "fgsm";
    /// Budgets to attack at; empty: settings.epsilon. Ignored (one pass) for minimal attacks.
    std::vector<double> epsilons;
    AttackSettings settings;
    std::size_t limit = 0; ///< 0: the whole dataset
    int batchSize = 100;
    /// Batches attacked in parallel, each on its own thread with (threads / workers) LibTorch
    /// threads; 0: one per LibTorch thread. Results do not depend on it: batches and their
    /// random streams are fixed by batchSize and seed.
    int workers = 0;
    std::size_t keepExamples = 0; ///< keep the images of the first K samples at every ε

    /// Throws core::Error naming `origin` for unknown attacks and out-of-range values.
    void validate(const std::string &origin) const;
};

/// Receives progress and results of a running attack job (from the job's threads).
class AttackObserver : public JobObserver
{
public:
    // onProgress: samples attacked so far over all ε, of `total`.
    /// Called when every sample of one ε is done.
    virtual void onSummary(const AttackSummary &summary) { (void)summary; }
};

/// Runs attacks on any model SparseScope loads (built-in, thinned or TorchScript).
class AttackRunner
{
public:
    static AttackReport run(const Model &model, const Dataset &data, const AttackJob &job,
                            AttackObserver &observer = quietObserver<AttackObserver>(),
                            std::stop_token stop = {});
    /// One sample attacked at settings.epsilon (the GUI's ε slider).
    static AdversarialExample example(const Model &model, const Dataset &data, std::size_t index,
                                      const std::string &attack, const AttackSettings &settings);
};

} // namespace sparsescope::core
