// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// Element-wise L1 (non-structured): group Lasso with groups of one weight, so the subgradient is
/// sign(w) and the proximal step is soft-thresholding.
class ElementL1 : public GroupLasso
{
public:
    torch::Tensor toGroups(const torch::Tensor &w) const override { return w.reshape({-1, 1}); }
    torch::Tensor fromGroups(const torch::Tensor &g, const torch::Tensor &like) const override
    {
        return g.reshape(like.sizes());
    }
};

} // namespace sparsescope::core
