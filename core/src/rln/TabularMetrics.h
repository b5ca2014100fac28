// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the test metrics of the tabular comparison.
#pragma once

#include <vector>

namespace sparsescope::core {

/// Regression and classification metrics as scikit-learn defines them.
class TabularMetrics
{
public:
    /// Mean of (y − ŷ)².
    static double meanSquaredError(const std::vector<float> &truth,
                                   const std::vector<float> &predicted);
    /// 1 − Var(y − ŷ) / Var(y) (sklearn.metrics.explained_variance_score).
    static double explainedVariance(const std::vector<float> &truth,
                                    const std::vector<float> &predicted);
    /// The most probable class of each row of `probabilities` (rows × classes).
    static std::vector<float> predictedClasses(const std::vector<float> &probabilities,
                                               int classes);
    static double accuracy(const std::vector<float> &classes,
                           const std::vector<float> &probabilities, int numClasses);
    /// Area under the ROC curve of `scores` for the positive labels (ties count one half);
    /// NaN when one class is absent.
    static double rocAuc(const std::vector<bool> &positive, const std::vector<float> &scores);
    /// Binary: the AUC of class 1's probability; more classes: the mean one-vs-rest AUC over the
    /// classes present (macro).
    static double auc(const std::vector<float> &classes, const std::vector<float> &probabilities,
                      int numClasses);
};

} // namespace sparsescope::core
