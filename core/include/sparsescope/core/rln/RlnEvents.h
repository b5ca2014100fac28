// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/CsvTable.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A network's first weight layer after an epoch, for live views: the per-weight strength and
/// weight-magnitude heatmaps (inputs × hidden units), feature importance, edges and features
/// remaining, losses.
struct RlnEpoch
{
    std::string model; ///< "rln", "l1", …; "l1 search" while a strength is searched
    std::uint64_t seed = 0;
    int fold = 0;
    int epoch = 0; ///< 1-based
    int epochs = 0;
    double trainLoss = 0.0; ///< mean data loss (MSE or cross-entropy) over the epoch's batches
    double heldOutLoss = std::numeric_limits<double>::quiet_NaN(); ///< validation or test rows
    int inputs = 0;
    int units = 0;
    /// units × inputs, row-major (row = hidden unit): RLN's log-strengths Λ; the constant
    /// log λ of L1 / L2; empty for the plain network.
    std::vector<float> logStrengths;
    std::vector<float> weightMagnitudes; ///< units × inputs: |w|
    std::vector<float> featureImportance; ///< per input: Σ over units of |w|
    std::int64_t edgesRemaining = 0; ///< non-zero first-layer weights
    std::int64_t edgesTotal = 0;
    int featuresRemaining = 0; ///< inputs with a non-zero first-layer weight
    int featuresTotal = 0;
};

/// One trained model's test result (one row of results.csv).
struct ModelScore
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::string model;
    std::uint64_t seed = 0;
    int fold = 0;
    TabularTask task = TabularTask::Regression;
    double testMse = kNaN;
    double testExplainedVariance = kNaN;
    double testAccuracy = kNaN;
    double testAuc = kNaN;
    std::int64_t edgesRemaining = -1; ///< -1: not a network
    std::int64_t edgesTotal = -1;
    int featuresRemaining = -1; ///< networks: first-layer inputs in use; trees: features split on
    int featuresTotal = -1;
    std::string settings; ///< the chosen hyper-parameters, "l1=0.1", "theta=-10 nu=1e+06", …
    double seconds = 0.0;
    std::string runDirectory; ///< empty when nothing was written
    std::vector<float> testTargets; ///< true values / class indices
    /// Regression: predicted values; classification: the predicted class index.
    std::vector<float> testPredictions;
};

enum class RlnStatus { Completed, Cancelled };

/// What RlnBenchmark::run returns.
struct RlnResult
{
    RlnStatus status = RlnStatus::Completed;
    TabularTask task = TabularTask::Regression;
    std::vector<ModelScore> scores;
    std::vector<std::string> featureNames; ///< with the noise features
    double seconds = 0.0;
};

} // namespace sparsescope::core
