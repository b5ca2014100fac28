// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/UniformNoise.h"

#include "degradations/DegradationMath_p.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <algorithm>

namespace sparsescope::core {

FloatImage UniformNoise::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    // Reference: g = grayscale_contrast(img, 0.3); g + rng.uniform(-w, w, size=(H, W)); clip.
    FloatImage out = degradation::contrast(degradation::grey(input), 0.3);
    const double low = -settings.level;
    const double range = settings.level - low; // numpy: high - low
    NumpyRandom random(settings.seed);
    // Row-major, one random_sample per pixel, in chunks so that both loops vectorise.
    double u[1024];
    for (std::size_t start = 0; start < out.values.size(); start += 1024) {
        const std::size_t n = std::min<std::size_t>(1024, out.values.size() - start);
        random.fillRandomSample(u, n);
        double *v = out.values.data() + start;
        for (std::size_t i = 0; i < n; ++i)
            v[i] = degradation::clip01(v[i] + (low + range * u[i]));
    }
    return out;
}

} // namespace sparsescope::core
