// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/DegradationMath_p.h"

#include <cmath>

namespace sparsescope::core::degradation {

namespace {

template<bool HardwareFma>
inline __attribute__((always_inline)) void greyKernel(const double *rgb, double *out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        const double r = rgb[3 * i];
        const double g = rgb[3 * i + 1];
        const double b = rgb[3 * i + 2];
        if constexpr (HardwareFma)
            out[i] = __builtin_fma(b, 0.0721, __builtin_fma(r, 0.2125, g * 0.7154));
        else
            out[i] = std::fma(b, 0.0721, std::fma(r, 0.2125, g * 0.7154));
    }
}

__attribute__((target("avx2,fma"))) void greyFma(const double *rgb, double *out, std::size_t n)
{
    greyKernel<true>(rgb, out, n);
}

void greyPortable(const double *rgb, double *out, std::size_t n)
{
    // std::fma is exact everywhere (in software without FMA hardware), so both paths agree.
    greyKernel<false>(rgb, out, n);
}

} // namespace

void greyPixels(const double *rgb, double *out, std::size_t n)
{
    static const bool hasFma = __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2");
    if (hasFma)
        greyFma(rgb, out, n);
    else
        greyPortable(rgb, out, n);
}

FloatImage grey(const FloatImage &image)
{
    if (image.channels == 1)
        return image;
    FloatImage out(image.height, image.width, 1);
    greyPixels(image.values.data(), out.values.data(), image.pixelCount());
    return out;
}

FloatImage contrast(FloatImage grey, double c)
{
    // In place: the callers pass a temporary, so no second image is allocated.
    const double offset = (1.0 - c) / 2.0;
    for (double &v : grey.values)
        v = offset + c * v;
    return grey;
}

} // namespace sparsescope::core::degradation
