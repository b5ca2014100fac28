// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "robustness/Attack.h"

namespace sparsescope::core {

/// DeepFool, multi-class ℓ2 (Moosavi-Dezfooli et al. 2016), as methods.md §3.4 gives it: at each
/// iteration the closest linearised class boundary l = argmin_k |f'_k| / ‖w'_k‖₂ over every
/// other class, step r_i = |f'_l| / ‖w'_l‖₂² · w'_l, accumulate r_tot, and evaluate at
/// clip_[0,1](x0 + (1 + overshoot)·r_tot) until the prediction changes (default 50 iterations,
/// overshoot 0.02). Untargeted only; starts from the true label (the runner only attacks
/// correctly classified samples, so it equals the prediction).
class DeepFool : public Attack
{
public:
    torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                          const AttackSettings &settings,
                          const std::stop_token &stop) const override;
    AttackSettings resolved(const AttackSettings &settings) const override;
};

} // namespace sparsescope::core
