// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Reading and writing images for the degradation module, with the reference's conventions.
class ImageFile
{
public:
    /// Reads an 8-bit image as values / 255.0 (the reference's `imread(path) / 255.0`): grey files
    /// give one channel, colour files three (RGB). 16-bit files are scaled by 1 / 65535.
    static FloatImage read(const std::string &path);
    /// Reads a 32-bit float TIFF (one or three channels) as written by writeFloatTiff.
    static FloatImage readFloat(const std::string &path);
    /// The 8-bit values of `image` the way the reference saves stimuli:
    /// `(x * 255.0).astype('uint8')`, truncation, values clipped to [0, 255].
    static std::vector<std::uint8_t> toBytes(const FloatImage &image);
    /// `bytes` (height × width × channels, RGB) divided by 255.0.
    static FloatImage fromBytes(const std::uint8_t *bytes, int height, int width, int channels);
    /// Writes the 8-bit truncation as PNG (or any format OpenCV knows by the extension).
    static void write(const std::string &path, const FloatImage &image);
    /// Writes an uncompressed 32-bit float TIFF.
    static void writeFloatTiff(const std::string &path, const FloatImage &image);
};

} // namespace sparsescope::core
