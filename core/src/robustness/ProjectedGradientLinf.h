// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "robustness/Attack.h"

namespace sparsescope::core {

/// Iterative sign-gradient ascent projected onto the ℓ∞ ball and [0, 1]. Registered twice:
/// `bim` (Kurakin et al. 2016: no random start, α = 1/255, min(255ε+4, 1.25·255ε) steps) and
/// `pgd-linf` (Madry et al. 2018: uniform random start in the ball, 40 steps, α = 2.5ε/steps).
class ProjectedGradientLinf : public Attack
{
public:
    explicit ProjectedGradientLinf(bool basicIterative)
        : m_basicIterative(basicIterative)
    { }
    torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                          const AttackSettings &settings,
                          const std::stop_token &stop) const override;
    AttackSettings resolved(const AttackSettings &settings) const override;

private:
    bool m_basicIterative;
};

} // namespace sparsescope::core
