// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Greyscale.h"

#include "degradations/DegradationMath_p.h"

namespace sparsescope::core {

FloatImage Greyscale::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    const double t = settings.level;
    if (input.channels == 1 || t == 0.0)
        return t == 0.0 ? input : degradation::grey(input);
    FloatImage g = degradation::grey(input);
    if (t == 1.0)
        return g;
    FloatImage out(input.height, input.width, 3);
    for (std::size_t i = 0; i < g.values.size(); ++i)
        for (int c = 0; c < 3; ++c)
            out.values[3 * i + c] = (1.0 - t) * input.values[3 * i + c] + t * g.values[i];
    return out;
}

} // namespace sparsescope::core
