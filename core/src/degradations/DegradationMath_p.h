// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the conventions every degradation of Geirhos et al. (2018) shares (methods.md §4.4.0).
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <algorithm>

namespace sparsescope::core::degradation {

/// The reference's mean stimulus grey: padding value of the filters, centre of high-pass images.
inline constexpr double kMeanGrey = 0.4423;

/// skimage `rgb2gray` (weights 0.2125, 0.7154, 0.0721 on the gamma-encoded values), computed as
/// numpy's OpenBLAS product does it: fma(B, 0.0721, fma(R, 0.2125, G * 0.7154)), bit-exact.
/// One-channel input is returned unchanged.
FloatImage grey(const FloatImage &image);

/// The same formula on `n` interleaved RGB pixels into `out` (n values): the building block for
/// degradations that fuse the grey conversion into their first pass.
void greyPixels(const double *rgb, double *out, std::size_t n);

/// The reference's `grayscale_contrast` on a grey plane: (1 - c) / 2 + c * g.
FloatImage contrast(FloatImage grey, double c);

inline double clip01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

inline void clip01(FloatImage &image)
{
    for (double &v : image.values)
        v = clip01(v);
}

} // namespace sparsescope::core::degradation
