// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsity/WeightDecayL2.h"

namespace sparsescope::core {

torch::Tensor WeightDecayL2::norms(const std::vector<torch::Tensor> &unit) const
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> all;
    for (const auto &w : unit)
        all.push_back(w.detach().norm().reshape({1}));
    return torch::cat(all);
}

void WeightDecayL2::addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const
{
    torch::NoGradGuard noGrad;
    for (const auto &w : unit) {
        auto grad = w.mutable_grad();
        if (grad.defined())
            grad.add_(w.detach(), lambda);
    }
}

void WeightDecayL2::proximal(const std::vector<torch::Tensor> &unit, double t) const
{
    torch::NoGradGuard noGrad;
    for (const auto &w : unit)
        w.detach().div_(1.0 + t);
}

double WeightDecayL2::penalty(const std::vector<torch::Tensor> &unit) const
{
    const auto n = norms(unit);
    return 0.5 * n.pow(2).sum().item<double>();
}

} // namespace sparsescope::core
