// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsity/Regularizer.h"

namespace sparsescope::core {

/// L2 weight decay ½λ‖w‖² per layer (gradient λw, proximal w/(1+t)).
class WeightDecayL2 : public Regularizer
{
public:
    torch::Tensor norms(const std::vector<torch::Tensor> &unit) const override;
    void addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const override;
    void proximal(const std::vector<torch::Tensor> &unit, double t) const override;
    double penalty(const std::vector<torch::Tensor> &unit) const override;
};

} // namespace sparsescope::core
