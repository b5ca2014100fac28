// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsity/Regularizer.h"

namespace sparsescope::core {

double Regularizer::penalty(const std::vector<torch::Tensor> &unit) const
{
    return norms(unit).sum().item<double>();
}

torch::Tensor GroupLasso::norms(const std::vector<torch::Tensor> &unit) const
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> all;
    for (const auto &w : unit)
        all.push_back(toGroups(w.detach()).norm(2, {1}));
    return torch::cat(all);
}

void GroupLasso::addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const
{
    torch::NoGradGuard noGrad;
    for (const auto &w : unit) {
        auto grad = w.mutable_grad();
        if (!grad.defined())
            continue;
        const auto groups = toGroups(w.detach());
        const auto n = groups.norm(2, {1}, true);
        // "div_checkzero": the term is 0 for a group whose norm is 0.
        auto direction = (groups / n).masked_fill_(n == 0, 0);
        grad.add_(fromGroups(direction, w), lambda);
    }
}

void GroupLasso::proximal(const std::vector<torch::Tensor> &unit, double t) const
{
    torch::NoGradGuard noGrad;
    for (const auto &w : unit) {
        const auto groups = toGroups(w.detach());
        const auto n = groups.norm(2, {1}, true);
        const auto scale = (1.0 - t / n).clamp_min_(0.0).masked_fill_(n == 0, 0);
        w.detach().copy_(fromGroups(groups * scale, w));
    }
}

} // namespace sparsescope::core
