// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/HighPass.h"

#include "degradations/DegradationMath_p.h"
#include "degradations/GaussianFilter.h"
#include "degradations/PairwiseSum_p.h"

#include <cmath>

namespace sparsescope::core {

FloatImage HighPass::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    FloatImage g = degradation::grey(input);
    // sigma = inf is the unfiltered condition of the paper (plot_stimuli_levels.py).
    const double sigma = settings.level;
    if (std::isinf(sigma) || !(sigma > 1e-15))
        return g;
    // Reference: hp = g - gaussian_filter(g, s, 'constant', 0.4423); hp += 0.4423 - mean(hp).
    // The filter works on g itself (a single-channel image), so g is the only image allocated.
    const double cval = degradation::kMeanGrey;
    const GaussianFilter::Plane low = GaussianFilter::filterOffset(g, sigma, cval);
    for (int i = 0; i < g.height; ++i) {
        const float *row = low.row(i);
        double *v = g.values.data() + std::size_t(i) * g.width;
        for (int j = 0; j < g.width; ++j)
            v[j] -= static_cast<double>(row[j]) + cval;
    }
    const double mean = pairwiseSum(g.values.data(), g.values.size()) / double(g.values.size());
    const double shift = cval - mean;
    for (double &v : g.values)
        v = degradation::clip01(v + shift);
    return g;
}

} // namespace sparsescope::core
