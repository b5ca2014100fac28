// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/LowPass.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/GaussianFilter.h"

namespace sparsescope::core {

FloatImage LowPass::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    // Reference: clip(gaussian_filter(g, s, mode='constant', cval=0.4423), 0, 1); s = 0 keeps g.
    FloatImage out
        = GaussianFilter::apply(degradation::grey(input), settings.level, degradation::kMeanGrey);
    degradation::clip01(out);
    return out;
}

} // namespace sparsescope::core
