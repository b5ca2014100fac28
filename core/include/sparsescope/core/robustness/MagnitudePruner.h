// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sparsescope::core {

class Model;

/// Non-structured magnitude pruning (Han et al. 2015), the sparsity series of the robustness
/// study: the smallest-|w| weights of the conv and linear layers set to exactly zero (biases and
/// BatchNorm untouched). Fine-tune afterwards with freeze-zeros to keep them at zero.
class MagnitudePruner
{
public:
    /// "global": one magnitude threshold over all layers; "layer": every layer pruned to the
    /// same fraction.
    enum class Scope { Global, Layer };

    /// An independent copy of `model` with round(sparsity · weights) weights at zero (exactly
    /// that many; ties broken by position). Throws core::Error for TorchScript models and
    /// sparsity outside [0, 1).
    static Model prune(const Model &model, double sparsity, Scope scope = Scope::Global);
    /// Fraction of exactly-zero weights over the conv and linear layers.
    static double weightSparsity(const Model &model);
    static Scope scopeFromName(const std::string &name, const std::string &origin);
};

} // namespace sparsescope::core
