// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Rotation.h"

#include "degradations/DegradationMath_p.h"

#include <cmath>

namespace sparsescope::core {

FloatImage Rotation::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    const FloatImage g = degradation::grey(input);
    const int quarterTurns = static_cast<int>(std::lround(settings.level / 90.0)) % 4;
    if (quarterTurns == 0)
        return g;
    const int h = g.height;
    const int w = g.width;
    // np.rot90(g, 1) is counter-clockwise: out[i][j] = g[j][w - 1 - i].
    FloatImage out = quarterTurns == 2 ? FloatImage(h, w, 1) : FloatImage(w, h, 1);
    for (int i = 0; i < out.height; ++i)
        for (int j = 0; j < out.width; ++j) {
            if (quarterTurns == 1)
                out.at(i, j) = g.at(j, w - 1 - i);
            else if (quarterTurns == 2)
                out.at(i, j) = g.at(h - 1 - i, w - 1 - j);
            else
                out.at(i, j) = g.at(h - 1 - j, i);
        }
    return out;
}

} // namespace sparsescope::core
