// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

namespace sparsescope::core {

/// An image of the degradation module: height × width × channels values in [0, 1], row-major with
/// interleaved channels (RGB order for three channels). Double precision on purpose: the
/// reference implementation of Geirhos et al. (2018) computes in float64, and reproducing its
/// 8-bit truncation needs the same precision.
struct FloatImage
{
    int height = 0;
    int width = 0;
    int channels = 0; ///< 1 (grey) or 3 (RGB)
    std::vector<double> values; ///< height * width * channels

    FloatImage() = default;
    FloatImage(int h, int w, int c, double fill = 0.0)
        : height(h)
        , width(w)
        , channels(c)
        , values(static_cast<std::size_t>(h) * w * c, fill)
    { }

    bool empty() const { return values.empty(); }
    std::size_t pixelCount() const { return static_cast<std::size_t>(height) * width; }
    double &at(int row, int column, int channel = 0)
    {
        return values[(static_cast<std::size_t>(row) * width + column) * channels + channel];
    }
    double at(int row, int column, int channel = 0) const
    {
        return values[(static_cast<std::size_t>(row) * width + column) * channels + channel];
    }
};

} // namespace sparsescope::core
