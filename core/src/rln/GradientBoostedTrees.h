// SPDX-License-Identifier: GPL-3.0-or-later
// Private: gradient-boosted trees through XGBoost's C API.
#pragma once

#include "rln/TabularModel.h"

#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// An XGBoost booster (tree_method hist): squared error for regression, logistic or softprob
/// for classification. XGBoost failures become core::Error("XGBoost", its message).
class GradientBoostedTrees
{
public:
    GradientBoostedTrees(const GbtSettings &settings, TabularTask task, int numClasses,
                         std::uint64_t seed, int threads);
    ~GradientBoostedTrees();
    GradientBoostedTrees(const GradientBoostedTrees &) = delete;
    GradientBoostedTrees &operator=(const GradientBoostedTrees &) = delete;

    /// Boosts up to `rounds` rounds. With `validation` rows, stops after
    /// settings.earlyStoppingRounds rounds without a better validation loss and keeps the best
    /// round count (bestRounds()); predictions then use that many rounds. False when stopped.
    bool fit(const TabularArrays &train, const TabularArrays *validation, int rounds,
             std::stop_token stop = {});
    int bestRounds() const { return m_bestRounds; }
    /// The validation loss (RMSE or log-loss) of each boosted round.
    const std::vector<double> &validationLosses() const { return m_validationLosses; }

    /// rows × outputs: predicted values, or class probabilities (two columns when binary).
    std::vector<float> predict(const TabularArrays &data) const;
    /// Features used by at least one split.
    int featuresUsed() const;
    /// XGBoost's JSON model format.
    void save(const std::string &path) const;

private:
    GbtSettings m_settings;
    TabularTask m_task;
    int m_numClasses;
    std::uint64_t m_seed;
    int m_threads;
    void *m_booster = nullptr; ///< BoosterHandle
    int m_bestRounds = 0;
    std::vector<double> m_validationLosses;
};

} // namespace sparsescope::core
