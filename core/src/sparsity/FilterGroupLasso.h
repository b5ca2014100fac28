// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// Filter-wise (row-wise) groups: W[n, :, :, :]; output neurons of a linear layer.
class FilterGroupLasso : public GroupLasso
{
public:
    torch::Tensor toGroups(const torch::Tensor &w) const override
    {
        return w.reshape({w.size(0), -1});
    }
    torch::Tensor fromGroups(const torch::Tensor &g, const torch::Tensor &like) const override
    {
        return g.reshape(like.sizes());
    }
};

} // namespace sparsescope::core
