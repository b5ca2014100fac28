// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// 2-D kernel groups: W[n, c, :, :] (conv layers only).
class KernelGroupLasso : public GroupLasso
{
public:
    bool accepts(const torch::Tensor &w) const override { return w.dim() == 4; }
    torch::Tensor toGroups(const torch::Tensor &w) const override
    {
        return w.reshape({w.size(0) * w.size(1), -1});
    }
    torch::Tensor fromGroups(const torch::Tensor &g, const torch::Tensor &like) const override
    {
        return g.reshape(like.sizes());
    }
};

} // namespace sparsescope::core
