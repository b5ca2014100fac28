// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsity/DepthGroupLasso.h"

namespace sparsescope::core {

torch::Tensor DepthGroupLasso::norms(const std::vector<torch::Tensor> &unit) const
{
    torch::NoGradGuard noGrad;
    auto squared = torch::zeros({1}, torch::kFloat64);
    for (const auto &w : unit)
        squared += w.detach().pow(2).sum().to(torch::kFloat64);
    return squared.sqrt().to(torch::kFloat32);
}

void DepthGroupLasso::addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const
{
    torch::NoGradGuard noGrad;
    const double n = norms(unit).item<double>();
    if (n == 0)
        return;
    for (const auto &w : unit) {
        auto grad = w.mutable_grad();
        if (grad.defined())
            grad.add_(w.detach(), lambda / n);
    }
}

void DepthGroupLasso::proximal(const std::vector<torch::Tensor> &unit, double t) const
{
    torch::NoGradGuard noGrad;
    const double n = norms(unit).item<double>();
    const double scale = n > 0 ? std::max(0.0, 1.0 - t / n) : 0.0;
    for (const auto &w : unit)
        w.detach().mul_(scale);
}

} // namespace sparsescope::core
