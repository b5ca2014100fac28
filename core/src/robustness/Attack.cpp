// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/Attack.h"

#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"

namespace sparsescope::core::attack_detail {

torch::Tensor logits(ModelImpl &model, const torch::Tensor &x)
{
    try {
        return model.forward(x);
    } catch (const c10::Error &e) {
        const std::string what = e.what_without_backtrace();
        throw Error(model.architecture(),
                    "cannot attack this input shape: " + what.substr(0, what.find('\n')));
    }
}

torch::Tensor lossGradient(ModelImpl &model, const torch::Tensor &x, const AttackBatch &batch)
{
    torch::AutoGradMode enable(true);
    auto input = x.detach().requires_grad_(true);
    const auto z = logits(model, input);
    // Summed (not averaged) so that the gradient of one sample does not depend on the batch size.
    const auto loss = batch.targets.defined()
        ? -torch::nn::functional::cross_entropy(
            z, batch.targets,
            torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
        : torch::nn::functional::cross_entropy(
            z, batch.labels,
            torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    return torch::autograd::grad({loss}, {input})[0];
}

torch::Tensor sampleNorms(const torch::Tensor &t)
{
    std::vector<std::int64_t> shape(t.dim(), 1);
    shape[0] = t.size(0);
    return t.reshape({t.size(0), -1}).norm(2, 1).reshape(shape);
}

} // namespace sparsescope::core::attack_detail
