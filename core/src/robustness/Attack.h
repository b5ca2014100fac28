// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the torch side of the attacks, for core sources only.
#pragma once

#include "sparsescope/core/robustness/AttackSettings.h"

#include <torch/torch.h>

#include <memory>
#include <stop_token>
#include <string>

namespace sparsescope::core {

class ModelImpl;

/// What an attack gets for one batch: clean inputs in [0, 1] (N×C×H×W), true labels, targets
/// (undefined when untargeted), the settings with their defaults resolved, and a generator for
/// random starts that depends only on the seed and the batch (never on the thread count).
struct AttackBatch
{
    torch::Tensor inputs;
    torch::Tensor labels;
    torch::Tensor targets;
    torch::Generator generator;
};

/// An adversarial attack (methods.md §3.4). Implementations are stateless; one instance may
/// run batches on several threads at once.
class Attack
{
public:
    virtual ~Attack() = default;
    /// The adversarial inputs (same shape as batch.inputs, inside [0, 1]). The model is in eval
    /// mode; the attack must not change its parameters.
    virtual torch::Tensor perturb(ModelImpl &model, const AttackBatch &batch,
                                  const AttackSettings &settings,
                                  const std::stop_token &stop) const = 0;
    /// The settings with this attack's automatic values (0 / negative) replaced by its defaults.
    virtual AttackSettings resolved(const AttackSettings &settings) const { return settings; }

    /// Factory through the registry (AttackRegistry.cpp); throws core::Error for unknown names.
    static std::unique_ptr<Attack> create(const std::string &name);
};

namespace attack_detail {
/// Gradient of the summed cross-entropy w.r.t. the input: ascent direction for untargeted
/// attacks; for targeted ones the gradient of −CE(target), so that ascent approaches the target.
torch::Tensor lossGradient(ModelImpl &model, const torch::Tensor &x, const AttackBatch &batch);
/// Per-sample ℓ2 norm of a batch, shaped N×1×1×1 for broadcasting.
torch::Tensor sampleNorms(const torch::Tensor &t);
/// Model logits with a clear core::Error when the model rejects the input shape.
torch::Tensor logits(ModelImpl &model, const torch::Tensor &x);
} // namespace attack_detail

} // namespace sparsescope::core
