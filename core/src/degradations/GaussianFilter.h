// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <cstddef>
#include <vector>

namespace sparsescope::core {

/// scipy.ndimage.gaussian_filter(g, sigma, mode='constant', cval) on a grey plane: a separable
/// kernel of radius int(4 sigma + 0.5), weights exp(-x^2 / (2 sigma^2)) normalised to sum 1,
/// applied along rows of the image (axis 0) first, then along columns (axis 1), each pass padding
/// with `cval`. Sums are formed in scipy's order ((left + right) * w, outermost tap first).
class GaussianFilter
{
public:
    /// A single-precision plane owned by the calling thread (valid until its next filter call).
    struct Plane
    {
        const float *data = nullptr;
        std::ptrdiff_t stride = 0; ///< floats from one row to the next
        const float *row(int i) const { return data + i * stride; }
    };

    /// The normalised weights w[0..radius] (w[k] applies at offsets ±k), as scipy builds them.
    static std::vector<double> weights(double sigma);
    /// Double precision, scipy's evaluation order: matches scipy to the last bit or nearly.
    static FloatImage exact(const FloatImage &grey, double sigma, double cval);
    /// Single precision with fused multiply-adds (AVX2 when the CPU has it), within about 1e-6
    /// of exact(): filtered = cval + the result's value.
    ///
    /// `image` is grey or RGB (converted with degradation::grey's formula on the fly, no grey
    /// image is allocated); sigma must be above 1e-15. As the weights sum to one, filtering with
    /// padding cval is cval + the zero-padded filter of (g - cval): the plane holds the latter,
    /// and taps that reach only padding are skipped. No allocation once the thread has filtered
    /// an image of the same size and radius.
    static Plane filterOffset(const FloatImage &image, double sigma, double cval);
    /// filterOffset() + cval as a new grey image (the input when sigma is not above 1e-15).
    static FloatImage fast(const FloatImage &grey, double sigma, double cval);
    /// The variant the degradations use.
    static FloatImage apply(const FloatImage &grey, double sigma, double cval)
    {
        return fast(grey, sigma, cval);
    }
};

} // namespace sparsescope::core
