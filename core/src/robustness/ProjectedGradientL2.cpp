// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/ProjectedGradientL2.h"

#include <algorithm>
#include <vector>

namespace sparsescope::core {

AttackSettings ProjectedGradientL2::resolved(const AttackSettings &settings) const
{
    AttackSettings s = settings;
    if (s.steps <= 0)
        s.steps = 40;
    if (s.stepSize <= 0.0)
        s.stepSize = 2.5 * s.epsilon / s.steps;
    return s;
}

namespace {
/// Scales each sample's perturbation into the ε-ball (clipping to [0, 1] afterwards only
/// shortens it, so the result stays inside the ball).
torch::Tensor project(const torch::Tensor &x, const torch::Tensor &adv, double eps)
{
    const auto delta = adv - x;
    const auto norms = attack_detail::sampleNorms(delta);
    const auto factor = torch::clamp_max(eps / (norms + 1e-12), 1.0);
    return (x + delta * factor).clamp(0.0, 1.0);
}
} // namespace

torch::Tensor ProjectedGradientL2::perturb(ModelImpl &model, const AttackBatch &batch,
                                           const AttackSettings &settings,
                                           const std::stop_token &stop) const
{
    const auto &x = batch.inputs;
    const double eps = settings.epsilon;
    torch::Tensor adv = x.clone();
    if (settings.randomStart && eps > 0.0) {
        // Uniform in the ball: a Gaussian direction, radius ε·u^(1/d).
        const auto n = x.size(0);
        const double d = static_cast<double>(x.numel() / std::max<std::int64_t>(n, 1));
        auto direction = torch::empty_like(x).normal_(0.0, 1.0, batch.generator);
        direction = direction / (attack_detail::sampleNorms(direction) + 1e-12);
        auto radius = torch::empty({n}, x.options()).uniform_(0.0, 1.0, batch.generator);
        radius = radius.pow(1.0 / d).mul(eps);
        std::vector<std::int64_t> shape(x.dim(), 1);
        shape[0] = n;
        adv = project(x, x + direction * radius.reshape(shape), eps);
    }
    for (int step = 0; step < settings.steps && !stop.stop_requested(); ++step) {
        const auto gradient = attack_detail::lossGradient(model, adv, batch);
        torch::NoGradGuard noGrad;
        const auto unit = gradient / (attack_detail::sampleNorms(gradient) + 1e-12);
        adv = project(x, adv + settings.stepSize * unit, eps);
    }
    return adv.detach();
}

} // namespace sparsescope::core
