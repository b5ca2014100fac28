// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/robustness/MagnitudePruner.h"

#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"

#include <cmath>

namespace sparsescope::core {

MagnitudePruner::Scope MagnitudePruner::scopeFromName(const std::string &name,
                                                      const std::string &origin)
{
    if (name == "global")
        return Scope::Global;
    if (name == "layer")
        return Scope::Layer;
    throw Error(origin, "unknown pruning scope '" + name + "'", "use global or layer");
}

namespace {
/// Zeroes the `count` smallest-magnitude entries of the flattened weights (stable order, so
/// ties are broken by position and the result is deterministic).
void zeroSmallest(const std::vector<torch::Tensor> &weights, std::int64_t count)
{
    if (count <= 0)
        return;
    std::vector<torch::Tensor> flat;
    for (const auto &w : weights)
        flat.push_back(w.detach().abs().reshape(-1));
    const auto all = torch::cat(flat);
    const auto order = std::get<1>(all.sort(/*stable=*/true, 0, false));
    auto keep = torch::ones_like(all);
    keep.index_fill_(0, order.slice(0, 0, count), 0.0);
    std::int64_t offset = 0;
    for (const auto &w : weights) {
        const auto n = w.numel();
        w.mul_(keep.slice(0, offset, offset + n).reshape(w.sizes()));
        offset += n;
    }
}
} // namespace

Model MagnitudePruner::prune(const Model &model, double sparsity, Scope scope)
{
    if (model.isTorchScript())
        throw Error(model.architecture(), "cannot prune a TorchScript model",
                    "prune the built-in model it was exported from");
    if (!(sparsity >= 0.0 && sparsity < 1.0))
        throw Error(model.architecture(),
                    "sparsity must be in [0, 1), got " + std::to_string(sparsity));
    Model pruned = model.clone();
    torch::NoGradGuard noGrad;
    const auto layers = weightLayers(pruned.impl());
    std::vector<torch::Tensor> weights;
    std::int64_t total = 0;
    for (const auto &layer : layers) {
        weights.push_back(layer.weight);
        total += layer.weight.numel();
    }
    if (scope == Scope::Global) {
        zeroSmallest(weights, std::llround(sparsity * double(total)));
    } else {
        for (const auto &w : weights)
            zeroSmallest({w}, std::llround(sparsity * double(w.numel())));
    }
    return pruned;
}

double MagnitudePruner::weightSparsity(const Model &model)
{
    torch::NoGradGuard noGrad;
    std::int64_t zeros = 0, total = 0;
    for (const auto &layer : weightLayers(model.impl())) {
        zeros += layer.weight.eq(0).sum().item<std::int64_t>();
        total += layer.weight.numel();
    }
    return total ? double(zeros) / double(total) : 0.0;
}

} // namespace sparsescope::core
