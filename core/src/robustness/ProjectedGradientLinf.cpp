// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/ProjectedGradientLinf.h"

#include <algorithm>
#include <cmath>

namespace sparsescope::core {

AttackSettings ProjectedGradientLinf::resolved(const AttackSettings &settings) const
{
    AttackSettings s = settings;
    if (m_basicIterative) {
        s.randomStart = false;
        if (s.steps <= 0) {
            // Kurakin et al.'s rule, on the 0..255 pixel scale.
            const double e = 255.0 * s.epsilon;
            s.steps = std::max(1, static_cast<int>(std::floor(std::min(e + 4.0, 1.25 * e))));
        }
        if (s.stepSize <= 0.0)
            s.stepSize = 1.0 / 255.0;
    } else {
        if (s.steps <= 0)
            s.steps = 40;
        if (s.stepSize <= 0.0)
            s.stepSize = 2.5 * s.epsilon / s.steps;
    }
    return s;
}

torch::Tensor ProjectedGradientLinf::perturb(ModelImpl &model, const AttackBatch &batch,
                                             const AttackSettings &settings,
                                             const std::stop_token &stop) const
{
    const auto &x = batch.inputs;
    const double eps = settings.epsilon;
    const auto lower = (x - eps).clamp_min(0.0);
    const auto upper = (x + eps).clamp_max(1.0);
    torch::Tensor adv = x.clone();
    if (settings.randomStart && eps > 0.0) {
        auto noise = torch::empty_like(x).uniform_(-eps, eps, batch.generator);
        adv = torch::min(torch::max(x + noise, lower), upper);
    }
    for (int step = 0; step < settings.steps && !stop.stop_requested(); ++step) {
        const auto gradient = attack_detail::lossGradient(model, adv, batch);
        torch::NoGradGuard noGrad;
        adv = torch::min(torch::max(adv + settings.stepSize * gradient.sign(), lower), upper);
    }
    return adv.detach();
}

} // namespace sparsescope::core
