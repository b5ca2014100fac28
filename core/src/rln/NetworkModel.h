// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a tabular network model (RLN, L1, L2, plain) with its strength search.
#pragma once

#include "rln/NetworkRegularizer.h"
#include "rln/TabularModel.h"

namespace sparsescope::core {

/// The tabular MLP (TabularNetwork) with a regulariser. With several candidates (the L1 / L2
/// strengths, an RLN grid) each trains on the training rows and the one with the lowest final
/// validation loss is refitted on training + validation rows; the test rows are only scored.
class NetworkModel : public TabularModel
{
public:
    explicit NetworkModel(RegularizerChoices choices);
    std::optional<ModelOutput> fit(ModelContext &context) override;

private:
    RegularizerChoices m_choices;
};

} // namespace sparsescope::core
