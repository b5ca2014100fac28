// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// Channel-wise groups: W[:, c, :, :] (kh·kw consecutive columns of the lowered matrix);
/// input neurons of a linear layer.
class ChannelGroupLasso : public GroupLasso
{
public:
    torch::Tensor toGroups(const torch::Tensor &w) const override
    {
        return w.transpose(0, 1).reshape({w.size(1), -1});
    }
    torch::Tensor fromGroups(const torch::Tensor &g, const torch::Tensor &like) const override
    {
        auto sizes = like.sizes().vec();
        std::swap(sizes[0], sizes[1]);
        return g.reshape(sizes).transpose(0, 1);
    }
};

} // namespace sparsescope::core
