// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "robustness/Attack.h"

namespace sparsescope::core {

/// Fast gradient sign method (Goodfellow et al. 2015), ℓ∞:
/// x_adv = clip_[0,1](x + ε·sign(∇_x CE(Z(x), y))).
class Fgsm : public Attack
{
public:
    torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                          const AttackSettings &settings,
                          const std::stop_token &stop) const override;
};

} // namespace sparsescope::core
