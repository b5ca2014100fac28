// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Rotation.h"

#include "degradations/DegradationMath_p.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sparsescope::core {

FloatImage Rotation::apply(const FloatImage &input, const DegradationSettings &settings) const
{
    const int quarterTurns = static_cast<int>(std::lround(settings.level / 90.0)) % 4;
    if (quarterTurns == 0)
        return degradation::grey(input);
    const int h = input.height;
    const int w = input.width;
    // One pass: blocks of 8 input rows are converted to grey (into row buffers) and written
    // straight to their rotated places, a 64-byte line of 8 values at a time for the quarter
    // turns, so the output is the only image allocated. np.rot90(g, 1) is counter-clockwise:
    // out[i][j] = g[j][w - 1 - i], i.e. g[r][c] goes to out[w - 1 - c][r].
    constexpr int kBlock = 8;
    FloatImage out = quarterTurns == 2 ? FloatImage(h, w, 1) : FloatImage(w, h, 1);
    thread_local std::vector<double> rows;
    rows.resize(static_cast<std::size_t>(w) * kBlock);
    double *o = out.values.data();
    const double *g[kBlock];
    for (int r0 = 0; r0 < h; r0 += kBlock) {
        const int count = std::min(kBlock, h - r0);
        for (int t = 0; t < count; ++t) {
            const double *source = input.values.data() + std::size_t(r0 + t) * w * input.channels;
            g[t] = source;
            if (input.channels == 3) {
                double *row = rows.data() + std::size_t(t) * w;
                degradation::greyPixels(source, row, std::size_t(w));
                g[t] = row;
            }
        }
        for (int t = 0; t < count; ++t) {
            const int r = r0 + t;
            if (quarterTurns == 2) {
                double *target = o + std::size_t(h - 1 - r) * w;
                for (int c = 0; c < w; ++c)
                    target[w - 1 - c] = g[t][c];
            }
        }
        if (quarterTurns == 1) {
            for (int c = 0; c < w; ++c) {
                double *target = o + std::size_t(w - 1 - c) * h + r0;
                for (int t = 0; t < count; ++t)
                    target[t] = g[t][c];
            }
        } else if (quarterTurns == 3) {
            // np.rot90(g, 3), clockwise: out[i][j] = g[h - 1 - j][i].
            for (int c = 0; c < w; ++c) {
                double *target = o + std::size_t(c) * h + (h - 1 - r0);
                for (int t = 0; t < count; ++t)
                    target[-t] = g[t][c];
            }
        }
    }
    return out;
}

} // namespace sparsescope::core
