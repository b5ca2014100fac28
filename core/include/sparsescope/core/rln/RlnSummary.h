// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnEvents.h"

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
};

} // namespace sparsescope::core
