// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnEvents.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Mean and sample standard deviation (n − 1) of one metric over runs.
struct MetricSummary
{
    double mean = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN(); ///< NaN with fewer than two runs
    int count = 0;
};

/// One model's metrics over all its seeds and folds.
struct ModelSummary
{
    std::string model;
    int runs = 0;
    MetricSummary testMse;
    MetricSummary testExplainedVariance;
    MetricSummary testAccuracy;
    MetricSummary testAuc;
    MetricSummary edgesZeroFraction; ///< networks: exactly-zero first-layer weights / all
    MetricSummary featuresRemaining;
    /// Networks, one per threshold τ of kSparsityThresholds: first-layer weights with |w| ≤ τ
    /// (fraction of all), noise inputs eliminated (fraction of the noise inputs), real inputs
    /// kept (count); empty for other models.
    std::vector<MetricSummary> smallEdgesFraction;
    std::vector<MetricSummary> noiseEliminatedFraction;
    std::vector<MetricSummary> realKept;
    int realFeatures = -1; ///< networks: the table's own inputs
    MetricSummary blendWeight; ///< weighted ensembles: the first member's weight
};

/// Per-seed (and fold) differences of one model's test error against another's, with paired
/// two-sided tests. The error is the test MSE (regression) or 1 − accuracy (classification),
/// so a negative difference means the first model is better.
struct PairedComparison
{
    std::string model; ///< "rln", "ensemble"
    std::string against; ///< "l1"; "best of rln, gbt" (the lower error of the two per pair)
    std::string metric; ///< "test MSE" or "test error"
    std::vector<std::uint64_t> seeds; ///< per pair
    std::vector<int> folds; ///< per pair
    std::vector<double> differences; ///< model − against, per pair
    MetricSummary difference;
    int lower = 0; ///< pairs where the model's error is lower
    int higher = 0;
    double tTestP = std::numeric_limits<double>::quiet_NaN(); ///< paired t-test
    double signTestP = std::numeric_limits<double>::quiet_NaN(); ///< exact sign test
};

/// The comparison table: mean ± sd per model, in the order models first appear.
class RlnSummary
{
public:
    static std::vector<ModelSummary> summarize(const std::vector<ModelScore> &scores);
    static MetricSummary summarizeValues(const std::vector<double> &values);
    /// A fixed-width text table for terminals ("model  runs  test MSE  …").
    static std::string toText(const std::vector<ModelSummary> &summaries, TabularTask task);
    /// summary.csv: model,runs,<metric>_mean,<metric>_sd,…
    static std::string toCsv(const std::vector<ModelSummary> &summaries, TabularTask task);

    /// RLN against the L1 network, and every ensemble (TabularModelRegistry members) against
    /// the better of its members on each pair; comparisons whose models are absent are left out.
    static std::vector<PairedComparison> paired(const std::vector<ModelScore> &scores);
    /// "rln − l1 (test MSE): mean −3.2 ± 1.1 over 5 pairs, lower on 5, t-test p = 0.004, …".
    static std::string pairedText(const std::vector<PairedComparison> &comparisons);
    /// paired.csv: model,against,metric,seed,fold,difference per pair, then one summary row per
    /// comparison (seed and fold empty) with the mean difference and the two p-values.
    static std::string pairedCsv(const std::vector<PairedComparison> &comparisons);
    /// A threshold of kSparsityThresholds as column names write it: "0", "1e-4", "1e-3", …
    static std::string tauName(double tau);
    /// What each model chose per seed (and fold): "rln: seed 1 theta=-10 nu=1e+06, …".
    static std::string choicesText(const std::vector<ModelScore> &scores);
};

} // namespace sparsescope::core
