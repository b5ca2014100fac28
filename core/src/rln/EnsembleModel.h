// SPDX-License-Identifier: GPL-3.0-or-later
// Private: an ensemble that blends other models' predictions.
#pragma once

#include "rln/TabularModel.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Blends its members' test predictions (values, or class probabilities), members fitted on
/// the same split (the paper's RLN + GBT ensemble): their mean, or — Weighted, two
/// members — w·first + (1 − w)·second with w on the grid {0, 0.01, …, 1} chosen on the
/// members' out-of-fold predictions of the training + validation rows (OutOfFold: each row
/// predicted by a fit that did not see it) by the one-standard-error rule (Hastie, Tibshirani &
/// Friedman, Elements of Statistical Learning §7.10): starting from the better member alone, the
/// first w whose mean loss is within one standard error (of the paired per-row differences) of
/// the lowest; w = 0.5 when there are no out-of-fold predictions.
class EnsembleModel : public TabularModel
{
public:
    enum class Blend { Mean, Weighted };
    EnsembleModel(std::vector<std::string> members, Blend blend);
    std::optional<ModelOutput> fit(ModelContext &context) override;

    static constexpr int kGridSteps = 100;

    /// What chooseWeight() found: the loss-minimising weight, the chosen one and their losses.
    struct WeightChoice
    {
        double minimum = 0.5;
        double chosen = 0.5;
        double lossAtMinimum = ModelScore::kNaN;
        double lossAtChosen = ModelScore::kNaN;
        double standardError = ModelScore::kNaN; ///< of the chosen w's paired difference
    };

    /// The weight of `first` in w·first + (1 − w)·second on a grid of 101 values that gives
    /// the lowest loss against `targets` (rows × outputs predictions; the lowest w on ties).
    static double bestWeight(const std::vector<float> &first, const std::vector<float> &second,
                             const std::vector<float> &targets, TabularTask task, int outputs);

    /// The one-standard-error choice described above (0.5 for both when the sizes disagree).
    static WeightChoice chooseWeight(const std::vector<float> &first,
                                     const std::vector<float> &second,
                                     const std::vector<float> &targets, TabularTask task,
                                     int outputs);

private:
    std::vector<std::string> m_members;
    Blend m_blend;
};

} // namespace sparsescope::core
