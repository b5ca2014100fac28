// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/DeepFool.h"

#include <limits>

namespace sparsescope::core {

AttackSettings DeepFool::resolved(const AttackSettings &settings) const
{
    AttackSettings s = settings;
    if (s.steps <= 0)
        s.steps = 50;
    return s;
}

torch::Tensor DeepFool::perturb(ModelImpl &model, const AttackBatch &batch,
                                const AttackSettings &settings, const std::stop_token &stop) const
{
    const auto &x0 = batch.inputs;
    const auto n = x0.size(0);
    const auto original = batch.labels;
    std::vector<std::int64_t> column(x0.dim(), 1);
    column[0] = n;
    auto total = torch::zeros_like(x0);
    auto current = x0.clone();
    for (int iteration = 0; iteration < settings.steps && !stop.stop_requested(); ++iteration) {
        torch::AutoGradMode enable(true);
        auto input = current.detach().requires_grad_(true);
        const auto z = attack_detail::logits(model, input);
        const auto active = z.argmax(1).eq(original);
        if (!active.any().item<bool>())
            break;
        const auto classes = z.size(1);
        // Gradient of every logit w.r.t. the input: one backward pass per class.
        std::vector<torch::Tensor> gradients;
        gradients.reserve(classes);
        for (std::int64_t k = 0; k < classes; ++k)
            gradients.push_back(
                torch::autograd::grad({z.select(1, k).sum()}, {input}, {}, true)[0].detach());
        torch::NoGradGuard noGrad;
        const auto zd = z.detach();
        const auto all = torch::stack(gradients, 1); // N×K×C×H×W
        const auto originalGradient = all.index({torch::arange(n), original}).unsqueeze(1);
        const auto w = (all - originalGradient).reshape({n, classes, -1}); // w'_k
        const auto f = zd - zd.gather(1, original.unsqueeze(1)); // f'_k
        const auto wNorm = w.norm(2, 2);
        auto ratio = f.abs() / (wNorm + 1e-8);
        ratio.scatter_(1, original.unsqueeze(1), std::numeric_limits<float>::infinity());
        const auto closest = ratio.argmin(1);
        const auto wl = w.index({torch::arange(n), closest}); // N×D
        const auto fl = f.gather(1, closest.unsqueeze(1)).squeeze(1).abs();
        const auto nl = wNorm.gather(1, closest.unsqueeze(1)).squeeze(1);
        // |f'_l| / ‖w'_l‖² · w'_l; a tiny margin (1e-4, as foolbox) crosses exact ties.
        const auto scale = (fl + 1e-4) / (nl.pow(2) + 1e-12);
        const auto step = (wl * scale.unsqueeze(1)).reshape(x0.sizes());
        total = total + step * active.to(x0.scalar_type()).reshape(column);
        current = (x0 + (1.0 + settings.overshoot) * total).clamp(0.0, 1.0);
    }
    return current.detach();
}

} // namespace sparsescope::core
