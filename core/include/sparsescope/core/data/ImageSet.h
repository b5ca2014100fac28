// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A labelled set of 8-bit images, stored contiguously as N×C×H×W (plain values, no torch).
struct ImageSet
{
    int channels = 0;
    int height = 0;
    int width = 0;
    int numClasses = 0;
    std::vector<std::uint8_t> pixels; ///< size() * channels * height * width bytes
    std::vector<std::int64_t> labels; ///< one per image, in [0, numClasses)
    std::vector<std::string> classNames; ///< numClasses entries
    std::string source; ///< spec or path it came from

    std::size_t size() const { return labels.size(); }
    std::size_t imageBytes() const { return static_cast<std::size_t>(channels) * height * width; }
    const std::uint8_t *image(std::size_t index) const
    {
        return pixels.data() + index * imageBytes();
    }
};

} // namespace sparsescope::core
