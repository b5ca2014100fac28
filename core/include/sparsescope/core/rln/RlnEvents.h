// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/CsvTable.h"

#include <array>
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

/// The magnitude thresholds τ at which first-layer sparsity is counted (issue 23): τ = 0 is the
/// exact-zero count; the others follow the paper's way of counting — an edge with |w| ≤ τ is
/// removed, an input whose outgoing edges all have |w| ≤ τ is eliminated (the authors' Keras
/// arithmetic never leaves exact zeros: a capped weight keeps about 1e-17·|w|).
inline constexpr std::array<double, 4> kSparsityThresholds {0.0, 1e-4, 1e-3, 1e-2};

/// A network's first layer at one threshold τ of kSparsityThresholds.
struct SmallWeights
{
    double tau = 0.0;
    std::int64_t edges = 0; ///< first-layer weights with |w| ≤ τ
    int noiseEliminated = 0; ///< added noise inputs whose every outgoing |w| ≤ τ
    int realKept = 0; ///< the table's own inputs with some outgoing |w| > τ
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
    /// Networks: one entry per threshold of kSparsityThresholds; empty for other models.
    std::vector<SmallWeights> smallWeights;
    int noiseFeatures = -1; ///< networks: the added noise inputs (the last ones)
    int realFeatures = -1; ///< networks: the table's own inputs (the first ones)
    /// Weighted ensembles: the weight of the first member (RLN), chosen on the validation rows;
    /// NaN for other models.
    double blendWeight = kNaN;
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
