// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/LowPass.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/GaussianFilter.h"

namespace sparsescope::core {

FloatImage LowPass::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    // Reference: clip(gaussian_filter(g, s, mode='constant', cval=0.4423), 0, 1); s = 0 keeps g.
    const double sigma = settings.level;
    if (!(sigma > 1e-15))
        return degradation::grey(input);
    const double cval = degradation::kMeanGrey;
    // The grey conversion is fused into the filter: the output is the only image allocated.
    const GaussianFilter::Plane plane = GaussianFilter::filterOffset(input, sigma, cval);
    FloatImage out(input.height, input.width, 1);
    for (int i = 0; i < out.height; ++i) {
        const float *row = plane.row(i);
        double *o = out.values.data() + std::size_t(i) * out.width;
        for (int j = 0; j < out.width; ++j)
            o[j] = degradation::clip01(static_cast<double>(row[j]) + cval);
    }
    return out;
}

} // namespace sparsescope::core
