// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// Depth-wise: all weights of a unit (a layer, or every conv of a residual branch) form one
/// group. A zeroed residual branch leaves the block's identity shortcut.
class DepthGroupLasso : public Regularizer
{
public:
    bool groupsBlocks() const override { return true; }
    torch::Tensor norms(const std::vector<torch::Tensor> &unit) const override;
    void addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const override;
    void proximal(const std::vector<torch::Tensor> &unit, double t) const override;
};

} // namespace sparsescope::core
