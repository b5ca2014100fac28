// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <vector>

namespace sparsescope::core {

/// scipy.ndimage.gaussian_filter(g, sigma, mode='constant', cval) on a grey plane: a separable
/// kernel of radius int(4 sigma + 0.5), weights exp(-x^2 / (2 sigma^2)) normalised to sum 1,
/// applied along rows of the image (axis 0) first, then along columns (axis 1), each pass padding
/// with `cval`. Sums are formed in scipy's order ((left + right) * w, outermost tap first).
class GaussianFilter
{
public:
    /// The normalised weights w[0..radius] (w[k] applies at offsets ±k), as scipy builds them.
    static std::vector<double> weights(double sigma);
    /// Double precision, scipy's evaluation order: matches scipy to the last bit or nearly.
    static FloatImage exact(const FloatImage &grey, double sigma, double cval);
    /// Single precision with fused multiply-adds (AVX2 when the CPU has it): about 4x faster,
    /// within about 1e-6 of exact().
    static FloatImage fast(const FloatImage &grey, double sigma, double cval);
    /// The variant the degradations use.
    static FloatImage apply(const FloatImage &grey, double sigma, double cval)
    {
        return fast(grey, sigma, cval);
    }
};

} // namespace sparsescope::core
