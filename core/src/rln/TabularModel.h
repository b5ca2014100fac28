// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the interface of the models RlnBenchmark compares, and the data they see.
#pragma once

#include "sparsescope/core/jobs/Mailbox.h"
#include "sparsescope/core/jobs/PauseGate.h"
#include "sparsescope/core/rln/RlnConfig.h"
#include "sparsescope/core/rln/RlnObserver.h"

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Standardised rows of a table: x is rows × columns (row-major); y holds targets (regression)
/// or class indices (classification).
struct TabularArrays
{
    std::size_t rows = 0;
    std::size_t columns = 0;
    std::vector<float> x;
    std::vector<float> y;
};

/// One seed's (and fold's) data, standardised on the training rows.
struct PreparedSplit
{
    TabularTask task = TabularTask::Regression;
    int numClasses = 0; ///< classification only
    std::uint64_t seed = 0;
    int fold = 0;
    /// The table's own feature columns; the noise features follow them.
    int realFeatures = 0;
    TabularArrays train; ///< training rows without the validation rows (strength searches)
    TabularArrays validation;
    TabularArrays fit; ///< training + validation rows: what final models train on
    TabularArrays test;
    /// Prediction width: 1 for regression, numClasses for classification (probabilities).
    int outputs() const { return task == TabularTask::Regression ? 1 : numClasses; }
};

/// What a fitted model reports.
struct ModelOutput
{
    std::vector<float> testPredictions; ///< test rows × outputs()
    /// split.fit rows × outputs(): each row predicted by the model (at its chosen settings)
    /// fitted on the other folds of OutOfFold — what a weighted ensemble chooses its weight
    /// on; empty unless the context asked for them.
    std::vector<float> outOfFoldPredictions;
    std::vector<SmallWeights> smallWeights; ///< networks: per kSparsityThresholds
    double blendWeight = ModelScore::kNaN; ///< weighted ensembles
    std::int64_t edgesRemaining = -1;
    std::int64_t edgesTotal = -1;
    int featuresRemaining = -1;
    int featuresTotal = -1;
    std::string settings; ///< chosen hyper-parameters, for results.csv
    std::string detailsJson = "{}"; ///< model-specific run.json fields (searches, rounds, …)
};

/// Everything a model's fit() may use.
struct ModelContext
{
    const RlnConfig &config;
    const PreparedSplit &split;
    RlnObserver &observer;
    std::stop_token stop;
    PauseGate *pause = nullptr;
    Mailbox<RlnSettings> *rlnSettings = nullptr;
    std::string runDirectory; ///< empty: write nothing
    std::string modelName;
    /// An ensemble of this run blends this model: report outOfFoldPredictions (OutOfFold::kFolds
    /// more fits).
    bool wantOutOfFoldPredictions = false;
    /// The output of another model on the same split (ensembles), fitted on demand;
    /// nullptr when that one was cancelled.
    std::function<const ModelOutput *(const std::string &)> member;
};

/// A model of the comparison: fits on the split's training rows, predicts its test rows.
class TabularModel
{
public:
    virtual ~TabularModel() = default;
    /// nullopt when stopped through the context's stop token.
    virtual std::optional<ModelOutput> fit(ModelContext &context) = 0;
};

} // namespace sparsescope::core
