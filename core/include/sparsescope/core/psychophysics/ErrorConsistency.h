// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// Trial-by-trial agreement of two observers on the same images (Geirhos, Meding & Wichmann,
/// NeurIPS 2020; model-vs-human `ErrorConsistency`, `SixteenClassAccuracyDifference`).
struct ErrorConsistencyResult
{
    std::int64_t n = 0; ///< images both observers saw
    double accuracyA = 0.0; ///< p₁ over those images
    double accuracyB = 0.0; ///< p₂
    double observed = 0.0; ///< c_obs: fraction of images both got right or both got wrong
    double expected = 0.0; ///< c_exp = p₁p₂ + (1 − p₁)(1 − p₂)
    double kappa = 0.0; ///< (c_obs − c_exp)/(1 − c_exp); 1 when c_obs = 1
    double accuracyDifference = 0.0; ///< (p₁ − p₂)², model-vs-human's default norm
};

/// Cohen's κ on correctness ("error consistency") and its parts. Every value is NaN when the
/// observers share no image.
class ErrorConsistency
{
public:
    /// (image key, correct) per trial of each observer. Matched by key: the images both saw,
    /// each pair once (a key seen k times by one and m times by the other pairs min(k, m)
    /// times, in order of appearance).
    using Trials = std::vector<std::pair<std::int32_t, bool>>;

    static ErrorConsistencyResult compute(Trials a, Trials b);
    /// Two correctness vectors of the same images in the same order.
    static ErrorConsistencyResult fromCorrectness(const std::vector<bool> &a,
                                                  const std::vector<bool> &b);
};

} // namespace sparsescope::core
