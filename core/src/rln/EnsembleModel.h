// SPDX-License-Identifier: GPL-3.0-or-later
// Private: an ensemble that blends other models' predictions.
#pragma once

#include "rln/TabularModel.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Blends its members' test predictions (values, or class probabilities), members fitted on
/// the same split (the paper's RLN + GBT ensemble): their mean, or — ValidationWeighted, two
/// members — w·first + (1 − w)·second with w ∈ {0, 0.01, …, 1} minimising the loss (MSE or
/// cross-entropy) of the members' validation predictions, which come from their fits on the
/// training rows only (the search fits); w = 0.5 when there are none.
class EnsembleModel : public TabularModel
{
public:
    enum class Blend { Mean, ValidationWeighted };
    EnsembleModel(std::vector<std::string> members, Blend blend);
    std::optional<ModelOutput> fit(ModelContext &context) override;

    /// The weight of `first` in w·first + (1 − w)·second on a grid of 101 values that gives
    /// the lowest loss against `targets` (rows × outputs predictions; the lowest w on ties).
    static double bestWeight(const std::vector<float> &first, const std::vector<float> &second,
                             const std::vector<float> &targets, TabularTask task, int outputs);

private:
    std::vector<std::string> m_members;
    Blend m_blend;
};

} // namespace sparsescope::core
