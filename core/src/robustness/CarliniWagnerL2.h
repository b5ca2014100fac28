// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "robustness/Attack.h"

namespace sparsescope::core {

/// Carlini & Wagner ℓ2 (2017): minimise ‖δ‖₂² + c·max(Z_y − max_{i≠y} Z_i, −κ) over
/// x + δ = ½(tanh(w) + 1) with Adam (lr 0.01), a per-sample binary search over c (9 steps from
/// 1e-3), κ = 0, 1000 iterations per search step with early abort; returns, per sample, the
/// successful adversarial input of smallest ℓ2 found (the clean input where none was found).
/// Targeted form: max(max_{i≠t} Z_i − Z_t, −κ).
class CarliniWagnerL2 : public Attack
{
public:
    torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                          const AttackSettings &settings,
                          const std::stop_token &stop) const override;
    AttackSettings resolved(const AttackSettings &settings) const override;
};

} // namespace sparsescope::core
