// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace sparsescope::core {

/// The outcome of attacking one sample at one ε.
struct AttackRecord
{
    std::size_t index = 0; ///< position in the attacked dataset view
    std::int64_t label = 0;
    std::int64_t predClean = 0;
    std::int64_t predAdv = 0;
    double epsilon = std::numeric_limits<double>::quiet_NaN(); ///< NaN for minimal attacks
    /// Whether the attack reached its goal (untargeted: prediction ≠ label; targeted: = target).
    /// Samples misclassified before the attack count as successes with a zero perturbation.
    bool success = false;
    /// Norms of the final perturbation x_adv − x (NaN when the attack failed); ρ₂ = ‖r‖₂/‖x‖₂.
    double l2 = std::numeric_limits<double>::quiet_NaN();
    double linf = std::numeric_limits<double>::quiet_NaN();
    double rho2 = std::numeric_limits<double>::quiet_NaN();
};

/// Per-ε aggregate of the records (methods.md §3.3's robustness metrics).
struct AttackSummary
{
    std::string attack;
    double epsilon = std::numeric_limits<double>::quiet_NaN();
    std::size_t count = 0;
    std::size_t cleanCorrect = 0;
    std::size_t adversarialCorrect = 0;
    std::size_t fooled = 0; ///< correctly classified before, successfully attacked
    double cleanAccuracy() const { return count ? double(cleanCorrect) / double(count) : 0.0; }
    double adversarialAccuracy() const
    {
        return count ? double(adversarialCorrect) / double(count) : 0.0;
    }
    /// Fraction of the correctly classified samples that the attack fooled.
    double successRate() const
    {
        return cleanCorrect ? double(fooled) / double(cleanCorrect) : 0.0;
    }
    /// Mean and median ρ₂ over the correctly classified samples the attack fooled (NaN if none).
    double meanRho2 = std::numeric_limits<double>::quiet_NaN();
    double medianRho2 = std::numeric_limits<double>::quiet_NaN();
    double meanL2 = std::numeric_limits<double>::quiet_NaN();
};

} // namespace sparsescope::core
