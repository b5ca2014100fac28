// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the gradient-boosted trees model of the tabular comparison.
#pragma once

#include "rln/TabularModel.h"

namespace sparsescope::core {

/// XGBoost (GradientBoostedTrees): the round count is chosen by early stopping on the
/// validation rows, then the trees are refitted on training + validation rows with that many
/// rounds (without validation rows: GbtSettings::rounds on all training rows).
class GbtModel : public TabularModel
{
public:
    std::optional<ModelOutput> fit(ModelContext &context) override;
};

} // namespace sparsescope::core
