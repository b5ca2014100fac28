// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the authors' Regularization Learning step on one weight matrix.
#pragma once

#include "sparsescope/core/rln/RlnConfig.h"

#include <cstddef>
#include <vector>

namespace sparsescope::core {

/// RLN exactly as the authors' Keras callback (methods.md §2.3), on one weight matrix, called
/// right after every optimizer step (the optimizer sees the data loss only):
///   1. ΔW = W_now − W_ref (the step the optimizer just took);
///   2. D = sign(W_now) (L1) or 2·W_now (L2);
///   3. from the second call on: Λ ← Λ − ν·ΔW⊙R_prev, then Λ ← Λ + (Θ − mean Λ);
///   4. Λ ← min(Λ, log|W_now / D|) (no cap where D = 0);
///   5. R = D⊙exp(Λ), W ← W_now − R — where the cap holds, R = W_now and W becomes exactly 0
///      (the authors' float arithmetic leaves ~1e-17·|w| there);
///   6. R_prev ← R, W_ref ← W.
/// The weights are changed in place (the optimizer keeps its parameter: methods.md §2.8); Λ,
/// W_ref and R_prev are float64 (exp(−10) steps would lose precision in float32).
class RlnUpdate
{
public:
    /// `weights` is the layer's parameter storage at the start of training (W_ref).
    RlnUpdate(const float *weights, std::size_t count, const RlnSettings &settings);

    /// One step on the parameter storage, in place.
    void apply(float *weights);

    /// New Θ, ν or norm (live edits); the next step re-centres Λ to the new Θ.
    void setSettings(const RlnSettings &settings) { m_settings = settings; }
    const RlnSettings &settings() const { return m_settings; }

    /// Λ, in the weights' layout.
    const std::vector<double> &logStrengths() const { return m_logStrengths; }
    /// The regularisation step R of the last call.
    const std::vector<double> &lastStep() const { return m_previousStep; }
    double meanLogStrength() const;
    std::size_t size() const { return m_logStrengths.size(); }

private:
    RlnSettings m_settings;
    std::vector<double> m_logStrengths;
    std::vector<double> m_reference;
    std::vector<double> m_previousStep;
    std::vector<bool> m_zeroed; ///< keepZeros: weights the cap has set to 0
    bool m_hasPrevious = false;
};

} // namespace sparsescope::core
