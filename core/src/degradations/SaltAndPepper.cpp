// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/SaltAndPepper.h"

#include "degradations/DegradationMath_p.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <algorithm>

namespace sparsescope::core {

FloatImage SaltAndPepper::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    // Reference: u = rng.uniform(size=(H, W)); g + (u >= 1 - p/2) - (u < p/2); clip.
    FloatImage out = degradation::contrast(degradation::grey(input), 0.3);
    const double p = settings.level;
    const double saltFrom = 1.0 - p / 2.0;
    const double pepperBelow = p / 2.0;
    NumpyRandom random(settings.seed);
    // One random_sample per pixel in row-major order, in chunks so that both loops vectorise.
    double u[1024];
    for (std::size_t start = 0; start < out.values.size(); start += 1024) {
        const std::size_t n = std::min<std::size_t>(1024, out.values.size() - start);
        random.fillRandomSample(u, n);
        double *v = out.values.data() + start;
        for (std::size_t i = 0; i < n; ++i) {
            const double salt = u[i] >= saltFrom ? 1.0 : 0.0;
            const double pepper = u[i] < pepperBelow ? 1.0 : 0.0;
            v[i] = degradation::clip01((v[i] + salt) - pepper);
        }
    }
    return out;
}

} // namespace sparsescope::core
