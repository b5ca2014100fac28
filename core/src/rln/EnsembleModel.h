// SPDX-License-Identifier: GPL-3.0-or-later
// Private: an ensemble that averages other models' predictions.
#pragma once

#include "rln/TabularModel.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// The mean of its members' test predictions (values, or class probabilities), members fitted
/// on the same split (the paper's RLN + GBT ensemble).
class EnsembleModel : public TabularModel
{
public:
    explicit EnsembleModel(std::vector<std::string> members);
    std::optional<ModelOutput> fit(ModelContext &context) override;

private:
    std::vector<std::string> m_members;
};

} // namespace sparsescope::core
