// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// Filter-shape (column-wise) groups: W[:, c, y, x], one column of the lowered [N, C·kh·kw]
/// matrix; input neurons of a linear layer.
class ShapeGroupLasso : public GroupLasso
{
public:
    bool groupsColumns() const override { return true; }
    torch::Tensor toGroups(const torch::Tensor &w) const override
    {
        return w.reshape({w.size(0), -1}).t();
    }
    torch::Tensor fromGroups(const torch::Tensor &g, const torch::Tensor &like) const override
    {
        return g.t().reshape(like.sizes());
    }
};

} // namespace sparsescope::core
