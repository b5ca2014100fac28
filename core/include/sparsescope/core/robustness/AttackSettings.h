// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace sparsescope::core {

/// Parameters of one adversarial attack (methods.md §3.4). Inputs are in [0, 1]; every attack
/// clips to that domain. A value left at its "automatic" setting (0 or negative) takes the
/// attack's standard default, documented per field.
struct AttackSettings
{
    double epsilon
        = 0.1; ///< ℓ∞ or ℓ2 budget (fgsm, bim, pgd-linf, pgd-l2); unused by minimal attacks
    int steps = 0; ///< iterations; 0: bim min(255ε+4, 1.25·255ε), pgd 40, deepfool 50, cw 1000
    double stepSize = 0.0; ///< 0: bim 1/255, pgd 2.5·ε/steps
    bool randomStart = true; ///< pgd-linf / pgd-l2 (bim never starts randomly)
    double overshoot = 0.02; ///< deepfool
    double confidence = 0.0; ///< cw-l2: κ
    int binarySearchSteps = 9; ///< cw-l2
    double initialConstant = 1e-3; ///< cw-l2: first c of the binary search
    double learningRate = 0.01; ///< cw-l2: Adam
    /// "none" (untargeted), "next" (target = (label + 1) mod classes) or "random" (seeded, never
    /// the label). Targeted attacks: fgsm, bim, pgd-linf, pgd-l2, cw-l2.
    std::string target = "none";
    std::uint64_t seed = 1;
};

} // namespace sparsescope::core
