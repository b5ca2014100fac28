// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/Fgsm.h"

namespace sparsescope::core {

torch::Tensor Fgsm::perturb(ModelImpl &model, const AttackBatch &batch,
                            const AttackSettings &settings, const std::stop_token &) const
{
    const auto gradient = attack_detail::lossGradient(model, batch.inputs, batch);
    return (batch.inputs + settings.epsilon * gradient.sign()).clamp(0.0, 1.0).detach();
}

} // namespace sparsescope::core
