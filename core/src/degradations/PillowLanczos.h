// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// Pillow's `Image.resize(size, Image.LANCZOS)` for 8-bit grey images (Pillow 9, Resample.c):
/// a three-lobe Lanczos filter with coefficients rounded to 22-bit fixed point, a horizontal pass
/// into an 8-bit intermediate image, then a vertical pass. The Eidolon toolbox resizes its input
/// with it, so reproducing it is the first step of reproducing the Eidolon stimuli.
class PillowLanczos
{
public:
    static std::vector<std::uint8_t> resize(const std::vector<std::uint8_t> &grey, int height,
                                            int width, int outHeight, int outWidth);
};

} // namespace sparsescope::core
