// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "robustness/Attack.h"

namespace sparsescope::core {

/// Projected gradient ascent in ℓ2 (Madry et al. 2018): steps along the normalised gradient,
/// projection onto the ε-ball around x and onto [0, 1]; random start uniform in the ball;
/// defaults 40 steps, α = 2.5ε/steps.
class ProjectedGradientL2 : public Attack
{
public:
    torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                          const AttackSettings &settings,
                          const std::stop_token &stop) const override;
    AttackSettings resolved(const AttackSettings &settings) const override;
};

} // namespace sparsescope::core
