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
    if (std::isinf(settings.level))
        return g;
    // Reference: hp = g - gaussian_filter(g, s, 'constant', 0.4423); hp += 0.4423 - mean(hp).
    const FloatImage low = GaussianFilter::apply(g, settings.level, degradation::kMeanGrey);
    for (std::size_t i = 0; i < g.values.size(); ++i)
        g.values[i] -= low.values[i];
    const double mean = pairwiseSum(g.values.data(), g.values.size()) / double(g.values.size());
    const double shift = degradation::kMeanGrey - mean;
    for (double &v : g.values)
        v = degradation::clip01(v + shift);
    return g;
}

} // namespace sparsescope::core
